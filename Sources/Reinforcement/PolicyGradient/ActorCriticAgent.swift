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
    /// The update rule: critic and actor step from one joint step's transitions.
    public typealias Update = @Sendable (inout ActorCriticAgent, ActorCriticBatch) -> Void
    private let updateRule: Update

    /// An agent whose networks come from `seed`'s stream "networks" and whose episodes (start
    /// states and actions) use the stream "episodes"; each joint step is learned from with `update`.
    public init(configuration: PolicyGradientConfiguration, seed: UInt64, update: @escaping Update = ActorCriticAgent.update) {
        updateRule = update
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

    /// One joint step of every environment, then one update of critic and actor on its transitions.
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
        updateRule(&self, ActorCriticBatch(states: states, actions: actions, rewards: rewards,
                                           nextStates: Tensor(shape: [n, 4], scalars: nextStates), alive: alive))
    }

    /// The library's update: TD targets r + γV_φ(s′) (V_φ(s′) = 0 after a terminal step; a time
    /// limit still bootstraps), the critic one step on ½(V_φ(s) − target)², then the actor one
    /// step along the TD errors δ = target − V_φ(s) (standardised if configured).
    public static let update: Update = { agent, batch in
        let n = batch.actions.count
        let nextValues = agent.value.predict(batch.nextStates).scalars
        let targets = (0..<n).map { batch.rewards[$0] + agent.configuration.discount * batch.alive[$0] * nextValues[$0] }
        let currentValues = agent.value.forward(batch.states).scalars
        var advantages = zip(targets, currentValues).map { $0 - $1 }
        let valueGradient = Tensor(shape: [n, 1], scalars: advantages.map { -$0 / Double(n) })
        _ = agent.value.backward(valueGradient, accumulate: false, needsInputGradient: false)
        agent.valueOptimizer.step(&agent.value)
        if agent.configuration.normalizeAdvantages { advantages = standardized(advantages) }
        agent.policy.policyGradientStep(observations: batch.states, actions: batch.actions, weights: advantages,
                                        optimizer: &agent.policyOptimizer)
    }
}

/// One joint step of the actor-critic's environments: (s, a, r, s′) for each, and whether s′
/// still has a future (1) or is terminal (0).
public struct ActorCriticBatch: Sendable {
    /// s, `[n, 4]`.
    public var states: Tensor
    public var actions: [Int]
    public var rewards: [Double]
    /// s′, `[n, 4]` (the state reached, before any reset).
    public var nextStates: Tensor
    /// 0 where s′ is terminal, 1 otherwise.
    public var alive: [Double]
}

extension ActorCriticAgent: PolicyGradientLearner {
    public mutating func train(steps count: Int) {
        let goal = steps + count
        while steps < goal { step() }
    }

    public func evaluate(episodes count: Int, seed: UInt64) -> GreedyEvaluation {
        GreedyEvaluation(greedyPolicyOf: policy.network, on: CartPole(), episodes: count, seed: seed,
                         discount: configuration.discount)
    }

    public var recentTrainingReturn: Double {
        let recent = episodes.suffix(10).map(\.totalReward)
        return recent.isEmpty ? 0 : recent.reduce(0, +) / Double(recent.count)
    }
}
