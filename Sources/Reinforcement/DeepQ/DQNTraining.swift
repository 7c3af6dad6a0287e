/// One evaluation during training: the greedy policy's mean return over the evaluation
/// episodes, its start-state estimate maxₐ Q(s₀, a) and the discounted return it then obtained.
public struct DQNCheckpoint: Sendable {
    /// Environment steps taken when the evaluation ran.
    public var step: Int
    /// Mean undiscounted return of the greedy policy.
    public var evaluationReturn: Double
    /// Mean of maxₐ Q_θ(s₀, a) over the evaluation episodes' start states.
    public var startEstimate: Double
    /// Mean discounted return G₀ the greedy policy actually obtained from those start states.
    public var startDiscountedReturn: Double
    /// Mean return of the last 10 training (ε-greedy) episodes.
    public var recentTrainingReturn: Double
}

/// The record of `DQNAgent.trainUntilSolved`.
public struct DQNRun: Sendable {
    /// The first checkpoint whose greedy mean return reached the threshold, if any.
    public var solvedAtStep: Int?
    public var checkpoints: [DQNCheckpoint]

    /// The mean of (start-state estimate − discounted return obtained) over the second half of
    /// the checkpoints: how far, on average, the network's values sat above (or below, if
    /// negative) what its greedy policy collected, once the early climb from 0 is over.
    public func meanEstimateGap() -> Double {
        let late = checkpoints.suffix(checkpoints.count / 2)
        guard !late.isEmpty else { return .nan }
        return late.map { $0.startEstimate - $0.startDiscountedReturn }.reduce(0, +) / Double(late.count)
    }
}

extension DQNAgent {
    /// Trains in blocks of `evaluationInterval` steps; after each block evaluates the greedy
    /// policy on `evaluationEpisodes` fresh episodes (start states from `evaluationSeed` and the
    /// step count, so every evaluation sees new starts). Stops at the first evaluation whose
    /// mean return reaches `threshold` (if `stopWhenSolved`) or after `maxSteps` steps.
    public mutating func trainUntilSolved(maxSteps: Int, evaluationInterval: Int, evaluationEpisodes: Int,
                                          threshold: Double, evaluationSeed: UInt64, stopWhenSolved: Bool = true,
                                          onCheckpoint: (DQNCheckpoint) -> Void = { _ in }) -> DQNRun {
        var run = DQNRun(solvedAtStep: nil, checkpoints: [])
        while steps < maxSteps {
            train(steps: min(evaluationInterval, maxSteps - steps))
            let evaluation = evaluate(episodes: evaluationEpisodes, seed: evaluationSeed &+ UInt64(steps))
            let recent = episodes.suffix(10).map(\.totalReward)
            let checkpoint = DQNCheckpoint(step: steps, evaluationReturn: evaluation.meanReturn,
                                           startEstimate: evaluation.meanStartEstimate,
                                           startDiscountedReturn: evaluation.meanStartDiscountedReturn,
                                           recentTrainingReturn: recent.isEmpty ? 0 : recent.reduce(0, +) / Double(recent.count))
            run.checkpoints.append(checkpoint)
            onCheckpoint(checkpoint)
            if evaluation.meanReturn >= threshold && run.solvedAtStep == nil {
                run.solvedAtStep = steps
                if stopWhenSolved { break }
            }
        }
        return run
    }
}
