import TensorCore

/// An element-wise activation function f and its derivative f′, the non-linearity of a layer.
///
/// Each case is evaluable on one number (`relu(-2.0)`) and on a whole tensor (`relu(z)`), and
/// knows its display `name` and Unicode `formula`, so a lesson can print `Activation.catalogue`.
/// Functions with a kink (step, sign, ReLU, leaky ReLU) use the derivative of the right-hand
/// piece for x > 0 and of the left-hand piece for x ≤ 0; step and sign have derivative 0
/// everywhere, which is why a perceptron cannot be trained by gradient descent.
public enum Activation: Sendable, Hashable {
    /// The threshold unit of the perceptron: 1 if x > 0, else 0.
    case step
    /// The sign of x: −1, 0 or 1.
    case sign
    /// f(x) = x: no non-linearity (regression outputs, logits).
    case identity
    /// The logistic function σ(x) = 1 / (1 + e⁻ˣ), squashing into (0, 1).
    case sigmoid
    /// The hyperbolic tangent, squashing into (−1, 1).
    case tanh
    /// The rectified linear unit max(0, x).
    case relu
    /// ReLU with a small `slope` for x ≤ 0, so that no unit is ever completely dead.
    case leakyReLU(slope: Double)
    /// The exponential linear unit: x for x > 0, α(eˣ − 1) otherwise.
    case elu(alpha: Double)
    /// A smooth ReLU, ln(1 + eˣ); its derivative is σ(x).
    case softplus
    /// x / (1 + |x|): a tanh-like squashing with polynomial tails.
    case softsign
    /// x·σ(x) (also called SiLU).
    case swish
    /// x·tanh(softplus(x)).
    case mish
    /// ln σ(x) = −softplus(−x), the log-probability of a logistic unit.
    case logSigmoid

    /// Every activation once, with the conventional parameters (leaky slope 0.01, ELU α = 1),
    /// in the order a lesson presents them.
    public static let catalogue: [Activation] = [
        .step, .sign, .identity, .sigmoid, .tanh, .relu, .leakyReLU(slope: 0.01), .elu(alpha: 1),
        .softplus, .softsign, .swish, .mish, .logSigmoid,
    ]

    /// The display name, such as "Leaky ReLU".
    public var name: String {
        switch self {
        case .step: "Step"
        case .sign: "Sign"
        case .identity: "Identity"
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        case .relu: "ReLU"
        case .leakyReLU: "Leaky ReLU"
        case .elu: "ELU"
        case .softplus: "Softplus"
        case .softsign: "Softsign"
        case .swish: "Swish"
        case .mish: "Mish"
        case .logSigmoid: "Log-sigmoid"
        }
    }

    /// The definition in Unicode, such as "σ(x) = 1 / (1 + e⁻ˣ)".
    public var formula: String {
        switch self {
        case .step: "H(x) = 1 if x > 0, else 0"
        case .sign: "sgn(x) = 1 if x > 0, −1 if x < 0, else 0"
        case .identity: "f(x) = x"
        case .sigmoid: "σ(x) = 1 / (1 + e⁻ˣ)"
        case .tanh: "tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)"
        case .relu: "ReLU(x) = max(0, x)"
        case .leakyReLU(let slope): "f(x) = x if x > 0, else \(slope)·x"
        case .elu(let alpha): "ELU(x) = x if x > 0, else \(alpha)·(eˣ − 1)"
        case .softplus: "softplus(x) = ln(1 + eˣ)"
        case .softsign: "softsign(x) = x / (1 + |x|)"
        case .swish: "swish(x) = x·σ(x)"
        case .mish: "mish(x) = x·tanh(ln(1 + eˣ))"
        case .logSigmoid: "ln σ(x) = −ln(1 + e⁻ˣ)"
        }
    }

    /// The derivative in Unicode, such as "σ′(x) = σ(x)(1 − σ(x))".
    public var derivativeFormula: String {
        switch self {
        case .step: "H′(x) = 0 (x ≠ 0)"
        case .sign: "sgn′(x) = 0 (x ≠ 0)"
        case .identity: "f′(x) = 1"
        case .sigmoid: "σ′(x) = σ(x)(1 − σ(x))"
        case .tanh: "tanh′(x) = 1 − tanh²(x)"
        case .relu: "ReLU′(x) = 1 if x > 0, else 0"
        case .leakyReLU(let slope): "f′(x) = 1 if x > 0, else \(slope)"
        case .elu(let alpha): "ELU′(x) = 1 if x > 0, else \(alpha)·eˣ"
        case .softplus: "softplus′(x) = σ(x)"
        case .softsign: "softsign′(x) = 1 / (1 + |x|)²"
        case .swish: "swish′(x) = σ(x) + x·σ(x)(1 − σ(x))"
        case .mish: "mish′(x) = tanh(sp(x)) + x·σ(x)·(1 − tanh²(sp(x)))"
        case .logSigmoid: "(ln σ)′(x) = 1 − σ(x) = σ(−x)"
        }
    }

    /// f(x) for one number.
    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .step: x > 0 ? 1 : 0
        case .sign: x > 0 ? 1 : (x < 0 ? -1 : 0)
        case .identity: x
        case .sigmoid: NeuralNetworks.sigmoid(x)
        case .tanh: hyperbolicTangent(x)
        case .relu: x > 0 ? x : 0
        case .leakyReLU(let slope): x > 0 ? x : slope * x
        case .elu(let alpha): x > 0 ? x : alpha * expm1(x)
        case .softplus: Self.stableSoftplus(x)
        case .softsign: x / (1 + abs(x))
        case .swish: x * NeuralNetworks.sigmoid(x)
        case .mish: x * hyperbolicTangent(Self.stableSoftplus(x))
        case .logSigmoid: -Self.stableSoftplus(-x)
        }
    }

    /// f′(x) for one number.
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .step, .sign: return 0
        case .identity: return 1
        case .sigmoid:
            let s = NeuralNetworks.sigmoid(x)
            return s * (1 - s)
        case .tanh:
            let t = hyperbolicTangent(x)
            return 1 - t * t
        case .relu: return x > 0 ? 1 : 0
        case .leakyReLU(let slope): return x > 0 ? 1 : slope
        case .elu(let alpha): return x > 0 ? 1 : alpha * exp(x)
        case .softplus: return NeuralNetworks.sigmoid(x)
        case .softsign:
            let d = 1 + abs(x)
            return 1 / (d * d)
        case .swish:
            let s = NeuralNetworks.sigmoid(x)
            return s + x * s * (1 - s)
        case .mish:
            let t = hyperbolicTangent(Self.stableSoftplus(x))
            return t + x * NeuralNetworks.sigmoid(x) * (1 - t * t)
        case .logSigmoid: return NeuralNetworks.sigmoid(-x)
        }
    }

    /// f applied to every element of a tensor of any shape.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var result = x
        result.withUnsafeMutableBufferPointer { p in
            // The common cases get their own loops, so the switch is not taken per element.
            switch self {
            case .identity: return
            case .relu: for i in 0..<p.count { p[i] = p[i] > 0 ? p[i] : 0 }  // a select, no branch
            case .sigmoid: for i in 0..<p.count { p[i] = NeuralNetworks.sigmoid(p[i]) }
            case .tanh: for i in 0..<p.count { p[i] = hyperbolicTangent(p[i]) }
            default: for i in 0..<p.count { p[i] = self(p[i]) }
            }
        }
        return result
    }

    /// f′ applied to every element of a tensor of any shape.
    public func derivative(_ x: Tensor) -> Tensor {
        var result = x
        result.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] = derivative(p[i]) }
        }
        return result
    }

    /// The backward step of the activation: `outputGradient ⊙ f′(preActivation)`, in one pass
    /// into a new tensor (the gradient passed in is left alone, so it is never copied first).
    ///
    /// Shapes: `preActivation` and `outputGradient` are both `[m, n]` (or any equal shape).
    func backward(preActivation z: Tensor, outputGradient: Tensor) -> Tensor {
        check(z.shape == outputGradient.shape,
                     "\(name) backward: pre-activation \(z.shape) and gradient \(outputGradient.shape) differ")
        if self == .identity { return outputGradient }
        let n = z.count
        let isReLU = self == .relu
        let result = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            z.withUnsafeBufferPointer { pz in
                outputGradient.withUnsafeBufferPointer { pg in
                    guard n > 0 else { return }
                    let (out, z, g) = (buffer.baseAddress!, pz.baseAddress!, pg.baseAddress!)
                    if isReLU {
                        // ReLU′ is 1 or 0: keep the gradient where z > 0, else 0, as a select
                        // (the sign of z is unpredictable: a branch would often be mispredicted).
                        for i in 0..<n { out[i] = z[i] > 0 ? g[i] : 0 }
                    } else {
                        for i in 0..<n { out[i] = g[i] * derivative(z[i]) }
                    }
                }
            }
            initialized = n
        }
        return Tensor(shape: z.shape, scalars: result)
    }

    /// y = f(z + b) for a batch z `[m, n]` and a bias b `[n]` added to every row, in one pass:
    /// z becomes z + b (the pre-activation a backward pass needs) and y is returned as a new
    /// tensor (z itself for the identity). The numbers are exactly those of `z += b`, then `f(z)`.
    func addBiasAndApply(to z: inout Tensor, bias: Tensor) -> Tensor {
        check(z.rank == 2 && bias.shape == [z.shape[1]],
              "\(name): bias \(bias.shape) does not match the batch \(z.shape)")
        if self != .relu {
            z += bias
            return self(z)
        }
        let (rows, columns) = (z.shape[0], z.shape[1])
        let result = [Double](unsafeUninitializedCapacity: rows * columns) { buffer, initialized in
            bias.withUnsafeBufferPointer { pb in
                z.withUnsafeMutableBufferPointer { pz in
                    guard rows * columns > 0 else { return }
                    let (out, z, b) = (buffer.baseAddress!, pz.baseAddress!, pb.baseAddress!)
                    for r in 0..<rows {
                        let (zRow, outRow) = (z + r * columns, out + r * columns)
                        for j in 0..<columns {
                            let value = zRow[j] + b[j]
                            zRow[j] = value
                            outRow[j] = value > 0 ? value : 0
                        }
                    }
                }
            }
            initialized = rows * columns
        }
        return Tensor(shape: z.shape, scalars: result)
    }

    /// f(z + b) in place, for inference: the same numbers as `addBiasAndApply`, with no second tensor.
    func applyWithBias(to z: inout Tensor, bias: Tensor) {
        check(z.rank == 2 && bias.shape == [z.shape[1]],
              "\(name): bias \(bias.shape) does not match the batch \(z.shape)")
        let (rows, columns) = (z.shape[0], z.shape[1])
        bias.withUnsafeBufferPointer { pb in
            z.withUnsafeMutableBufferPointer { pz in
                guard rows * columns > 0 else { return }
                let b = pb.baseAddress!
                for r in 0..<rows {
                    let row = pz.baseAddress! + r * columns
                    switch self {
                    case .identity: for j in 0..<columns { row[j] += b[j] }
                    case .relu:
                        for j in 0..<columns {
                            let value = row[j] + b[j]
                            row[j] = value > 0 ? value : 0
                        }
                    case .sigmoid: for j in 0..<columns { row[j] = NeuralNetworks.sigmoid(row[j] + b[j]) }
                    default: for j in 0..<columns { row[j] = self(row[j] + b[j]) }
                    }
                }
            }
        }
    }

    /// ln(1 + eˣ) = max(x, 0) + ln(1 + e^(−|x|)), which neither overflows nor loses small values.
    static func stableSoftplus(_ x: Double) -> Double {
        Swift.max(x, 0) + log1p(exp(-abs(x)))
    }
}

extension Activation: CustomStringConvertible {
    /// The name and the formula, such as "Sigmoid: σ(x) = 1 / (1 + e⁻ˣ)".
    public var description: String { "\(name): \(formula)" }
}

/// The C library's tanh, reachable under another name because the `.tanh` case shadows it.
@inline(__always)
private func hyperbolicTangent(_ x: Double) -> Double { tanh(x) }

/// The logistic function σ(x) = 1 / (1 + e⁻ˣ): the package's one sigmoid, used by
/// `Activation.sigmoid`, the losses from logits and TD-Gammon's value network.
///
/// Written exactly as the formula: for x → −∞, e⁻ˣ overflows to +∞ and the result is 0, the
/// correct limit, so no branch is needed; for x → +∞ it is 1. Relative accuracy is a few ulps
/// over the whole range.
///
/// `@inlinable` so that other modules (TD-Gammon's evaluator in `Reinforcement` calls it for
/// every position it scores) inline it instead of calling across the module boundary.
@inlinable @inline(__always)
public func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
