import TensorCore

/// One artificial neuron with any activation: y = σ(w·x + b).
///
/// This is the unit the lectures start from. Where `Perceptron` is the threshold neuron
/// together with its learning rule, `Neuron` only evaluates, so a lesson can show what a ReLU
/// or sigmoid unit computes for weights chosen by hand.
public struct Neuron: Sendable {
    /// w, one weight per input.
    public var weights: Tensor
    /// b, the weight of a constant input 1.
    public var bias: Double
    /// σ, applied to the weighted sum.
    public var activation: Activation

    /// A neuron with the given weights (a vector), bias and activation.
    public init(weights: Tensor, bias: Double, activation: Activation) {
        check(weights.rank == 1, "Neuron: weights must be a vector, got shape \(weights.shape)")
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// The weighted sum z = w·x + b, before the activation.
    public func preActivation(for input: Tensor) -> Double {
        check(input.shape == weights.shape,
                     "Neuron: input \(input.shape) does not match \(weights.count) weights")
        return dot(weights, input) + bias
    }

    /// The weighted sum z = w·x + b for an input given as an array.
    public func preActivation(for input: [Double]) -> Double {
        preActivation(for: Tensor(input))
    }

    /// The output σ(w·x + b).
    public func output(for input: Tensor) -> Double {
        activation(preActivation(for: input))
    }

    /// The output σ(w·x + b) for an input given as an array.
    public func output(for input: [Double]) -> Double {
        output(for: Tensor(input))
    }
}
