import TensorCore

/// A one-dimensional Gaussian policy for a continuous action: a ~ N(μ, σ²), parameterised by
/// the mean μ and the log standard deviation log σ (so that σ = e^{log σ} stays positive
/// whatever gradient steps do to it).
///
/// The density is p(a) = exp(−(a − μ)²/(2σ²)) / (σ√(2π)), so
///
///     log p(a) = −(a − μ)²/(2σ²) − log σ − ½ log 2π
///     ∂ log p/∂μ     = (a − μ)/σ²
///     ∂ log p/∂log σ = (a − μ)²/σ² − 1
///
/// In a network policy μ (and possibly log σ) are outputs of the network, and these two
/// derivatives are the gradient at the output that back-propagation starts from.
public struct GaussianPolicy: Sendable, Equatable {
    /// μ, the mean action.
    public var mean: Double
    /// log σ.
    public var logStandardDeviation: Double

    public init(mean: Double, logStandardDeviation: Double) {
        self.mean = mean
        self.logStandardDeviation = logStandardDeviation
    }

    /// σ = e^{log σ}.
    public var standardDeviation: Double { exp(logStandardDeviation) }

    /// log p(a) of the density N(μ, σ²) at `action`.
    public func logDensity(_ action: Double) -> Double {
        let sigma = standardDeviation
        let z = (action - mean) / sigma
        return -0.5 * z * z - logStandardDeviation - 0.5 * log(2 * Double.pi)
    }

    /// (∂ log p/∂μ, ∂ log p/∂log σ) at `action`.
    public func logDensityGradient(_ action: Double) -> (mean: Double, logStandardDeviation: Double) {
        let variance = standardDeviation * standardDeviation
        let difference = action - mean
        return (difference / variance, difference * difference / variance - 1)
    }

    /// An action drawn from N(μ, σ²).
    public func sample(using generator: inout SeededGenerator) -> Double {
        generator.normal(mean: mean, standardDeviation: standardDeviation)
    }
}

/// A bandit with one continuous action and no state: pulling a earns
/// r(a) = −(a − best)² + noise (the noise standard deviation is `noise`). The best action is
/// `best`; the smallest expected regret is 0.
///
/// Under a Gaussian policy N(μ, σ²) the expected reward is J = −(μ − best)² − σ² − 0 (the noise
/// has mean 0), so ∇_μ J = −2(μ − best) and ∇_{log σ} J = −2σ²: exact gradients to test a
/// Monte Carlo estimate against.
public struct ContinuousBandit: Sendable, Equatable {
    /// The action with the highest expected reward.
    public var best: Double
    /// The standard deviation of the reward noise.
    public var noise: Double

    public init(best: Double, noise: Double = 0) {
        self.best = best
        self.noise = noise
    }

    /// One pull of `action`.
    public func reward(_ action: Double, using generator: inout SeededGenerator) -> Double {
        let miss = action - best
        return -miss * miss + (noise > 0 ? generator.normal(mean: 0, standardDeviation: noise) : 0)
    }

    /// J = E[r] under N(μ, σ²).
    public func expectedReward(_ policy: GaussianPolicy) -> Double {
        let miss = policy.mean - best, sigma = policy.standardDeviation
        return -miss * miss - sigma * sigma
    }

    /// The exact (∇_μ J, ∇_{log σ} J).
    public func exactGradient(_ policy: GaussianPolicy) -> (mean: Double, logStandardDeviation: Double) {
        let sigma = policy.standardDeviation
        return (-2 * (policy.mean - best), -2 * sigma * sigma)
    }
}
