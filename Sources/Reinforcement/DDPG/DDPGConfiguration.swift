/// Every hyperparameter of a DDPG (or TD3) run, in one place.
///
/// TD3 (Fujimoto et al., 2018) is DDPG with three changes, each a field here: two critics and
/// the smaller of their targets (`twinCritics`), the actor and the target networks updated only
/// every `policyDelay` critic updates, and noise added to the target action
/// (`targetPolicyNoise`, clipped to ±`targetNoiseClip`). With `twinCritics` false,
/// `policyDelay` 1 and `targetPolicyNoise` 0 it is DDPG exactly (Lillicrap et al., 2016).
public struct DDPGConfiguration: Sendable, Equatable {
    /// Widths of the actor's hidden ReLU layers (its output is tanh, scaled to the action range).
    public var actorHiddenLayers: [Int]
    /// Widths of the critic's hidden ReLU layers (its input is (s, a), its output Q(s, a)).
    public var criticHiddenLayers: [Int]
    /// Adam's step size for the actor.
    public var actorLearningRate: Double
    /// Adam's step size for the critic(s).
    public var criticLearningRate: Double
    /// γ.
    public var discount: Double
    /// τ of the soft target updates θ′ ← τθ + (1 − τ)θ′.
    public var tau: Double
    /// The most recent transitions the replay memory keeps.
    public var replayCapacity: Int
    /// N, transitions per update.
    public var batchSize: Int
    /// Environment steps taken with uniformly random actions before the first update (the
    /// replay memory then holds something to learn from).
    public var learningStarts: Int
    /// 𝒩ₜ, in units of the action (a torque, for the pendulum).
    public var noise: ExplorationNoise
    /// TD3: two critics; the target takes the smaller of the two target critics' values.
    public var twinCritics: Bool
    /// TD3: the actor and the targets are updated once per this many critic updates (1: DDPG).
    public var policyDelay: Int
    /// TD3: the standard deviation of the noise added to μ′(s′) in the target, in action units
    /// (0: none).
    public var targetPolicyNoise: Double
    /// TD3: that noise is clipped to ±this before it is added.
    public var targetNoiseClip: Double

    public init(actorHiddenLayers: [Int], criticHiddenLayers: [Int], actorLearningRate: Double,
                criticLearningRate: Double, discount: Double, tau: Double, replayCapacity: Int, batchSize: Int,
                learningStarts: Int, noise: ExplorationNoise, twinCritics: Bool = false, policyDelay: Int = 1,
                targetPolicyNoise: Double = 0, targetNoiseClip: Double = 0) {
        self.actorHiddenLayers = actorHiddenLayers
        self.criticHiddenLayers = criticHiddenLayers
        self.actorLearningRate = actorLearningRate
        self.criticLearningRate = criticLearningRate
        self.discount = discount
        self.tau = tau
        self.replayCapacity = replayCapacity
        self.batchSize = batchSize
        self.learningStarts = learningStarts
        self.noise = noise
        self.twinCritics = twinCritics
        self.policyDelay = policyDelay
        self.targetPolicyNoise = targetPolicyNoise
        self.targetNoiseClip = targetNoiseClip
    }

    /// Whether any of TD3's three changes is on.
    public var isTD3: Bool { twinCritics || policyDelay > 1 || targetPolicyNoise > 0 }

    /// The lesson's DDPG setting for the pendulum.
    public static let pendulum = DDPGConfiguration(
        actorHiddenLayers: [64, 64],
        criticHiddenLayers: [64, 64],
        actorLearningRate: 1e-3,
        criticLearningRate: 1e-3,
        discount: 0.98,
        tau: 0.005,
        replayCapacity: 50_000,
        batchSize: 128,
        learningStarts: 1_000,
        noise: .gaussian(standardDeviation: 0.2))

    /// TD3 on the pendulum: `pendulum` with the three changes, at the TD3 paper's settings
    /// (policy delay 2, target noise 0.2 clipped to 0.5, on actions in [−1, 1]: here scaled
    /// to the torque range ±2).
    public static let td3Pendulum: DDPGConfiguration = {
        var configuration = pendulum
        configuration.twinCritics = true
        configuration.policyDelay = 2
        configuration.targetPolicyNoise = 0.4
        configuration.targetNoiseClip = 1.0
        return configuration
    }()
}
