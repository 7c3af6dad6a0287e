import TensorCore

/// A value that moves linearly from `start` to `end` over `duration` steps and then stays at
/// `end`: ε(t) = end + (start − end) · max(0, 1 − t / duration). The usual ε schedule of DQN.
public struct LinearSchedule: Sendable, Equatable {
    public var start: Double
    public var end: Double
    /// The number of steps to go from `start` to `end`.
    public var duration: Int

    public init(start: Double, end: Double, duration: Int) {
        self.start = start
        self.end = end
        self.duration = duration
    }

    /// The value at step `t` (counted from 0).
    public func value(at t: Int) -> Double {
        guard duration > 0 else { return end }
        let fraction = min(Double(t) / Double(duration), 1)
        return start + (end - start) * fraction
    }
}

/// How an agent picks actions from its action values Q(s, ·) while it is learning.
public enum Exploration {
    /// The greedy action arg maxₐ Q(s, a); ties go to the lowest index.
    public static func greedy(_ qValues: [Double]) -> Int { argmax(qValues) }

    /// ε-greedy: with probability ε a uniformly random action, otherwise the greedy one.
    /// (The random action may be the greedy one, so the greedy action's probability is
    /// 1 − ε + ε/|A|.)
    public static func epsilonGreedy(_ qValues: [Double], epsilon: Double,
                                     using generator: inout SeededGenerator) -> Int {
        if generator.uniform() < epsilon { return generator.index(below: qValues.count) }
        return greedy(qValues)
    }

    /// The Boltzmann (softmax) probabilities π(a) = exp(Q(s, a)/T) / Σ_b exp(Q(s, b)/T) at
    /// temperature T > 0, computed stably (the largest Q is subtracted first).
    public static func boltzmannProbabilities(_ qValues: [Double], temperature: Double) -> [Double] {
        let largest = qValues.max() ?? 0
        let weights = qValues.map { exp(($0 - largest) / temperature) }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    /// Boltzmann exploration: an action drawn from `boltzmannProbabilities`. Unlike ε-greedy it
    /// tries actions that look almost as good often and clearly bad ones rarely.
    public static func boltzmann(_ qValues: [Double], temperature: Double,
                                 using generator: inout SeededGenerator) -> Int {
        generator.sampleIndex(probabilities: boltzmannProbabilities(qValues, temperature: temperature))
    }
}
