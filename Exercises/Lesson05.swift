// Lesson 05 exercises: vanishing and exploding signals, Xavier and He initialization.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson05`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson05`.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson05: Lesson05Answers {
    /// Exercise 1. The notes initialize the weights of a layer of width W as
    /// √3·U[−1/√W, 1/√W]: uniform on [−a, a]. Return a.
    ///
    /// - Parameter width: W ≥ 1, the number of inputs of the layer.
    /// - Returns: the half-width a > 0.
    ///
    /// Hints, one at a time: `swift run Grade hint xavierBound`.
    public static func xavierBound(width: Int) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 2. He initialization draws each weight of a ReLU layer from N(0, s²).
    /// Return the standard deviation s for a layer with `fanIn` inputs.
    ///
    /// - Parameter fanIn: the number of inputs, at least 1.
    /// - Returns: s > 0.
    ///
    /// Hints, one at a time: `swift run Grade hint heStandardDeviation`.
    public static func heStandardDeviation(fanIn: Int) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 3. Push a batch through a network without biases and measure the spread of the
    /// activations after every layer: a⁰ = input and aˡ = f(aˡ⁻¹·Wˡ) for l = 1 … L.
    ///
    /// - Parameters:
    ///   - input: a⁰, shape `[m, n₀]` (one sample per row).
    ///   - weights: W¹ … Wᴸ, Wˡ of shape `[nₗ₋₁, nₗ]` (the library's convention: rows are inputs).
    ///   - activation: f, the same for every layer; `activation(tensor)` applies it element-wise.
    /// - Returns: L numbers: the variance of all m·nₗ elements of aˡ about their mean, dividing
    ///   by m·nₗ.
    ///
    /// Hints, one at a time: `swift run Grade hint activationVariances`.
    public static func activationVariances(input: Tensor, weights: [Tensor], activation: Activation) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 4. The residual block of the Berkeley handout, in column vectors:
    /// y = W₂ReLU(W₁x) + x. Given δ = ∂L/∂y, return ∂L/∂x.
    ///
    /// - Parameters:
    ///   - w1: W₁, shape `[h, n]`.
    ///   - w2: W₂, shape `[n, h]`.
    ///   - x: the block's input, shape `[n]`.
    ///   - outputGradient: δ = ∂L/∂y, shape `[n]`.
    /// - Returns: ∂L/∂x, shape `[n]`.
    ///
    /// Hints, one at a time: `swift run Grade hint residualInputGradient`.
    public static func residualInputGradient(w1: Tensor, w2: Tensor, x: Tensor, outputGradient: Tensor) throws -> Tensor {
        throw NotAttempted()
    }
}
