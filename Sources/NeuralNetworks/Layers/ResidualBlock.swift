import TensorCore

/// A residual block: y = g(f(x·W₁ + b₁)·W₂ + b₂ + x), two dense layers whose output is added
/// to the block's own input before the outer activation g.
///
/// In the column-vector notation of the notes this is y = g(W₂ f(W₁x) + x); the library keeps
/// its row convention (a batch `[m, width]`, one sample per row), so W₁ and W₂ are `[width, width]`.
/// With g = identity it is the skip-connection problem of the Berkeley handout, y = W₂ReLU(W₁x) + x.
///
/// Why it helps deep networks: the Jacobian is ∂y/∂x = g′ ⊙ (I + ∂branch/∂x), so the backward
/// pass is ∂L/∂x = δ + (the branch's gradient) with δ = ∂L/∂y ⊙ g′(s). The identity term hands
/// δ to the input unchanged, whatever the weights do; in a plain stack every layer multiplies it.
///
/// `forward` remembers the pre-activation sum s for `backward`; the two dense layers keep their
/// own caches and gradients (`inner.weightGradient`, `outer.weightGradient`, …).
public struct ResidualBlock: Layer {
    /// The first layer, x ↦ f(x·W₁ + b₁).
    public var inner: Dense
    /// The second layer, h ↦ h·W₂ + b₂ (normally without an activation of its own).
    public var outer: Dense
    /// g, applied after the skip connection is added (ReLU in the original ResNet).
    public var outputActivation: Activation

    /// s = branch + x from the last `forward`.
    private var cachedSum: Tensor?

    /// A block from two layers that map `width → hidden → width`.
    public init(inner: Dense, outer: Dense, outputActivation: Activation = .relu) {
        check(outer.inputCount == inner.outputCount && outer.outputCount == inner.inputCount,
                     "ResidualBlock: layers \(inner.inputCount)→\(inner.outputCount) and \(outer.inputCount)→\(outer.outputCount) do not form width→hidden→width")
        self.inner = inner
        self.outer = outer
        self.outputActivation = outputActivation
    }

    /// A block of the given width with freshly drawn weights and zero biases; `branchScale`
    /// multiplies W₂ after drawing (a scale below 1 starts the block close to the identity).
    public init(width: Int, activation: Activation = .relu, outputActivation: Activation = .relu,
                weightInitializer: Initializer = .heNormal, branchScale: Double = 1,
                using generator: inout SeededGenerator) {
        let first = Dense(inputs: width, outputs: width, activation: activation,
                          weightInitializer: weightInitializer, using: &generator)
        var second = Dense(inputs: width, outputs: width, activation: .identity,
                           weightInitializer: weightInitializer, using: &generator)
        second.weights *= branchScale
        self.init(inner: first, outer: second, outputActivation: outputActivation)
    }

    /// The block's width (its number of inputs and of outputs).
    public var width: Int { inner.inputCount }
    public var kind: String { "ResidualBlock" }
    public var inputWidth: Int? { width }
    public var outputWidth: Int? { width }

    /// y = g(branch(x) + x) without remembering anything. Shapes: `[m, width] → [m, width]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        outputActivation(outer(inner(input)) + input)
    }

    /// y = g(branch(x) + x), remembering what `backward` needs. Shapes: `[m, width] → [m, width]`.
    public mutating func forward(_ input: Tensor) -> Tensor {
        check(input.rank == 2 && input.shape[1] == width,
                     "ResidualBlock: input \(input.shape) does not match width \(width); expected [m, \(width)]")
        let sum = outer.forward(inner.forward(input)) + input
        cachedSum = sum
        return outputActivation(sum)
    }

    /// Back-propagates ∂L/∂y and returns ∂L/∂x = δ + branch gradient, with δ = ∂L/∂y ⊙ g′(s);
    /// the layers' weight and bias gradients are stored in `inner` and `outer` (added to the
    /// stored ones with `accumulate`). ∂L/∂x is always computed: the branch needs it anyway.
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        check(cachedSum != nil, "ResidualBlock.backward: call forward(_:) first")
        let sum = cachedSum!
        let delta = outputActivation.backward(preActivation: sum, outputGradient: outputGradient)
        var inputGradient = inner.backward(outer.backward(delta, accumulate: accumulate), accumulate: accumulate)
        inputGradient += delta   // the skip connection: δ reaches x unchanged
        return inputGradient
    }

    /// W₁, b₁, W₂, b₂.
    public var parameters: [Tensor] {
        get { inner.parameters + outer.parameters }
        set {
            check(newValue.count == 4, "ResidualBlock.parameters: expected 4 tensors, got \(newValue.count)")
            inner.parameters = Array(newValue[0..<2])
            outer.parameters = Array(newValue[2..<4])
        }
    }
    public var gradients: [Tensor] {
        get { inner.gradients + outer.gradients }
        set {
            check(newValue.count == 4, "ResidualBlock.gradients: expected 4 tensors, got \(newValue.count)")
            inner.gradients = Array(newValue[0..<2])
            outer.gradients = Array(newValue[2..<4])
        }
    }
    public var parameterNames: [String] { ["inner weights", "inner bias", "outer weights", "outer bias"] }

    public mutating func visitParameters(_ body: (inout Tensor, Tensor) -> Void) {
        inner.visitParameters(body)
        outer.visitParameters(body)
    }

    public mutating func zeroGradients() {
        inner.zeroGradients()
        outer.zeroGradients()
    }
}
