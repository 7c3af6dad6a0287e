import TensorCore

/// An episodic environment whose action is a vector of real numbers, each in
/// [−`actionLimit`, `actionLimit`], in the style of Gymnasium's `Box` action spaces
/// (Pendulum-v1's torque).
///
/// `Environment` has a finite set of actions and DQN takes a max over them; here there is no
/// list of actions to take a max over, which is why DDPG trains an actor. Observations,
/// rewards, `terminated` and `truncated` mean the same as for `Environment`: randomness comes
/// only from the generator passed to `reset`, and a truncated episode still bootstraps.
public protocol ContinuousEnvironment: Sendable {
    /// The length of an observation vector.
    var observationCount: Int { get }
    /// The length of an action vector.
    var actionCount: Int { get }
    /// Every component of an action is clipped to [−actionLimit, actionLimit].
    var actionLimit: Double { get }
    /// Starts a new episode and returns its first observation.
    mutating func reset(using generator: inout SeededGenerator) -> [Double]
    /// Applies `action` (`actionCount` numbers; out-of-range components are clipped) and
    /// returns what happened.
    mutating func step(_ action: [Double]) -> EnvironmentStep
}

extension ContinuousEnvironment {
    /// Plays one episode with `policy` (observation → action) from the current state, which
    /// `start` sets up (a `reset`), until the environment terminates or truncates it.
    public mutating func runEpisode(from start: [Double], policy: ([Double]) -> [Double]) -> ContinuousEpisodeRecord {
        Episode.play(from: start, policy: policy) { step($0) }
    }
}
