import TensorCore

/// Gradient descent along an exponential moving average of the gradients:
/// v ← βv + (1 − β)g, then θ ← θ − η v (or η v̂ with bias correction).
///
/// This is the main lecture's momentum (seed 000, lines 811–845). The average is a weighted
/// sum of all past gradients with weights (1 − β)βᵗ⁻ⁱ; started from v₀ = 0 those weights add up
/// to 1 − βᵗ only, so early averages are pulled towards zero. `Start` chooses what to do about it:
///
/// - `.zero`: v₀ = 0 and no correction (the biased average).
/// - `.biasCorrected`: v₀ = 0, and the step uses v̂ₜ = vₜ / (1 − βᵗ), Adam's choice.
/// - `.firstGradient`: v₁ = g₁, then the usual recursion (the lecturer's own preference).
///
/// With `.zero` the iterates are exactly those of the heavy ball `Momentum(learningRate:
/// η(1 − β), momentum: β)`: the two differ only in how the step size is written.
/// t counts the updates of each parameter separately (from 1).
public struct AveragedMomentum: Optimizer {
    /// How the average starts.
    public enum Start: Sendable, Equatable {
        /// v₀ = 0, no correction.
        case zero
        /// v₀ = 0, step along vₜ / (1 − βᵗ).
        case biasCorrected
        /// v₁ = g₁.
        case firstGradient
    }

    /// η, the step size.
    public var learningRate: Double
    /// β ∈ [0, 1), the weight of the old average.
    public var beta: Double
    /// How the average starts; see the type's documentation.
    public var start: Start
    private var average = SlotState()
    /// βᵗ for each slot: the weight the start value v₀ still has after t updates.
    private var betaPowers: [Double] = []

    /// Averaged-gradient descent with step η (default 0.01), β (default 0.9) and a start rule
    /// (default `.biasCorrected`).
    public init(learningRate: Double = 0.01, beta: Double = 0.9, start: Start = .biasCorrected) {
        self.learningRate = learningRate
        self.beta = beta
        self.start = start
    }

    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int) {
        if slot >= betaPowers.count { betaPowers += Array(repeating: 1, count: slot + 1 - betaPowers.count) }
        let first = betaPowers[slot] == 1
        betaPowers[slot] *= beta
        let (eta, b) = (learningRate, beta)
        let scale = start == .biasCorrected ? 1 / (1 - betaPowers[slot]) : 1
        let restart = start == .firstGradient && first
        average.withTensor(slot, shape: parameter.shape) { v in
            withBuffers(&parameter, gradient, "AveragedMomentum") { p, g in
                for i in 0..<p.count {
                    v[i] = restart ? g[i] : b * v[i] + (1 - b) * g[i]
                    p[i] -= eta * scale * v[i]
                }
            }
        }
    }

    public mutating func reset() {
        average = SlotState()
        betaPowers = []
    }
}
