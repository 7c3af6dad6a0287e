import NeuralNetworks
import TensorCore

/// One batch of experience for REINFORCE: every step of a few complete episodes.
public struct PolicyBatch: Sendable {
    /// sₜ, one row per step: `[n, observations]`.
    public var observations: Tensor
    /// aₜ.
    public var actions: [Int]
    /// The discounted reward-to-go R̂ₜ of each step (bootstrapped with V_φ at a time limit).
    public var returns: [Double]
    /// The undiscounted returns of the episodes in the batch.
    public var episodeReturns: [Double]
}

/// REINFORCE with a learned state-value baseline (Williams 1992; 003 lines 1140–1190):
/// sample complete episodes with π_θ, weight ∇ log π(aₜ|sₜ) by the advantage R̂ₜ − V_φ(sₜ), take
/// one gradient step, and fit V_φ to the returns R̂ₜ by regression.
///
/// The update (`ReinforceAgent.update`) is what the lesson writes out on its page; the agent
/// takes it as a closure, so the lesson's version is the one that runs.
public struct ReinforceAgent: Sendable {
    public let configuration: PolicyGradientConfiguration
    public var policy: SoftmaxPolicy
    /// V_φ(s): observation → one number.
    public var value: Sequential
    public var policyOptimizer: Adam
    public var valueOptimizer: Adam
    /// How many CartPoles play side by side while a batch is collected.
    public var environmentCount = 8
    /// Action sampling and start states.
    public var generator: SeededGenerator
    /// Environment steps taken so far.
    public private(set) var steps = 0
    /// (step at the end, return) of every training episode.
    public private(set) var episodes: [(step: Int, totalReward: Double)] = []
    /// The update rule: policy and value step from one batch.
    public typealias Update = @Sendable (inout ReinforceAgent, PolicyBatch) -> Void
    private let updateRule: Update

    /// An agent whose networks are drawn from `seed`'s stream "networks" and whose episodes
    /// use the stream "episodes".
    public init(configuration: PolicyGradientConfiguration, seed: UInt64, update: @escaping Update = ReinforceAgent.update) {
        self.configuration = configuration
        var networkGenerator = SeededGenerator(seed: seed, stream: "networks")
        let n = 4
        policy = SoftmaxPolicy(layerSizes: [n] + configuration.policyHiddenLayers + [2], using: &networkGenerator)
        value = Sequential(layerSizes: [n] + configuration.valueHiddenLayers + [1], hiddenActivation: .tanh,
                           outputActivation: .identity, weightInitializer: .pytorchLinear,
                           biasInitializer: .pytorchLinear, using: &networkGenerator)
        policyOptimizer = Adam(learningRate: configuration.policyLearningRate)
        valueOptimizer = Adam(learningRate: configuration.valueLearningRate)
        generator = SeededGenerator(seed: seed, stream: "episodes")
        updateRule = update
    }

    /// Plays complete episodes with actions sampled from π_θ until the batch holds at least
    /// `configuration.batchSize` steps. `environmentCount` CartPoles run side by side (one
    /// batched forward pass per joint step); an environment whose episode ends starts another
    /// one only while the batch is still short, so every episode in the batch is complete.
    public mutating func collectBatch() -> PolicyBatch {
        let policy = self.policy
        var running: [(environment: CartPole, episode: EpisodeRecord)] = []
        for _ in 0..<environmentCount {
            var environment = CartPole()
            let start = environment.reset(using: &generator)
            running.append((environment, EpisodeRecord(observations: [start], actions: [], rewards: [], terminated: false)))
        }
        var finished: [EpisodeRecord] = []
        var stepsInBatch = 0
        while !running.isEmpty {
            let states = Tensor(shape: [running.count, 4], scalars: running.flatMap { $0.episode.observations.last! })
            let probabilities = softmax(policy.network.predict(states)).scalars
            var stillRunning: [(environment: CartPole, episode: EpisodeRecord)] = []
            for (i, entry) in running.enumerated() {
                var (environment, episode) = entry
                let action = generator.sampleIndex(probabilities: Array(probabilities[(2 * i)..<(2 * i + 2)]))
                let result = environment.step(action)
                episode.actions.append(action)
                episode.rewards.append(result.reward)
                episode.observations.append(result.observation)
                steps += 1
                stepsInBatch += 1
                guard result.isDone else {
                    stillRunning.append((environment, episode))
                    continue
                }
                episode.terminated = result.terminated
                finished.append(episode)
                episodes.append((steps, episode.totalReward))
                if stepsInBatch < configuration.batchSize {
                    let start = environment.reset(using: &generator)
                    stillRunning.append((environment, EpisodeRecord(observations: [start], actions: [], rewards: [],
                                                                    terminated: false)))
                }
            }
            running = stillRunning
        }
        var observations: [Double] = [], actions: [Int] = [], returns: [Double] = []
        for episode in finished {
            var toGo = rewardToGo(episode.rewards, discount: configuration.discount)
            if !episode.terminated {
                // Cut off by the time limit: the last state still has a future, worth about V(s_T).
                let future = value.predict(Tensor(episode.observations.last!)).scalars[0]
                for t in toGo.indices { toGo[t] += pow(configuration.discount, Double(toGo.count - t)) * future }
            }
            for t in episode.actions.indices {
                observations += episode.observations[t]
                actions.append(episode.actions[t])
                returns.append(toGo[t])
            }
        }
        return PolicyBatch(observations: Tensor(shape: [actions.count, 4], scalars: observations), actions: actions,
                           returns: returns, episodeReturns: finished.map(\.totalReward))
    }

    /// The library's update: advantages Aₜ = R̂ₜ − V_φ(sₜ) (normalised if configured), one policy
    /// step on −(1/n) Σ Aₜ log π(aₜ|sₜ), then `valueStepsPerBatch` steps of V_φ on ½(V − R̂)².
    public static let update: Update = { agent, batch in
        let baseline = agent.value.predict(batch.observations).scalars
        var advantages = zip(batch.returns, baseline).map { $0 - $1 }
        if agent.configuration.normalizeAdvantages { advantages = standardized(advantages) }
        agent.policy.policyGradientStep(observations: batch.observations, actions: batch.actions,
                                        weights: advantages, optimizer: &agent.policyOptimizer)
        let targets = Tensor(shape: [batch.actions.count, 1], scalars: batch.returns)
        for _ in 0..<agent.configuration.valueStepsPerBatch {
            agent.value.computeGradients(input: batch.observations, target: targets, loss: .halfSquaredError)
            agent.valueOptimizer.step(&agent.value)
        }
    }

    /// Collects batches and updates until at least `count` more environment steps are taken.
    public mutating func train(steps count: Int) {
        let goal = steps + count
        while steps < goal {
            let batch = collectBatch()
            updateRule(&self, batch)
        }
    }

    /// The greedy policy arg maxₐ π(a|s) on `episodes` fresh episodes (start states from `seed`).
    public func evaluate(episodes count: Int, seed: UInt64) -> GreedyEvaluation {
        GreedyEvaluation(greedyPolicyOf: policy.network, on: CartPole(), episodes: count, seed: seed,
                         discount: configuration.discount)
    }
}

/// (x − mean)/standard deviation for every entry (unchanged if the spread is 0).
public func standardized(_ values: [Double]) -> [Double] {
    guard values.count > 1 else { return values }
    let mean = values.reduce(0, +) / Double(values.count)
    let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
    return spread > 0 ? values.map { ($0 - mean) / spread } : values.map { $0 - mean }
}

/// What `trainWithCheckpoints` needs of an agent: a step count, training, greedy evaluation.
public protocol PolicyGradientLearner {
    /// Environment steps taken so far.
    var steps: Int { get }
    /// Trains until at least `count` more environment steps are taken.
    mutating func train(steps count: Int)
    /// The greedy policy's returns on `episodes` fresh episodes (start states from `seed`).
    func evaluate(episodes count: Int, seed: UInt64) -> GreedyEvaluation
    /// Mean return of the last 10 training episodes (0 before the first one ends).
    var recentTrainingReturn: Double { get }
}

extension ReinforceAgent: PolicyGradientLearner {
    public var recentTrainingReturn: Double {
        let recent = episodes.suffix(10).map(\.totalReward)
        return recent.isEmpty ? 0 : recent.reduce(0, +) / Double(recent.count)
    }
}

extension PolicyGradientLearner {
    /// Trains for the whole budget `maxSteps`, with a greedy evaluation of `evaluationEpisodes`
    /// fresh episodes each time the step count passes a multiple of `evaluationInterval` (start
    /// states from `evaluationSeed` and the step count), never stopping early. `solvedAtStep` is
    /// the first checkpoint within `maxSteps` whose greedy mean reaches `threshold`.
    public mutating func trainWithCheckpoints(maxSteps: Int, evaluationInterval: Int, evaluationEpisodes: Int,
                                              threshold: Double, evaluationSeed: UInt64,
                                              onCheckpoint: (PolicyCheckpoint) -> Void = { _ in }) -> PolicyGradientRun {
        var run = PolicyGradientRun(solvedAtStep: nil, checkpoints: [])
        var nextEvaluation = evaluationInterval
        while steps < maxSteps {
            train(steps: min(nextEvaluation, maxSteps) - steps)
            guard steps >= nextEvaluation || steps >= maxSteps else { continue }
            let evaluation = evaluate(episodes: evaluationEpisodes, seed: evaluationSeed &+ UInt64(steps))
            let checkpoint = PolicyCheckpoint(step: steps, greedyReturn: evaluation.meanReturn,
                                              trainingReturn: recentTrainingReturn)
            run.checkpoints.append(checkpoint)
            onCheckpoint(checkpoint)
            // A batch may end a little past the budget; a checkpoint there does not count as solved in time.
            if evaluation.meanReturn >= threshold && run.solvedAtStep == nil && steps <= maxSteps { run.solvedAtStep = steps }
            while nextEvaluation <= steps { nextEvaluation += evaluationInterval }
        }
        return run
    }
}
