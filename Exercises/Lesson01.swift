// Lesson 01 exercises: the perceptron.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson01`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson01`.

import Grading

public enum Lesson01: Lesson01Answers {
    /// Exercise 1. The output of a single neuron with a ReLU activation:
    /// `max(w₁x₁ + w₂x₂ + … + wₙxₙ + b, 0)`.
    ///
    /// - Parameters:
    ///   - weights: w₁ … wₙ (n numbers).
    ///   - bias: b.
    ///   - input: x₁ … xₙ (the same n).
    /// - Returns: one number, never negative.
    ///
    /// Hints, one at a time: `swift run Grade hint reluNeuron`.
    public static func reluNeuron(weights: [Double], bias: Double, input: [Double]) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 2. The derivative of the sigmoid σ(z) = 1 / (1 + e⁻ᶻ), written using only the
    /// sigmoid's value: you are given `s = σ(z)`, not `z`.
    ///
    /// - Parameter s: σ(z), a number in (0, 1).
    /// - Returns: σ′(z).
    ///
    /// Hints, one at a time: `swift run Grade hint sigmoidDerivative`.
    public static func sigmoidDerivative(sigmoid s: Double) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 3. One epoch of the perceptron learning rule.
    ///
    /// Visit the samples in order. For each sample x with target t, compute the threshold
    /// output y = 1 if w·x + b > 0, else 0, then update every weight wᵢ ← wᵢ − η(y − t)xᵢ and
    /// the bias b ← b − η(y − t) (the bias is a weight on an input that is always 1) before
    /// moving to the next sample.
    ///
    /// - Parameters:
    ///   - weights: the n starting weights.
    ///   - bias: the starting bias.
    ///   - inputs: the samples, each with n numbers.
    ///   - targets: one target per sample, each 0 or 1.
    ///   - learningRate: η.
    /// - Returns: the weights (n numbers) and the bias after the epoch.
    ///
    /// Hints, one at a time: `swift run Grade hint perceptronEpoch`.
    public static func perceptronEpoch(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                                       learningRate: Double) throws -> (weights: [Double], bias: Double) {
        throw NotAttempted()
    }

    /// Exercise 4. Choose the weights of a network with two ReLU hidden units and a linear
    /// output, `ŷ = v·ReLU(W x + c) + d`, so that it computes XNOR ("both inputs agree")
    /// exactly: (0, 0) → 1, (0, 1) → 0, (1, 0) → 0, (1, 1) → 1.
    ///
    /// - Returns: `W` as `hiddenWeights` (2 rows of 2), `c` as `hiddenBiases` (2), `v` as
    ///   `outputWeights` (2) and `d` as `outputBias`.
    ///
    /// Hints, one at a time: `swift run Grade hint xnorNetwork`.
    public static func xnorNetwork() throws -> TwoLayerWeights {
        throw NotAttempted()
    }
}
