import NeuralNetworks

/// How the target network φ follows the online network θ.
public enum TargetUpdate: Sendable, Equatable {
    /// No separate target network: targets use θ itself (plain online Q-learning).
    case none
    /// φ ← θ every `every` environment steps (Mnih et al., 2015).
    case hard(every: Int)
    /// φ ← τθ + (1 − τ)φ after every gradient step (Lillicrap et al., 2016).
    case soft(tau: Double)
}

/// Every hyperparameter of a DQN run, in one place (in the manner of CleanRL's `Args`).
///
/// `cartPole` is the tuned setting the lesson uses; each field says what it controls.
public struct DQNConfiguration: Sendable, Equatable {
    /// Widths of the hidden ReLU layers of Q_θ.
    public var hiddenLayers: [Int]
    /// Adam's step size η.
    public var learningRate: Double
    /// γ, the discount of future rewards.
    public var discount: Double
    /// N, the number of most recent transitions the replay memory keeps.
    public var replayCapacity: Int
    /// m, transitions per gradient step.
    public var batchSize: Int
    /// Environment steps taken (with ε-greedy actions) before the first gradient step.
    public var learningStarts: Int
    /// One gradient step every this many environment steps.
    public var trainFrequency: Int
    /// How the target network follows the online one.
    public var targetUpdate: TargetUpdate
    /// ε as a function of the environment step.
    public var epsilon: LinearSchedule
    /// The loss on Q(s, a) − y.
    public var loss: Loss
    /// Double DQN targets (true) or the original max targets (false).
    public var doubleDQN: Bool

    public init(hiddenLayers: [Int], learningRate: Double, discount: Double, replayCapacity: Int, batchSize: Int,
                learningStarts: Int, trainFrequency: Int, targetUpdate: TargetUpdate, epsilon: LinearSchedule,
                loss: Loss, doubleDQN: Bool) {
        self.hiddenLayers = hiddenLayers
        self.learningRate = learningRate
        self.discount = discount
        self.replayCapacity = replayCapacity
        self.batchSize = batchSize
        self.learningStarts = learningStarts
        self.trainFrequency = trainFrequency
        self.targetUpdate = targetUpdate
        self.epsilon = epsilon
        self.loss = loss
        self.doubleDQN = doubleDQN
    }

    /// The lesson's setting for CartPole.
    public static let cartPole = DQNConfiguration(
        hiddenLayers: [64, 64],
        learningRate: 1e-3,
        discount: 0.99,
        replayCapacity: 50_000,
        batchSize: 128,
        learningStarts: 1_000,
        trainFrequency: 1,
        targetUpdate: .hard(every: 100),
        epsilon: LinearSchedule(start: 1, end: 0.05, duration: 10_000),
        loss: .huber(delta: 1),
        doubleDQN: true)

    /// Lesson07's over-estimation study on CartPole: `cartPole` with the squared loss of the
    /// notes' Algorithm 1. With it, DQN's estimates run far above what any policy can collect
    /// while double DQN's stay much closer, for every seed tried; with the Huber loss both run
    /// high and which is higher varies from seed to seed.
    public static let overestimationStudy: DQNConfiguration = {
        var configuration = cartPole
        configuration.loss = .halfSquaredError
        return configuration
    }()

    /// Naive online Q-learning with a network: no replay (a memory of one transition, used
    /// once), no target network, one gradient step per environment step.
    public static let onlineQLearning = DQNConfiguration(
        hiddenLayers: [64, 64],
        learningRate: 1e-3,
        discount: 0.99,
        replayCapacity: 1,
        batchSize: 1,
        learningStarts: 1,
        trainFrequency: 1,
        targetUpdate: .none,
        epsilon: LinearSchedule(start: 1, end: 0.05, duration: 10_000),
        loss: .halfSquaredError,
        doubleDQN: false)
}
