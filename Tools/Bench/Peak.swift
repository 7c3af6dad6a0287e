// The machine's practical limit: fused multiply–adds on registers only, no memory traffic.

import Dispatch
import Foundation

/// Multiply–adds per iteration of `fmaLoop`: six SIMD8 accumulators (twelve 256-bit registers
/// with AVX2), each a·x + y, counted as 2 operations per lane.
let fmaLoopFlops = 6.0 * 8 * 2

/// Six independent chains of `SIMD8<Double>` multiply–adds. Independent accumulators hide the
/// FMA latency (4–5 cycles, two units per core), and everything stays in registers, so this is
/// the most a core can do on Doubles with the instruction set the package is built for.
@inline(never)
func fmaLoop(iterations: Int, seed: Double) -> Double {
    let x = SIMD8<Double>(repeating: 0.999_999_9), y = SIMD8<Double>(repeating: 1e-9)
    var a0 = SIMD8<Double>(repeating: seed), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3, a4 = a0 + 4, a5 = a0 + 5
    for _ in 0..<iterations {
        a0 = fused(y, a0, x); a1 = fused(y, a1, x); a2 = fused(y, a2, x)
        a3 = fused(y, a3, x); a4 = fused(y, a4, x); a5 = fused(y, a5, x)
    }
    return (a0 + a1 + a2 + a3 + a4 + a5).sum()
}

/// `accumulator + a · b`, one instruction per 256-bit half where the target has FMA.
@inline(__always)
func fused(_ accumulator: SIMD8<Double>, _ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> {
    #if TENSORCORE_FMA
    accumulator.addingProduct(a, b)
    #else
    accumulator + a * b
    #endif
}

/// Iterations of `fmaLoop` per call: about a millisecond.
let peakIterations = 100_000

/// The cores Dispatch will use.
let coreCount = ProcessInfo.processInfo.activeProcessorCount

/// Per-thread results of the all-core loop (each thread writes its own slot).
final class Slots: @unchecked Sendable {
    let values: UnsafeMutablePointer<Double>
    init(_ count: Int) { values = .allocate(capacity: count); values.initialize(repeating: 0, count: count) }
    deinit { values.deallocate() }
}

func peakRows(plan: MeasurementPlan) -> [Row] {
    let one = measure("peak", "FMA loop, 1 core", unit: "GFLOP/s", unitsPerCall: Double(peakIterations) * fmaLoopFlops,
                      scale: 1e-9, plan: plan) { fmaLoop(iterations: peakIterations, seed: 1) }
    let slots = Slots(coreCount)
    var all = measure("peak", "FMA loop, \(coreCount) cores", unit: "GFLOP/s",
                      unitsPerCall: Double(coreCount * peakIterations) * fmaLoopFlops, scale: 1e-9, plan: plan) {
        DispatchQueue.concurrentPerform(iterations: coreCount) { i in
            slots.values[i] = fmaLoop(iterations: peakIterations, seed: Double(i))
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
/// `sched_getaffinity` / `sched_setaffinity` (glibc declares them only with `_GNU_SOURCE`, which
/// the Swift module of Glibc does not set, so they are looked up at run time).
typealias AffinityFunction = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
func affinityFunction(_ name: String) -> AffinityFunction? {
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
    return unsafeBitCast(symbol, to: AffinityFunction.self)
}

/// Runs `body` with every thread of the process (Dispatch's workers included, and any thread
/// they start meanwhile, which inherits the mask) allowed on one CPU only, then restores the
/// previous masks. `matmul` still splits a large product in two, but both halves share a core:
/// this measures what the kernel does on one core. Nil if the masks cannot be changed.
func onOneCore<R>(_ body: () -> R) -> R? {
    guard let getAffinity = affinityFunction("sched_getaffinity"),
          let setAffinity = affinityFunction("sched_setaffinity") else { return nil }
    func threads() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []).compactMap { pid_t($0) }
    }
    let size = 128  // bytes of a glibc cpu_set_t: 1024 CPUs
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
