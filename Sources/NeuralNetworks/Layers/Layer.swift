import TensorCore

/// One step of a network: a function of a batch with a hand-written backward pass and, possibly,
/// trainable parameters. `Dense`, `ActivationLayer` (any `Activation` on its own), `ResidualBlock`,
/// `Dropout` and `BatchNormalization` are layers, and `Sequential` holds any mix of them.
///
/// The contract, for a batch of m rows (one sample per row):
/// - `callAsFunction(x)` is **inference**: it computes the output and remembers nothing, so it
///   can be called on a `let` network. A layer that behaves differently while training
///   (dropout, batch normalization) uses its inference behaviour here.
/// - `forward(x)` is **training**: the same output, remembering what `backward` needs (the
///   input, a pre-activation, a mask), and using the training behaviour.
/// - `backward(∂L/∂y)` after `forward` returns ∂L/∂x, the gradient with respect to the layer's
///   *input*, and stores ∂L/∂θ for each parameter θ. Returning ∂L/∂x is what lets a network pass
///   the gradient down, and what DDPG needs to get ∇ₐQ from a critic.
/// - `parameters` and `gradients` list the trainable tensors and their gradients in one fixed
///   order (a dense layer: weights, then bias); `visitParameters` lets an optimizer change them
///   in place without copying.
///
/// A layer may also be given a single sample as a vector `[n]`; it then returns a vector.
public protocol Layer: Sendable {
    /// The kind, as Keras names it in a summary: "Dense", "Activation", "ResidualBlock".
    var kind: String { get }
    /// The width of the input this layer expects, or nil if it takes any width (an activation).
    var inputWidth: Int? { get }
    /// The width of its output, or nil if it equals the input's (an activation).
    var outputWidth: Int? { get }

    /// y = layer(x) without remembering anything (inference).
    func callAsFunction(_ input: Tensor) -> Tensor
    /// y = layer(x), remembering what `backward` needs (training).
    mutating func forward(_ input: Tensor) -> Tensor
    /// After `forward`: turns ∂L/∂y into ∂L/∂x and stores the parameter gradients, replacing
    /// the stored ones or, with `accumulate`, adding to them. With `needsInputGradient` false
    /// the layer may skip computing ∂L/∂x (the first layer of a network) and return nil.
    mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor?

    /// The trainable tensors in a fixed order; setting replaces them (each keeps its shape).
    var parameters: [Tensor] { get set }
    /// ∂L/∂θ from the last `backward`, in the order of `parameters`; setting replaces them
    /// (each keeps its shape), as `Sequential` does to add up the two halves of a split batch.
    var gradients: [Tensor] { get set }
    /// A short name for each parameter, such as "weights" and "bias".
    var parameterNames: [String] { get }
    /// Calls `body(&parameter, gradient)` for every parameter in order, in place.
    mutating func visitParameters(_ body: (inout Tensor, Tensor) -> Void)
    /// Sets every stored gradient to zero.
    mutating func zeroGradients()
}

extension Layer {
    /// The number of trainable numbers.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// `backward(_:accumulate:needsInputGradient:)` returning ∂L/∂x.
    @discardableResult
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool = false) -> Tensor {
        backward(outputGradient, accumulate: accumulate, needsInputGradient: true)!
    }
}
