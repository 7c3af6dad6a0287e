import NeuralNetworks
import TensorCore

/// Deep Q-learning with experience replay and a target network (the notes' Algorithm 1, with
/// the fixed targets of the 2015 paper and, optionally, double-DQN targets), on any environment
/// with vector observations and discrete actions.
///
/// Each environment step: pick an ε-greedy action, store (s, a, r, s′, terminated) in the replay
/// memory, and (after `learningStarts`, every `trainFrequency` steps) take one Adam step on a
/// uniform mini-batch toward the targets of `DQNTargets`, with Adam's η of that step (see
/// `DQNConfiguration.learningRate(at:)`); then update the target network.
public struct DQNAgent: OffPolicyAgent, Sendable {
    public let configuration: DQNConfiguration
    /// Q_θ, the network that acts and learns.
    public private(set) var online: Sequential
    /// Q_φ, the target network (unused with `TargetUpdate.none`).
    public private(set) var target: Sequential
    /// The gradient step taken on each mini-batch.
    private let updateRule: DQNUpdateRule
    public private(set) var memory: ReplayMemory
    private var optimizer: Adam
    private var environment: any Environment
    private var generator: SeededGenerator
    private var batch: ReplayBatch
    private var observation: [Double]
    /// Steps, gradient steps, episodes, and per gradient step the loss and mean Q_θ(sᵢ, aᵢ).
    public private(set) var progress = TrainingProgress()

    /// A fresh agent; all of its randomness (initial weights, exploration, replay sampling,
    /// start states) comes from `seed`. Each mini-batch is learned from with `update`
    /// (`DQNUpdate.step` unless a lesson passes the one on its page).
    public init(configuration: DQNConfiguration, environment: any Environment, seed: UInt64,
                update: @escaping DQNUpdateRule = DQNUpdate.step) {
        self.updateRule = update
        self.configuration = configuration
        var generator = SeededGenerator(seed: seed)
        let sizes = [environment.observationCount] + configuration.hiddenLayers + [environment.actionCount]
        online = Sequential.qNetwork(layerSizes: sizes, using: &generator)
        target = online
        memory = ReplayMemory(capacity: configuration.replayCapacity, observationCount: environment.observationCount)
        optimizer = Adam(learningRate: configuration.learningRate)
        batch = ReplayBatch(size: configuration.batchSize, observationCount: environment.observationCount)
        var env = environment
        observation = env.reset(using: &generator)
        self.environment = env
        self.generator = generator
    }

    /// ε at the current step.
    public var epsilon: Double { configuration.epsilon.value(at: steps) }

    /// Takes `count` environment steps, learning as it goes.
    public mutating func train(steps count: Int) {
        for _ in 0..<count { trainOneStep() }
    }

    private mutating func trainOneStep() {
        let action: Int
        if generator.uniform() < epsilon {
            action = generator.index(below: environment.actionCount)
        } else {
            action = Exploration.greedy(online.qValues(observation))
        }
        let result = environment.step(action)
        memory.append(state: observation, action: action, reward: result.reward, nextState: result.observation,
                      terminated: result.terminated)
        progress.record(result)
        if result.isDone {
            observation = environment.reset(using: &generator)
        } else {
            observation = result.observation
        }
        if steps >= configuration.learningStarts && steps % configuration.trainFrequency == 0 {
            update()
        }
        if case .hard(let every) = configuration.targetUpdate, steps % every == 0 {
            target.copyParameters(from: online)
        }
    }

    /// One gradient step on a mini-batch from the replay memory.
    private mutating func update() {
        // (With a memory of capacity 1 and batches of 1 this is the transition just seen:
        // plain online Q-learning.)
        memory.sample(into: &batch, using: &generator)
        optimizer.learningRate = configuration.learningRate(at: steps)
        let (loss, meanQ) = updateRule(&online, configuration.targetUpdate == .none ? online : target, &optimizer,
                                       batch, configuration)
        progress.recordUpdate(loss: loss, meanQ: meanQ)
        if case .soft(let tau) = configuration.targetUpdate {
            target.softUpdate(toward: online, tau: tau)
        }
    }

    /// Plays `episodes` episodes with the greedy policy of Q_θ, all at once (one batched forward
    /// pass per time step), from start states drawn with `seed`; learning is not affected.
    public func evaluate(episodes count: Int, seed: UInt64) -> GreedyEvaluation {
        GreedyEvaluation(greedyPolicyOf: online, on: environment, episodes: count, seed: seed,
                         discount: configuration.discount)
    }
}
