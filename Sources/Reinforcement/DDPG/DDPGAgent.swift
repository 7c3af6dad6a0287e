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
public struct DDPGAgent: OffPolicyAgent, Sendable {
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
    /// Steps, updates, episodes, and per update the first critic's loss and mean Q(sᵢ, aᵢ).
    public private(set) var progress = TrainingProgress()

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
        progress.record(result)
        if result.isDone {
            noise.reset()
            observation = environment.reset(using: &explorationGenerator)
        } else {
            observation = result.observation
        }
        if steps >= configuration.learningStarts {
            let batch = memory.sample(size: configuration.batchSize, using: &replayGenerator)
            let statistics = updateRule(&networks, &optimizers, batch, configuration, updates, &targetNoiseGenerator)
            progress.recordUpdate(loss: statistics.criticLoss, meanQ: statistics.meanQ)
        }
    }

    /// Plays one episode from each of `starts` with the deterministic policy μ (no noise), all
    /// at once; learning is not affected. Evaluating from the same starts at every checkpoint
    /// compares the policies of a run, and of different runs, on the same states.
    public func evaluate(from starts: [EvaluationStart]) -> PolicyEvaluation {
        DDPGAgent.evaluate(networks: networks, from: starts, discount: configuration.discount)
    }

    /// The deterministic evaluation of any actor (and its first critic's estimates), one episode
    /// per start, every episode stepped in one batched forward pass of the actor.
    public static func evaluate(networks: ActorCritic, from starts: [EvaluationStart], discount: Double) -> PolicyEvaluation {
        check(!starts.isEmpty, "DDPGAgent.evaluate: no start states")
        var environments = starts.map(\.environment)
        var observations = starts.map(\.observation)
        let n = observations[0].count, k = networks.actionCount
        let initial = Tensor(shape: [starts.count, n], scalars: observations.flatMap { $0 })
        let startEstimates = networks.value(initial, networks.actions(initial)).scalars
        var rewards = Array(repeating: [Double](), count: starts.count)
        var active = Array(starts.indices)
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
        return PolicyEvaluation(rewards: rewards, startEstimates: startEstimates, discount: discount)
    }
}

/// A start state of an evaluation episode: a copy of the environment already reset to it, and
/// the observation it gave.
public struct EvaluationStart: Sendable {
    public var environment: any ContinuousEnvironment
    public var observation: [Double]

    public init(environment: any ContinuousEnvironment, observation: [Double]) {
        self.environment = environment
        self.observation = observation
    }

    /// `count` starts drawn from the environment's own start distribution with `generator`.
    public static func random(_ environment: any ContinuousEnvironment, count: Int,
                              using generator: inout SeededGenerator) -> [EvaluationStart] {
        (0..<count).map { _ in
            var copy = environment
            let observation = copy.reset(using: &generator)
            return EvaluationStart(environment: copy, observation: observation)
        }
    }
}

extension Pendulum {
    /// `count` pendulums at rest with θ evenly spaced around the circle,
    /// θᵢ = −π + (i + ½) · 2π/count: a fixed set of evaluation starts, the same for every seed,
    /// that covers the start distribution's angles evenly (from near the bottom to near the top).
    public static func evenlySpacedStarts(_ count: Int, maxSteps: Int = 200) -> [EvaluationStart] {
        check(count >= 1, "Pendulum.evenlySpacedStarts: count must be positive, got \(count)")
        return (0..<count).map { i in
            var pendulum = Pendulum(maxSteps: maxSteps)
            let theta = -Double.pi + (Double(i) + 0.5) * 2 * Double.pi / Double(count)
            let observation = pendulum.reset(angle: theta, angularVelocity: 0)
            return EvaluationStart(environment: pendulum, observation: observation)
        }
    }
}
