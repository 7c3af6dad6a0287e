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

/// Gradient descent with (heavy-ball) momentum: v ← μv − ηg, θ ← θ + v.
///
/// The velocity v averages recent gradients, so steps grow along directions where the gradient
/// keeps its sign and cancel where it oscillates (the narrow valley of an ill-conditioned loss).
public struct Momentum: Optimizer {
    /// η, the step size.
    public var learningRate: Double
    /// μ ∈ [0, 1), the fraction of the velocity kept from one step to the next.
    public var momentum: Double
    private var velocity = SlotState()

    /// Momentum with step size η (default 0.01) and momentum μ (default 0.9).
    public init(learningRate: Double = 0.01, momentum: Double = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int) {
        let (eta, mu) = (learningRate, momentum)
        velocity.withTensor(slot, shape: parameter.shape) { v in
            withBuffers(&parameter, gradient, "Momentum") { p, g in
                for i in 0..<p.count {
                    v[i] = mu * v[i] - eta * g[i]
                    p[i] += v[i]
                }
            }
        }
    }

    public mutating func reset() { velocity = SlotState() }
}

/// Nesterov accelerated gradient, in the form of Sutskever et al. (2013) that needs only the
/// gradient at the current parameters: v ← μv − ηg, θ ← θ + μv − ηg.
///
/// It is momentum that "looks ahead": the step uses the velocity after this update.
public struct Nesterov: Optimizer {
    /// η, the step size.
    public var learningRate: Double
    /// μ ∈ [0, 1), the fraction of the velocity kept from one step to the next.
    public var momentum: Double
    private var velocity = SlotState()

    /// Nesterov momentum with step size η (default 0.01) and momentum μ (default 0.9).
    public init(learningRate: Double = 0.01, momentum: Double = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int) {
        let (eta, mu) = (learningRate, momentum)
        velocity.withTensor(slot, shape: parameter.shape) { v in
            withBuffers(&parameter, gradient, "Nesterov") { p, g in
                for i in 0..<p.count {
                    v[i] = mu * v[i] - eta * g[i]
                    p[i] += mu * v[i] - eta * g[i]
                }
            }
        }
    }

    public mutating func reset() { velocity = SlotState() }
}
