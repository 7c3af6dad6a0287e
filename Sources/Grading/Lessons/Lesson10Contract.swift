/// The exercises of Lesson 10, convolution and pooling.
///
/// `Exercises.Lesson10` (the stubs a student fills in) and `Solutions.Lesson10` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson10Checks`, grades either. Images are `[[Double]]`, one array per row.
public protocol Lesson10Answers: SendableMetatype {
    /// Exercise 1: the cross-correlation of one channel with a square filter, with stride and
    /// zero padding: y[i][j] = Σₐ Σ_b w[a][b] · x̄[i·s + a][j·s + b], x̄ the padded image.
    static func crossCorrelation(image: [[Double]], filter: [[Double]], stride: Int, padding: Int) throws -> [[Double]]

    /// Exercise 2: the number of window positions along a side of n pixels,
    /// ⌊(n + 2p − f)/s⌋ + 1.
    static func outputSize(inputSize: Int, filterSize: Int, stride: Int, padding: Int) throws -> Int

    /// Exercise 3: the backward pass of 2 × 2 max pooling with stride 2: ∂L/∂x from the image
    /// and ∂L/∂y, each block's gradient going to its largest pixel (the first one in reading
    /// order on a tie).
    static func maxPoolingBackward(image: [[Double]], outputGradient: [[Double]]) throws -> [[Double]]

    /// Exercise 4: ∂L/∂w of y = x ⋆ w (one channel, stride 1, no padding) given ∂L/∂y.
    static func filterGradient(image: [[Double]], outputGradient: [[Double]]) throws -> [[Double]]
}
