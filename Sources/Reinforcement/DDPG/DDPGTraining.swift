/// One evaluation during a DDPG run (`recentTrainingReturn`: the last 5 noisy episodes).
public typealias DDPGCheckpoint = OffPolicyCheckpoint

/// The record of `DDPGAgent.train(maxSteps:…)`.
public struct DDPGRun: Sendable {
    /// The first checkpoint whose evaluation mean reached the threshold, if any.
    public var reachedAtStep: Int?
    public var checkpoints: [DDPGCheckpoint]

    /// The best evaluation mean of the run.
    public var bestReturn: Double { checkpoints.map(\.evaluationReturn).max() ?? -.infinity }
    /// The evaluation mean at the last checkpoint.
    public var finalReturn: Double { checkpoints.last?.evaluationReturn ?? -.infinity }

    /// How far the critic's values sat above (or, if negative, below) what its policy
    /// collected, over the second half of the checkpoints (see `meanEstimateGap` of the list).
    public func meanEstimateGap() -> Double { checkpoints.meanEstimateGap() }
}

extension DDPGAgent {
    /// Trains for `maxSteps` environment steps in blocks of `evaluationInterval`; after each
    /// block evaluates the deterministic policy from `evaluationStarts` (the same starts every
    /// time). Never stops early: the run records the first checkpoint whose mean return reaches
    /// `threshold`.
    public mutating func train(maxSteps: Int, evaluationInterval: Int, evaluationStarts: [EvaluationStart],
                               threshold: Double,
                               onCheckpoint: (DDPGCheckpoint) -> Void = { _ in }) -> DDPGRun {
        let (reached, checkpoints) = trainWithCheckpoints(
            maxSteps: maxSteps, evaluationInterval: evaluationInterval, recentEpisodes: 5, threshold: threshold,
            stopWhenReached: false, evaluate: { $0.evaluate(from: evaluationStarts) }, onCheckpoint: onCheckpoint)
        return DDPGRun(reachedAtStep: reached, checkpoints: checkpoints)
    }
}
