// Lesson 07 exercises: deep Q-learning.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson07`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson07`.

import Grading

public enum Lesson07: Lesson07Answers {
    /// Exercise 1. A replay memory is a ring buffer of `capacity` slots. Transitions numbered
    /// 0, 1, 2, …, `appendCount − 1` are stored in that order: each goes to the next slot, and
    /// once every slot is used the next one overwrites the oldest transition.
    ///
    /// - Parameters:
    ///   - capacity: the number of slots (at least 1).
    ///   - appendCount: how many transitions were stored (0 or more).
    /// - Returns: `capacity` numbers: for each slot, the number of the transition it holds at
    ///   the end, or −1 if nothing was ever written there.
    ///
    /// Hints, one at a time: `swift run Grade hint replaySlots`.
    public static func replaySlots(capacity: Int, appendCount: Int) throws -> [Int] {
        throw NotAttempted()
    }

    /// Exercise 2. The linear ε schedule of DQN: ε is `start` at step 0, falls linearly to
    /// `end` at step `duration`, and stays at `end` afterwards.
    ///
    /// - Parameters:
    ///   - step: the environment step t ≥ 0.
    ///   - start, end: the first and the final ε.
    ///   - duration: the number of steps the decrease takes (at least 1).
    /// - Returns: ε(t).
    ///
    /// Hints, one at a time: `swift run Grade hint linearEpsilon`.
    public static func linearEpsilon(step: Int, start: Double, end: Double, duration: Int) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 3. DQN targets for a mini-batch of m transitions (s, a, r, s′):
    /// y = r when s′ is terminal, y = r + γ maxₐ′ Q_target(s′, a′) otherwise.
    ///
    /// - Parameters:
    ///   - rewards: r for each transition (m numbers).
    ///   - terminals: whether s′ is terminal (m flags). A time-limit stop is not terminal.
    ///   - nextTargetQ: the target network's Q(s′, ·), one row of |A| numbers per transition.
    ///   - discount: γ.
    /// - Returns: the m targets.
    ///
    /// Hints, one at a time: `swift run Grade hint dqnTargets`.
    public static func dqnTargets(rewards: [Double], terminals: [Bool], nextTargetQ: [[Double]],
                                  discount: Double) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 4. Double-DQN targets: the online network chooses the next action and the
    /// target network evaluates it, y = r + γ Q_target(s′, arg maxₐ′ Q_online(s′, a′)), and y = r
    /// when s′ is terminal.
    ///
    /// - Parameters:
    ///   - rewards, terminals, discount: as in exercise 3.
    ///   - nextOnlineQ: the online network's Q(s′, ·), one row per transition.
    ///   - nextTargetQ: the target network's Q(s′, ·), rows of the same shape.
    /// - Returns: the m targets.
    ///
    /// Hints, one at a time: `swift run Grade hint doubleDQNTargets`.
    public static func doubleDQNTargets(rewards: [Double], terminals: [Bool], nextOnlineQ: [[Double]],
                                        nextTargetQ: [[Double]], discount: Double) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 5. The soft (Polyak) update of a target network, φ ← τθ + (1 − τ)φ, applied to
    /// every parameter.
    ///
    /// - Parameters:
    ///   - target: φ, the target network's parameters as one flat list.
    ///   - online: θ, the online network's parameters, same length.
    ///   - tau: τ in [0, 1].
    /// - Returns: the new φ, same length.
    ///
    /// Hints, one at a time: `swift run Grade hint softUpdate`.
    public static func softUpdate(target: [Double], online: [Double], tau: Double) throws -> [Double] {
        throw NotAttempted()
    }
}
