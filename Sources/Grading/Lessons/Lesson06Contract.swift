/// The exercises of Lesson 06, neural TD and TD-Gammon.
///
/// `Exercises.Lesson06` (the stubs a student fills in) and `Solutions.Lesson06` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson06Checks`, grades either.
public protocol Lesson06Answers: SendableMetatype {
    /// Exercise 1: one semi-gradient TD(0) update of a linear value function V(s) = w·x(s):
    /// `w + α (r + γ w·x′ − w·x) x`, with `w·x′ = 0` when `nextFeatures` is nil (terminal).
    static func semiGradientTD0(weights: [Double], features: [Double], reward: Double, nextFeatures: [Double]?,
                                gamma: Double, stepSize: Double) throws -> [Double]

    /// Exercise 2: one accumulating eligibility-trace update `z ← γλ z + ∇V`.
    static func eligibilityTrace(trace: [Double], gradient: [Double], gamma: Double, lambda: Double) throws -> [Double]

    /// Exercise 3: Tesauro's four input units for `checkers` checkers of one side on one point.
    static func pointUnits(checkers: Int) throws -> [Double]

    /// Exercise 4: the normal-approximation 95% interval p ± 1.96 √(p(1 − p)/n) of a win rate
    /// p = wins/games, clipped to [0, 1].
    static func winRateInterval(wins: Int, games: Int) throws -> (low: Double, high: Double)
}
