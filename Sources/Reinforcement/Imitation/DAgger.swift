import TensorCore

/// Dataset aggregation (Ross, Gordon and Bagnell 2011; 003 lines 1084–1096): train on the
/// expert's demonstrations, then repeatedly let the learner act, ask the expert what it would
/// have done in the states the learner reached, add those labels to the data and retrain.
///
/// Cloning trains only on states the expert visits; once the learner errs it reaches states
/// nobody labelled, and its errors compound (Ross et al.: a cost that can grow like T²ε over T
/// steps). DAgger labels the learner's own states, which bounds the growth by about Tε.
public struct DAgger: Sendable {
    public var expert: CartPoleExpert
    public var learner: ImitationLearner
    /// Everything labelled so far.
    public private(set) var dataset: ImitationDataset
    /// The current policy, trained on `dataset`.
    public private(set) var policy: SoftmaxPolicy

    /// Starts from `initialLabels` expert demonstrations (behaviour cloning).
    public init(expert: CartPoleExpert, learner: ImitationLearner, initialLabels: Int,
                using generator: inout SeededGenerator) {
        self.expert = expert
        self.learner = learner
        dataset = ImitationDataset.demonstrations(by: expert, count: initialLabels, using: &generator)
        policy = learner.train(on: dataset, using: &generator)
    }

    /// One iteration: the current policy plays `labels` steps (greedy actions), the expert
    /// labels the visited states, they join the dataset, and a fresh policy is trained on all of it.
    public mutating func step(labels: Int, using generator: inout SeededGenerator) {
        let current = policy
        let newLabels = ImitationDataset.relabelled(by: expert, visitedBy: { current.greedyAction($0) }, count: labels,
                                                    using: &generator)
        dataset.aggregate(newLabels)
        policy = learner.train(on: dataset, using: &generator)
    }
}
