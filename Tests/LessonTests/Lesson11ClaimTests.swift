import Foundation
import Testing

private let slowTestsEnabled = ProcessInfo.processInfo.environment["CI"] != nil
    || ProcessInfo.processInfo.environment["NEURALRL_SLOW_TESTS"] == "1"

/// The rate the lesson quotes: REINFORCE with a learned baseline over seeds 1–10 (the lesson's
/// `--seeds 1-10`, 200,000 steps each). Slow: it trains ten agents.
@Suite("Lesson11 seed study (the lesson binary)")
struct Lesson11ClaimTests {
    @Test("slow: `--seeds 1-10` has at least 8 of 10 seeds reaching a greedy mean ≥ 475 within 200,000 steps, the count the lesson quotes",
          .enabled(if: slowTestsEnabled, "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func seedStudy() async throws {
        let run = try await LessonRun.run("Lesson11", ["--seeds", "1-10", "--no-color"])
        let line = try #require(run.value("seeds reaching a greedy mean ≥ 475 within 200000 steps"))
        print(run.lines.suffix(16).joined(separator: "\n"))
        // The lesson quotes this count and the per-seed table; if it changes, they must change with it.
        #expect(line == "QUOTED_COUNT of 10", "\(line)")
        #expect(run.status == 0)
    }
}
