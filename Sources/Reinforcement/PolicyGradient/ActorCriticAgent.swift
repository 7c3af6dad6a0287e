import NeuralNetworks
import TensorCore

/// The one-step actor-critic (003 lines 1256–1266): the critic V_φ replaces the sampled future
/// by r + γV_φ(s′), and the actor steps along δ ∇ log π(a|s) with the TD error
/// δ = r + γV_φ(s′) − V_φ(s) as the advantage (V_φ(s′) = 0 after a terminal step).
///
/// `batchSize` environments run side by side; every joint step gives one update of both
/// networks on that batch of transitions, so the agent learns during an episode, not after it.
public struct ActorCriticAgent: Sendable {
    public let configuration: PolicyGradientConfiguration
    public var policy: SoftmaxPolicy
    public var value: Sequential
    public var policyOptimizer: Adam
    public var valueOptimizer: Adam
    private var environments: [CartPole]
    private var observations: [[Double]]
    private var episodeReturns: [Double]
    public var generator: SeededGenerator
    public private(set) var steps = 0
    public private(set) var episodes: [(step: Int, totalReward: Double)] = []

    public init(configuration: PolicyGradientConfiguration, seed: UInt64) {
        self.configuration = configuration
        var networkGenerator = SeededGenerator(seed: seed, stream: "networks")
        policy = SoftmaxPolicy(layerSizes: [4] + configuration.policyHiddenLayers + [2], using: &networkGenerator)
        value = Sequential(layerSizes: [4] + configuration.valueHiddenLayers + [1], hiddenActivation: .tanh,
                           outputActivation: .identity, weightInitializer: .pytorchLinear,
                           biasInitializer: .pytorchLinear, using: &networkGenerator)
        policyOptimizer = Adam(learningRate: configuration.policyLearningRate)
        valueOptimizer = Adam(learningRate: configuration.valueLearningRate)
        generator = SeededGenerator(seed: seed, stream: "episodes")
        environments = Array(repeating: CartPole(), count: configuration.batchSize)
        observations = []
        for e in environments.indices { observations.append(environments[e].reset(using: &generator)) }
        episodeReturns = Array(repeating: 0, count: configuration.batchSize)
    }

    /// One joint step of every environment and one update of critic and actor on the batch.
    public mutating func step() {
        let n = environments.count
        let states = Tensor(shape: [n, 4], scalars: observations.flatMap { $0 })
        let probabilities = softmax(policy.network.predict(states)).scalars
        var actions: [Int] = [], rewards: [Double] = [], nextStates: [Double] = [], alive: [Double] = []
        for e in 0..<n {
            let action = generator.sampleIndex(probabilities: Array(probabilities[(2 * e)..<(2 * e + 2)]))
            let result = environments[e].step(action)
            actions.append(action)
            rewards.append(result.reward)
            nextStates += result.observation
            alive.append(result.terminated ? 0 : 1)
            episodeReturns[e] += result.reward
            steps += 1
            if result.isDone {
                episodes.append((steps, episodeReturns[e]))
                episodeReturns[e] = 0
                observations[e] = environments[e].reset(using: &generator)
            } else {
                observations[e] = result.observation
            }
        }
        // TD targets r + γV(s′) (V(s′) = 0 after a terminal step; a time limit still bootstraps).
        let nextValues = value.predict(Tensor(shape: [n, 4], scalars: nextStates)).scalars
        let targets = (0..<n).map { rewards[$0] + configuration.discount * alive[$0] * nextValues[$0] }
        let currentValues = value.forward(states).scalars
        var advantages = zip(targets, currentValues).map { $0 - $1 }
        let valueGradient = Tensor(shape: [n, 1], scalars: advantages.map { -$0 / Double(n) })
        _ = value.backward(valueGradient, accumulate: false, needsInputGradient: false)
        valueOptimizer.step(&value)
        if configuration.normalizeAdvantages { advantages = standardized(advantages) }
        policy.policyGradientStep(observations: states, actions: actions, weights: advantages,
                                  optimizer: &policyOptimizer)
    }
}

extension ActorCriticAgent: PolicyGradientLearner {
    public mutating func train(steps count: Int) {
        let goal = steps + count
        while steps < goal { step() }
    }

    public func evaluate(episodes count: Int, seed: UInt64) -> GreedyEvaluation {
        DQNAgent.evaluateGreedy(network: policy.network, environment: CartPole(), episodes: count, seed: seed,
                                discount: configuration.discount)
    }

    public var recentTrainingReturn: Double {
        let recent = episodes.suffix(10).map(\.totalReward)
        return recent.isEmpty ? 0 : recent.reduce(0, +) / Double(recent.count)
    }
}
