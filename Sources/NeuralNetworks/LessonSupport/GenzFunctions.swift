import TensorCore

/// The six test functions of Genz (1987) on the unit cube [0, 1]ᵈ, with shape parameters c
/// (difficulty) and w (location), used to measure how well a method approximates functions of
/// d variables:
///
/// - oscillatory: f₁(x) = cos(2πw₁ + Σ cᵢxᵢ)
/// - product peak: f₂(x) = Π (cᵢ⁻² + (xᵢ − wᵢ)²)⁻¹
/// - corner peak: f₃(x) = (1 + Σ cᵢxᵢ)^−(d+1)
/// - Gaussian: f₄(x) = exp(−Σ cᵢ²(xᵢ − wᵢ)²)
/// - continuous: f₅(x) = exp(−Σ cᵢ|xᵢ − wᵢ|)
/// - discontinuous: f₆(x) = 0 if x₁ > w₁ or x₂ > w₂, else exp(Σ cᵢxᵢ)
///   (in one dimension only the x₁ condition applies).
public enum GenzFamily: Int, CaseIterable, Sendable {
    case oscillatory = 1, productPeak, cornerPeak, gaussian, continuous, discontinuous

    /// The name used in tables.
    public var name: String {
        switch self {
        case .oscillatory: "oscillatory"
        case .productPeak: "product peak"
        case .cornerPeak: "corner peak"
        case .gaussian: "Gaussian"
        case .continuous: "continuous"
        case .discontinuous: "discontinuous"
        }
    }

    /// The definition in Unicode.
    public var formula: String {
        switch self {
        case .oscillatory: "f₁(x) = cos(2πw₁ + Σ cᵢxᵢ)"
        case .productPeak: "f₂(x) = Π (cᵢ⁻² + (xᵢ − wᵢ)²)⁻¹"
        case .cornerPeak: "f₃(x) = (1 + Σ cᵢxᵢ)^−(d+1)"
        case .gaussian: "f₄(x) = exp(−Σ cᵢ²(xᵢ − wᵢ)²)"
        case .continuous: "f₅(x) = exp(−Σ cᵢ|xᵢ − wᵢ|)"
        case .discontinuous: "f₆(x) = 0 if x₁ > w₁ or x₂ > w₂, else exp(Σ cᵢxᵢ)"
        }
    }

    /// bⱼ, the sum Σ cᵢ that the difficulty parameters are scaled to in dimension d
    /// (the short course's table, after Barthelmann et al. 2000): 1.5, d, 1.85, 7.03, 20.4, 4.3.
    public func difficulty(dimension d: Int) -> Double {
        switch self {
        case .oscillatory: 1.5
        case .productPeak: Double(d)
        case .cornerPeak: 1.85
        case .gaussian: 7.03
        case .continuous: 20.4
        case .discontinuous: 4.3
        }
    }

    /// f(x) for one point x (d numbers) with parameters c and w (d numbers each).
    public func value(_ x: [Double], c: [Double], w: [Double]) -> Double {
        check(x.count == c.count && x.count == w.count && !x.isEmpty,
                     "GenzFamily.value: x has \(x.count) coordinates, c \(c.count), w \(w.count)")
        let d = x.count
        switch self {
        case .oscillatory:
            var sum = 2 * Double.pi * w[0]
            for i in 0..<d { sum += c[i] * x[i] }
            return cos(sum)
        case .productPeak:
            var product = 1.0
            for i in 0..<d { product /= 1 / (c[i] * c[i]) + (x[i] - w[i]) * (x[i] - w[i]) }
            return product
        case .cornerPeak:
            var sum = 1.0
            for i in 0..<d { sum += c[i] * x[i] }
            return pow(sum, -Double(d + 1))
        case .gaussian:
            var sum = 0.0
            for i in 0..<d { sum += c[i] * c[i] * (x[i] - w[i]) * (x[i] - w[i]) }
            return exp(-sum)
        case .continuous:
            var sum = 0.0
            for i in 0..<d { sum += c[i] * abs(x[i] - w[i]) }
            return exp(-sum)
        case .discontinuous:
            if x[0] > w[0] || (d > 1 && x[1] > w[1]) { return 0 }
            var sum = 0.0
            for i in 0..<d { sum += c[i] * x[i] }
            return exp(sum)
        }
    }

    /// f on every row of a batch `[m, d]`, as a vector `[m]`.
    public func values(_ points: Tensor, c: [Double], w: [Double]) -> Tensor {
        check(points.rank == 2 && points.shape[1] == c.count,
                     "GenzFamily.values: points \(points.shape) do not have \(c.count) columns")
        let (m, d) = (points.shape[0], points.shape[1])
        let scalars = points.scalars
        return Tensor((0..<m).map { value(Array(scalars[($0 * d)..<($0 * d + d)]), c: c, w: w) })
    }

    /// Random parameters as in the short course: cᵢ and wᵢ uniform on [0, 1], then c scaled so
    /// that Σ cᵢ = bⱼ (`difficulty(dimension:)`) and w scaled so that Σ wᵢ = 1.
    public func randomParameters(dimension d: Int, using generator: inout SeededGenerator) -> (c: [Double], w: [Double]) {
        var c = (0..<d).map { _ in generator.uniform() }
        var w = (0..<d).map { _ in generator.uniform() }
        let (cSum, wSum) = (c.reduce(0, +), w.reduce(0, +))
        let b = difficulty(dimension: d)
        c = c.map { $0 * b / cSum }
        w = w.map { $0 / wSum }
        return (c, w)
    }
}
