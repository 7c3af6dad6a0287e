import Foundation
import NeuralNetworks
@testable import Reinforcement
import TensorCore
import Testing

/// DDPG's pieces: the critic target, ∇ₐQ through the critic's backward pass, the actor's chain
/// rule, the critic's regression gradient (both checked against central differences), soft
/// updates, the noise processes, the replay memory of vector actions and TD3's options.
@Suite("DDPG: targets, gradients through the critic, soft updates, noise, replay, TD3")
struct DDPGTests {
    static let configuration = DDPGConfiguration(actorHiddenLayers: [8, 8], criticHiddenLayers: [8, 8],
                                                 actorLearningRate: 1e-3, criticLearningRate: 1e-3,
                                                 discount: 0.9, tau: 0.01, replayCapacity: 100, batchSize: 16,
                                                 learningStarts: 10, noise: .gaussian(standardDeviation: 0.1))

    /// Small networks for 3-dimensional states and 1-dimensional actions in ±2, and a batch.
    static func setUp(seed: UInt64, twin: Bool = false) -> (ActorCritic, Tensor) {
        var configuration = Self.configuration
        configuration.twinCritics = twin
        var generator = SeededGenerator(seed: seed)
        var networks = ActorCritic(observationCount: 3, actionCount: 1, actionLimit: 2, configuration: configuration,
                                   using: &generator)
        // The last layers start near 0 on purpose (±3·10⁻³); give them ordinary sizes so that
        // every gradient is far from the rounding floor.
        for index in [networks.actor.layers.count - 1] {
            networks.actor[dense: index].weights = .uniform(networks.actor[dense: index].weights.shape, in: -0.5...0.5,
                                                            using: &generator)
        }
        let last = networks.critics[0].layers.count - 1
        networks.critics[0][dense: last].weights = .uniform(networks.critics[0][dense: last].weights.shape,
                                                            in: -0.5...0.5, using: &generator)
        let states = Tensor.uniform([5, 3], in: -1...1, using: &generator)
        return (networks, states)
    }

    @Test("critic target y = r + γ(1 − terminal) Q′(s′, μ′(s′)): −1 + 0.9 · (−10) = −10, and r alone at a terminal state")
    func criticTargets() {
        let y = DDPGMath.criticTargets(rewards: [-1, -1, 0.5], terminals: [0, 1, 0], nextValues: [-10, -10, 2],
                                       discount: 0.9)
        #expect(abs(y[0] + 10) < 1e-12 && y[1] == -1 && abs(y[2] - 2.3) < 1e-12)
    }

    @Test("∇ₐQ from the critic's backward pass to its input equals central differences of Q in a, row by row")
    func actionGradient() {
        let (networks, states) = Self.setUp(seed: 1)
        var critic = networks.critics[0]
        let actions = Tensor([[0.3], [-1.2], [1.9], [0.01], [-0.7]])
        let (values, gradient) = DDPGMath.actionGradient(critic: &critic, states: states, actions: actions)
        #expect(values.shape == [5] && gradient.shape == [5, 1])
        #expect(values.isApproximatelyEqual(to: networks.value(states, actions), absoluteTolerance: 1e-15))
        for row in 0..<5 {
            let state = states.row(row).reshaped([1, 3])
            let numeric = numericGradient(at: Tensor([actions[row, 0]])) { a in
                networks.value(state, a.reshaped([1, 1]))[0]
            }
            let agreement = GradientAgreement(label: "row \(row)", analytic: Tensor([gradient[row, 0]]), numeric: numeric)
            #expect(agreement.relativeError < 1e-7, "\(agreement)")
        }
    }

    @Test("the critic's parameter gradient of L = (1/N) Σ (y − Q(s, a))² agrees with central differences")
    func criticParameterGradient() {
        let (networks, states) = Self.setUp(seed: 2)
        var generator = SeededGenerator(seed: 22)
        let input = Tensor(concatenating: [states, .uniform([5, 1], in: -2...2, using: &generator)], alongAxis: 1)
        let targets = Tensor.uniform([5, 1], in: -3...3, using: &generator)
        for result in networks.critics[0].checkGradients(loss: .squaredError, input: input, target: targets) {
            #expect(result.passes(tolerance: 1e-6), "\(result)")
        }
    }

    /// The actor's gradient as `DDPGUpdate.step` computes it: −(limit/N) ∇ₐQ back-propagated
    /// through the actor, i.e. the gradient of −J with J = (1/N) Σ Q(sᵢ, limit · μ(sᵢ)).
    static func chainRuleGradient(_ networks: ActorCritic, states: Tensor) -> [Tensor] {
        var actor = networks.actor, critic = networks.critics[0]
        let raw = actor.forward(states)
        let (_, actionGradient) = DDPGMath.actionGradient(critic: &critic, states: states,
                                                          actions: raw * networks.actionLimit)
        _ = actor.backward(actionGradient * (-networks.actionLimit / Double(states.shape[0])))
        return actor.gradients
    }

    @Test("the actor's gradient ∇ₐQ · ∇_θμ μ (the chain rule) equals central differences of −J = −(1/N) Σ Q(s, μ(s)) in every actor parameter")
    func actorGradient() {
        let (networks, states) = Self.setUp(seed: 3)
        let analytic = Self.chainRuleGradient(networks, states: states)
        var probe = networks
        for index in networks.actor.parameters.indices {
            let original = networks.actor.parameters[index]
            let numeric = numericGradient(at: original) { value in
                var parameters = networks.actor.parameters
                parameters[index] = value
                probe.actor.parameters = parameters
                return -probe.value(states, probe.actions(states)).mean()
            }
            let agreement = GradientAgreement(label: networks.actor.parameterName(index), analytic: analytic[index],
                                              numeric: numeric)
            #expect(agreement.relativeError < 1e-7, "\(agreement)")
        }
    }

    @Test("a broken chain rule (the tanh output's scale forgotten, or the sign flipped) fails the same check")
    func brokenChainRuleFails() {
        let (networks, states) = Self.setUp(seed: 4)
        let correct = Self.chainRuleGradient(networks, states: states)
        var probe = networks
        let numeric = numericGradient(at: networks.actor.parameters[0]) { value in
            var parameters = networks.actor.parameters
            parameters[0] = value
            probe.actor.parameters = parameters
            return -probe.value(states, probe.actions(states)).mean()
        }
        #expect(GradientAgreement(label: "correct", analytic: correct[0], numeric: numeric).relativeError < 1e-7)
        // Forgetting a = 2 · tanh(…) halves the gradient; ascending −J flips it.
        #expect(GradientAgreement(label: "unscaled", analytic: correct[0] * 0.5, numeric: numeric).relativeError > 0.4)
        #expect(GradientAgreement(label: "flipped", analytic: correct[0] * -1, numeric: numeric).relativeError > 1.9)
    }

    @Test("soft update θ′ ← τθ + (1 − τ)θ′: after k updates toward a fixed θ the gap is (1 − τ)ᵏ of what it was")
    func softUpdate() {
        let (networks, _) = Self.setUp(seed: 5)
        var target = networks.actor
        target.parameters = target.parameters.map { $0 * 0 }
        target.softUpdate(toward: networks.actor, tau: 0.005)
        for (t, p) in zip(target.parameters, networks.actor.parameters) {
            #expect(t.isApproximatelyEqual(to: p * 0.005, absoluteTolerance: 1e-15))
        }
        for _ in 0..<99 { target.softUpdate(toward: networks.actor, tau: 0.005) }
        for (t, p) in zip(target.parameters, networks.actor.parameters) {
            #expect(t.isApproximatelyEqual(to: p * (1 - pow(0.995, 100)), absoluteTolerance: 1e-12))
        }
    }

    @Test("one Ornstein–Uhlenbeck step by hand: 1 + 0.15 · (0 − 1) · 0.01 + 0.2 · √0.01 · 0.5 = 1.0085")
    func ornsteinUhlenbeckStep() {
        let x = OrnsteinUhlenbeckNoise.step(1, theta: 0.15, mean: 0, sigma: 0.2, timeStep: 0.01, normal: 0.5)
        #expect(abs(x - 1.0085) < 1e-12)
    }

    @Test("the Ornstein–Uhlenbeck process (θ = 0.15, σ = 0.2, dt = 1) has lag-1 correlation 1 − θ = 0.85 and stationary sd σ/√(2θ − θ²) = 0.3797")
    func ornsteinUhlenbeckStatistics() {
        var noise = OrnsteinUhlenbeckNoise(count: 1)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<1_000 { _ = noise.next(using: &generator) }
        let values = (0..<200_000).map { _ in noise.next(using: &generator)[0] }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        let lagged = zip(values, values.dropFirst()).map { ($0 - mean) * ($1 - mean) }.reduce(0, +) / Double(values.count - 1)
        #expect(abs(variance.squareRoot() - 0.2 / (0.3 - 0.0225).squareRoot()) < 0.01)
        #expect(abs(lagged / variance - 0.85) < 0.01)
        #expect(abs(mean) < 0.02)
        noise.reset()
        #expect(noise.state == [0])
    }

    @Test("Gaussian exploration noise has the configured spread; no noise is zeros")
    func gaussianNoise() {
        var process = ExplorationNoiseProcess(.gaussian(standardDeviation: 0.3), count: 2)
        var generator = SeededGenerator(seed: 8)
        let values = (0..<50_000).flatMap { _ in process.sample(using: &generator) }
        let sd = (values.map { $0 * $0 }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(abs(sd - 0.3) < 0.01)
        var none = ExplorationNoiseProcess(.none, count: 3)
        #expect(none.sample(using: &generator) == [0, 0, 0])
    }

    @Test("the replay memory of vector actions returns whole transitions, (s, a) side by side for the critic")
    func replay() {
        var memory = ContinuousReplayMemory(capacity: 3, observationCount: 2, actionCount: 1)
        for i in 0..<5 {
            let x = Double(i)
            memory.append(state: [x, -x], action: [x / 10], reward: -x, nextState: [x + 1, -x - 1], terminated: false)
        }
        #expect(memory.count == 3)
        var generator = SeededGenerator(seed: 9)
        let batch = memory.sample(size: 50, using: &generator)
        for row in 0..<50 {
            let x = batch.states[row, 0]
            #expect(x >= 2 && x <= 4, "the two oldest were overwritten")
            #expect(batch.states[row, 1] == -x && batch.actions[row, 0] == x / 10 && batch.rewards[row] == -x)
            #expect(batch.nextStates[row, 0] == x + 1 && batch.nextStates[row, 1] == -x - 1)
            #expect(batch.statesAndActions.row(row).scalars == [x, -x, x / 10])
            #expect(batch.terminals[row] == 0)
        }
    }

    @Test("one DDPG update lowers the critic's loss on its batch and raises (1/N) Σ Q(s, μ(s)) under the updated critic")
    func updateImproves() {
        var (networks, states) = Self.setUp(seed: 10)
        var generator = SeededGenerator(seed: 100)
        let batch = ContinuousBatch(states: states, actions: .uniform([5, 1], in: -2...2, using: &generator),
                                    rewards: [-1, -2, -0.5, -3, -1], terminals: [0, 0, 0, 0, 0],
                                    nextStates: .uniform([5, 3], in: -1...1, using: &generator))
        var optimizers = ActorCriticOptimizers(configuration: Self.configuration)
        let before = networks
        let statistics = DDPGUpdate.step(networks: &networks, optimizers: &optimizers, batch: batch,
                                         configuration: Self.configuration, updateIndex: 0, generator: &generator)
        #expect(statistics.actorUpdated)
        // The same target y as the step used (from the target networks, which did not move before it).
        let nextValues = before.targetCritics[0].predict(Tensor(concatenating: [batch.nextStates,
                                                                               before.targetActions(batch.nextStates)],
                                                                              alongAxis: 1)).scalars
        let y = Tensor(shape: [5, 1], scalars: DDPGMath.criticTargets(rewards: batch.rewards, terminals: batch.terminals,
                                                                      nextValues: nextValues, discount: 0.9))
        let lossBefore = Loss.squaredError.value(prediction: before.critics[0].predict(batch.statesAndActions), target: y)
        let lossAfter = Loss.squaredError.value(prediction: networks.critics[0].predict(batch.statesAndActions), target: y)
        #expect(abs(lossBefore - statistics.criticLoss) < 1e-12)
        #expect(lossAfter < lossBefore)
        var criticOnly = networks
        criticOnly.actor = before.actor
        #expect(networks.value(states, networks.actions(states)).mean() > criticOnly.value(states, criticOnly.actions(states)).mean())
        // The targets moved by τ toward the new networks.
        let expected = zip(before.targetActor.parameters, networks.actor.parameters).map { $0 * 0.99 + $1 * 0.01 }
        for (t, e) in zip(networks.targetActor.parameters, expected) {
            #expect(t.isApproximatelyEqual(to: e, absoluteTolerance: 1e-15))
        }
    }

    @Test("TD3: two critics, the target takes the smaller Q′, and the actor moves only every policyDelay-th update")
    func td3() {
        var configuration = Self.configuration
        configuration.twinCritics = true
        configuration.policyDelay = 2
        configuration.targetPolicyNoise = 0.2
        configuration.targetNoiseClip = 0.5
        #expect(configuration.isTD3 && !Self.configuration.isTD3)
        var (networks, states) = Self.setUp(seed: 12, twin: true)
        #expect(networks.critics.count == 2 && networks.targetCritics.count == 2)
        var generator = SeededGenerator(seed: 120)
        let batch = ContinuousBatch(states: states, actions: .uniform([5, 1], in: -2...2, using: &generator),
                                    rewards: [-1, -2, -0.5, -3, -1], terminals: [0, 0, 0, 0, 0],
                                    nextStates: .uniform([5, 3], in: -1...1, using: &generator))
        var optimizers = ActorCriticOptimizers(configuration: configuration)
        let actorBefore = networks.actor.parameters
        var first = generator
        let odd = DDPGUpdate.step(networks: &networks, optimizers: &optimizers, batch: batch,
                                  configuration: configuration, updateIndex: 1, generator: &first)
        #expect(!odd.actorUpdated && networks.actor.parameters == actorBefore)
        let even = DDPGUpdate.step(networks: &networks, optimizers: &optimizers, batch: batch,
                                   configuration: configuration, updateIndex: 2, generator: &first)
        #expect(even.actorUpdated && networks.actor.parameters != actorBefore)
        // Smoothed target actions stay within ±(clip) of μ′ and inside the action range.
        var noiseGenerator = SeededGenerator(seed: 121)
        let base = Tensor([[1.9], [0], [-1.95]])
        let smoothed = DDPGMath.smoothedTargetActions(base, noise: 0.2, clip: 0.5, actionLimit: 2, using: &noiseGenerator)
        for i in 0..<3 {
            #expect(abs(smoothed[i, 0] - base[i, 0]) <= 0.5 + 1e-15 && abs(smoothed[i, 0]) <= 2)
        }
    }

    @Test("the agent is reproducible from its seed and learns only after learningStarts")
    func agentReproducible() {
        var configuration = Self.configuration
        configuration.learningStarts = 50
        var a = DDPGAgent(configuration: configuration, environment: Pendulum(), seed: 5)
        var b = DDPGAgent(configuration: configuration, environment: Pendulum(), seed: 5)
        a.train(steps: 49)
        #expect(a.updates == 0)
        a.train(steps: 251)
        b.train(steps: 300)
        #expect(a.updates == 251 && a.episodes.count == 1 && a.episodes[0].step == 200)
        #expect(a.networks.actor.parameters == b.networks.actor.parameters)
        let starts = Pendulum.evenlySpacedStarts(4)
        #expect(a.evaluate(from: starts).returns == b.evaluate(from: starts).returns)
        #expect(a.evaluate(from: starts).returns.count == 4)
    }

    @Test("evenly spaced evaluation starts: θᵢ = −π + (i + ½)·2π/n at rest; the evaluation plays 200 steps from each")
    func evaluationStarts() {
        let starts = Pendulum.evenlySpacedStarts(4)
        let angles = starts.map { ($0.environment as! Pendulum).angle }
        #expect(zip(angles, [-0.75, -0.25, 0.25, 0.75]).allSatisfy { abs($0 - $1 * Double.pi) < 1e-15 })
        #expect(starts.allSatisfy { $0.observation[2] == 0 })
        let (networks, _) = Self.setUp(seed: 13)
        let evaluation = DDPGAgent.evaluate(networks: networks, from: starts, discount: 0.9)
        #expect(evaluation.returns.allSatisfy { $0 <= 0 && $0 >= 200 * Pendulum.worstReward })
        // The critic's estimate at each start is Q(s₀, μ(s₀)).
        for (i, start) in starts.enumerated() {
            let s0 = Tensor(shape: [1, 3], scalars: start.observation)
            #expect(abs(evaluation.startEstimates[i] - networks.value(s0, networks.actions(s0))[0]) < 1e-12)
        }
    }
}
