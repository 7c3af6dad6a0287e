import Foundation
import TensorCore
import Testing

/// The two measurements behind the speed claims: the one-core peak and the thread's CPU time.
@Suite("Measuring speed")
struct ProcessorPeakTests {
    @Test("the thread's CPU clock counts neither its waiting nor another thread's work; clock() counts both threads")
    func threadClock() {
        // Another thread uses 0.2 s of its own CPU time while this one waits for it, blocked.
        // (Fixed work rather than fixed wall time, so a busy machine only makes it take longer.)
        let done = DispatchSemaphore(value: 0)
        let spinner = Thread {
            let start = ThreadCPUClock.seconds()
            var sum = 0.0
            while ThreadCPUClock.seconds() - start < 0.2 { sum += ProcessorPeak.run(iterations: 1_000, seed: 1) }
            withExtendedLifetime(sum) { _ = done.signal() }
        }
        let thread = ThreadCPUClock.seconds(), process = clock()
        spinner.start()
        done.wait()
        let ownWhileWaiting = ThreadCPUClock.seconds() - thread
        let processWhileWaiting = Double(clock() - process) / Double(CLOCKS_PER_SEC)
        #expect(ownWhileWaiting < 0.05, "\(ownWhileWaiting) s")
        #expect(processWhileWaiting >= 0.2, "the spinner's 0.2 s count for the process: \(processWhileWaiting) s")
    }

    @Test("the one-core peak is a plausible rate for a CPU core, and the loop computes a·x + y")
    func peak() {
        let rate = ProcessorPeak.measureOneCore(samples: 5)
        #expect(rate > 1e9 && rate < 1e12, "\(rate / 1e9) GFLOP/s")
        // One iteration turns each accumulator a into a · 0.999 999 9 + 10⁻⁹; six chains start at
        // seed, seed + 1, …, seed + 5, eight lanes each.
        let expected = (0..<6).reduce(0.0) { $0 + 8 * (Double($1) * 0.999_999_9 + 1e-9) }
        #expect(abs(ProcessorPeak.run(iterations: 1, seed: 0) - expected) < 1e-12)
    }

    @Test("the usable CPUs are those of the affinity mask, as the kernel lists them in /proc/self/status")
    func usableProcessors() throws {
        #expect(Processors.usable >= 1 && Processors.usable <= ProcessInfo.processInfo.activeProcessorCount)
        #if os(Linux)
        // "Cpus_allowed_list:\t0-1,4" lists CPUs 0, 1 and 4: an independent reading of the same mask.
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") })
        let ranges = line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces).split(separator: ",")
        let listed = ranges.reduce(0) { total, range in
            let ends = range.split(separator: "-").compactMap { Int($0) }
            return total + (ends.count == 2 ? ends[1] - ends[0] + 1 : 1)
        }
        #expect(Processors.usable == listed)
        #endif
    }
}
