import TensorCore

/// Nesterov's accelerated gradient in the form of Sutskever, Martens, Dahl and Hinton (2013,
/// eqs. 3–4): the gradient is taken at the look-ahead point θ + μv, not at θ.
///
///     v ← μv − η ∇f(θ + μv),    θ ← θ + v
///
/// Because the gradient is needed at a point other than the parameters, using it takes two
/// calls per step: `lookAhead(_:slot:)` gives θ + μv, the caller evaluates the gradient there,
/// and `update(_:gradient:slot:)` applies it. (`Momentum(nesterov: true)` is the same method
/// rewritten in the variable φ = θ + μv, which needs only the gradient at its own parameters;
/// its iterates are this type's look-ahead points.)
public struct NesterovLookAhead: Optimizer {
    /// η, the step size.
    public var learningRate: Double
    /// μ ∈ [0, 1), the fraction of the velocity kept.
    public var momentum: Double
    private var velocity = SlotState()

    /// Nesterov's method with step η (default 0.01) and momentum μ (default 0.9).
    public init(learningRate: Double = 0.01, momentum: Double = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// θ + μv, where the gradient for the next `update` of `slot` must be evaluated.
    public func lookAhead(_ parameter: Tensor, slot: Int) -> Tensor {
        guard let v = velocity[slot], v.shape == parameter.shape else { return parameter }
        var point = parameter
        point.add(v, scaledBy: momentum)
        return point
    }

    /// v ← μv − ηg, θ ← θ + v, where `gradient` is ∇f at `lookAhead(parameter, slot:)`.
    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int) {
        let (eta, mu) = (learningRate, momentum)
        velocity.withTensor(slot, shape: parameter.shape) { v in
            withBuffers(&parameter, gradient, "NesterovLookAhead") { p, g in
                for i in 0..<p.count {
                    v[i] = mu * v[i] - eta * g[i]
                    p[i] += v[i]
                }
            }
        }
    }

    public mutating func reset() { velocity = SlotState() }
}
