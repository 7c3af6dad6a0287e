import NeuralNetworks
import TensorCore

/// The exercises of Lesson 05, vanishing and exploding signals, Xavier and He initialization.
///
/// `Exercises.Lesson05` (the stubs a student fills in) and `Solutions.Lesson05` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson05Checks`, grades either.
public protocol Lesson05Answers: SendableMetatype {
    /// Exercise 1: the half-width a of the notes' Xavier initialization √3·U[−1/√W, 1/√W]
    /// for a layer of width W, i.e. the weights are uniform on [−a, a].
    static func xavierBound(width: Int) throws -> Double

    /// Exercise 2: the standard deviation s of He's normal initialization N(0, s²) for a layer
    /// with `fanIn` inputs.
    static func heStandardDeviation(fanIn: Int) throws -> Double

    /// Exercise 3: the variance of the activations after every layer of a network without
    /// biases: a⁰ = input, aˡ = f(aˡ⁻¹·Wˡ); one variance (over all elements of aˡ, about their
    /// mean, dividing by the element count) per layer.
    static func activationVariances(input: Tensor, weights: [Tensor], activation: Activation) throws -> [Double]

    /// Exercise 4: ∂L/∂x for the residual block y = W₂ReLU(W₁x) + x (column vectors), given
    /// δ = ∂L/∂y.
    static func residualInputGradient(w1: Tensor, w2: Tensor, x: Tensor, outputGradient: Tensor) throws -> Tensor
}
