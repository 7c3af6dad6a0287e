// Lesson 02 exercises: backpropagation by hand.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson02`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson02`.

import Grading

public enum Lesson02: Lesson02Answers {
    /// Exercise 1. The backward pass of a dense layer with a ReLU, on a batch.
    ///
    /// The forward pass was y = ReLU(z) with z = x·W + b: each row of x is one sample, and b is
    /// added to every row. Given ∂L/∂y, return the three gradients the layer must produce.
    ///
    /// - Parameters:
    ///   - input: x, m rows of n numbers.
    ///   - weights: W, n rows of k numbers (row p holds the weights out of input p).
    ///   - bias: b, k numbers.
    ///   - outputGradient: ∂L/∂y, m rows of k numbers.
    /// - Returns: ∂L/∂W (n × k, shaped like W), ∂L/∂b (k numbers) and ∂L/∂x (m × n, shaped
    ///   like x).
    ///
    /// Hints, one at a time: `swift run Grade hint denseBackward`.
    public static func denseBackward(input: [[Double]], weights: [[Double]], bias: [Double],
                                     outputGradient: [[Double]]) throws -> DenseLayerGradients {
        throw NotAttempted()
    }

    /// Exercise 2. Every weight and bias derivative of a network with ReLU in every layer (the
    /// output too), for one sample and the cost C = ½‖aᴸ − y‖², in the main lecture's notation.
    ///
    /// - Parameters:
    ///   - weights: wˡ for l = 2 … L; `weights[i]` is the matrix of layer i + 2, with one row per
    ///     unit of that layer: `weights[i][j][k]` is wˡⱼₖ, the weight unit j puts on unit k of
    ///     the layer before.
    ///   - biases: bˡ for l = 2 … L; `biases[i][j]` is bˡⱼ.
    ///   - input: x = a¹.
    ///   - label: y, as many numbers as the last layer has units.
    /// - Returns: ∂C/∂wˡ and ∂C/∂bˡ, shaped exactly like `weights` and `biases`.
    ///
    /// Hints, one at a time: `swift run Grade hint networkGradient`.
    public static func networkGradient(weights: [[[Double]]], biases: [[Double]], input: [Double],
                                       label: [Double]) throws -> NetworkGradients {
        throw NotAttempted()
    }

    /// Exercise 3. The numerical gradient of a function f: ℝⁿ → ℝ by central differences.
    ///
    /// - Parameters:
    ///   - f: the function.
    ///   - point: x, n numbers.
    ///   - step: h.
    /// - Returns: n numbers; entry i is (f(x + h eᵢ) − f(x − h eᵢ)) / 2h, where eᵢ is the i-th
    ///   unit vector.
    ///
    /// Hints, one at a time: `swift run Grade hint centralDifference`.
    public static func centralDifference(of f: ([Double]) -> Double, at point: [Double], step: Double) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 4. One mini-batch SGD step for the linear model ŷ = w·x + b.
    ///
    /// The cost on the batch of s samples is C = (1/2s) Σᵢ (ŷᵢ − yᵢ)². Return the weights and
    /// bias after one step w ← w − η ∂C/∂w, b ← b − η ∂C/∂b.
    ///
    /// - Parameters:
    ///   - weights: w, n numbers.
    ///   - bias: b.
    ///   - inputs: the batch, s rows of n numbers.
    ///   - targets: y, s numbers.
    ///   - learningRate: η.
    /// - Returns: the new w (n numbers) and b.
    ///
    /// Hints, one at a time: `swift run Grade hint miniBatchStep`.
    public static func miniBatchStep(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                                     learningRate: Double) throws -> (weights: [Double], bias: Double) {
        throw NotAttempted()
    }
}
