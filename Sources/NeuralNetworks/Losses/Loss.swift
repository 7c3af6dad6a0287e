import TensorCore

/// A loss function L(ŷ, y) together with its gradient ∂L/∂ŷ, the start of every backward pass.
///
/// Batch convention, the same for every case: a prediction of shape `[m, n]` is a batch of m
/// samples with n outputs each; the loss **sums over the n outputs and averages over the m
/// samples**, so every gradient carries a factor 1/m. A vector of shape `[n]` is one sample
/// (m = 1). `target` always has the prediction's shape (one-hot rows for categorical losses).
///
/// The two squared errors differ only by the constant in front, and the name says which:
/// `halfSquaredError` has the ½ that makes its gradient the plain residual ŷ − y (the convention
/// of most textbooks and of the delta rule); `squaredError` has none, so its gradient is 2(ŷ − y).
///
/// Neither is PyTorch's `nn.MSELoss()` (or Keras's "mse") once there are several outputs: those
/// average over all m·n elements, these sum over the n outputs and average over the m samples.
/// So `squaredError` = n × `nn.MSELoss()` = `nn.MSELoss(reduction: "sum")` / m, and it equals
/// `nn.MSELoss()` only when n = 1 (one output per sample, as in a regression on one target).
public enum Loss: Sendable, Hashable, CaseIterable {
    /// Every loss once, with the conventional Huber threshold δ = 1.
    public static let allCases: [Loss] = [.halfSquaredError, .squaredError, .meanAbsoluteError, .huber(delta: 1),
                                          .binaryCrossEntropy, .binaryCrossEntropyWithLogits,
                                          .categoricalCrossEntropy, .categoricalCrossEntropyWithLogits]

    /// L = (1/m) Σ ½(ŷ − y)²; ∂L/∂ŷ = (ŷ − y)/m.
    case halfSquaredError
    /// L = (1/m) Σ (ŷ − y)² (summed over the n outputs); ∂L/∂ŷ = 2(ŷ − y)/m.
    /// This is n × PyTorch's `nn.MSELoss()`, which also divides by n.
    case squaredError
    /// L = (1/m) Σ |ŷ − y|; ∂L/∂ŷ = sgn(ŷ − y)/m (0 where ŷ = y).
    case meanAbsoluteError
    /// Huber's loss with threshold δ > 0, per element with e = ŷ − y:
    /// ℓ = ½e² for |e| ≤ δ and δ(|e| − ½δ) beyond; ∂ℓ/∂ŷ = clip(e, −δ, δ). L = (1/m) Σ ℓ.
    ///
    /// Quadratic near the target and linear far from it, so one wild target (a bootstrapped
    /// Q-value early in training) cannot produce a huge step. Conventions: the ½ is inside, so
    /// for |e| ≤ δ this is `halfSquaredError` exactly; δ is where the two pieces meet with equal
    /// slope. PyTorch's `nn.HuberLoss(delta: δ)` is the same per element; its
    /// `nn.SmoothL1Loss(beta: β)` is Huber divided by β (the two agree at δ = β = 1, the loss
    /// of the DQN paper's "error clipping"). PyTorch's default `reduction="mean"` averages over
    /// all elements, this loss over rows: they agree for one output per row, as in DQN.
    case huber(delta: Double)
    /// From probabilities p = ŷ ∈ (0, 1): L = −(1/m) Σ [y ln p + (1 − y) ln(1 − p)];
    /// ∂L/∂p = (p − y) / (p(1 − p)) / m. p is clamped to [ε, 1 − ε] with ε = 1e-12.
    case binaryCrossEntropy
    /// From logits z (p = σ(z)): L = (1/m) Σ [softplus(z) − y z], computed without overflow;
    /// ∂L/∂z = (σ(z) − y)/m. Prefer this to a sigmoid layer followed by `binaryCrossEntropy`.
    case binaryCrossEntropyWithLogits
    /// From probabilities p (rows summing to 1): L = −(1/m) Σ y ln p; ∂L/∂p = −(y/p)/m,
    /// with p clamped to at least ε = 1e-12.
    case categoricalCrossEntropy
    /// From logits z (p = softmax(z) row-wise): L = −(1/m) Σ y · logSoftmax(z);
    /// ∂L/∂z = (softmax(z) − y)/m for targets whose rows sum to 1 (such as one-hot rows).
    case categoricalCrossEntropyWithLogits

    /// The display name, such as "Categorical cross-entropy (from logits)".
    public var name: String {
        switch self {
        case .halfSquaredError: "Half squared error"
        case .squaredError: "Squared error"
        case .meanAbsoluteError: "Mean absolute error"
        case .huber(let delta): "Huber (δ = \(delta))"
        case .binaryCrossEntropy: "Binary cross-entropy"
        case .binaryCrossEntropyWithLogits: "Binary cross-entropy (from logits)"
        case .categoricalCrossEntropy: "Categorical cross-entropy"
        case .categoricalCrossEntropyWithLogits: "Categorical cross-entropy (from logits)"
        }
    }

    /// The definition in Unicode, with the 1/m batch average.
    public var formula: String {
        switch self {
        case .halfSquaredError: "L = (1/m) Σ ½(ŷ − y)²"
        case .squaredError: "L = (1/m) Σ (ŷ − y)²"
        case .meanAbsoluteError: "L = (1/m) Σ |ŷ − y|"
        case .huber(let delta): "L = (1/m) Σ [½e² if |e| ≤ \(delta), else \(delta)(|e| − ½·\(delta))], e = ŷ − y"
        case .binaryCrossEntropy: "L = −(1/m) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]"
        case .binaryCrossEntropyWithLogits: "L = (1/m) Σ [ln(1 + eᶻ) − y z]"
        case .categoricalCrossEntropy: "L = −(1/m) Σ y ln ŷ"
        case .categoricalCrossEntropyWithLogits: "L = −(1/m) Σ y ln softmax(z)"
        }
    }

    /// The smallest probability a cross-entropy takes the logarithm of.
    static let epsilon = 1e-12

    /// The loss value and its gradient with respect to `prediction` (the logits for the
    /// `…WithLogits` cases), which has the prediction's shape.
    public func evaluate(prediction: Tensor, target: Tensor) -> (value: Double, gradient: Tensor) {
        if case .huber(let delta) = self { check(delta > 0, "Huber loss: δ must be positive, got \(delta)") }
        check(prediction.shape == target.shape,
                     "\(name): prediction \(prediction.shape) and target \(target.shape) differ in shape")
        let m = Double(prediction.rank >= 2 ? prediction.shape[0] : 1)
        var gradient = prediction
        let total: Double
        // Every case but the softmax one is a sum of per-element terms ℓ(ŷ, y), given here with
        // ∂ℓ/∂ŷ; `sumOfElements` adds them up and stores each ∂ℓ/∂ŷ / m in `gradient`.
        switch self {
        case .halfSquaredError:
            total = Self.sumOfElements(target, &gradient, m) { p, y in
                let r = p - y
                return (0.5 * r * r, r)
            }
        case .squaredError:
            total = Self.sumOfElements(target, &gradient, m) { p, y in
                let r = p - y
                return (r * r, 2 * r)
            }
        case .meanAbsoluteError:
            total = Self.sumOfElements(target, &gradient, m) { p, y in
                let r = p - y
                return (abs(r), r > 0 ? 1 : (r < 0 ? -1 : 0))
            }
        case .huber(let delta):
            total = Self.sumOfElements(target, &gradient, m) { p, y in
                let r = p - y
                return abs(r) <= delta ? (0.5 * r * r, r) : (delta * (abs(r) - 0.5 * delta), Swift.min(Swift.max(r, -delta), delta))
            }
        case .binaryCrossEntropy:
            total = Self.sumOfElements(target, &gradient, m) { p, y in
                let q = Swift.min(Swift.max(p, Self.epsilon), 1 - Self.epsilon)
                let loss = -(y * log(q) + (1 - y) * log(1 - q))
                return (loss, (q - y) / (q * (1 - q)))
            }
        case .binaryCrossEntropyWithLogits:
            total = Self.sumOfElements(target, &gradient, m) { p, y in
                (Activation.stableSoftplus(p) - y * p, sigmoid(p) - y)
            }
        case .categoricalCrossEntropy:
            total = Self.sumOfElements(target, &gradient, m) { p, y in
                let q = Swift.max(p, Self.epsilon)
                return (y == 0 ? 0 : -y * log(q), -y / q)
            }
        case .categoricalCrossEntropyWithLogits:
            // Not element-wise: each row's softmax needs the whole row.
            let logP = logSoftmax(prediction)
            var sum = 0.0
            logP.withUnsafeBufferPointer { lp in
                target.withUnsafeBufferPointer { y in
                    gradient.withUnsafeMutableBufferPointer { g in
                        for i in 0..<g.count {
                            sum -= y[i] == 0 ? 0 : y[i] * lp[i]
                            g[i] = (exp(lp[i]) - y[i]) / m
                        }
                    }
                }
            }
            total = sum
        }
        return (total / m, gradient)
    }

    /// Σ ℓ(ŷᵢ, yᵢ) over every element, where `values` holds the prediction ŷ on entry and
    /// ∂ℓ/∂ŷᵢ / m on return; `element` gives (ℓ, ∂ℓ/∂ŷ) for one element.
    @inline(__always)
    private static func sumOfElements(_ target: Tensor, _ values: inout Tensor, _ m: Double,
                                      _ element: (Double, Double) -> (Double, Double)) -> Double {
        var total = 0.0
        target.withUnsafeBufferPointer { y in
            values.withUnsafeMutableBufferPointer { g in
                for i in 0..<g.count {
                    let (l, d) = element(g[i], y[i])
                    total += l
                    g[i] = d / m
                }
            }
        }
        return total
    }

    /// The loss value alone (for finite differences and for reporting).
    public func value(prediction: Tensor, target: Tensor) -> Double {
        evaluate(prediction: prediction, target: target).value
    }
}
