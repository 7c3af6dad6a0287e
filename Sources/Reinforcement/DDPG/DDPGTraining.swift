/// One evaluation during a DDPG run.
public struct DDPGCheckpoint: Sendable {
    /// Environment steps taken when the evaluation ran.
    public var step: Int
    /// Mean return of the deterministic policy over the evaluation starts.
    public var evaluationReturn: Double
    /// Mean of the critic's Q(s₀, μ(s₀)) over those starts.
    public var startEstimate: Double
    /// Mean discounted return G₀ the policy actually obtained from them.
    public var startDiscountedReturn: Double
    /// Mean return of the last 5 training (noisy) episodes, or nil before the first ends.
    public var recentTrainingReturn: Double?
}

/// The record of `DDPGAgent.train(maxSteps:…)`.
public struct DDPGRun: Sendable {
    /// The first checkpoint whose evaluation mean reached the threshold, if any.
    public var reachedAtStep: Int?
    public var checkpoints: [DDPGCheckpoint]

    /// The best evaluation mean of the run.
    public var bestReturn: Double { checkpoints.map(\.evaluationReturn).max() ?? -.infinity }
    /// The evaluation mean at the last checkpoint.
    public var finalReturn: Double { checkpoints.last?.evaluationReturn ?? -.infinity }

    /// The mean of (critic estimate − discounted return obtained) over the second half of the
    /// checkpoints: how far the critic's values sat above (or, if negative, below) what its
    /// policy collected, once the early learning is over.
    public func meanEstimateGap() -> Double {
        let late = checkpoints.suffix(checkpoints.count / 2)
        guard !late.isEmpty else { return .nan }
        return late.map { $0.startEstimate - $0.startDiscountedReturn }.reduce(0, +) / Double(late.count)
    }
}

extension DDPGAgent {
    /// Trains for `maxSteps` environment steps in blocks of `evaluationInterval`; after each
    /// block evaluates the deterministic policy from `evaluationStarts` (the same starts every
    /// time). Never stops early: the run records the first checkpoint whose mean return reaches
    /// `threshold`.
    public mutating func train(maxSteps: Int, evaluationInterval: Int, evaluationStarts: [EvaluationStart],
                               threshold: Double,
                               onCheckpoint: (DDPGCheckpoint) -> Void = { _ in }) -> DDPGRun {
        var run = DDPGRun(reachedAtStep: nil, checkpoints: [])
        while steps < maxSteps {
            train(steps: Swift.min(evaluationInterval, maxSteps - steps))
            let evaluation = evaluate(from: evaluationStarts)
            let recent = episodes.suffix(5).map(\.totalReward)
            let checkpoint = DDPGCheckpoint(step: steps, evaluationReturn: evaluation.meanReturn,
                                            startEstimate: evaluation.meanStartEstimate,
                                            startDiscountedReturn: evaluation.meanStartDiscountedReturn,
                                            recentTrainingReturn: recent.isEmpty ? nil : recent.reduce(0, +) / Double(recent.count))
            run.checkpoints.append(checkpoint)
            onCheckpoint(checkpoint)
            if evaluation.meanReturn >= threshold && run.reachedAtStep == nil { run.reachedAtStep = steps }
        }
        return run
    }
}
