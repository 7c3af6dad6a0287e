// Lesson 11 exercises: imitation and policy gradients.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson11`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson11`.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson11: Lesson11Answers {
    /// Exercise 1. The reward-to-go of every step of an episode:
    /// R̂ₜ = rₜ + γ rₜ₊₁ + γ² rₜ₊₂ + … (to the last reward).
    ///
    /// - Parameters:
    ///   - rewards: r₀ … r_{T−1}, T ≥ 0 numbers.
    ///   - discount: γ ∈ [0, 1].
    /// - Returns: R̂₀ … R̂_{T−1}, T numbers (R̂₀ is the discounted return of the whole episode).
    ///
    /// Hints, one at a time: `swift run Grade hint rewardToGo`.
    public static func rewardToGo(rewards: [Double], discount: Double) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 2. The gradient of the log-probability of action a under a softmax policy with
    /// respect to the logits z: the vector ∂ log softmax(z)ₐ / ∂zⱼ, j = 0 … n−1.
    ///
    /// - Parameters:
    ///   - logits: z, n ≥ 1 numbers.
    ///   - action: a in 0..<n.
    /// - Returns: n numbers.
    ///
    /// Hints, one at a time: `swift run Grade hint logSoftmaxGradient`.
    public static func logSoftmaxGradient(logits: [Double], action: Int) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 3. The constant baseline b that makes the sample variance of gᵢ(Rᵢ − b) smallest
    /// (summed over the coordinates), where gᵢ = ∇ log p(τᵢ) is the score of trajectory i and Rᵢ
    /// its return.
    ///
    /// - Parameters:
    ///   - scores: m vectors gᵢ, all of one length d.
    ///   - returns: m returns Rᵢ.
    /// - Returns: b, one number.
    ///
    /// Hints, one at a time: `swift run Grade hint varianceMinimisingBaseline`.
    public static func varianceMinimisingBaseline(scores: [[Double]], returns: [Double]) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 4. One DAgger aggregation step. The expert is linear: in state s it takes
    /// action 1 when k · s > 0 and action 0 otherwise. Label every state the learner visited
    /// with the expert's action and append the new pairs after the existing ones.
    ///
    /// - Parameters:
    ///   - states: the dataset's states so far, n vectors of length d.
    ///   - labels: their n expert actions.
    ///   - visited: the m states the learner reached, vectors of length d.
    ///   - expertGains: k, d numbers.
    /// - Returns: n + m states and n + m labels.
    ///
    /// Hints, one at a time: `swift run Grade hint daggerAggregate`.
    public static func daggerAggregate(states: [[Double]], labels: [Int], visited: [[Double]],
                                       expertGains: [Double]) throws -> (states: [[Double]], labels: [Int]) {
        throw NotAttempted()
    }

    /// Exercise 5. For a Gaussian policy a ~ N(μ, σ²) with σ = e^{log σ}, the derivatives of the
    /// log-density log p(a) with respect to μ and to log σ.
    ///
    /// - Parameters:
    ///   - action: a.
    ///   - mean: μ.
    ///   - logStandardDeviation: log σ.
    /// - Returns: (∂ log p/∂μ, ∂ log p/∂log σ).
    ///
    /// Hints, one at a time: `swift run Grade hint gaussianLogDensityGradient`.
    public static func gaussianLogDensityGradient(action: Double, mean: Double,
                                                  logStandardDeviation: Double) throws -> (mean: Double, logStandardDeviation: Double) {
        throw NotAttempted()
    }
}
