/// The exercises of Lesson 02, backpropagation by hand.
///
/// `Exercises.Lesson02` (the stubs a student fills in) and `Solutions.Lesson02` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson02Checks`, grades either.
public protocol Lesson02Answers: SendableMetatype {
    /// Exercise 1: the backward pass of a dense ReLU layer y = ReLU(x·W + b) on a batch:
    /// given x `[m][n]`, W `[n][k]`, b `[k]` and ∂L/∂y `[m][k]`, return ∂L/∂W `[n][k]`,
    /// ∂L/∂b `[k]` and ∂L/∂x `[m][n]`.
    static func denseBackward(input: [[Double]], weights: [[Double]], bias: [Double],
                              outputGradient: [[Double]]) throws -> DenseLayerGradients

    /// Exercise 2: every derivative of C = ½‖aᴸ − y‖² for a network with ReLU in every layer,
    /// in the main lecture's notation: `weights[i]` is wˡ for l = i + 2, shape `[nₗ][nₗ₋₁]`.
    static func networkGradient(weights: [[[Double]]], biases: [[Double]], input: [Double],
                                label: [Double]) throws -> NetworkGradients

    /// Exercise 3: the central-difference gradient (f(x + h eᵢ) − f(x − h eᵢ)) / 2h of `f` at
    /// `point`, one entry per coordinate.
    static func centralDifference(of f: ([Double]) -> Double, at point: [Double], step: Double) throws -> [Double]

    /// Exercise 4: one mini-batch SGD step for the linear model ŷ = w·x + b on the batch cost
    /// (1/2s) Σᵢ (ŷᵢ − yᵢ)²; returns the new weights and bias.
    static func miniBatchStep(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                              learningRate: Double) throws -> (weights: [Double], bias: Double)
}

/// The three gradients of a dense layer's backward pass.
public struct DenseLayerGradients: Sendable {
    /// ∂L/∂W, shaped like W: `[inputs][outputs]`.
    public var weights: [[Double]]
    /// ∂L/∂b, one number per output unit.
    public var bias: [Double]
    /// ∂L/∂x, shaped like the input batch: `[m][inputs]`.
    public var input: [[Double]]

    public init(weights: [[Double]], bias: [Double], input: [[Double]]) {
        self.weights = weights
        self.bias = bias
        self.input = input
    }
}

/// Every weight and bias derivative of a network, shaped like its weights and biases.
public struct NetworkGradients: Sendable {
    /// ∂C/∂wˡ for l = 2 … L, each shaped like wˡ: `[nₗ][nₗ₋₁]`.
    public var weights: [[[Double]]]
    /// ∂C/∂bˡ for l = 2 … L, each with nₗ numbers.
    public var biases: [[Double]]

    public init(weights: [[[Double]]], biases: [[Double]]) {
        self.weights = weights
        self.biases = biases
    }
}
