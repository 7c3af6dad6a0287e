import TensorCore

/// Batch normalization (Ioffe and Szegedy 2015) of each of `features` units over a batch:
/// y = γ ⊙ x̂ + β with x̂ = (x − μ_B) / √(σ²_B + ε).
///
/// **Training** (`forward`), for a batch x `[m, features]` with m ≥ 2: μ_B and σ²_B are the
/// batch mean and the *biased* batch variance (divided by m) of each column. The running
/// statistics are updated on the way: `runningMean` ← (1 − α)·`runningMean` + α·μ_B and
/// `runningVariance` ← (1 − α)·`runningVariance` + α·σ²_B·m/(m − 1), the unbiased estimate,
/// with α = `momentum` (or 1/k for the k-th batch when `momentum` is nil: a plain average over
/// all batches seen, the paper's population statistics).
///
/// **Inference** (`callAsFunction`): y = γ ⊙ (x − `runningMean`) / √(`runningVariance` + ε) + β,
/// a fixed affine map of each unit that does not depend on the other rows of the batch.
///
/// These are the semantics of PyTorch's `nn.BatchNorm1d` (ε = 10⁻⁵, momentum 0.1, running mean
/// 0 and variance 1 at the start, `momentum=None` for the cumulative average). Keras's layer
/// differs in its defaults (ε = 10⁻³, a momentum of 0.99 meaning the weight of the *old* value).
///
/// Backward, with δ = ∂L/∂y and g = δ ⊙ γ (sums over the m rows, per unit):
/// ∂L/∂γ = Σ δ ⊙ x̂,   ∂L/∂β = Σ δ,   ∂L/∂x = (1/(m·s)) (m·g − Σ g − x̂ ⊙ Σ(g ⊙ x̂)),  s = √(σ²_B + ε).
/// The last two terms are there because μ_B and σ²_B depend on every row of the batch.
public struct BatchNormalization: Layer {
    /// γ, shape `[features]` (ones at the start).
    public var scale: Tensor
    /// β, shape `[features]` (zeros at the start).
    public var offset: Tensor
    /// ∂L/∂γ from the last `backward`.
    public var scaleGradient: Tensor
    /// ∂L/∂β from the last `backward`.
    public var offsetGradient: Tensor
    /// The running estimate of each unit's mean, used at inference.
    public var runningMean: Tensor
    /// The running estimate of each unit's variance (unbiased), used at inference.
    public var runningVariance: Tensor
    /// How many training batches have updated the running statistics.
    public private(set) var batchesTracked = 0
    /// ε, added to the variance before the square root.
    public let epsilon: Double
    /// α, the weight of the newest batch in the running statistics; nil for a plain average.
    public let momentum: Double?

    /// x̂ from the last `forward`, shape `[m, features]`.
    private var cachedNormalized: Tensor?
    /// 1/√(σ²_B + ε) per unit from the last `forward`.
    private var cachedInverseDeviation: Tensor?

    /// A layer normalizing `features` units, with γ = 1, β = 0, running mean 0 and running
    /// variance 1.
    public init(features: Int, epsilon: Double = 1e-5, momentum: Double? = 0.1) {
        check(features > 0, "BatchNormalization: features must be positive, got \(features)")
        check(epsilon >= 0, "BatchNormalization: epsilon must not be negative, got \(epsilon)")
        check(momentum.map { $0 > 0 && $0 <= 1 } ?? true,
              "BatchNormalization: momentum must be in (0, 1] or nil, got \(momentum!)")
        scale = .ones([features])
        offset = .zeros([features])
        scaleGradient = .zeros([features])
        offsetGradient = .zeros([features])
        runningMean = .zeros([features])
        runningVariance = .ones([features])
        self.epsilon = epsilon
        self.momentum = momentum
    }

    /// The number of units normalized.
    public var features: Int { scale.count }
    public var kind: String { "BatchNormalization" }
    public var inputWidth: Int? { features }
    public var outputWidth: Int? { features }

    /// Inference with the running statistics: γ ⊙ (x − mean) / √(variance + ε) + β.
    /// Shapes: `[m, features] → [m, features]`, or `[features] → [features]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        check((input.rank == 1 && input.count == features) || (input.rank == 2 && input.shape[1] == features),
              "BatchNormalization: input \(input.shape) does not match \(features) features; expected [m, \(features)] or [\(features)]")
        let inverseDeviation = (runningVariance + epsilon).map { 1 / $0.squareRoot() }
        return (input - runningMean) * (inverseDeviation * scale) + offset
    }

    /// Training: normalizes with the batch's own mean and biased variance, updates the running
    /// statistics, and remembers x̂ and 1/√(σ²_B + ε) for `backward`.
    /// Shapes: `[m, features] → [m, features]`, m ≥ 2.
    public mutating func forward(_ input: Tensor) -> Tensor {
        check(input.rank == 2 && input.shape[1] == features,
              "BatchNormalization: input \(input.shape) does not match \(features) features; expected [m, \(features)]")
        let m = input.shape[0]
        check(m >= 2, "BatchNormalization: training needs a batch of at least 2 rows to estimate a variance, got \(m)")
        let mean = input.mean(alongAxis: 0)
        let centred = input - mean
        let variance = (centred * centred).mean(alongAxis: 0)
        let inverseDeviation = (variance + epsilon).map { 1 / $0.squareRoot() }
        let normalized = centred * inverseDeviation
        cachedNormalized = normalized
        cachedInverseDeviation = inverseDeviation

        batchesTracked += 1
        let weight = momentum ?? 1 / Double(batchesTracked)
        runningMean = (1 - weight) * runningMean + weight * mean
        runningVariance = (1 - weight) * runningVariance + (weight * Double(m) / Double(m - 1)) * variance
        return normalized * scale + offset
    }

    /// ∂L/∂x from ∂L/∂y (formula above); stores ∂L/∂γ and ∂L/∂β.
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        check(cachedNormalized != nil, "BatchNormalization.backward: call forward(_:) first")
        let normalized = cachedNormalized!, inverseDeviation = cachedInverseDeviation!
        check(outputGradient.shape == normalized.shape,
              "BatchNormalization.backward: output gradient \(outputGradient.shape) does not match the forward output \(normalized.shape)")
        let dScale = (outputGradient * normalized).sum(alongAxis: 0)
        let dOffset = outputGradient.sum(alongAxis: 0)
        if accumulate {
            scaleGradient.add(dScale, scaledBy: 1)
            offsetGradient.add(dOffset, scaledBy: 1)
        } else {
            scaleGradient = dScale
            offsetGradient = dOffset
        }
        guard needsInputGradient else { return nil }
        let m = Double(normalized.shape[0])
        let g = outputGradient * scale                      // ∂L/∂x̂
        let gSum = g.sum(alongAxis: 0)                      // Σ g
        let gDotNormalized = (g * normalized).sum(alongAxis: 0)   // Σ g ⊙ x̂
        return (m * g - gSum - normalized * gDotNormalized) * (inverseDeviation / m)
    }

    /// [γ, β].
    public var parameters: [Tensor] {
        get { [scale, offset] }
        set {
            check(newValue.count == 2 && newValue[0].shape == scale.shape && newValue[1].shape == offset.shape,
                  "BatchNormalization.parameters: expected γ \(scale.shape) and β \(offset.shape), got \(newValue.map(\.shape))")
            scale = newValue[0]
            offset = newValue[1]
        }
    }
    /// [∂L/∂γ, ∂L/∂β].
    public var gradients: [Tensor] {
        get { [scaleGradient, offsetGradient] }
        set {
            check(newValue.count == 2 && newValue[0].shape == scale.shape && newValue[1].shape == offset.shape,
                  "BatchNormalization.gradients: expected \(scale.shape) and \(offset.shape), got \(newValue.map(\.shape))")
            scaleGradient = newValue[0]
            offsetGradient = newValue[1]
        }
    }
    public var parameterNames: [String] { ["scale γ", "offset β"] }

    public mutating func visitParameters(_ body: (inout Tensor, Tensor) -> Void) {
        body(&scale, scaleGradient)
        body(&offset, offsetGradient)
    }

    public mutating func zeroGradients() {
        scaleGradient = .zeros(scale.shape)
        offsetGradient = .zeros(offset.shape)
    }
}
