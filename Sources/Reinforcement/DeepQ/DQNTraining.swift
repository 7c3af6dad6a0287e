/// One evaluation during training: the greedy policy's mean return over the evaluation
/// episodes, its start-state estimate maxₐ Q(s₀, a) and the discounted return it then obtained
/// (`recentTrainingReturn`: the last 10 ε-greedy episodes).
public typealias DQNCheckpoint = OffPolicyCheckpoint

/// The record of `DQNAgent.trainUntilSolved`.
public struct DQNRun: Sendable {
    /// The first checkpoint whose greedy mean return reached the threshold, if any.
    public var solvedAtStep: Int?
    public var checkpoints: [DQNCheckpoint]

    /// How far, on average, the network's values sat above (or below, if negative) what its
    /// greedy policy collected, over the second half of the checkpoints, once the early climb
    /// from 0 is over (see `meanEstimateGap` of the list).
    public func meanEstimateGap() -> Double { checkpoints.meanEstimateGap() }
}

extension DQNAgent {
    /// Trains in blocks of `evaluationInterval` steps; after each block evaluates the greedy
    /// policy on `evaluationEpisodes` fresh episodes (start states from `evaluationSeed` and the
    /// step count, so every evaluation sees new starts). Stops at the first evaluation whose
    /// mean return reaches `threshold` (if `stopWhenSolved`) or after `maxSteps` steps.
    public mutating func trainUntilSolved(maxSteps: Int, evaluationInterval: Int, evaluationEpisodes: Int,
                                          threshold: Double, evaluationSeed: UInt64, stopWhenSolved: Bool = true,
                                          onCheckpoint: (DQNCheckpoint) -> Void = { _ in }) -> DQNRun {
        let (solved, checkpoints) = trainWithCheckpoints(
            maxSteps: maxSteps, evaluationInterval: evaluationInterval, recentEpisodes: 10, threshold: threshold,
            stopWhenReached: stopWhenSolved,
            evaluate: { $0.evaluate(episodes: evaluationEpisodes, seed: evaluationSeed &+ UInt64($0.steps)) },
            onCheckpoint: onCheckpoint)
        return DQNRun(solvedAtStep: solved, checkpoints: checkpoints)
    }
}
