import NeuralNetworks
import TensorCore

/// Labelled states for imitation: each observation with the action the expert takes there.
/// Behaviour cloning fills it with the expert's own states; DAgger adds the learner's states,
/// labelled by the expert.
public struct ImitationDataset: Sendable, Equatable {
    /// One observation per label.
    public private(set) var observations: [[Double]] = []
    /// The expert's action at each observation.
    public private(set) var actions: [Int] = []

    public init() {}

    /// The number of expert labels.
    public var count: Int { actions.count }

    /// Adds one labelled state.
    public mutating func append(_ observation: [Double], action: Int) {
        observations.append(observation)
        actions.append(action)
    }

    /// Adds every state of `other` (DAgger's aggregation step: D ← D ∪ Dᵢ).
    public mutating func aggregate(_ other: ImitationDataset) {
        observations += other.observations
        actions += other.actions
    }

    /// The observations as a matrix `[count, observation width]`.
    public var inputs: Tensor { Tensor(observations) }

    /// The first `count` states the expert visits when it plays episode after episode from
    /// start states drawn with `generator`, each labelled with its action.
    public static func demonstrations(by expert: CartPoleExpert, count: Int,
                                      using generator: inout SeededGenerator) -> ImitationDataset {
        var dataset = ImitationDataset()
        var environment = CartPole()
        while dataset.count < count {
            var observation = environment.reset(using: &generator)
            while dataset.count < count {
                let action = expert.action(observation)
                dataset.append(observation, action: action)
                let result = environment.step(action)
                if result.isDone { break }
                observation = result.observation
            }
        }
        return dataset
    }

    /// The states visited when `policy` plays for `count` steps (episodes restart when they
    /// end), each labelled with the expert's action: what DAgger asks the expert about.
    public static func relabelled(by expert: CartPoleExpert, visitedBy policy: ([Double]) -> Int, count: Int,
                                  using generator: inout SeededGenerator) -> ImitationDataset {
        var dataset = ImitationDataset()
        var environment = CartPole()
        var observation = environment.reset(using: &generator)
        while dataset.count < count {
            dataset.append(observation, action: expert.action(observation))
            let result = environment.step(policy(observation))
            observation = result.isDone ? environment.reset(using: &generator) : result.observation
        }
        return dataset
    }
}

/// The imitation learner: a softmax policy trained by supervised learning (cross-entropy, i.e.
/// maximum likelihood of the expert's actions, 003 line 1076) on a labelled dataset.
public struct ImitationLearner: Sendable, Equatable {
    /// Widths of the hidden layers.
    public var hiddenLayers: [Int]
    /// Passes over the data per training.
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double

    public init(hiddenLayers: [Int] = [16], epochs: Int = 60, batchSize: Int = 32, learningRate: Double = 0.01) {
        self.hiddenLayers = hiddenLayers
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
    }

    /// Behaviour cloning: a fresh policy (weights from `generator`) trained on `dataset`,
    /// maximising Σ log π_θ(a|s) over the labelled pairs with Adam.
    public func train(on dataset: ImitationDataset, using generator: inout SeededGenerator) -> SoftmaxPolicy {
        check(dataset.count > 0, "ImitationLearner.train: the dataset is empty")
        var policy = SoftmaxPolicy(layerSizes: [4] + hiddenLayers + [2], using: &generator)
        var optimizer = Adam(learningRate: learningRate)
        let inputs = dataset.inputs
        for _ in 0..<epochs {
            policy.network.trainClassifierEpoch(inputs: inputs, labels: dataset.actions, batchSize: batchSize,
                                                optimizer: &optimizer, using: &generator)
        }
        return policy
    }
}

/// The mean return of a deterministic policy over `episodes` CartPole episodes from start
/// states drawn with `generator`.
public func meanReturn(of policy: ([Double]) -> Int, episodes: Int, using generator: inout SeededGenerator) -> Double {
    var environment = CartPole()
    var total = 0.0
    for _ in 0..<episodes {
        total += environment.runEpisode(using: &generator, policy: policy).totalReward
    }
    return total / Double(episodes)
}
