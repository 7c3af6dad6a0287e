import TensorCore

/// A test environment in which every action is worth exactly the same: the notes' model of
/// over-estimation, made into an MDP.
///
/// The observation is `observationCount` numbers uniform in [−1, 1], drawn afresh every step
/// whatever the action; every action earns a reward drawn from N(0, `rewardNoise`²); episodes
/// are truncated (never terminated) after `episodeLength` steps. So Q*(s, a) = 0 for every
/// state and action, under any discount, and any estimate away from 0 is pure error. The
/// targets of DQN take the max over `actionCount` noisy estimates and drift upward; double DQN
/// should stay near 0.
public struct EqualActionsEnvironment: Environment {
    public let observationCount: Int
    public let actionCount: Int
    public var rewardNoise: Double
    public var episodeLength: Int
    private var generator = SeededGenerator(seed: 0)
    private var elapsed = 0

    public init(observationCount: Int = 4, actionCount: Int = 5, rewardNoise: Double = 1, episodeLength: Int = 100) {
        self.observationCount = observationCount
        self.actionCount = actionCount
        self.rewardNoise = rewardNoise
        self.episodeLength = episodeLength
    }

    public mutating func reset(using generator: inout SeededGenerator) -> [Double] {
        self.generator = SeededGenerator(seed: generator.next())
        elapsed = 0
        return observation()
    }

    public mutating func step(_ action: Int) -> EnvironmentStep {
        check((0..<actionCount).contains(action), "EqualActionsEnvironment.step: action \(action) out of 0..<\(actionCount)")
        elapsed += 1
        let reward = rewardNoise * generator.normal()
        return EnvironmentStep(observation: observation(), reward: reward, terminated: false,
                               truncated: elapsed >= episodeLength)
    }

    private mutating func observation() -> [Double] {
        (0..<observationCount).map { _ in generator.uniform(in: -1...1) }
    }
}
