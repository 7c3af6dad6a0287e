import NeuralNetworks
import TensorCore

/// Deep deterministic policy gradient (Lillicrap et al., 2016), and TD3 (Fujimoto et al., 2018)
/// as a configuration of it, on any `ContinuousEnvironment`.
///
/// Each environment step: act with aₜ = clip(μ(sₜ) + 𝒩ₜ) (uniformly random actions for the
/// first `learningStarts` steps), store (sₜ, aₜ, rₜ, sₜ₊₁, terminated) in the replay memory,
/// and from `learningStarts` on take one update on a uniform mini-batch (`DDPGUpdate.step`).
/// The randomness of a run comes from named streams of `seed`: "initial weights",
/// "exploration" (start states, random actions and noise), "replay sampling" and
/// "target noise" (TD3), so changing one part leaves the others' numbers alone.
public struct DDPGAgent: Sendable {
    public let configuration: DDPGConfiguration
    /// μ, Q and their targets.
    public private(set) var networks: ActorCritic
    public private(set) var memory: ContinuousReplayMemory
    private var optimizers: ActorCriticOptimizers
    private let updateRule: DDPGUpdateRule
    private var environment: any ContinuousEnvironment
    private var explorationGenerator: SeededGenerator
    private var replayGenerator: SeededGenerator
    private var targetNoiseGenerator: SeededGenerator
    private var noise: ExplorationNoiseProcess
    private var observation: [Double]
    private var episodeReturn = 0.0

    /// Environment steps taken so far.
    public private(set) var steps = 0
    /// Updates taken so far.
    public private(set) var updates = 0
    /// (step at which it ended, return) of every finished training episode.
    public private(set) var episodes: [(step: Int, totalReward: Double)] = []
    /// Per update: the first critic's loss and mean Q(sᵢ, aᵢ).
    public private(set) var lossHistory: [Double] = []
    public private(set) var meanQHistory: [Double] = []

    /// A fresh agent whose randomness all comes from `seed` (see the type's description). Each
    /// mini-batch is learned from with `update` (`DDPGUpdate.step` unless a lesson passes the
    /// one on its page).
    public init(configuration: DDPGConfiguration, environment: any ContinuousEnvironment, seed: UInt64,
                update: @escaping DDPGUpdateRule = DDPGUpdate.step) {
        check(configuration.batchSize >= 1 && configuration.policyDelay >= 1 && configuration.learningStarts >= 1,
              "DDPGAgent: batch size, policy delay and learning starts must be positive")
        self.configuration = configuration
        self.updateRule = update
        var weights = SeededGenerator(seed: seed, stream: "initial weights")
        networks = ActorCritic(observationCount: environment.observationCount, actionCount: environment.actionCount,
                               actionLimit: environment.actionLimit, configuration: configuration, using: &weights)
        optimizers = ActorCriticOptimizers(configuration: configuration)
        memory = ContinuousReplayMemory(capacity: configuration.replayCapacity,
                                        observationCount: environment.observationCount,
                                        actionCount: environment.actionCount)
        explorationGenerator = SeededGenerator(seed: seed, stream: "exploration")
        replayGenerator = SeededGenerator(seed: seed, stream: "replay sampling")
        targetNoiseGenerator = SeededGenerator(seed: seed, stream: "target noise")
        noise = ExplorationNoiseProcess(configuration.noise, count: environment.actionCount)
        var env = environment
        observation = env.reset(using: &explorationGenerator)
        self.environment = env
    }

    /// The action the agent takes while training: random before `learningStarts`, then
    /// clip(μ(s) + 𝒩ₜ).
    private mutating func explorationAction() -> [Double] {
        let limit = environment.actionLimit
        if steps < configuration.learningStarts {
            return (0..<environment.actionCount).map { _ in explorationGenerator.uniform(in: -limit...limit) }
        }
        let greedy = networks.action(observation)
        let n = noise.sample(using: &explorationGenerator)
        return zip(greedy, n).map { Swift.min(Swift.max($0 + $1, -limit), limit) }
    }

    /// Takes `count` environment steps, learning as it goes.
    public mutating func train(steps count: Int) {
        for _ in 0..<count { trainOneStep() }
    }

    private mutating func trainOneStep() {
        let action = explorationAction()
        let result = environment.step(action)
        memory.append(state: observation, action: action, reward: result.reward, nextState: result.observation,
                      terminated: result.terminated)
        episodeReturn += result.reward
        steps += 1
        if result.isDone {
            episodes.append((steps, episodeReturn))
            episodeReturn = 0
            noise.reset()
            observation = environment.reset(using: &explorationGenerator)
        } else {
            observation = result.observation
        }
        if steps >= configuration.learningStarts {
            let batch = memory.sample(size: configuration.batchSize, using: &replayGenerator)
            let statistics = updateRule(&networks, &optimizers, batch, configuration, updates, &targetNoiseGenerator)
            lossHistory.append(statistics.criticLoss)
            meanQHistory.append(statistics.meanQ)
            updates += 1
        }
    }

    /// Plays `episodes` episodes with the deterministic policy μ (no noise), all at once, from
    /// start states drawn with `seed`: the same seed gives the same starts, so evaluations at
    /// different moments of training compare the policies on the same states.
    public func evaluate(episodes count: Int, seed: UInt64) -> PolicyEvaluation {
        DDPGAgent.evaluate(networks: networks, environment: environment, episodes: count, seed: seed,
                           discount: configuration.discount)
    }

    /// The deterministic evaluation of any actor (and its first critic's estimates) on copies of
    /// `environment`; start states from `SeededGenerator(seed:)`, one reset after another.
    public static func evaluate(networks: ActorCritic, environment: any ContinuousEnvironment, episodes count: Int,
                                seed: UInt64, discount: Double) -> PolicyEvaluation {
        var generator = SeededGenerator(seed: seed)
        var environments = Array(repeating: environment, count: count)
        let n = environment.observationCount, k = environment.actionCount
        var observations = (0..<count).map { environments[$0].reset(using: &generator) }
        let starts = Tensor(shape: [count, n], scalars: observations.flatMap { $0 })
        let startEstimates = networks.value(starts, networks.actions(starts)).scalars
        var rewards = Array(repeating: [Double](), count: count)
        var active = Array(0..<count)
        while !active.isEmpty {
            let states = Tensor(shape: [active.count, n], scalars: active.flatMap { observations[$0] })
            let actions = networks.actions(states).scalars
            var stillActive: [Int] = []
            for (row, e) in active.enumerated() {
                let result = environments[e].step(Array(actions[(row * k)..<((row + 1) * k)]))
                rewards[e].append(result.reward)
                observations[e] = result.observation
                if !result.isDone { stillActive.append(e) }
            }
            active = stillActive
        }
        let discounted = rewards.map { r in r.reversed().reduce(0.0) { $1 + discount * $0 } }
        return PolicyEvaluation(returns: rewards.map { $0.reduce(0, +) }, startEstimates: startEstimates,
                                startDiscountedReturns: discounted)
    }
}

/// The outcome of a deterministic evaluation: per episode its return, the critic's estimate
/// Q(s₀, μ(s₀)) at the start state, and the discounted return G₀ actually obtained from it.
public struct PolicyEvaluation: Sendable {
    public var returns: [Double]
    public var startEstimates: [Double]
    public var startDiscountedReturns: [Double]

    public var meanReturn: Double { returns.reduce(0, +) / Double(Swift.max(returns.count, 1)) }
    public var meanStartEstimate: Double { startEstimates.reduce(0, +) / Double(Swift.max(startEstimates.count, 1)) }
    public var meanStartDiscountedReturn: Double {
        startDiscountedReturns.reduce(0, +) / Double(Swift.max(startDiscountedReturns.count, 1))
    }
}
