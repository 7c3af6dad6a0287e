import Foundation
import NeuralNetworks
import Reinforcement
import TensorCore
import Testing

/// Whether the slow checks run: in CI, or with NEURALRL_SLOW_TESTS=1.
private let slowTestsEnabled = ProcessInfo.processInfo.environment["CI"] != nil
    || ProcessInfo.processInfo.environment["NEURALRL_SLOW_TESTS"] == "1"

/// The worked numbers of Lesson 07 against the notes, and the lesson's results on its quick
/// configuration (seed 42, the default).
@Suite("Lesson07 worked numbers and claims")
struct Lesson07Tests {
    @Test("seed 000 lines 1660–1670: E[max of 5 unit normals] = 1.163 (integration) and Monte Carlo agrees to 0.01")
    func expectedMaximumOfFive() {
        let exact = MaximumOfNoisyEstimates.exactExpectation(count: 5)
        #expect(abs(exact - 1.1629644736) < 1e-9)
        #expect(abs(MaximumOfNoisyEstimates.exactExpectation(count: 2) - 1 / Double.pi.squareRoot()) < 1e-12)
        #expect(abs(MaximumOfNoisyEstimates.exactExpectation(count: 1)) < 1e-12)
        var generator = SeededGenerator(seed: 42 &+ 16)
        let simulated = MaximumOfNoisyEstimates.simulatedExpectation(count: 5, samples: 200_000, using: &generator)
        #expect(abs(simulated - exact) < 0.01)
    }

    @Test("seed 000 lines 1601–1604: 210×160 frames become 84×84, four stacked: 4·84² = 28,224 inputs")
    func atariStateSize() {
        #expect(4 * 84 * 84 == 28_224)
    }

    @Test("seed 000 line 1605 (slip): the 2013 network is 16 and 32 filters and 256 units, 677,172 parameters with 4 actions")
    func atariParameterCounts() {
        func conv(_ width: Int, _ channels: Int, _ filters: Int, _ size: Int, _ stride: Int) -> (Int, Int) {
            ((width - size) / stride + 1, filters * (size * size * channels + 1))
        }
        let (w1, p1) = conv(84, 4, 16, 8, 4), (w2, p2) = conv(w1, 16, 32, 4, 2)
        #expect(w1 == 20 && w2 == 9 && p1 == 4_112 && p2 == 8_224)
        var generator = SeededGenerator(seed: 0)
        let head = Sequential(layerSizes: [w2 * w2 * 32, 256, 4], using: &generator)
        #expect(head.parameterCount == 664_836)
        #expect(head.summary().contains("663,808"))
        #expect(p1 + p2 + head.parameterCount == 677_172)
        // The notes' mixture (16, 64 filters; 512 units) is nearly four times as large.
        let (_, q2) = conv(w1, 16, 64, 4, 2)
        let notesTotal = p1 + q2 + (9 * 9 * 64 * 512 + 512) + (512 * 4 + 4)
        #expect(notesTotal == 2_677_332)
        #expect(Double(notesTotal) / 677_172 > 3.9)
    }

    @Test("seed 000 lines 1589–1597: DQN beats the human on 3 of 7 games and every other method on 6 of 7")
    func atariTable() {
        let dqn: [Double] = [4092, 168, 470, 20, 1952, 1705, 581]
        let human: [Double] = [7456, 31, 368, -3, 18900, 28010, 3690]
        let others: [[Double]] = [[354, 1.2, 0, -20.4, 157, 110, 179], [996, 5.2, 129, -19, 614, 665, 271],
                                  [1743, 6, 159, -17, 960, 723, 268], [3616, 52, 106, 19, 1800, 920, 1720],
                                  [1332, 4, 91, -16, 1325, 800, 1145]]
        #expect(dqn.indices.filter { dqn[$0] > human[$0] } == [1, 2, 3])
        #expect(dqn.indices.filter { i in others.allSatisfy { dqn[i] > $0[i] } } == [0, 1, 2, 3, 4, 5])
    }

    @Test("lesson claim: online Q-learning (quick, 4,000 steps) does not solve CartPole")
    func onlineQLearningFails() {
        var agent = DQNAgent(configuration: .onlineQLearning, environment: CartPole(), seed: 42)
        agent.train(steps: 4_000)
        #expect(agent.evaluate(episodes: 100, seed: 42 &+ 7_000_000).meanReturn < 475)
    }

    @Test("lesson claim: consecutive transitions correlate (> 0.8), replay batches do not (< 0.05)")
    func replayDecorrelates() {
        var memory = ReplayMemory(capacity: 5_000, observationCount: 4)
        var cart = CartPole()
        var generator = SeededGenerator(seed: 42 &+ 13)
        var observation = cart.reset(using: &generator)
        var angles: [Double] = []
        for _ in 0..<5_000 {
            let action = generator.index(below: 2)
            let result = cart.step(action)
            memory.append(state: observation, action: action, reward: 1, nextState: result.observation, terminated: result.terminated)
            angles.append(observation[2])
            observation = result.isDone ? cart.reset(using: &generator) : result.observation
        }
        var batch = ReplayBatch(size: 5_000, observationCount: 4)
        memory.sample(into: &batch, using: &generator)
        #expect(lagOneCorrelation(angles) > 0.8)
        #expect(abs(lagOneCorrelation((0..<5_000).map { batch.states[4 * $0 + 2] })) < 0.05)
    }

    @Test("lesson result (quick, seed 42): DQN solves CartPole within 10,000 steps (greedy mean ≥ 475 over 100 episodes)")
    func quickRunSolves() {
        var agent = DQNAgent(configuration: .cartPole, environment: CartPole(), seed: 42)
        let run = agent.trainUntilSolved(maxSteps: 10_000, evaluationInterval: 1_000, evaluationEpisodes: 100,
                                         threshold: 475, evaluationSeed: 42 &+ 1_000_000)
        #expect(run.solvedAtStep != nil)
        #expect((run.checkpoints.last?.evaluationReturn ?? 0) >= 475)
    }

    /// The maxₐ Q estimate of DQN or double DQN on the equal-actions environment (truth: 0).
    static func equalActionsEstimate(double: Bool, seed: UInt64, steps: Int) -> Double {
        var configuration = DQNConfiguration.cartPole
        configuration.doubleDQN = double
        configuration.learningStarts = 500
        var agent = DQNAgent(configuration: configuration, environment: EqualActionsEnvironment(), seed: seed)
        agent.train(steps: steps)
        var network = agent.online
        var generator = SeededGenerator(seed: seed &+ 18)
        var total = 0.0
        for _ in 0..<500 { total += network.qValues((0..<4).map { _ in generator.uniform(in: -1...1) }).max()! }
        return total / 500
    }

    @Test("lesson result (quick, seed 42): on equal actions DQN over-estimates, double DQN's estimate is closer to the true 0")
    func doubleDQNIsCloser() {
        let dqn = Self.equalActionsEstimate(double: false, seed: 42, steps: 3_000)
        let double = Self.equalActionsEstimate(double: true, seed: 42, steps: 3_000)
        #expect(dqn > 1, "DQN's estimate \(dqn) should be clearly above the true 0")
        #expect(abs(double) < abs(dqn) - 0.3, "double \(double) vs DQN \(dqn)")
    }

    /// The over-estimation study of section 6: (DQN's, double DQN's) mean gap between the
    /// start-state estimate and the discounted return obtained, over the second half of a run.
    static func cartPoleEstimateGaps(seed: UInt64, steps: Int) -> (dqn: Double, double: Double) {
        let gaps = [false, true].map { useDouble in
            var configuration = DQNConfiguration.overestimationStudy
            configuration.doubleDQN = useDouble
            var agent = DQNAgent(configuration: configuration, environment: CartPole(), seed: seed)
            return agent.trainUntilSolved(maxSteps: steps, evaluationInterval: 1_000, evaluationEpisodes: 20,
                                          threshold: .infinity, evaluationSeed: seed &+ 2_000_000,
                                          stopWhenSolved: false).meanEstimateGap()
        }
        return (gaps[0], gaps[1])
    }

    @Test("lesson result (quick, agents seeded 43): on CartPole double DQN's estimates lie closer to the returns obtained than DQN's")
    func doubleDQNIsCloserOnCartPole() {
        let gaps = Self.cartPoleEstimateGaps(seed: 42 &+ 1, steps: 20_000)
        // DQN's estimates sit far above what any policy collects (at most 100 discounted).
        #expect(gaps.dqn > 20, "DQN's mean gap \(gaps.dqn) should show clear over-estimation")
        #expect(abs(gaps.double) < abs(gaps.dqn), "double DQN \(gaps.double) vs DQN \(gaps.dqn)")
    }

    @Test("lesson result: ε-greedy and Boltzmann both beat greedy on the 10-armed test bed")
    func explorationBeatsGreedy() {
        let epsilon = BanditTestBed.evaluate(steps: 1_000, runs: 100, seed: 42 &+ 17) { q, g in
            Exploration.epsilonGreedy(q, epsilon: 0.1, using: &g)
        }
        let boltzmann = BanditTestBed.evaluate(steps: 1_000, runs: 100, seed: 42 &+ 17) { q, g in
            Exploration.boltzmann(q, temperature: 0.2, using: &g)
        }
        let greedy = BanditTestBed.evaluate(steps: 1_000, runs: 100, seed: 42 &+ 17) { q, _ in Exploration.greedy(q) }
        #expect(epsilon.meanReward > greedy.meanReward + 0.2 && boltzmann.meanReward > greedy.meanReward + 0.2)
        #expect(epsilon.optimalFraction > 0.6 && greedy.optimalFraction < 0.5)
    }

    @Test("slow: DQN solves CartPole within 50,000 steps for at least 4 of the seeds 1–5",
          .enabled(if: slowTestsEnabled, "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func solvesForMostSeeds() async {
        let results = await withTaskGroup(of: (UInt64, Int?).self) { group in
            for seed in UInt64(1)...5 {
                group.addTask {
                    var agent = DQNAgent(configuration: .cartPole, environment: CartPole(), seed: seed)
                    let run = agent.trainUntilSolved(maxSteps: 50_000, evaluationInterval: 1_000, evaluationEpisodes: 100,
                                                     threshold: 475, evaluationSeed: seed &+ 1_000_000)
                    return (seed, run.solvedAtStep)
                }
            }
            var all: [(UInt64, Int?)] = []
            for await result in group { all.append(result) }
            return all.sorted { $0.0 < $1.0 }
        }
        let solved = results.filter { $0.1 != nil }.count
        print("Lesson07 steps to solve per seed: \(results.map { "\($0.0): \($0.1.map(String.init) ?? "not within 50,000")" })")
        #expect(solved >= 4, "steps to solve per seed: \(results.map { "\($0.0): \($0.1.map(String.init) ?? "—")" })")
    }

    @Test("slow: on CartPole double DQN's estimates lie closer to the returns obtained than DQN's for each of the seeds 1–5 (30,000 steps)",
          .enabled(if: slowTestsEnabled, "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func doubleDQNIsCloserOnCartPoleAcrossSeeds() async {
        let results = await withTaskGroup(of: (UInt64, (dqn: Double, double: Double)).self) { group in
            for seed in UInt64(1)...5 {
                group.addTask { (seed, Self.cartPoleEstimateGaps(seed: seed, steps: 30_000)) }
            }
            var all: [(UInt64, (dqn: Double, double: Double))] = []
            for await result in group { all.append(result) }
            return all.sorted { $0.0 < $1.0 }
        }
        print("Lesson07 mean estimate − G₀ (DQN / double DQN) per seed: \(results.map { "\($0.0): \($0.1.dqn) / \($0.1.double)" })")
        for (seed, gaps) in results {
            #expect(abs(gaps.double) < abs(gaps.dqn), "seed \(seed): double DQN \(gaps.double) vs DQN \(gaps.dqn)")
        }
    }

    @Test("slow: double DQN's equal-actions estimate is closer to 0 than DQN's for seeds 1, 2, 3 at 6,000 steps",
          .enabled(if: slowTestsEnabled, "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func doubleDQNIsCloserAcrossSeeds() {
        for seed in UInt64(1)...3 {
            let dqn = Self.equalActionsEstimate(double: false, seed: seed, steps: 6_000)
            let double = Self.equalActionsEstimate(double: true, seed: seed, steps: 6_000)
            #expect(abs(double) < abs(dqn), "seed \(seed): double \(double) vs DQN \(dqn)")
        }
    }
}
