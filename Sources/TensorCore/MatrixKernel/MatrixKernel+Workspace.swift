// The packing workspace: one growable, 64-byte-aligned buffer per thread, reused across calls.

extension MatrixKernel {
    /// A buffer owned by one thread: the packed blocks of A and B. Reusing it means a product
    /// allocates nothing but its result once the thread has seen a product of that size.
    final class Workspace {
        private(set) var buffer: UnsafeMutablePointer<Double>
        private(set) var capacity: Int

        private init(capacity: Int) {
            self.capacity = capacity
            buffer = Workspace.allocate(capacity)
        }

        deinit { buffer.deallocate() }

        private static func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
            UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Double>.stride, alignment: 64)
                .bindMemory(to: Double.self, capacity: count)
        }

        /// The calling thread's workspace, grown to hold at least `capacity` doubles.
        /// The pointer stays valid until the same thread asks again.
        static func current(capacity: Int) -> UnsafeMutablePointer<Double> {
            let workspace: Workspace
            if let existing = pthread_getspecific(workspaceKey) {
                workspace = Unmanaged<Workspace>.fromOpaque(existing).takeUnretainedValue()
            } else {
                workspace = Workspace(capacity: Swift.max(capacity, 4096))
                // The thread's key slot owns one reference, released by the key's destructor.
                pthread_setspecific(workspaceKey, Unmanaged.passRetained(workspace).toOpaque())
            }
            if workspace.capacity < capacity {
                workspace.buffer.deallocate()
                workspace.buffer = allocate(capacity)
                workspace.capacity = capacity
            }
            return workspace.buffer
        }
    }
}

/// The thread-local slot of `MatrixKernel.Workspace`; its destructor frees the workspace of a
/// thread that exits (Dispatch retires idle worker threads).
private let workspaceKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { raw in
        let pointer: UnsafeMutableRawPointer? = raw  // optional on Glibc, not on Darwin
        if let pointer { Unmanaged<MatrixKernel.Workspace>.fromOpaque(pointer).release() }
    }
    check(status == 0, "MatrixKernel: pthread_key_create failed with \(status)")
    return key
}()
