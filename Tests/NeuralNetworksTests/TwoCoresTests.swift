import Dispatch
import Testing
@testable import NeuralNetworks

/// `TwoCores.run` hands half 1 to a partner thread, or runs it on the caller when the partner is
/// late or held by another caller. Whatever happens, each half must run exactly once per call,
/// and the call must return only after both are done.
@Suite struct TwoCoresTests {
    /// Counts, per call, how many times each half ran. Each half writes only its own counters
    /// (a flat buffer, so no array is shared between the two threads); the caller reads them
    /// after `run` returns.
    private final class Tally: @unchecked Sendable {
        private let counts: UnsafeMutableBufferPointer<Int>
        init(calls: Int) { counts = .allocate(capacity: 2 * calls); counts.initialize(repeating: 0) }
        deinit { counts.deallocate() }
        func record(call: Int, half: Int) { counts[2 * call + half] += 1 }
        func runs(_ call: Int) -> [Int] { [counts[2 * call], counts[2 * call + 1]] }
        var calls: Int { counts.count / 2 }
    }

    /// Calls `run` `calls` times, with `gap` units of work between calls (so the partner is
    /// sometimes awake, sometimes asleep) and `work` units inside each half (so it is sometimes
    /// late), and checks every half ran once and its result was visible on return.
    private func runMany(calls: Int, work: Int, gap: Int) {
        let tally = Tally(calls: calls)
        var sink = 0.0
        for call in 0..<calls {
            sink += busyWork(gap)
            TwoCores.run { half in
                if busyWork(work) > 0 { tally.record(call: call, half: half) }
            }
            #expect(tally.runs(call) == [1, 1], "call \(call) ran its halves \(tally.runs(call)) times")
        }
        #expect(sink > 0)
    }

    @Test("each half runs exactly once, whether the partner is awake, asleep or late")
    func eachHalfOnce() {
        runMany(calls: 2_000, work: 0, gap: 0)
        runMany(calls: 500, work: 2_000, gap: 0)
        runMany(calls: 200, work: 200, gap: 200_000)  // ≥ 0.2 ms between calls: the partner sleeps
    }

    @Test("callers on several threads at once each get both halves run once")
    func concurrentCallers() {
        let callers = 4, calls = 300
        let tallies = (0..<callers).map { _ in Tally(calls: calls) }
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            for call in 0..<calls {
                TwoCores.run { half in if busyWork(500) > 0 { tallies[caller].record(call: call, half: half) } }
            }
        }
        for (caller, tally) in tallies.enumerated() {
            #expect((0..<tally.calls).allSatisfy { tally.runs($0) == [1, 1] }, "caller \(caller)")
        }
    }

    @Test("a call from inside a half runs, and both levels' halves run once")
    func nestedCall() {
        let inner = Tally(calls: 2), outer = Tally(calls: 1)
        TwoCores.run { half in
            TwoCores.run { innerHalf in inner.record(call: half, half: innerHalf) }
            outer.record(call: 0, half: half)
        }
        #expect(outer.runs(0) == [1, 1])
        #expect(inner.runs(0) == [1, 1] && inner.runs(1) == [1, 1])
    }
}

/// About `units` nanoseconds of arithmetic the optimizer cannot remove; always positive.
@inline(never)
private func busyWork(_ units: Int) -> Double {
    var x = 1.0
    for i in 0..<units { x = x * 1.000_000_1 + Double(i & 1) * 1e-9 }
    return x
}
