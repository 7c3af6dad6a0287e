import Foundation
import Reinforcement
import Testing

/// Whether the slow checks run: in CI, or with NEURALRL_SLOW_TESTS=1.
private let slowTestsEnabled = ProcessInfo.processInfo.environment["CI"] != nil
    || ProcessInfo.processInfo.environment["NEURALRL_SLOW_TESTS"] == "1"

/// Lesson 12's worked numbers, gradient checks and claims, read from its quick run
/// (`Lesson12 --quick --no-color`, seed 42), and the seed study behind its rate (slow).
@Suite("Lesson12 worked numbers and claims")
struct Lesson12Tests {
    static func quickRun() async throws -> LessonRun { try await LessonRun.quick("Lesson12") }

    @Test("the quick run exits 0 with every check holding, and names the notes' 4 slips (000:1704, 1705, 1710, 1751–1753)")
    func quickRunHolds() async throws {
        let run = try await Self.quickRun()
        #expect(run.status == 0, "\(run)")
        #expect(run.failedChecks.isEmpty && run.crossedLines.isEmpty, "\(run.failedChecks) \(run.crossedLines)")
        #expect(run.tally?.contains("4 slips in the notes corrected") == true, "\(run.tally ?? "no tally")")
        for citation in ["notes (000:1704): compute the max", "notes (000:1705): Q_{s_q}(s, a)", "notes (000:1710): ∇_{θ_u}",
                         "notes (000:1751–1753): end for"] {
            #expect(run.output.contains(citation), "missing slip \(citation)")
        }
        #expect(run.output.contains("▸ for episode = 1, M do"))
    }

    @Test("Pendulum-v1 by hand (lesson section 2): θ̇′ = 0.75, θ′ − π/2 = 0.0375, r = −π²/4; 0.3 and −0.004 upright; the clip to 8; worst reward −16.2736044")
    func pendulumNumbers() async throws {
        let run = try await Self.quickRun()
        let expected: [(String, Double)] = [
            ("θ̇′ from θ = π/2 at rest", 0.75), ("θ′ − π/2", 0.0375), ("r = −(π/2)²", -Double.pi * Double.pi / 4),
            ("θ̇′ upright, u = 2", 0.3), ("r upright, u = 2", -0.004), ("θ̇′ from 7.9, u = 5 (→ 2)", 8),
            ("θ′ from 0 at the limit", 0.4), ("worst reward per step", -16.2736044),
        ]
        for (label, value) in expected {
            let comparison = try #require(run.comparison(label), "no line \(label)")
            #expect(comparison.agrees && abs((comparison.computedNumber ?? .nan) - value) < 1e-6, "\(label): \(comparison)")
        }
        let holdAngle = try #require(run.number("largest angle from upright that full torque can hold (degrees)"))
        #expect(abs(holdAngle - asin(0.4) * 180 / Double.pi) < 1e-4)
    }

    @Test("the actor's chain-rule gradient, ∇ₐQ and the critic's gradient agree with central differences (< 1e-6), and the page's update is the library's bit for bit")
    func gradientsAndUpdate() async throws {
        let run = try await Self.quickRun()
        #expect(run.held("the chain rule through the critic's input gradient matches finite differences of J"))
        #expect(run.held("∇ₐQ and the critic's regression gradient match finite differences too"))
        let actionError = try #require(run.number("∇ₐQ (8 states), relative error"))
        #expect(actionError < 1e-6)
        let rows = try #require(run.table("actor parameter")).filter { $0.first?.hasPrefix("layer ") == true }
        #expect(rows.count == 6 && rows.allSatisfy { (LessonRun.leadingNumber($0.last ?? "") ?? 1) < 1e-6 }, "\(rows)")
        #expect(run.held("this page's update and the library's DDPGUpdate.step give bit-identical networks after 5 updates (DDPG and TD3)"))
    }

    @Test("Ornstein–Uhlenbeck (θ = 0.15, σ = 0.2, dt = 1): lag-1 correlation 0.85 and sd 0.3797 within 0.01")
    func noise() async throws {
        let run = try await Self.quickRun()
        let correlation = try #require(run.comparison("lag-1 correlation of OU (50000 steps)"))
        #expect(correlation.agrees && abs((correlation.computedNumber ?? 0) - 0.85) < 0.01)
        let spread = try #require(run.comparison("stationary sd σ/√(2θ − θ²)"))
        #expect(spread.agrees && abs((spread.computedNumber ?? 0) - 0.3797) < 0.01)
    }

    @Test("quick training: 5,000 steps, 5 evaluations on the 20 fixed starts; DDPG's best evaluation beats the first by more than 200; TD3 is left out and the lesson says so")
    func quickTraining() async throws {
        let run = try await Self.quickRun()
        let table = try #require(run.table("steps  evaluation"))
        #expect(table.count >= 2 && table[0].count == 8 && table[0][6] == "4000" && table[1].first == "5000", "\(table)")
        #expect(run.held("in 5000 steps DDPG learns: its best evaluation mean beats the first one by more than 200"))
        let best = try #require(run.number("best evaluation mean"))
        let zeroTorque = try #require(run.number("no torque at all"))
        #expect(best > -3_255 && best <= 0 && zeroTorque < -500)
        #expect(run.row("DDPG", inTable: "mean (estimate − G₀), second half") != nil)
        #expect(run.row("TD3", inTable: "mean (estimate − G₀), second half") == nil)
        #expect(run.output.contains("--quick leaves TD3's training run out"))
    }

    @Test("bad command lines exit 64: an unknown flag, --steps below 2000, --seeds 5-1")
    func badArguments() async throws {
        for arguments in [["--frobnicate"], ["--steps", "10"], ["--seeds", "5-1"]] {
            let run = try await LessonRun.launch("Lesson12", arguments)
            #expect(run.status == 64, "\(arguments): \(run)")
        }
    }

    @Test("slow: the lesson's seed table: `--seeds 1-5` (15,000 steps each) has 5 of 5 reaching an evaluation mean ≥ −200",
          .enabled(if: slowTestsEnabled, "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func seedStudy() async throws {
        let run = try await LessonRun.run("Lesson12", ["--seeds", "1-5", "--no-color"])
        #expect(run.status == 0)
        let line = try #require(run.value("seeds reaching an evaluation mean ≥ −200 within 15000 steps"))
        // The lesson quotes this count (and the per-seed table) as measured; if it changes, the
        // lesson's table and sentence must change with it. The issue asks for at least 4 of 5.
        #expect(line == "5 of 5", "seeds reaching ≥ −200: \(line)")
    }
}
