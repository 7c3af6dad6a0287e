import Reinforcement
import TensorCore
import Testing

/// The worked numbers and claims of Lesson 06 against the notes.
@Suite("Lesson06 worked numbers and claims")
struct Lesson06Tests {
    @Test("seed 000 lines 1350 and 1372: θ + αδ∇V moves V towards the target (the first slide's − moves it away)")
    func neuralTDSign() {
        // V_θ(s) = θ (∇V = 1), target 1, θ = 0, α = 0.5.
        let theta = 0.0, target = 1.0, alpha = 0.5
        let plus = theta + alpha * (target - theta), minus = theta - alpha * (target - theta)
        #expect(abs(target - plus) < abs(target - theta))
        #expect(abs(target - minus) > abs(target - theta))
        #expect(plus == 0.5 && minus == -0.5)
    }

    @Test("seed 002 lines 196–204: 1000 states, start 500, ±1…100 jumps, 10 groups of 100 consecutive states")
    func randomWalkSetup() {
        let walk = RandomWalk()
        #expect(walk.stateCount == 1000 && walk.startState == 500 && walk.maxJump == 100)
        let groups = StateAggregation()
        #expect(groups.group(of: 1) == 0 && groups.group(of: 100) == 0 && groups.group(of: 101) == 1
                && groups.group(of: 1000) == 9)
    }

    @Test("seed 002 lines 191–207 (quick run): the lesson's gradient MC with ten groups is within 0.08 RMS of the true values")
    func gradientMonteCarloRun() async throws {
        let run = try await LessonRun.quick("Lesson06")
        let error = try #require(run.number("RMS error over the 1000 states"), "\(run)")
        #expect(error <= 0.08 && error > 0, "\(error)")
        #expect(run.held("gradient MC with aggregation is within 0.08 RMS of the truth"))
        #expect(run.comparison("states per group")?.agrees == true)
    }

    @Test("seed 000 lines 1388 and 1392 (quick run): reward 1 for a win, γ = 1; the TD(λ) game on the page and TDGammonTrainer end with bit-identical parameters")
    func selfPlayUpdateOnThePage() async throws {
        let run = try await LessonRun.quick("Lesson06")
        #expect(run.comparison("reward when the first side wins")?.agrees == true, "\(run)")
        #expect(run.comparison("discount γ")?.agrees == true)
        #expect(run.held("this page's game and the library's TDGammonTrainer give bit-identical parameters after 5 games"))
        #expect(run.held("∇V from the backward pass matches central differences"))
    }

    @Test("seed 001 lines 62–80: with one-hot features and λ = 0.5 the trace after A, B, C is (0.25, 0.5, 1), so the statement is false")
    func quizTraces() {
        let result = linearTDLambdaEpisode(weights: [0.1, 0.2, 0.3], features: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
                                           rewards: [0, 0, 1], gamma: 1, lambda: 0.5, stepSize: 0.1)
        #expect(result.traces[2] == [0.25, 0.5, 1])
        #expect(result.traces[2].filter { $0 != 0 }.count == 3)
        // λ = 0 makes the statement true: only the current state's weight is eligible.
        let tdZero = linearTDLambdaEpisode(weights: [0.1, 0.2, 0.3], features: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
                                           rewards: [0, 0, 1], gamma: 1, lambda: 0, stepSize: 0.1)
        #expect(tdZero.traces.allSatisfy { $0.filter { $0 != 0 }.count == 1 })
    }

    @Test("seed 000 line 1390: Tesauro's raw input has 198 units, not 16")
    func inputSize() {
        #expect(TDGammonEncoding.encode(.start).count == 198)
        #expect(TDGammonEncoding.inputCount == 2 * (24 * 4 + 2) + 2)
    }

    @Test("seed 000 lines 1412–1417: 2-ply averages over the opponent's rolls: 21 distinct, probabilities sum to 1")
    func opponentRolls() {
        #expect(backgammonRolls.count == 21)
        #expect(backgammonRolls.filter { $0.die1 == $0.die2 }.count == 6)
        #expect(abs(backgammonRolls.reduce(0) { $0 + $1.probability } - 1) < 1e-12)
    }

    @Test("lesson section 7: distinct results of opening rolls (3-1: 16, 6-5: 7, 6-6: 11)")
    func openingCounts() {
        let generator = BackgammonMoveGenerator()
        #expect(generator.generate(.start, 3, 1) == 16)
        #expect(generator.generate(.start, 6, 5) == 7)
        #expect(generator.generate(.start, 6, 6) == 11)
    }
}
