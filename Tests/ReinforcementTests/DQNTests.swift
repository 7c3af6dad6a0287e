import Foundation
import NeuralNetworks
import Reinforcement
import TensorCore
import Testing

@Suite("DQN targets, Q-network, target updates")
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

    @Test("Huber loss: ½e² inside ±1, |e| − ½ outside; derivative clipped to ±1")
    func huber() {
        #expect(DQNLoss.huber.value(0.5) == 0.125 && DQNLoss.huber.value(-3) == 2.5)
        #expect(DQNLoss.huber.derivative(0.5) == 0.5 && DQNLoss.huber.derivative(-3) == -1)
        #expect(DQNLoss.squared.value(-3) == 4.5 && DQNLoss.squared.derivative(-3) == -3)
    }

    @Test("the Q-network computes the same outputs as the library's Sequential")
    func matchesSequential() {
        var generator = SeededGenerator(seed: 11)
        var network = QNetwork(layerSizes: [4, 16, 8, 3], using: &generator)
        let inputs = (0..<(5 * 4)).map { _ in generator.normal() }
        var output = Array(repeating: 0.0, count: 15)
        network.predict(inputs, rows: 5, into: &output)
        let reference = network.sequential.predict(Tensor(shape: [5, 4], scalars: inputs))
        for i in 0..<15 { #expect(abs(output[i] - reference.scalars[i]) < 1e-12) }
        #expect(network.parameterCount == network.sequential.parameterCount)
        #expect(network.parameterCount == 4 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3)
    }

    /// The largest |central difference (h = 1e-6) − analytic gradient| over every parameter.
    static func worstFiniteDifferenceError(_ network: QNetwork, analytic: [Tensor], states: [Double], actions: [Int],
                                           targets: [Double], rows: Int, loss: DQNLoss) -> Double {
        var worst = 0.0
        for p in network.parameters.indices {
            for i in 0..<network.parameters[p].count {
                let h = 1e-6
                var plus = network, minus = network
                plus.parameters[p].withUnsafeMutableBufferPointer { $0[i] += h }
                minus.parameters[p].withUnsafeMutableBufferPointer { $0[i] -= h }
                let lp = plus.computeGradients(states: states, actions: actions, targets: targets, rows: rows, loss: loss).loss
                let lm = minus.computeGradients(states: states, actions: actions, targets: targets, rows: rows, loss: loss).loss
                worst = max(worst, abs((lp - lm) / (2 * h) - analytic[p].scalars[i]))
            }
        }
        return worst
    }

    @Test("Q-network gradients match central finite differences (squared and Huber losses)")
    func gradientsMatchFiniteDifferences() {
        var generator = SeededGenerator(seed: 12)
        var network = QNetwork(layerSizes: [4, 10, 7, 2], using: &generator)
        let rows = 6
        let states = (0..<(rows * 4)).map { _ in generator.normal() }
        let actions = (0..<rows).map { _ in generator.index(below: 2) }
        for loss in DQNLoss.allCases {
            let targets = (0..<rows).map { _ in generator.normal() * (loss == .huber ? 3 : 1) }
            network.computeGradients(states: states, actions: actions, targets: targets, rows: rows, loss: loss)
            let analytic = network.gradients
            let worst = Self.worstFiniteDifferenceError(network, analytic: analytic, states: states, actions: actions,
                                                        targets: targets, rows: rows, loss: loss)
            #expect(worst < 1e-7, "\(loss): worst difference \(worst)")
        }
    }

    @Test("a batch split into halves (≥ 64 rows) gives the outputs of Sequential and the one-row results")
    func splitBatchMatchesSequential() {
        var generator = SeededGenerator(seed: 14)
        var network = QNetwork(layerSizes: [4, 32, 16, 3], using: &generator)
        let rows = 131  // two unequal halves: 65 and 66 rows
        let inputs = (0..<(rows * 4)).map { _ in generator.normal() }
        var output = Array(repeating: 0.0, count: rows * 3)
        network.predict(inputs, rows: rows, into: &output)
        let reference = network.sequential.predict(Tensor(shape: [rows, 4], scalars: inputs))
        for i in 0..<(rows * 3) { #expect(abs(output[i] - reference.scalars[i]) < 1e-12) }
        let last = network.qValues(Array(inputs[((rows - 1) * 4)...]))
        for a in 0..<3 { #expect(abs(last[a] - output[(rows - 1) * 3 + a]) < 1e-12) }
    }

    @Test("gradients of a split batch (70 rows, two halves) match central finite differences")
    func splitBatchGradientsMatchFiniteDifferences() {
        var generator = SeededGenerator(seed: 15)
        var network = QNetwork(layerSizes: [4, 10, 7, 2], using: &generator)
        let rows = 70
        let states = (0..<(rows * 4)).map { _ in generator.normal() }
        let actions = (0..<rows).map { _ in generator.index(below: 2) }
        let targets = (0..<rows).map { _ in generator.normal() * 3 }
        network.computeGradients(states: states, actions: actions, targets: targets, rows: rows, loss: .huber)
        let worst = Self.worstFiniteDifferenceError(network, analytic: network.gradients, states: states,
                                                    actions: actions, targets: targets, rows: rows, loss: .huber)
        #expect(worst < 1e-7, "worst difference \(worst)")
    }

    @Test("the fused Q-learning gradient equals predict, DQNTargets and computeGradients done one by one",
          arguments: [(128, true, true), (128, false, true), (128, true, false), (5, true, true), (5, false, false)])
    func fusedStepMatchesSeparateSteps(rows: Int, double: Bool, withTarget: Bool) {
        var generator = SeededGenerator(seed: 16)
        var online = QNetwork(layerSizes: [4, 24, 12, 2], using: &generator)
        let target = QNetwork(layerSizes: [4, 24, 12, 2], using: &generator)
        var batch = ReplayBatch(size: rows, observationCount: 4)
        batch.states = (0..<(rows * 4)).map { _ in generator.normal() }
        batch.nextStates = (0..<(rows * 4)).map { _ in generator.normal() }
        batch.actions = (0..<rows).map { _ in generator.index(below: 2) }
        batch.rewards = (0..<rows).map { _ in generator.uniform(in: 0...1) }
        batch.terminals = (0..<rows).map { _ in generator.uniform() < 0.2 ? 1 : 0 }

        var separate = online
        var evaluator = withTarget ? target : online
        var nextTargetQ = Array(repeating: 0.0, count: rows * 2), nextOnlineQ = nextTargetQ
        evaluator.predict(batch.nextStates, rows: rows, into: &nextTargetQ)
        separate.predict(batch.nextStates, rows: rows, into: &nextOnlineQ)
        let targets = double
            ? DQNTargets.double(rewards: batch.rewards, terminals: batch.terminals, nextOnlineQ: nextOnlineQ,
                                nextTargetQ: nextTargetQ, actionCount: 2, discount: 0.99)
            : DQNTargets.standard(rewards: batch.rewards, terminals: batch.terminals, nextTargetQ: nextTargetQ,
                                  actionCount: 2, discount: 0.99)
        let expected = separate.computeGradients(states: batch.states, actions: batch.actions, targets: targets,
                                                 rows: rows, loss: .squared)
        let fused = online.computeQLearningGradients(on: batch, target: withTarget ? target : nil, doubleDQN: double,
                                                     discount: 0.99, loss: .squared)
        #expect(fused.loss == expected.loss && fused.meanQ == expected.meanQ)
        #expect(online.gradients == separate.gradients)
    }

    @Test("hard copy makes the target equal the online network; soft update moves it by τ")
    func targetUpdates() {
        var generator = SeededGenerator(seed: 13)
        let online = QNetwork(layerSizes: [4, 8, 2], using: &generator)
        var target = QNetwork(layerSizes: [4, 8, 2], using: &generator)
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
        var network = agent.online
        let q = network.qValues([0, 0, 0.35, 0])
        #expect(abs(q[0] - 1) < 0.05 && abs(q[1] - 1) < 0.05, "Q = \(q)")
    }
}
