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
public struct BatchNormalization: WeightedLayer {
    /// γ, shape `[features]` (ones at the start): the `WeightedLayer` weights, as PyTorch also
    /// names it (`weight`). `scale` is the same tensor.
    public var weights: Tensor
    /// β, shape `[features]` (zeros at the start): the `WeightedLayer` bias. `offset` is the same.
    public var bias: Tensor
    /// ∂L/∂γ from the last `backward`.
    public var weightGradient: Tensor
    /// ∂L/∂β from the last `backward`.
    public var biasGradient: Tensor
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
        weights = .ones([features])
        bias = .zeros([features])
        weightGradient = .zeros([features])
        biasGradient = .zeros([features])
        runningMean = .zeros([features])
        runningVariance = .ones([features])
        self.epsilon = epsilon
        self.momentum = momentum
    }

    /// γ, the per-unit scale (the same tensor as `weights`).
    public var scale: Tensor {
        get { weights }
        set { weights = newValue }
    }
    /// β, the per-unit offset (the same tensor as `bias`).
    public var offset: Tensor {
        get { bias }
        set { bias = newValue }
    }
    /// ∂L/∂γ (the same tensor as `weightGradient`).
    public var scaleGradient: Tensor { weightGradient }
    /// ∂L/∂β (the same tensor as `biasGradient`).
    public var offsetGradient: Tensor { biasGradient }
    /// The names of γ and β in gradient checks and summaries.
    public var parameterNames: [String] { ["scale γ", "offset β"] }

    /// The number of units normalized.
    public var features: Int { weights.count }
    public var kind: String { "BatchNormalization" }
    public var inputWidth: Int? { features }
    public var outputWidth: Int? { features }

    /// Inference with the running statistics: γ ⊙ (x − mean) / √(variance + ε) + β.
    /// Shapes: `[m, features] → [m, features]`, or `[features] → [features]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        check((input.rank == 1 && input.count == features) || (input.rank == 2 && input.shape[1] == features),
              "BatchNormalization: input \(input.shape) does not match \(features) features; expected [m, \(features)] or [\(features)]")
        let inverseDeviation = (runningVariance + epsilon).map { 1 / $0.squareRoot() }
        return (input - runningMean) * (inverseDeviation * weights) + bias
    }

    /// Training: normalizes with the batch's own mean and biased variance, updates the running
    /// statistics, and remembers x̂ and 1/√(σ²_B + ε) for `backward`.
    /// Shapes: `[m, features] → [m, features]`, m ≥ 2.
    public mutating func forward(_ input: Tensor) -> Tensor {
        check(input.rank == 2 && input.shape[1] == features,
              "BatchNormalization: input \(input.shape) does not match \(features) features; expected [m, \(features)]")
        let m = input.shape[0], n = features
        check(m >= 2, "BatchNormalization: training needs a batch of at least 2 rows to estimate a variance, got \(m)")
        // One pass per statistic over the rows, column by column in the inner loop (row-major data).
        var mean = Tensor.zeros([n]), variance = Tensor.zeros([n])
        var normalized = input
        var output = input
        input.withUnsafeBufferPointer { x in
            mean.withUnsafeMutableBufferPointer { mu in
                for i in 0..<m { for j in 0..<n { mu[j] += x[i * n + j] } }
                for j in 0..<n { mu[j] /= Double(m) }
                variance.withUnsafeMutableBufferPointer { v in
                    for i in 0..<m { for j in 0..<n { let d = x[i * n + j] - mu[j]; v[j] += d * d } }
                    for j in 0..<n { v[j] /= Double(m) }
                }
            }
        }
        let inverseDeviation = (variance + epsilon).map { 1 / $0.squareRoot() }
        weights.withUnsafeBufferPointer { gamma in
            bias.withUnsafeBufferPointer { beta in
                mean.withUnsafeBufferPointer { mu in
                    inverseDeviation.withUnsafeBufferPointer { r in
                        normalized.withUnsafeMutableBufferPointer { xHat in
                            output.withUnsafeMutableBufferPointer { y in
                                for i in 0..<m {
                                    for j in 0..<n {
                                        let k = i * n + j
                                        xHat[k] = (xHat[k] - mu[j]) * r[j]
                                        y[k] = gamma[j] * xHat[k] + beta[j]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        cachedNormalized = normalized
        cachedInverseDeviation = inverseDeviation

        batchesTracked += 1
        let weight = momentum ?? 1 / Double(batchesTracked)
        runningMean = (1 - weight) * runningMean + weight * mean
        runningVariance = (1 - weight) * runningVariance + (weight * Double(m) / Double(m - 1)) * variance
        return output
    }

    /// ∂L/∂x from ∂L/∂y (formula above); stores ∂L/∂γ and ∂L/∂β.
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        check(cachedNormalized != nil, "BatchNormalization.backward: call forward(_:) first")
        let normalized = cachedNormalized!, inverseDeviation = cachedInverseDeviation!
        check(outputGradient.shape == normalized.shape,
              "BatchNormalization.backward: output gradient \(outputGradient.shape) does not match the forward output \(normalized.shape)")
        let m = normalized.shape[0], n = features
        // Column sums of δ and of δ ⊙ x̂: ∂L/∂β and ∂L/∂γ.
        var dScale = Tensor.zeros([n]), dOffset = Tensor.zeros([n])
        outputGradient.withUnsafeBufferPointer { delta in
            normalized.withUnsafeBufferPointer { xHat in
                dScale.withUnsafeMutableBufferPointer { dGamma in
                    dOffset.withUnsafeMutableBufferPointer { dBeta in
                        for i in 0..<m {
                            for j in 0..<n {
                                let k = i * n + j
                                dBeta[j] += delta[k]
                                dGamma[j] += delta[k] * xHat[k]
                            }
                        }
                    }
                }
            }
        }
        storeGradients(weights: dScale, bias: dOffset, accumulate: accumulate)
        guard needsInputGradient else { return nil }
        // With g = γ ⊙ δ: Σ g = γ ⊙ ∂L/∂β and Σ g ⊙ x̂ = γ ⊙ ∂L/∂γ, so the sums are already there.
        var inputGradient = outputGradient
        let count = Double(m)
        weights.withUnsafeBufferPointer { gamma in
            dScale.withUnsafeBufferPointer { dGamma in
                dOffset.withUnsafeBufferPointer { dBeta in
                    inverseDeviation.withUnsafeBufferPointer { r in
                        normalized.withUnsafeBufferPointer { xHat in
                            inputGradient.withUnsafeMutableBufferPointer { dx in
                                for i in 0..<m {
                                    for j in 0..<n {
                                        let k = i * n + j
                                        // dx[k] holds δ on entry.
                                        dx[k] = gamma[j] * r[j] / count * (count * dx[k] - dBeta[j] - xHat[k] * dGamma[j])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}

extension BatchNormalization: StatefulLayer {
    /// What a weight file keeps besides γ and β.
    public var stateNames: [String] { ["running mean", "running variance", "batches tracked"] }

    /// [running mean, running variance, [batches tracked]].
    public var state: [Tensor] { [runningMean, runningVariance, Tensor([Double(batchesTracked)])] }

    /// Takes the running statistics and the batch count; refuses a negative or non-finite
    /// variance and a count that is not a whole number from 0 to 2⁵³.
    public mutating func restoreState(_ newState: [Tensor]) -> String? {
        guard newState.map(\.shape) == state.map(\.shape) else {
            return "expected state shapes \(state.map(\.shape)), got \(newState.map(\.shape))"
        }
        guard newState[1].scalars.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            return "a running variance is negative or not finite"
        }
        let count = newState[2].scalars[0]
        guard count >= 0, count <= 9_007_199_254_740_992, let tracked = Int(exactly: count) else {
            return "the number of batches tracked, \(count), is not a whole number from 0 to 2^53"
        }
        runningMean = newState[0]
        runningVariance = newState[1]
        batchesTracked = tracked
        return nil
    }
}
