import TensorCore

/// The notes' model of over-estimation: n actions of equal true value, each estimate off by
/// independent N(0, 1) noise. The max of the estimates is biased upward by E[max of n normals].
public enum MaximumOfNoisyEstimates {
    /// E[max(Z₁, …, Zₙ)] for independent standard normals, by numerical integration of
    /// E = ∫ x · n φ(x) Φ(x)ⁿ⁻¹ dx (the density of the maximum is n φ Φⁿ⁻¹), with Simpson's rule
    /// on [−12, 12] in `intervals` (even) pieces. With the default 4,000 the error is below 1e-12.
    public static func exactExpectation(count n: Int, intervals: Int = 4_000) -> Double {
        let (a, b) = (-12.0, 12.0)
        let h = (b - a) / Double(intervals)
        func integrand(_ x: Double) -> Double {
            let density = exp(-x * x / 2) / (2 * Double.pi).squareRoot()
            let cumulative = 0.5 * erfc(-x / 2.0.squareRoot())
            return x * Double(n) * density * pow(cumulative, Double(n - 1))
        }
        var sum = integrand(a) + integrand(b)
        for i in 1..<intervals { sum += (i % 2 == 1 ? 4 : 2) * integrand(a + Double(i) * h) }
        return sum * h / 3
    }

    /// The Monte Carlo estimate of the same expectation from `samples` draws of n normals.
    public static func simulatedExpectation(count n: Int, samples: Int, using generator: inout SeededGenerator) -> Double {
        var total = 0.0
        for _ in 0..<samples {
            var best = -Double.infinity
            for _ in 0..<n { best = max(best, generator.normal()) }
            total += best
        }
        return total / Double(samples)
    }
}
