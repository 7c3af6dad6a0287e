import Foundation
import Reinforcement
import Testing

/// Whether the long seed studies below run: only with NEURALRL_SLOW_TESTS=1, not in CI. In CI
/// the seed sweep (`.ci/sweep`, default configuration, seeds 1–3) runs the lesson's own checks of
/// the same claims (DQN reaches ≥ 475; the equal-actions estimate), and Lesson07ClaimTests.seedStudy
/// (`--seeds 1-10`) checks reaching ≥ 475 for each of seeds 1–10. (Whether double DQN's CartPole
/// estimates lie closer is a statement over seeds: Lesson07ClaimTests.compareStudy.)
private let longTestsEnabled = ProcessInfo.processInfo.environment["NEURALRL_SLOW_TESTS"] == "1"

/// The worked numbers of Lesson 07 against the notes, and the lesson's results, read from its
/// quick run (`Lesson07 --quick --no-color`, seed 42).
@Suite("Lesson07 worked numbers and claims")
struct Lesson07Tests {
    static func quickRun() async throws -> LessonRun { try await LessonRun.quick("Lesson07") }

    @Test("E[max of n unit normals]: 0 for n = 1, 1/√π for n = 2, 1.1629644736 for n = 5 (library)")
    func exactMaximum() {
        #expect(abs(MaximumOfNoisyEstimates.exactExpectation(count: 5) - 1.1629644736) < 1e-9)
        #expect(abs(MaximumOfNoisyEstimates.exactExpectation(count: 2) - 1 / Double.pi.squareRoot()) < 1e-12)
        #expect(abs(MaximumOfNoisyEstimates.exactExpectation(count: 1)) < 1e-12)
    }

    @Test("seed 000 lines 1660–1670: the lesson prints E[max of 5] = 1.163 and its Monte Carlo agrees to 0.01")
    func expectedMaximumOfFive() async throws {
        let run = try await Self.quickRun()
        let exact = try #require(run.number("E[max of 5 N(0,1)], Simpson's rule on [−12, 12]"))
        #expect(abs(exact - 1.163) < 0.0001)
        let simulated = try #require(run.number("Monte Carlo, 200000 draws"))
        #expect(abs(simulated - exact) < 0.01)
        #expect(run.held("the exact value is ≈ 1.163 and Monte Carlo agrees to 0.01"))
    }

    @Test("seed 000 lines 1601–1605: 4·84² = 28,224 inputs; the 2013 network has 677,172 parameters (the notes' 16/64/512 slip)")
    func atariNumbers() async throws {
        let run = try await Self.quickRun()
        let stateSize = try #require(run.comparison("state size 4 · 84²"))
        #expect(stateSize.computedNumber == 28_224 && stateSize.agrees)
        #expect(run.number("2013 network, total parameters (4 actions)") == 677_172)
        #expect(run.held("the total agrees with the formula"))
        #expect(run.line(containing: "filters of the two convolutional layers") != nil && run.output.contains("correct: 16 and 32"))
    }

    @Test("seed 000 lines 1589–1597: DQN beats the human on 3 of 7 games and every other method on 6 of 7")
    func atariTable() async throws {
        let run = try await Self.quickRun()
        #expect(run.held("average DQN beats the human tester on 3 of 7 games"))
        #expect(run.held("average DQN beats every other method of the table on 6 of 7 games"))
    }

    @Test("lesson claim: online Q-learning (quick, 4,000 steps) does not solve CartPole")
    func onlineQLearningFails() async throws {
        let run = try await Self.quickRun()
        let greedy = try #require(run.number("greedy policy, mean over 100 episodes"))
        #expect(greedy < 475)
        #expect(run.held("online Q-learning's final greedy policy is far from solving CartPole"))
    }

    @Test("lesson claim: consecutive transitions correlate (> 0.8), replay batches do not (< 0.05)")
    func replayDecorrelates() async throws {
        let run = try await Self.quickRun()
        let consecutive = try #require(run.number("correlation of θ between consecutive transitions"))
        let sampled = try #require(run.number("correlation of θ between neighbours in a replay batch"))
        #expect(consecutive > 0.8 && abs(sampled) < 0.05)
        #expect(run.held("consecutive transitions are strongly correlated"))
    }

    @Test("lesson claim: a soft update with τ = 0.005 shrinks ‖φ − θ‖ by 0.995²⁰⁰ over 200 updates")
    func softUpdates() async throws {
        let run = try await Self.quickRun()
        #expect(run.held("‖φ − θ‖ shrank by"))
    }

    @Test("lesson result (quick): DQN trains its whole 10,000 steps, evaluated every 1,000, and learns (best > 3 × the random policy)")
    func quickRunTrainsDQN() async throws {
        let run = try await Self.quickRun()
        let best = try #require(run.number("best greedy mean"))
        let final = try #require(run.number("greedy mean at the end of the budget"))
        let random = try #require(run.number("uniformly random policy: mean episode length"))
        #expect(best > 3 * random && final <= best)
        #expect(run.value("first checkpoint with greedy mean ≥ 475") != nil)
        #expect(run.held("in 10000 steps DQN learns"))
    }

    @Test("lesson result (quick): on equal actions both drift upward and double DQN's estimate is closer to the true 0")
    func doubleDQNIsCloser() async throws {
        let run = try await Self.quickRun()
        let header = "estimate after 3000 steps"
        let dqn = try #require(run.numbers(inRow: "DQN", inTable: header)?.last)
        let double = try #require(run.numbers(inRow: "double DQN", inTable: header)?.last)
        #expect(dqn > 0, "DQN's estimate \(dqn) should be above the true 0")
        #expect(abs(double) < abs(dqn), "double \(double) vs DQN \(dqn)")
        #expect(run.held("both drift upward, and double DQN's estimate is closer to the truth"))
    }

    @Test("lesson claim (quick): the CartPole over-estimation experiment is left to the full run, and the quick run says so instead of showing an unchecked result")
    func quickRunLeavesOutTheCartPoleComparison() async throws {
        let run = try await Self.quickRun()
        // At 20,000 steps the comparison did not hold seed by seed; the full run's 30,000 steps
        // are checked over seeds 1–5 by the slow test below.
        #expect(run.table("mean (estimate − G₀), second half") == nil)
        #expect(run.lines.joined(separator: " ").contains("--quick leaves out this experiment"), "\(run)")
        #expect(!run.held("double DQN's estimates lie closer to the returns it achieves than DQN's"))
    }

    @Test("lesson result: ε-greedy and Boltzmann both beat greedy on the 10-armed test bed")
    func explorationBeatsGreedy() async throws {
        let run = try await Self.quickRun()
        let header = "mean reward per pull"
        let greedy = try #require(run.numbers(inRow: "greedy (ε = 0)", inTable: header))
        let epsilon = try #require(run.numbers(inRow: "ε-greedy, ε = 0.1", inTable: header))
        let boltzmann = try #require(run.numbers(inRow: "Boltzmann, T = 0.2", inTable: header))
        // Columns: mean reward per pull, best arm chosen (%).
        #expect(epsilon[0] > greedy[0] + 0.2 && boltzmann[0] > greedy[0] + 0.2)
        #expect(epsilon[1] > 60 && greedy[1] < 50)
        #expect(run.held("both exploring rules beat pure greedy on the bandits"))
    }

    /// The full runs `Lesson07 --seed N` for seeds 1–5, two at a time (each run uses both cores
    /// in its DQN updates), for the long checks below.
    static func fullRuns() async throws -> [(seed: Int, run: LessonRun)] {
        var runs: [(seed: Int, run: LessonRun)] = []
        for pair in [[1, 2], [3, 4], [5]] {
            try await withThrowingTaskGroup(of: (Int, LessonRun).self) { group in
                for seed in pair {
                    group.addTask { (seed, try await LessonRun.run("Lesson07", ["--seed", "\(seed)", "--no-color"])) }
                }
                for try await result in group { runs.append(result) }
            }
        }
        return runs.sorted { $0.seed < $1.seed }
    }

    @Test("long: Lesson07 --seed N reaches a greedy mean ≥ 475 within 50,000 steps for each of the seeds 1–5 (the lesson's seed table)",
          .enabled(if: longTestsEnabled, "long: runs with NEURALRL_SLOW_TESTS=1; in CI the seed sweep runs the same check for seeds 1–3"))
    func solvesForSeedsOneToFive() async throws {
        let results = try await Self.fullRuns().map { ($0.seed, $0.run.value("first checkpoint with greedy mean ≥ 475"), $0.run) }
        let summary = results.map { "\($0.0): \($0.1 ?? "—")" }
        print("Lesson07 first checkpoint ≥ 475 per seed: \(summary)")
        for (seed, first, run) in results {
            #expect(first != nil && first != "none", "seed \(seed): \(summary)")
            #expect(run.held("DQN reaches a greedy mean ≥ 475"), "seed \(seed)")
        }
    }

    @Test("long: Lesson07 --seed N: double DQN's equal-actions estimate is closer to 0 than DQN's for seeds 1, 2, 3 (6,000 steps)",
          .enabled(if: longTestsEnabled, "long: runs with NEURALRL_SLOW_TESTS=1; in CI the seed sweep runs the same check for seeds 1–3"))
    func doubleDQNIsCloserAcrossSeeds() async throws {
        let header = "estimate after 6000 steps"
        for (seed, run) in try await Self.fullRuns() where seed <= 3 {
            let dqn = try #require(run.numbers(inRow: "DQN", inTable: header)?.last, "seed \(seed)")
            let double = try #require(run.numbers(inRow: "double DQN", inTable: header)?.last, "seed \(seed)")
            #expect(abs(double) < abs(dqn), "seed \(seed): double \(double) vs DQN \(dqn)")
        }
    }

}
