// Lesson 04 exercises: universal approximation.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson04`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson04`.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson04: Lesson04Answers {
    /// Exercise 1. The ReLU bump that approximates the indicator 1[a,b]: built from four
    /// shifted ReLUs and divided by the ramp width Δ, it is 0 left of a, climbs linearly to 1 on
    /// [a, a + Δ], stays 1 up to b, falls linearly to 0 on [b, b + Δ], and is 0 after that.
    ///
    /// - Parameters: the point `x`, the interval ends `a` and `b` (with a + Δ ≤ b), and `ramp` = Δ > 0.
    /// - Returns: one number in [0, 1].
    ///
    /// Hints, one at a time: `swift run Grade hint reluBump`.
    public static func reluBump(x: Double, a: Double, b: Double, ramp: Double) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 2. The three-layer network of the one-dimensional proof, as a `Sequential` of
    /// three `Dense` layers, for the step function with k pieces [edges[i], edges[i + 1]] and
    /// heights c = `heights` (k numbers, k + 1 edges). Its output at x must be Σᵢ cᵢ · bumpᵢ(x),
    /// with bumpᵢ the ReLU bump of exercise 1 for piece i and ramp Δ.
    ///
    /// - Returns: layers with weight shapes [1, 4k] (ReLU), [4k, k] (ReLU), [k, 1] (identity),
    ///   and biases [4k], [k], [1]. Build them with `Dense(weights:bias:activation:)`.
    ///
    /// Hints, one at a time: `swift run Grade hint stepNetwork`.
    public static func stepNetwork(edges: [Double], heights: [Double], ramp: Double) throws -> Sequential {
        throw NotAttempted()
    }

    /// Exercise 3. The smooth box of the n-dimensional proof: with bumpᵢ the ReLU bump of
    /// [lower[i], upper[i]] evaluated at xᵢ, return max(Σᵢ bumpᵢ − (n − 1), 0).
    ///
    /// - Parameters: `x`, `lower`, `upper`: n numbers each; `ramp` = Δ.
    /// - Returns: one number in [0, 1]; 1 inside the box (away from its upper ramps), 0 far outside.
    ///
    /// Hints, one at a time: `swift run Grade hint boxIndicator`.
    public static func boxIndicator(x: [Double], lower: [Double], upper: [Double], ramp: Double) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 4. The L1 distance ∫ |f(x) − g(x)| dx over [lower, upper] by the composite
    /// midpoint rule: cut the interval into `cells` equal cells of width h and return
    /// h · Σ |f(mᵢ) − g(mᵢ)|, where mᵢ = lower + (i + ½)h is the midpoint of cell i.
    ///
    /// - Returns: one non-negative number.
    ///
    /// Hints, one at a time: `swift run Grade hint l1Distance`.
    public static func l1Distance(_ f: (Double) -> Double, _ g: (Double) -> Double,
                                  lower: Double, upper: Double, cells: Int) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 5. The Genz test function number `family` at the point x of [0, 1]ᵈ:
    ///
    ///     1 oscillatory    cos(2πw₁ + Σ cᵢxᵢ)
    ///     2 product peak   Π (cᵢ⁻² + (xᵢ − wᵢ)²)⁻¹
    ///     3 corner peak    (1 + Σ cᵢxᵢ)^−(d+1)
    ///     4 Gaussian       exp(−Σ cᵢ²(xᵢ − wᵢ)²)
    ///     5 continuous     exp(−Σ cᵢ|xᵢ − wᵢ|)
    ///     6 discontinuous  0 if x₁ > w₁ or x₂ > w₂ (only x₁ when d = 1), else exp(Σ cᵢxᵢ)
    ///
    /// - Parameters: `family` in 1…6; `x`, `c`, `w`: d numbers each.
    /// - Returns: one number.
    ///
    /// Hints, one at a time: `swift run Grade hint genzValue`.
    public static func genzValue(family: Int, x: [Double], c: [Double], w: [Double]) throws -> Double {
        throw NotAttempted()
    }
}
