/// The record of one episode: every observation (the start included), action and reward.
/// `Action` is `Int` for an `Environment` (`EpisodeRecord`) and a vector `[Double]` for a
/// `ContinuousEnvironment` (`ContinuousEpisodeRecord`).
public struct Episode<Action: Sendable>: Sendable {
    /// s₀, s₁, …, s_T: one more than the number of actions.
    public var observations: [[Double]]
    /// a₀ … a_{T−1}, as the policy chose them (before any clipping by the environment).
    public var actions: [Action]
    /// r₁ … r_T.
    public var rewards: [Double]
    /// Whether the episode ended in a terminal state (false: truncated).
    public var terminated: Bool

    /// The undiscounted return Σ rₜ.
    public var totalReward: Double { rewards.reduce(0, +) }

    /// The discounted return from step t on, Gₜ = rₜ₊₁ + γ rₜ₊₂ + …, for every t (length T).
    public func discountedReturns(discount: Double) -> [Double] {
        rewardToGo(rewards, discount: discount)
    }

    /// Plays one episode from the observation `start` with `policy` (observation → action),
    /// applying each action with `step`, until a step terminates or truncates it.
    static func play(from start: [Double], policy: ([Double]) -> Action,
                     step: (Action) -> EnvironmentStep) -> Episode {
        var observation = start
        var record = Episode(observations: [observation], actions: [], rewards: [], terminated: false)
        while true {
            let action = policy(observation)
            let result = step(action)
            record.actions.append(action)
            record.rewards.append(result.reward)
            record.observations.append(result.observation)
            observation = result.observation
            if result.isDone {
                record.terminated = result.terminated
                return record
            }
        }
    }
}

/// An episode of an `Environment`: its actions are indices.
public typealias EpisodeRecord = Episode<Int>

/// An episode of a `ContinuousEnvironment`: its actions are vectors.
public typealias ContinuousEpisodeRecord = Episode<[Double]>
