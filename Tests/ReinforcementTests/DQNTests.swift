import Foundation
import NeuralNetworks
import Reinforcement
import TensorCore
import Testing

@Suite("DQN targets, the update step, target updates")
struct DQNTests {
    @Test("DQN target: y = r + γ maxₐ′ Q(s′, a′), and y = r when s′ is terminal")
    func standardTargets() {
        let y = DQNTargets.standard(rewards: [1, 1, 0.5], terminals: [0, 1, 0],
                                    nextTargetQ: [2, 3, 10, -4, -1, -2], actionCount: 2, discount: 0.9)
        #expect(abs(y[0] - (1 + 0.9 * 3)) < 1e-12)
        #expect(y[1] == 1)
        #expect(abs(y[2] - (0.5 + 0.9 * -1)) < 1e-12)
    }

    @Test("double DQN target: the online network chooses a′, the target network evaluates it")
    func doubleTargets() {
        // Online prefers action 0 in row 0 and action 1 in row 1; the target network disagrees.
        let y = DQNTargets.double(rewards: [1, 2], terminals: [0, 0], nextOnlineQ: [5, 1, 0, 1],
                                  nextTargetQ: [2, 7, 4, 3], actionCount: 2, discount: 0.5)
        #expect(abs(y[0] - (1 + 0.5 * 2)) < 1e-12)
        #expect(abs(y[1] - (2 + 0.5 * 3)) < 1e-12)
        let terminal = DQNTargets.double(rewards: [1], terminals: [1], nextOnlineQ: [5, 1], nextTargetQ: [2, 7],
                                         actionCount: 2, discount: 0.5)
        #expect(terminal == [1])
        // Double DQN's target never exceeds the DQN target built from the same target network.
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<100 {
            let online = (0..<6).map { _ in generator.normal() }, target = (0..<6).map { _ in generator.normal() }
            let d = DQNTargets.double(rewards: [0, 0], terminals: [0, 0], nextOnlineQ: online, nextTargetQ: target,
                                      actionCount: 3, discount: 1)
            let s = DQNTargets.standard(rewards: [0, 0], terminals: [0, 0], nextTargetQ: target, actionCount: 3, discount: 1)
            #expect(d[0] <= s[0] && d[1] <= s[1])
        }
    }

    /// A random replay batch of `rows` transitions with 2 actions.
    static func randomBatch(rows: Int, using generator: inout SeededGenerator) -> ReplayBatch {
        var batch = ReplayBatch(size: rows, observationCount: 4)
        batch.states = (0..<(rows * 4)).map { _ in generator.normal() }
        batch.nextStates = (0..<(rows * 4)).map { _ in generator.normal() }
        batch.actions = (0..<rows).map { _ in generator.index(below: 2) }
        batch.rewards = (0..<rows).map { _ in generator.uniform(in: 0...1) }
        batch.terminals = (0..<rows).map { _ in generator.uniform() < 0.2 ? 1 : 0 }
        return batch
    }

    @Test("a Q-network is a Sequential: ReLU hidden layers, linear output, PyTorch's U(±1/√fan-in) for W and b")
    func qNetworkIsASequential() {
        var generator = SeededGenerator(seed: 11)
        let network = Sequential.qNetwork(layerSizes: [4, 16, 8, 3], using: &generator)
        #expect(network.parameterCount == 4 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3)
        #expect(network[dense: 0].activation == .relu && network[dense: 2].activation == .identity)
        for (k, parameter) in network.parameters.enumerated() {
            let fanIn = Double([4, 4, 16, 16, 8, 8][k])
            #expect(parameter.scalars.allSatisfy { abs($0) <= 1 / fanIn.squareRoot() })
        }
        #expect(network.splitBatchesFrom == 64)
        #expect(network.qValues([0.1, 0.2, 0.3, 0.4]) == network.predict(Tensor([[0.1, 0.2, 0.3, 0.4]])).scalars)
    }

    @Test("DQNUpdate.step: its loss uses the targets of DQNTargets, and the gradient it leaves in the layers matches central differences",
          arguments: [(70, true, true), (70, false, false), (5, true, false)])
    func updateMatchesTargetsAndFiniteDifferences(rows: Int, double: Bool, huber: Bool) {
        var generator = SeededGenerator(seed: 16)
        let start = Sequential.qNetwork(layerSizes: [4, 10, 7, 2], using: &generator)
        let target = Sequential.qNetwork(layerSizes: [4, 10, 7, 2], using: &generator)
        let batch = Self.randomBatch(rows: rows, using: &generator)
        var configuration = DQNConfiguration.cartPole
        configuration.doubleDQN = double
        configuration.loss = huber ? .huber(delta: 1) : .halfSquaredError

        let (s, _, _, _, next) = batch.tensors
        let nextTargetQ = target.predict(next).scalars, nextOnlineQ = start.predict(next).scalars
        let y = double
            ? DQNTargets.double(rewards: batch.rewards, terminals: batch.terminals, nextOnlineQ: nextOnlineQ,
                                nextTargetQ: nextTargetQ, actionCount: 2, discount: configuration.discount)
            : DQNTargets.standard(rewards: batch.rewards, terminals: batch.terminals, nextTargetQ: nextTargetQ,
                                  actionCount: 2, discount: configuration.discount)
        func loss(_ network: Sequential) -> Double {
            let taken = network.predict(s).gathering(columns: batch.actions)
            return configuration.loss.value(prediction: taken, target: Tensor(shape: [rows, 1], scalars: y))
        }
        var online = start
        var optimizer = Adam(learningRate: 1e-3)
        let result = DQNUpdate.step(online: &online, target: target, optimizer: &optimizer, batch: batch,
                                    configuration: configuration)
        #expect(abs(result.loss - loss(start)) <= 1e-12 * max(1, abs(result.loss)))
        #expect(online.parameters != start.parameters)
        var worst = 0.0
        for (k, analytic) in online.gradients.enumerated() {
            var probe = start
            let numeric = numericGradient(at: start.parameters[k], step: 1e-6) { value in
                var parameters = probe.parameters
                parameters[k] = value
                probe.parameters = parameters
                return loss(probe)
            }
            worst = max(worst, (numeric - analytic).scalars.map(abs).max()!)
        }
        #expect(worst < 1e-7, "worst difference \(worst)")
    }

    @Test("hard copy makes the target equal the online network; soft update moves it by τ")
    func targetUpdates() {
        var generator = SeededGenerator(seed: 13)
        let online = Sequential.qNetwork(layerSizes: [4, 8, 2], using: &generator)
        var target = Sequential.qNetwork(layerSizes: [4, 8, 2], using: &generator)
        let before = target.parameters
        target.softUpdate(toward: online, tau: 0.1)
        for p in before.indices {
            for i in 0..<before[p].count {
                let expected = 0.1 * online.parameters[p].scalars[i] + 0.9 * before[p].scalars[i]
                #expect(abs(target.parameters[p].scalars[i] - expected) < 1e-15)
            }
        }
        target.copyParameters(from: online)
        #expect(target.parameters == online.parameters)
    }

    @Test("a DQN agent fits a one-step task: Q(s, a) → r for a terminal bandit")
    func learnsABandit() {
        // CartPole started at an angle beyond 12° terminates after one step whatever the action,
        // so Q(s, a) must converge to the reward 1 for both actions.
        struct OneStep: Environment {
            var inner = CartPole()
            var observationCount: Int { 4 }
            var actionCount: Int { 2 }
            mutating func reset(using generator: inout SeededGenerator) -> [Double] {
                inner.reset(to: [0, 0, 0.3 + generator.uniform(in: 0...0.1), 0])
            }
            mutating func step(_ action: Int) -> EnvironmentStep { inner.step(action) }
        }
        var configuration = DQNConfiguration.cartPole
        configuration.learningStarts = 100
        configuration.batchSize = 32
        var agent = DQNAgent(configuration: configuration, environment: OneStep(), seed: 1)
        agent.train(steps: 1000)
        let q = agent.online.qValues([0, 0, 0.35, 0])
        #expect(abs(q[0] - 1) < 0.05 && abs(q[1] - 1) < 0.05, "Q = \(q)")
    }

    @Test("η decays linearly from learningRate to finalLearningRate, and the agent's Adam steps use η of their step")
    func learningRateDecay() {
        var configuration = DQNConfiguration.cartPole
        configuration.learningRate = 1e-3
        configuration.finalLearningRate = 1e-4
        configuration.learningRateDecaySteps = 1_000
        #expect(configuration.learningRate(at: 0) == 1e-3)
        #expect(abs(configuration.learningRate(at: 500) - 5.5e-4) < 1e-15)
        #expect(abs(configuration.learningRate(at: 1_000) - 1e-4) < 1e-15)
        #expect(abs(configuration.learningRate(at: 5_000) - 1e-4) < 1e-15)
        var constant = configuration
        constant.learningRateDecaySteps = 0
        #expect(constant.learningRate(at: 5_000) == 1e-3)
        // The update rule reports the η it was handed as its "loss", so lossHistory records it.
        configuration.learningStarts = 10
        configuration.batchSize = 4
        var agent = DQNAgent(configuration: configuration, environment: CartPole(), seed: 2) { _, _, optimizer, _, _ in
            (optimizer.learningRate, 0)
        }
        agent.train(steps: 1_200)
        #expect(agent.lossHistory.count == 1_191)
        for (k, eta) in agent.lossHistory.enumerated() {
            #expect(eta == configuration.learningRate(at: 10 + k), "update \(k): η = \(eta)")
        }
    }
}
