/// The exercises of Lesson 11, imitation and policy gradients.
///
/// `Exercises.Lesson11` (the stubs a student fills in) and `Solutions.Lesson11` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson11Checks`, grades either.
public protocol Lesson11Answers: SendableMetatype {
    /// Exercise 1: the discounted reward-to-go R̂ₜ = Σ_{t′ ≥ t} γ^{t′−t} r_{t′} of every step.
    static func rewardToGo(rewards: [Double], discount: Double) throws -> [Double]

    /// Exercise 2: ∂ log softmax(z)ₐ / ∂z for the chosen action a.
    static func logSoftmaxGradient(logits: [Double], action: Int) throws -> [Double]

    /// Exercise 3: the constant baseline that minimises the variance of the policy-gradient
    /// estimate, estimated from samples: Σᵢ ‖gᵢ‖² Rᵢ / Σᵢ ‖gᵢ‖².
    static func varianceMinimisingBaseline(scores: [[Double]], returns: [Double]) throws -> Double

    /// Exercise 4: one DAgger aggregation: label the learner's visited states with the linear
    /// expert (action 1 when k · s > 0, else 0) and append them to the dataset.
    static func daggerAggregate(states: [[Double]], labels: [Int], visited: [[Double]],
                                expertGains: [Double]) throws -> (states: [[Double]], labels: [Int])

    /// Exercise 5: (∂ log p/∂μ, ∂ log p/∂log σ) of the Gaussian density N(μ, σ²) at an action.
    static func gaussianLogDensityGradient(action: Double, mean: Double,
                                           logStandardDeviation: Double) throws -> (mean: Double, logStandardDeviation: Double)
}
