import TensorCore

/// What an environment returns after one action: the next observation, the reward, and why
/// (if at all) the episode ended.
///
/// The two ways of ending are different for learning. `terminated` means the environment
/// reached a terminal state of the task (the pole fell, the game was won): no reward follows,
/// so the value of the next state is 0 and a target is just r. `truncated` means an outside
/// limit stopped the episode (a time limit): the next state still has a future, so a target
/// must still bootstrap, r + γ maxₐ′ Q(s′, a′). Both may be true at once; terminal wins.
public struct EnvironmentStep: Sendable, Equatable {
    /// The observation after the action, s′.
    public var observation: [Double]
    /// The reward for the transition, r.
    public var reward: Double
    /// The task itself ended: s′ is terminal and has value 0.
    public var terminated: Bool
    /// The episode was cut off from outside (a time limit); s′ is not terminal.
    public var truncated: Bool

    public init(observation: [Double], reward: Double, terminated: Bool, truncated: Bool) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
    }

    /// The episode is over, for either reason: reset before the next step.
    public var isDone: Bool { terminated || truncated }
}

/// An episodic environment with a vector observation and a finite set of actions
/// `0..<actionCount`, in the style of the classic-control environments of Gymnasium.
///
/// Randomness (the start state) comes only from the generator passed to `reset`, so an episode
/// is reproducible from a seed. Call `reset` before the first `step` and after every step whose
/// result `isDone`.
public protocol Environment: Sendable {
    /// The length of an observation vector.
    var observationCount: Int { get }
    /// The number of discrete actions.
    var actionCount: Int { get }
    /// Starts a new episode and returns its first observation.
    mutating func reset(using generator: inout SeededGenerator) -> [Double]
    /// Applies `action` (in `0..<actionCount`) and returns what happened.
    mutating func step(_ action: Int) -> EnvironmentStep
}

extension Environment {
    /// Plays one episode with `policy` (observation → action) from a fresh reset, until the
    /// environment terminates or truncates it.
    public mutating func runEpisode(using generator: inout SeededGenerator,
                                    policy: ([Double]) -> Int) -> EpisodeRecord {
        Episode.play(from: reset(using: &generator), policy: policy) { step($0) }
    }
}
