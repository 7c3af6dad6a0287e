// The machine's practical limit (`ProcessorPeak`, in TensorCore) on one core and on all of them.

import Dispatch
import Foundation
import TensorCore

/// Iterations of `ProcessorPeak.run` per call: about a millisecond.
let peakIterations = 100_000

/// The CPUs this process may use (its affinity mask on Linux): the cores the peak is measured on.
let coreCount = Processors.usable

/// Per-thread results of the all-core loop (each thread writes its own slot).
final class Slots: @unchecked Sendable {
    let values: UnsafeMutablePointer<Double>
    init(_ count: Int) { values = .allocate(capacity: count); values.initialize(repeating: 0, count: count) }
    deinit { values.deallocate() }
}

func peakRows(plan: MeasurementPlan) -> [Row] {
    let one = measure("peak", "FMA loop, 1 core", unit: "GFLOP/s", unitsPerCall: Double(peakIterations) * ProcessorPeak.operationsPerIteration,
                      scale: 1e-9, plan: plan) { ProcessorPeak.run(iterations: peakIterations, seed: 1) }
    let slots = Slots(coreCount)
    var all = measure("peak", "FMA loop, \(coreCount) cores", unit: "GFLOP/s",
                      unitsPerCall: Double(coreCount * peakIterations) * ProcessorPeak.operationsPerIteration, scale: 1e-9, plan: plan) {
        DispatchQueue.concurrentPerform(iterations: coreCount) { i in
            slots.values[i] = ProcessorPeak.run(iterations: peakIterations, seed: Double(i))
        }
        return slots.values[0]
    }
    all.shareOfPeak = all.rate / one.rate
    var first = one
    first.shareOfPeak = 1
    return [first, all]
}

// MARK: - One core for a multi-threaded product

#if os(Linux)
/// Runs `body` with every thread of the process (Dispatch's workers included, and any thread
/// they start meanwhile, which inherits the mask) allowed on one CPU only, then restores the
/// previous masks. `matmul` still splits a large product in two, but both halves share a core:
/// this measures what the kernel does on one core. Nil if the masks cannot be changed.
func onOneCore<R>(_ body: () -> R) -> R? {
    guard let getAffinity = Processors.affinityFunction("sched_getaffinity"),
          let setAffinity = Processors.affinityFunction("sched_setaffinity") else { return nil }
    func threads() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []).compactMap { pid_t($0) }
    }
    let size = Processors.affinityMaskSize
    let original = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
    let single = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
    defer { original.deallocate(); single.deallocate() }
    original.initializeMemory(as: UInt8.self, repeating: 0)
    single.initializeMemory(as: UInt8.self, repeating: 0)
    guard getAffinity(0, size, original.baseAddress!) == 0,
          let byte = original.firstIndex(where: { $0 != 0 }) else { return nil }
    // The lowest CPU this process may use.
    single[byte] = 1 << original[byte].trailingZeroBitCount
    for thread in threads() where setAffinity(thread, size, single.baseAddress!) != 0 { return nil }
    defer { for thread in threads() { _ = setAffinity(thread, size, original.baseAddress!) } }
    return body()
}
#else
func onOneCore<R>(_ body: () -> R) -> R? { nil }
#endif
