// How many CPUs this process may use, for the code that splits work over cores.

import Foundation

/// The CPUs the scheduler lets this process run on.
public enum Processors {
    /// How many CPUs this process may use, read once: on Linux the count of its affinity mask,
    /// so that a process started with `taskset -c 0` (or in a container limited to one CPU by
    /// its cpuset) counts 1 and does not split work between two threads that would share one
    /// core. Foundation's `activeProcessorCount` counts every CPU of the machine either way;
    /// it is the answer elsewhere, or if the mask cannot be read.
    public static let usable: Int = {
        #if os(Linux)
        if let getAffinity = affinityFunction("sched_getaffinity") {
            let mask = UnsafeMutableRawBufferPointer.allocate(byteCount: affinityMaskSize, alignment: 8)
            defer { mask.deallocate() }
            mask.initializeMemory(as: UInt8.self, repeating: 0)
            if getAffinity(0, affinityMaskSize, mask.baseAddress!) == 0 {
                let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
                if count > 0 { return count }
            }
        }
        #endif
        return ProcessInfo.processInfo.activeProcessorCount
    }()

    #if os(Linux)
    /// The C type of glibc's `sched_getaffinity` and `sched_setaffinity`: (thread or process id,
    /// the mask's size in bytes, the mask) → 0 on success.
    public typealias AffinityFunction = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32

    /// The bytes of glibc's `cpu_set_t`: a mask for 1,024 CPUs.
    public static let affinityMaskSize = 128

    /// `sched_getaffinity` or `sched_setaffinity`, looked up at run time: glibc declares them
    /// only with `_GNU_SOURCE`, which the Swift module of Glibc does not set.
    public static func affinityFunction(_ name: String) -> AffinityFunction? {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
        return unsafeBitCast(symbol, to: AffinityFunction.self)
    }
    #endif
}
