/// What an off-policy agent (DQN, DDPG) has done so far: the part of its record that does not
/// depend on the algorithm.
public struct TrainingProgress: Sendable {
    /// Environment steps taken so far.
    public fileprivate(set) var steps = 0
    /// Updates (gradient steps on a mini-batch) taken so far.
    public fileprivate(set) var updates = 0
    /// (step at which it ended, return) of every finished training episode.
    public fileprivate(set) var episodes: [(step: Int, totalReward: Double)] = []
    /// Per update: the (first critic's) loss and the mean of Q(sᵢ, aᵢ) over the mini-batch.
    public fileprivate(set) var lossHistory: [Double] = []
    public fileprivate(set) var meanQHistory: [Double] = []
    /// The return of the episode in progress so far.
    private var episodeReturn = 0.0

    /// Counts one environment step; closes the episode if the step ended it.
    mutating func record(_ result: EnvironmentStep) {
        episodeReturn += result.reward
        steps += 1
        if result.isDone {
            episodes.append((steps, episodeReturn))
            episodeReturn = 0
        }
    }

    /// Counts one update and keeps its statistics.
    mutating func recordUpdate(loss: Double, meanQ: Double) {
        lossHistory.append(loss)
        meanQHistory.append(meanQ)
        updates += 1
    }

    /// The mean return of the last `count` training episodes, or nil before the first ends.
    func recentReturn(_ count: Int) -> Double? {
        let recent = episodes.suffix(count).map(\.totalReward)
        return recent.isEmpty ? nil : recent.reduce(0, +) / Double(recent.count)
    }
}

/// One evaluation during an off-policy run.
public struct OffPolicyCheckpoint: Sendable {
    /// Environment steps taken when the evaluation ran.
    public var step: Int
    /// Mean return of the policy without exploration over the evaluation episodes.
    public var evaluationReturn: Double
    /// Mean of the network's start-state estimate (maxₐ Q(s₀, a), or Q(s₀, μ(s₀))).
    public var startEstimate: Double
    /// Mean discounted return G₀ the policy actually obtained from those start states.
    public var startDiscountedReturn: Double
    /// Mean return of the last few training (exploring) episodes, or nil before the first ends.
    public var recentTrainingReturn: Double?
}

extension [OffPolicyCheckpoint] {
    /// The mean of (start-state estimate − discounted return obtained) over the second half of
    /// the checkpoints: how far, on average, the network's values sat above (or below, if
    /// negative) what its policy collected, once the early climb is over.
    public func meanEstimateGap() -> Double {
        let late = suffix(count / 2)
        guard !late.isEmpty else { return .nan }
        return late.map { $0.startEstimate - $0.startDiscountedReturn }.reduce(0, +) / Double(late.count)
    }
}

/// An agent that learns off-policy from a replay memory: it collects transitions with
/// exploration, stores them, and updates from mini-batches (`DQNAgent`, `DDPGAgent`). The loop
/// around that, training in blocks and evaluating after each, is written once here.
public protocol OffPolicyAgent {
    /// Steps, updates, episodes and update statistics so far.
    var progress: TrainingProgress { get }
    /// Takes `count` environment steps, learning as it goes.
    mutating func train(steps count: Int)
}

extension OffPolicyAgent {
    /// Environment steps taken so far.
    public var steps: Int { progress.steps }
    /// Updates taken so far.
    public var updates: Int { progress.updates }
    /// (step at which it ended, return) of every finished training episode.
    public var episodes: [(step: Int, totalReward: Double)] { progress.episodes }
    /// Per update: the loss.
    public var lossHistory: [Double] { progress.lossHistory }
    /// Per update: the mean of Q(sᵢ, aᵢ) over the mini-batch.
    public var meanQHistory: [Double] { progress.meanQHistory }

    /// Trains in blocks of `evaluationInterval` steps up to `maxSteps`; after each block runs
    /// `evaluate` and records a checkpoint (with the mean return of the last `recentEpisodes`
    /// training episodes). Returns the step of the first checkpoint whose mean return reached
    /// `threshold` (stopping there if `stopWhenReached`) and every checkpoint.
    mutating func trainWithCheckpoints(maxSteps: Int, evaluationInterval: Int, recentEpisodes: Int,
                                       threshold: Double, stopWhenReached: Bool,
                                       evaluate: (Self) -> PolicyEvaluation,
                                       onCheckpoint: (OffPolicyCheckpoint) -> Void)
        -> (reachedAtStep: Int?, checkpoints: [OffPolicyCheckpoint]) {
        var reachedAtStep: Int? = nil
        var checkpoints: [OffPolicyCheckpoint] = []
        while steps < maxSteps {
            train(steps: min(evaluationInterval, maxSteps - steps))
            let evaluation = evaluate(self)
            let checkpoint = OffPolicyCheckpoint(step: steps, evaluationReturn: evaluation.meanReturn,
                                                 startEstimate: evaluation.meanStartEstimate,
                                                 startDiscountedReturn: evaluation.meanStartDiscountedReturn,
                                                 recentTrainingReturn: progress.recentReturn(recentEpisodes))
            checkpoints.append(checkpoint)
            onCheckpoint(checkpoint)
            if evaluation.meanReturn >= threshold && reachedAtStep == nil {
                reachedAtStep = steps
                if stopWhenReached { break }
            }
        }
        return (reachedAtStep, checkpoints)
    }
}
