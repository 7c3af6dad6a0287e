// What one core can compute at most, and the CPU time of the calling thread: the two
// measurements a speed claim needs on a shared machine, where absolute rates drift.

/// The practical limit of one core: fused multiply–adds on registers only, no memory traffic.
///
/// A speed claim about this package is stated as a ratio to this rate, measured in the same
/// run (`Bench` prints both; the speed tests compare with it). An absolute rate says more about
/// the host's load that minute than about the code: on this course's shared 2-core machine the
/// peak has been measured anywhere from 42 to 62 GFLOP/s on different days.
public enum ProcessorPeak {
    /// Floating-point operations per iteration of `run(iterations:seed:)`: six `SIMD8<Double>`
    /// multiply–adds, counted as 2 operations per lane.
    public static let operationsPerIteration = 6.0 * 8 * 2

    /// Runs `iterations` rounds of six independent chains of `SIMD8<Double>` multiply–adds and
    /// returns their sum (so that the work cannot be optimised away). Independent accumulators
    /// hide the FMA latency (4–5 cycles, two units per core) and everything stays in registers,
    /// so this is the most a core can do on Doubles with the instruction set the package is
    /// built for. 100,000 iterations take about a millisecond.
    @inline(never)
    public static func run(iterations: Int, seed: Double) -> Double {
        let x = SIMD8<Double>(repeating: 0.999_999_9), y = SIMD8<Double>(repeating: 1e-9)
        var a0 = SIMD8<Double>(repeating: seed), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3, a4 = a0 + 4, a5 = a0 + 5
        for _ in 0..<iterations {
            a0 = fused(y, a0, x); a1 = fused(y, a1, x); a2 = fused(y, a2, x)
            a3 = fused(y, a3, x); a4 = fused(y, a4, x); a5 = fused(y, a5, x)
        }
        return (a0 + a1 + a2 + a3 + a4 + a5).sum()
    }

    /// The one-core rate in operations per CPU second of the calling thread: the best of
    /// `samples` runs of about a millisecond each. The best, because a sample can only be slowed
    /// (by an interrupt, or a neighbour on the same physical core), never sped up.
    public static func measureOneCore(samples: Int = 20, iterations: Int = 100_000) -> Double {
        var best = 0.0
        var sink = 0.0
        for sample in 0..<samples {
            let start = ThreadCPUClock.seconds()
            sink += run(iterations: iterations, seed: Double(sample))
            let seconds = ThreadCPUClock.seconds() - start
            if seconds > 0 { best = max(best, Double(iterations) * operationsPerIteration / seconds) }
        }
        // The loop's values stay near 1; reading the sum keeps the calls from being removed.
        return sink.isFinite ? best : 0
    }

    /// `accumulator + a · b`, one instruction per 256-bit half where the target has FMA. The
    /// matrix kernel has the same helper in its own file; each file keeps its copy because a
    /// debug build inlines only within a file, and a call per multiply–add would measure the call.
    @inline(__always)
    static func fused(_ accumulator: SIMD8<Double>, _ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> {
        #if TENSORCORE_FMA
        accumulator.addingProduct(a, b)
        #else
        accumulator + a * b
        #endif
    }
}

/// The CPU time used by the calling thread alone.
///
/// `clock()` counts every thread of the process, so while Swift Testing runs other tests in
/// parallel, a timed loop would be charged for their work too; wall time also counts the time
/// the thread waited for a core. A synchronous function body stays on one thread, so the
/// difference of two readings within it is that body's own CPU time.
public enum ThreadCPUClock {
    /// Seconds of CPU time the calling thread has used since it started.
    public static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
