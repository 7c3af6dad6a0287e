import TensorCore

/// A fully connected layer: y = f(x·W + b), with the backward pass written out by hand.
///
/// `weights` has shape `[inputs, outputs]`, so a batch `x` of shape `[m, inputs]` (one sample
/// per row) maps to `[m, outputs]`; `bias` has shape `[outputs]` and is added to every row.
/// A single sample may also be passed as a vector `[inputs]`, giving a vector `[outputs]`.
///
/// `forward` remembers its input and pre-activation z = x·W + b; `backward` uses them to turn
/// ∂L/∂y into ∂L/∂x and to store ∂L/∂W and ∂L/∂b in `weightGradient` and `biasGradient`,
/// where an optimizer finds them.
public struct Dense: WeightedLayer {
    /// W, shape `[inputs, outputs]`: column j holds the incoming weights of output unit j.
    public var weights: Tensor
    /// b, shape `[outputs]`.
    public var bias: Tensor
    /// The element-wise non-linearity f applied to z = x·W + b.
    public var activation: Activation
    /// ∂L/∂W from the last `backward`, shape `[inputs, outputs]`.
    public var weightGradient: Tensor
    /// ∂L/∂b from the last `backward`, shape `[outputs]`.
    public var biasGradient: Tensor

    /// The input of the last `forward`, as a matrix `[m, inputs]`.
    private var cachedInput: Tensor?
    /// z = x·W + b from the last `forward`, shape `[m, outputs]`.
    private var cachedPreActivation: Tensor?
    /// Whether the last `forward` was given a single vector rather than a batch.
    private var inputWasVector = false

    /// A layer with the given weights and bias (shapes `[inputs, outputs]` and `[outputs]`).
    public init(weights: Tensor, bias: Tensor, activation: Activation = .identity) {
        check(weights.rank == 2, "Dense: weights must be a matrix [inputs, outputs], got \(weights.shape)")
        check(bias.shape == [weights.shape[1]],
                     "Dense: bias \(bias.shape) does not match weights \(weights.shape); expected [\(weights.shape[1])]")
        self.weights = weights
        self.bias = bias
        self.activation = activation
        self.weightGradient = .zeros(weights.shape)
        self.biasGradient = .zeros(bias.shape)
    }

    /// A layer mapping `inputs` features to `outputs` units, with weights drawn by
    /// `weightInitializer` (Xavier uniform by default, as in Keras) and biases by
    /// `biasInitializer` (zeros by default).
    public init(inputs: Int, outputs: Int, activation: Activation = .identity,
                weightInitializer: Initializer = .xavierUniform, biasInitializer: Initializer = .zeros,
                using generator: inout SeededGenerator) {
        check(inputs > 0 && outputs > 0, "Dense: inputs (\(inputs)) and outputs (\(outputs)) must be positive")
        self.init(weights: weightInitializer.tensor([inputs, outputs], using: &generator),
                  bias: biasInitializer.tensor([outputs], fanIn: inputs, fanOut: outputs, using: &generator),
                  activation: activation)
    }

    /// The number of inputs (rows of W).
    public var inputCount: Int { weights.shape[0] }
    /// The number of output units (columns of W).
    public var outputCount: Int { weights.shape[1] }
    public var kind: String { "Dense" }
    public var inputWidth: Int? { inputCount }
    public var outputWidth: Int? { outputCount }

    /// y = f(x·W + b) without remembering anything (inference).
    ///
    /// Shapes: `[m, inputs] → [m, outputs]`, or `[inputs] → [outputs]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let (x, isVector) = asBatch(input)
        var y = matmul(x, weights)
        activation.applyWithBias(to: &y, bias: bias)
        return isVector ? y.reshaped([outputCount]) : y
    }

    /// y = f(x·W + b), remembering x and z for `backward` (training).
    ///
    /// Shapes: x `[m, inputs]` → y `[m, outputs]`, or `[inputs] → [outputs]`.
    public mutating func forward(_ input: Tensor) -> Tensor {
        let (x, isVector) = asBatch(input)
        // z is written into the buffer of the last pass (a workspace reused from one pass to
        // the next while the batch size stays the same), then the bias and f are applied in one
        // pass. Without an activation, z is also the output, which the caller may keep: then
        // it gets a new buffer every pass.
        var z = activation == .identity ? Tensor(shape: [0], scalars: []) : cachedPreActivation ?? Tensor(shape: [0], scalars: [])
        cachedPreActivation = nil  // so that z is this layer's only reference and is reused in place
        matmul(x, weights, into: &z)
        let y = activation.addBiasAndApply(to: &z, bias: bias)
        cachedInput = x
        cachedPreActivation = z
        inputWasVector = isVector
        return isVector ? y.reshaped([outputCount]) : y
    }

    /// Back-propagates ∂L/∂y through the layer and returns ∂L/∂x (nil when
    /// `needsInputGradient` is false: the product δ·Wᵀ is then skipped).
    ///
    /// With δ = ∂L/∂y ⊙ f′(z): ∂L/∂W = xᵀ·δ, ∂L/∂b = Σ_rows δ, ∂L/∂x = δ·Wᵀ.
    /// Shapes: ∂L/∂y `[m, outputs]` (or `[outputs]` after a vector forward) → ∂L/∂x `[m, inputs]`
    /// (or `[inputs]`); ∂L/∂W `[inputs, outputs]`; ∂L/∂b `[outputs]`.
    /// By default the parameter gradients replace the stored ones; with `accumulate: true` they
    /// are added to them (call `zeroGradients()` first), for sums over several backward passes.
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        check(cachedInput != nil, "Dense.backward: call forward(_:) first")
        let (x, z) = (cachedInput!, cachedPreActivation!)
        let g = outputGradient.rank == 1 ? outputGradient.reshaped([1, outputGradient.count]) : outputGradient
        check(g.shape == z.shape,
                     "Dense.backward: output gradient \(outputGradient.shape) does not match the forward output \(z.shape)")
        let delta = activation.backward(preActivation: z, outputGradient: g)
        if accumulate {
            weightGradient.add(matmul(x, delta, transposeA: true), scaledBy: 1)
            biasGradient.add(delta.sum(alongAxis: 0), scaledBy: 1)
        } else {
            // Written over the last pass's gradients, in place (they are this layer's to reuse).
            matmul(x, delta, into: &weightGradient, transposeA: true)
            biasGradient = delta.sum(alongAxis: 0)
        }
        guard needsInputGradient else { return nil }
        let dx = matmul(delta, weights, transposeB: true)
        return inputWasVector ? dx.reshaped([inputCount]) : dx
    }

    /// z = x·W + b for a batch x `[m, inputs]`: the layer before its activation.
    public func preActivation(_ x: Tensor) -> Tensor {
        var z = matmul(x, weights)
        Activation.identity.applyWithBias(to: &z, bias: bias)
        return z
    }

    /// The input as a matrix `[m, inputs]`, and whether it was a single vector.
    private func asBatch(_ input: Tensor) -> (Tensor, Bool) {
        if input.rank == 1 {
            check(input.count == inputCount,
                         "Dense: input \(input.shape) does not match the layer's \(inputCount) inputs")
            return (input.reshaped([1, inputCount]), true)
        }
        check(input.rank == 2 && input.shape[1] == inputCount,
                     "Dense: input \(input.shape) does not match the layer's \(inputCount) inputs; expected [m, \(inputCount)]")
        return (input, false)
    }
}
