import NeuralNetworks

/// Every hyperparameter of a policy-gradient run on a discrete-action environment (REINFORCE
/// with a learned baseline, or the one-step actor-critic), in one place.
public struct PolicyGradientConfiguration: Sendable, Equatable {
    /// Widths of the hidden tanh layers of the policy π_θ.
    public var policyHiddenLayers: [Int]
    /// Widths of the hidden tanh layers of the value network V_φ.
    public var valueHiddenLayers: [Int]
    /// Adam's step size for the policy.
    public var policyLearningRate: Double
    /// Adam's step size for the value network.
    public var valueLearningRate: Double
    /// γ.
    public var discount: Double
    /// REINFORCE: complete episodes are collected until the batch holds at least this many
    /// steps, then the policy takes one step. Actor-critic: the number of environments stepped
    /// side by side (one update per joint step).
    public var batchSize: Int
    /// REINFORCE: gradient steps of the value network on each batch's returns (full batch).
    public var valueStepsPerBatch: Int
    /// Whether the weights (advantages) of a batch are shifted and scaled to mean 0 and
    /// standard deviation 1 before the policy step.
    public var normalizeAdvantages: Bool

    public init(policyHiddenLayers: [Int], valueHiddenLayers: [Int], policyLearningRate: Double,
                valueLearningRate: Double, discount: Double, batchSize: Int, valueStepsPerBatch: Int,
                normalizeAdvantages: Bool) {
        self.policyHiddenLayers = policyHiddenLayers
        self.valueHiddenLayers = valueHiddenLayers
        self.policyLearningRate = policyLearningRate
        self.valueLearningRate = valueLearningRate
        self.discount = discount
        self.batchSize = batchSize
        self.valueStepsPerBatch = valueStepsPerBatch
        self.normalizeAdvantages = normalizeAdvantages
    }

    /// REINFORCE with a learned baseline on CartPole, the lesson's setting.
    public static let reinforceCartPole = PolicyGradientConfiguration(
        policyHiddenLayers: [32], valueHiddenLayers: [32], policyLearningRate: 0.01, valueLearningRate: 0.01,
        discount: 0.99, batchSize: 2_000, valueStepsPerBatch: 20, normalizeAdvantages: true)

    /// The one-step actor-critic on CartPole: 8 environments side by side.
    public static let actorCriticCartPole = PolicyGradientConfiguration(
        policyHiddenLayers: [32], valueHiddenLayers: [32], policyLearningRate: 0.001, valueLearningRate: 0.005,
        discount: 0.99, batchSize: 8, valueStepsPerBatch: 1, normalizeAdvantages: false)
}

/// One greedy evaluation during training.
public struct PolicyCheckpoint: Sendable, Equatable {
    /// Environment steps taken when the evaluation ran.
    public var step: Int
    /// Mean return of the greedy policy arg maxₐ π(a|s) over the evaluation episodes.
    public var greedyReturn: Double
    /// Mean return of the last 10 training episodes (actions sampled from π).
    public var trainingReturn: Double
}

/// The record of a policy-gradient run.
public struct PolicyGradientRun: Sendable {
    /// The first checkpoint whose greedy mean reached the threshold, if any.
    public var solvedAtStep: Int?
    public var checkpoints: [PolicyCheckpoint]
}
