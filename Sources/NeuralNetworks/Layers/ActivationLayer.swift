import TensorCore

/// An activation function as a layer of its own: y = f(x) element-wise, no parameters.
///
/// Keras's `Activation("relu")` and PyTorch's `nn.ReLU()`. A `Dense` layer can apply its
/// activation itself (`Dense(…, activation: .relu)`, one layer in a summary); this layer is for
/// networks that put the non-linearity between other layers, such as after a residual block.
/// Backward: ∂L/∂x = ∂L/∂y ⊙ f′(x), from the input remembered by `forward`.
public struct ActivationLayer: ParameterFreeLayer {
    /// f.
    public var activation: Activation
    /// x from the last `forward`.
    private var cachedInput: Tensor?

    /// The layer applying `activation`.
    public init(_ activation: Activation) { self.activation = activation }

    public var kind: String { "Activation" }
    public var inputWidth: Int? { nil }
    public var outputWidth: Int? { nil }

    public func callAsFunction(_ input: Tensor) -> Tensor { activation(input) }

    public mutating func forward(_ input: Tensor) -> Tensor {
        cachedInput = input
        return activation(input)
    }

    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        check(cachedInput != nil, "ActivationLayer(\(activation.name)).backward: call forward(_:) first")
        let x = cachedInput!
        check(x.shape == outputGradient.shape,
              "ActivationLayer(\(activation.name)).backward: output gradient \(outputGradient.shape) does not match the input \(x.shape)")
        return needsInputGradient ? activation.backward(preActivation: x, outputGradient: outputGradient) : nil
    }
}
