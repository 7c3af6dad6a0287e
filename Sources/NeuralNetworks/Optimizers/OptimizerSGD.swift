import TensorCore

/// Plain (stochastic) gradient descent: θ ← θ − η g.
public struct SGD: Optimizer {
    /// η, the step size.
    public var learningRate: Double

    /// Gradient descent with step size `learningRate` (η, default 0.01).
    public init(learningRate: Double = 0.01) {
        self.learningRate = learningRate
    }

    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int) {
        parameter.add(gradient, scaledBy: -learningRate)
    }

    public mutating func reset() {}
}

/// Gradient descent with momentum: v ← μv − ηg, then θ ← θ + v (heavy ball), or
/// θ ← θ + μv − ηg with `nesterov: true`.
///
/// The velocity v averages recent gradients, so steps grow along directions where the gradient
/// keeps its sign and cancel where it oscillates (the narrow valley of an ill-conditioned loss).
/// Nesterov's accelerated gradient, in the form of Sutskever et al. (2013) that needs only the
/// gradient at the current parameters, "looks ahead": its step uses the velocity after this update.
public struct Momentum: Optimizer {
    /// η, the step size.
    public var learningRate: Double
    /// μ ∈ [0, 1), the fraction of the velocity kept from one step to the next.
    public var momentum: Double
    /// Whether the step looks ahead (Nesterov) or uses the new velocity alone (heavy ball).
    public var nesterov: Bool
    private var velocity = SlotState()

    /// Momentum with step size η (default 0.01) and momentum μ (default 0.9); `nesterov: true`
    /// gives Nesterov's accelerated gradient.
    public init(learningRate: Double = 0.01, momentum: Double = 0.9, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int) {
        let (eta, mu, lookAhead) = (learningRate, momentum, nesterov)
        velocity.withTensor(slot, shape: parameter.shape) { v in
            withBuffers(&parameter, gradient, lookAhead ? "Momentum (Nesterov)" : "Momentum") { p, g in
                for i in 0..<p.count {
                    v[i] = mu * v[i] - eta * g[i]
                    p[i] += lookAhead ? mu * v[i] - eta * g[i] : v[i]
                }
            }
        }
    }

    public mutating func reset() { velocity = SlotState() }
}
