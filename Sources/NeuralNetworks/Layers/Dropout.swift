import TensorCore

/// Inverted dropout: while training, every input unit is set to zero with probability `rate`
/// and the survivors are divided by the keep probability q = 1 − `rate`; at inference the layer
/// is the identity.
///
/// This is what Keras's `Dropout(rate)` and PyTorch's `nn.Dropout(p)` do (both name the
/// probability of *dropping*). Dividing by q during training keeps the expected output equal to
/// the input, E[rᵢxᵢ/q] = xᵢ with rᵢ ~ Bernoulli(q), so the trained weights are used unchanged
/// at test time. (The original paper, Srivastava et al. 2014, trains without the division and
/// multiplies the outgoing weights by q afterwards; the two give the same test-time network.)
///
/// Forward (training), for a batch x `[m, n]`: a fresh mask M with Mᵢⱼ = 1/q with probability
/// q and 0 otherwise, y = M ⊙ x. Backward: ∂L/∂x = M ⊙ ∂L/∂y, with the mask of the last
/// `forward`. The layer has no parameters.
///
/// Randomness: the layer owns its generator (give it a named stream), so that the masks do not
/// depend on what else draws random numbers. Copies of the layer continue the same stream:
/// a copy draws the same masks as the original would. That is also why a `Sequential` that
/// splits batches across two cores (`splitBatchesFrom`) gives both halves the same sequence of
/// masks; keep splitting off for networks with dropout.
public struct Dropout: ParameterFreeLayer {
    /// The probability p of dropping a unit (Keras's `rate`, PyTorch's `p`), 0 ≤ p < 1.
    public let rate: Double
    /// The generator the masks are drawn from.
    public var generator: SeededGenerator

    /// The mask of the last `forward` (entries 0 or 1/q), in the input's shape.
    public private(set) var mask: Tensor?

    /// A dropout layer that drops each unit with probability `rate` and draws its masks from
    /// `generator`.
    public init(rate: Double, generator: SeededGenerator) {
        check(rate >= 0 && rate < 1, "Dropout: rate must be in [0, 1), got \(rate)")
        self.rate = rate
        self.generator = generator
    }

    /// q = 1 − p, the probability that a unit is kept.
    public var keepProbability: Double { 1 - rate }
    public var kind: String { "Dropout" }
    public var inputWidth: Int? { nil }
    public var outputWidth: Int? { nil }

    /// Inference: the identity (the division by q during training already made the expected
    /// training output equal to this).
    public func callAsFunction(_ input: Tensor) -> Tensor { input }

    /// Training: draws a fresh mask (0 or 1/q per element) and returns mask ⊙ x.
    public mutating func forward(_ input: Tensor) -> Tensor {
        let q = keepProbability
        let kept = 1 / q
        var newMask = Tensor.zeros(input.shape)
        newMask.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices where generator.bernoulli(q) { buffer[i] = kept }
        }
        mask = newMask
        return newMask * input
    }

    /// ∂L/∂x = mask ⊙ ∂L/∂y.
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        check(mask != nil, "Dropout.backward: call forward(_:) first")
        check(mask!.shape == outputGradient.shape,
              "Dropout.backward: output gradient \(outputGradient.shape) does not match the forward input \(mask!.shape)")
        return needsInputGradient ? mask! * outputGradient : nil
    }
}
