import TensorCore

/// The mean of independent samples of a random quantity, with its spread.
///
/// `standardError` = s/√n, where s is the sample standard deviation (divisor n − 1): the
/// typical distance between `mean` and the true expectation. A claim "the expectation is μ"
/// is accepted by `agrees(with:)` when |mean − μ| ≤ k·standardError (k = 4 by default, so a
/// true claim fails about once in 16 000 tries for a normal mean, and a wrong one is caught
/// as soon as its error exceeds four standard errors).
public struct MonteCarloEstimate: Sendable, Equatable {
    /// The number of samples.
    public var count: Int
    /// Their mean.
    public var mean: Double
    /// Their standard deviation (divisor n − 1).
    public var standardDeviation: Double

    /// The estimate from the samples (at least two).
    public init(_ samples: [Double]) {
        check(samples.count >= 2, "MonteCarloEstimate: need at least two samples, got \(samples.count)")
        count = samples.count
        mean = samples.reduce(0, +) / Double(count)
        let m = mean
        standardDeviation = (samples.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(count - 1)).squareRoot()
    }

    /// s/√n, the standard deviation of the mean.
    public var standardError: Double { standardDeviation / Double(count).squareRoot() }

    /// Whether |mean − expected| ≤ standardErrors · standardError.
    public func agrees(with expected: Double, standardErrors: Double = 4) -> Bool {
        abs(mean - expected) <= standardErrors * standardError
    }
}

/// Monte Carlo samples of how one random dense layer (no bias) scales the second moment of its
/// signal: for each trial, fresh weights W `[inputs, outputs]` from `initializer` and a fresh
/// batch Z `[batch, inputs]` of N(0, 1) entries, the ratio
///
///     (Σ y² / batch) / (Σ z² / batch),  y = x·W,  x = z (linear) or x = max(z, 0) (`throughReLU`),
///
/// i.e. E‖y‖²/E‖z‖² per sample. For weights of variance v, the expectation is outputs·v (linear)
/// and outputs·v/2 (through a ReLU, since E[max(z, 0)²] = E[z²]/2 for symmetric z).
public func secondMomentRatios(initializer: Initializer, inputs: Int, outputs: Int, trials: Int,
                               batch: Int, throughReLU: Bool, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<trials).map { _ in
        let weights = initializer.tensor([inputs, outputs], using: &generator)
        let z = Tensor.normal([batch, inputs], using: &generator)
        let y = matmul(throughReLU ? Activation.relu(z) : z, weights)
        let ySquared = y.norm(), zSquared = z.norm()
        return (ySquared * ySquared) / (zSquared * zSquared)
    }
}

/// Monte Carlo ratios E[max(y, 0)²] / E[y²], one per trial of `draws` samples of y from `draw`.
///
/// For any y symmetric about 0 the ratio is ½: a ReLU keeps half of the second moment, which is
/// where He's factor 2 comes from. A distribution that is not symmetric gives another value.
public func reluSecondMomentShares(trials: Int, draws: Int = 1000, using generator: inout SeededGenerator,
                                   _ draw: (inout SeededGenerator) -> Double) -> [Double] {
    (0..<trials).map { _ in
        var kept = 0.0, total = 0.0
        for _ in 0..<draws {
            let y = draw(&generator)
            total += y * y
            if y > 0 { kept += y * y }
        }
        return kept / total
    }
}
