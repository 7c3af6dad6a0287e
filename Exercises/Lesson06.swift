// Lesson 06 exercises: neural TD and TD-Gammon.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson06`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson06`.

import Grading

public enum Lesson06: Lesson06Answers {
    /// Exercise 1. One semi-gradient TD(0) update of a linear value function V(s) = w·x(s).
    ///
    /// Compute the TD error δ = r + γ w·x(s′) − w·x(s), where w·x(s′) counts as 0 when
    /// `nextFeatures` is nil (s′ is terminal), and return w + α δ x(s).
    ///
    /// - Parameters:
    ///   - weights: w (n numbers).
    ///   - features: x(s) (n numbers).
    ///   - reward: r.
    ///   - nextFeatures: x(s′) (n numbers), or nil at the end of an episode.
    ///   - gamma: γ.
    ///   - stepSize: α.
    /// - Returns: the new weights (n numbers).
    ///
    /// Hints, one at a time: `swift run Grade hint semiGradientTD0`.
    public static func semiGradientTD0(weights: [Double], features: [Double], reward: Double, nextFeatures: [Double]?,
                                       gamma: Double, stepSize: Double) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 2. One step of an accumulating eligibility trace: z ← γλ z + ∇V(S_t).
    ///
    /// - Parameters:
    ///   - trace: z before the step (n numbers).
    ///   - gradient: ∇V(S_t) (n numbers).
    ///   - gamma: γ.
    ///   - lambda: λ.
    /// - Returns: the new trace (n numbers).
    ///
    /// Hints, one at a time: `swift run Grade hint eligibilityTrace`.
    public static func eligibilityTrace(trace: [Double], gradient: [Double], gamma: Double,
                                        lambda: Double) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 3. Tesauro's four input units for the n checkers one side has on one point.
    ///
    /// Unit 1 is 1 when n ≥ 1, unit 2 is 1 when n ≥ 2, unit 3 is 1 when n ≥ 3 (each otherwise
    /// 0), and unit 4 is (n − 3)/2 when n > 3 (otherwise 0).
    ///
    /// - Parameter checkers: n, from 0 to 15.
    /// - Returns: the four units.
    ///
    /// Hints, one at a time: `swift run Grade hint pointUnits`.
    public static func pointUnits(checkers: Int) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 4. The normal-approximation 95% interval of a win rate.
    ///
    /// With p = wins/games, return p − 1.96 √(p(1 − p)/games) and p + 1.96 √(p(1 − p)/games),
    /// each clipped to the range [0, 1].
    ///
    /// - Parameters:
    ///   - wins: games won (0…games).
    ///   - games: games played (at least 1).
    /// - Returns: the low and the high end.
    ///
    /// Hints, one at a time: `swift run Grade hint winRateInterval`.
    public static func winRateInterval(wins: Int, games: Int) throws -> (low: Double, high: Double) {
        throw NotAttempted()
    }
}
