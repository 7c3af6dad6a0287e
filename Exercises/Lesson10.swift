// Lesson 10 exercises: convolution and pooling.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson10`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson10`.
// Images are arrays of rows: `image[r][c]` is the pixel in row r, column c.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson10: Lesson10Answers {
    /// Exercise 1. The cross-correlation that deep-learning libraries call convolution, on one
    /// channel: pad the image with `padding` zeros on every side (x̄), then
    /// y[i][j] = Σₐ Σ_b filter[a][b] · x̄[i·stride + a][j·stride + b].
    ///
    /// - Parameters:
    ///   - image: h rows of w numbers.
    ///   - filter: f rows of f numbers (square), with f ≤ h + 2p and f ≤ w + 2p.
    ///   - stride: s ≥ 1; padding: p ≥ 0.
    /// - Returns: ⌊(h + 2p − f)/s⌋ + 1 rows of ⌊(w + 2p − f)/s⌋ + 1 numbers.
    ///
    /// Hints, one at a time: `swift run Grade hint crossCorrelation`.
    public static func crossCorrelation(image: [[Double]], filter: [[Double]], stride: Int, padding: Int) throws -> [[Double]] {
        throw NotAttempted()
    }

    /// Exercise 2. How many positions an f-pixel window takes along a side of n pixels, padded by
    /// p on both ends and moved s pixels at a time.
    ///
    /// - Returns: the output size (for n = 32, f = 5, s = 1: 28 with p = 0, 32 with p = 2).
    ///
    /// Hints, one at a time: `swift run Grade hint outputSize`.
    public static func outputSize(inputSize: Int, filterSize: Int, stride: Int, padding: Int) throws -> Int {
        throw NotAttempted()
    }

    /// Exercise 3. The backward pass of 2 × 2 max pooling with stride 2: the output was
    /// y[i][j] = max of the block image[2i…2i+1][2j…2j+1].
    ///
    /// - Parameters:
    ///   - image: the input, h × w with h and w even.
    ///   - outputGradient: ∂L/∂y, (h/2) × (w/2).
    /// - Returns: ∂L/∂x, h × w: each block's gradient at the block's largest pixel (the first
    ///   in reading order, row by row, when several are equal), 0 everywhere else.
    ///
    /// Hints, one at a time: `swift run Grade hint maxPoolingBackward`.
    public static func maxPoolingBackward(image: [[Double]], outputGradient: [[Double]]) throws -> [[Double]] {
        throw NotAttempted()
    }

    /// Exercise 4. The gradient of a filter. A one-channel convolution (stride 1, no padding,
    /// no bias) computed y = x ⋆ w from an h × w image and an f × f filter; given ∂L/∂y,
    /// return ∂L/∂w.
    ///
    /// - Parameters:
    ///   - image: x, h rows of w numbers.
    ///   - outputGradient: ∂L/∂y, (h − f + 1) rows of (w − f + 1) numbers (this fixes f).
    /// - Returns: ∂L/∂w, f × f.
    ///
    /// Hints, one at a time: `swift run Grade hint filterGradient`.
    public static func filterGradient(image: [[Double]], outputGradient: [[Double]]) throws -> [[Double]] {
        throw NotAttempted()
    }
}
