// Lesson 08 exercises: optimizers.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson08`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson08`.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson08: Lesson08Answers {
    /// Exercise 1. One step of the heavy-ball method in the Berkeley handout's form:
    /// v ← m·v + g, then θ ← θ − α·v (the new v).
    ///
    /// - Parameters:
    ///   - parameters: θ, n numbers.
    ///   - velocity: v before the step, n numbers.
    ///   - gradient: g = ∇f(θ), n numbers.
    ///   - learningRate: α > 0.
    ///   - momentum: m ∈ [0, 1).
    /// - Returns: the new θ and the new v, n numbers each.
    ///
    /// Hints, one at a time: `swift run Grade hint momentumStep`.
    public static func momentumStep(parameters: [Double], velocity: [Double], gradient: [Double],
                                    learningRate: Double, momentum: Double) throws -> (parameters: [Double], velocity: [Double]) {
        throw NotAttempted()
    }

    /// Exercise 2. Step t of Adam (Kingma and Ba 2015, Algorithm 1), per coordinate:
    /// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ),
    /// θ ← θ − α·m̂/(√v̂ + ε).
    ///
    /// - Parameters:
    ///   - parameters: θ, n numbers; `firstMoment` m and `secondMoment` v before the step, n each.
    ///   - gradient: g, n numbers.
    ///   - step: t ≥ 1, the number of this step (1 for the first).
    /// - Returns: the new θ, and the new m and v *without* bias correction (the next step
    ///   continues from them).
    ///
    /// Hints, one at a time: `swift run Grade hint adamStep`.
    public static func adamStep(parameters: [Double], firstMoment: [Double], secondMoment: [Double], gradient: [Double],
                                step: Int, learningRate: Double, beta1: Double, beta2: Double,
                                epsilon: Double) throws -> (parameters: [Double], firstMoment: [Double], secondMoment: [Double]) {
        throw NotAttempted()
    }

    /// Exercise 3. Gradient descent with step η on f(x) = Σᵢ aᵢxᵢ² (all aᵢ > 0) converges from
    /// every start exactly when η is below a bound. Return the bound.
    ///
    /// - Parameter coefficients: a₁ … aₙ, all positive.
    /// - Returns: the largest stable step (the bound itself).
    ///
    /// Hints, one at a time: `swift run Grade hint largestStableStep`.
    public static func largestStableStep(coefficients: [Double]) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 4. Step t of the main lecture's Adam (000:889–900): v ← β₁v + (1 − β₁)g,
    /// q ← β₂q + (1 − β₂)‖g‖² (one number), v̂ = v/(1 − β₁ᵗ), q̂ = q/(1 − β₂ᵗ),
    /// θ ← θ − α·v̂/√(q̂ + ε).
    ///
    /// - Parameters:
    ///   - parameters: θ, n numbers; `firstMoment` v, n numbers; `squaredNorm` q, one number.
    ///   - gradient: g, n numbers.
    ///   - step: t ≥ 1.
    /// - Returns: the new θ, v and q (v and q without bias correction).
    ///
    /// Hints, one at a time: `swift run Grade hint lectureAdamStep`.
    public static func lectureAdamStep(parameters: [Double], firstMoment: [Double], squaredNorm: Double, gradient: [Double],
                                       step: Int, learningRate: Double, beta1: Double, beta2: Double,
                                       epsilon: Double) throws -> (parameters: [Double], firstMoment: [Double], squaredNorm: Double) {
        throw NotAttempted()
    }
}
