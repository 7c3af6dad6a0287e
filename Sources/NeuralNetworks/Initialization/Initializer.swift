import TensorCore

/// How to fill a fresh weight tensor: a constant, a fixed distribution, or a distribution
/// scaled by the layer's fan-in (number of inputs) and fan-out (number of outputs).
///
/// The scaled schemes keep the variance of activations (forward) and gradients (backward)
/// roughly constant from layer to layer, which is what lets deep networks train at all:
///
/// | scheme           | distribution | scale                              | suits        |
/// |------------------|--------------|------------------------------------|--------------|
/// | `xavierUniform`  | U(−a, a)     | a = √(6 / (fanIn + fanOut))        | tanh, σ      |
/// | `xavierNormal`   | N(0, s²)     | s = √(2 / (fanIn + fanOut))        | tanh, σ      |
/// | `heUniform`      | U(−a, a)     | a = √(6 / fanIn)                   | ReLU family  |
/// | `heNormal`       | N(0, s²)     | s = √(2 / fanIn)                   | ReLU family  |
/// | `lecunUniform`   | U(−a, a)     | a = √(3 / fanIn)                   | SELU, linear |
/// | `lecunNormal`    | N(0, s²)     | s = √(1 / fanIn)                   | SELU, linear |
/// | `pytorchLinear`  | U(−a, a)     | a = 1 / √fanIn                     | PyTorch's default |
///
/// Variances: U(−a, a) has variance a²/3, so Xavier uniform has variance 2/(fanIn + fanOut),
/// He uniform 2/fanIn and LeCun uniform 1/fanIn, the same as their normal counterparts.
/// The normal draws are not truncated. Every draw comes from a `SeededGenerator`.
public enum Initializer: Sendable, Hashable {
    /// Every element 0 (the usual bias initializer).
    case zeros
    /// Every element equal to the value.
    case constant(Double)
    /// Independent draws from U(range).
    case uniform(ClosedRange<Double>)
    /// Independent draws from N(0, standardDeviation²).
    case normal(standardDeviation: Double)
    /// Glorot and Bengio (2010): U(−a, a) with a = √(6 / (fanIn + fanOut)).
    case xavierUniform
    /// Glorot and Bengio (2010): N(0, s²) with s = √(2 / (fanIn + fanOut)).
    case xavierNormal
    /// He et al. (2015): U(−a, a) with a = √(6 / fanIn).
    case heUniform
    /// He et al. (2015): N(0, s²) with s = √(2 / fanIn).
    case heNormal
    /// LeCun et al. (1998): U(−a, a) with a = √(3 / fanIn).
    case lecunUniform
    /// LeCun et al. (1998): N(0, s²) with s = √(1 / fanIn).
    case lecunNormal
    /// PyTorch's default for `nn.Linear`, for the weights **and** the bias: U(−a, a) with
    /// a = 1/√fanIn. PyTorch writes the weight rule as `kaiming_uniform_(a=√5)`, whose bound
    /// gain·√(3/fanIn) with gain = √(2/(1 + 5)) is exactly 1/√fanIn, and draws the bias from
    /// U(±1/√fanIn) separately. Its variance 1/(3·fanIn) is a third of LeCun's. For a bias, pass
    /// the layer's fan-in explicitly (`Dense` does), not the bias's own length.
    case pytorchLinear

    /// Keras's name for `xavierUniform`.
    public static var glorotUniform: Initializer { .xavierUniform }
    /// Keras's name for `xavierNormal`.
    public static var glorotNormal: Initializer { .xavierNormal }

    /// The display name, such as "He normal".
    public var name: String {
        switch self {
        case .zeros: "Zeros"
        case .constant(let c): "Constant \(c)"
        case .uniform(let r): "Uniform [\(r.lowerBound), \(r.upperBound)]"
        case .normal(let s): "Normal (σ = \(s))"
        case .xavierUniform: "Xavier uniform"
        case .xavierNormal: "Xavier normal"
        case .heUniform: "He uniform"
        case .heNormal: "He normal"
        case .lecunUniform: "LeCun uniform"
        case .lecunNormal: "LeCun normal"
        case .pytorchLinear: "PyTorch linear default"
        }
    }

    /// A tensor of the given shape, with fan-in and fan-out taken from the shape: a weight
    /// matrix `[inputs, outputs]` has fanIn = inputs and fanOut = outputs; a vector `[n]` has
    /// fanIn = fanOut = n.
    public func tensor(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
        let fanIn = shape.first ?? 1
        let fanOut = shape.count >= 2 ? shape[1] : fanIn
        return tensor(shape, fanIn: fanIn, fanOut: fanOut, using: &generator)
    }

    /// A tensor of the given shape with explicit fan-in and fan-out.
    public func tensor(_ shape: [Int], fanIn: Int, fanOut: Int,
                       using generator: inout SeededGenerator) -> Tensor {
        let fanIn = Double(Swift.max(fanIn, 1))
        let fanSum = Double(Swift.max(Int(fanIn) + fanOut, 1))
        switch self {
        case .zeros: return .zeros(shape)
        case .constant(let c): return Tensor(shape: shape, repeating: c)
        case .uniform(let range): return .uniform(shape, in: range, using: &generator)
        case .normal(let s): return .normal(shape, standardDeviation: s, using: &generator)
        case .xavierUniform: return Self.symmetricUniform(shape, (6 / fanSum).squareRoot(), &generator)
        case .xavierNormal: return .normal(shape, standardDeviation: (2 / fanSum).squareRoot(), using: &generator)
        case .heUniform: return Self.symmetricUniform(shape, (6 / fanIn).squareRoot(), &generator)
        case .heNormal: return .normal(shape, standardDeviation: (2 / fanIn).squareRoot(), using: &generator)
        case .lecunUniform: return Self.symmetricUniform(shape, (3 / fanIn).squareRoot(), &generator)
        case .lecunNormal: return .normal(shape, standardDeviation: (1 / fanIn).squareRoot(), using: &generator)
        case .pytorchLinear: return Self.symmetricUniform(shape, 1 / fanIn.squareRoot(), &generator)
        }
    }

    private static func symmetricUniform(_ shape: [Int], _ bound: Double,
                                         _ generator: inout SeededGenerator) -> Tensor {
        .uniform(shape, in: -bound...bound, using: &generator)
    }
}
