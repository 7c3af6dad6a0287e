import TensorCore

/// The main lecture's "Adam" (seed 000, lines 885–900): a moving average of the gradient, as
/// in Adam, but divided by the running average of the squared norm of the *whole* gradient,
/// one scalar q, instead of one second moment per coordinate:
///
///     v ← β₁v + (1 − β₁)g,          v̂ = v / (1 − β₁ᵗ)
///     q ← β₂q + (1 − β₂)‖g‖²,        q̂ = q / (1 − β₂ᵗ)
///     θ ← θ − α v̂ / √(q̂ + ε)         (ε inside the root, as the notes print it)
///
/// It is momentum SGD whose step is normalised by the gradient's typical length: every
/// coordinate is scaled by the same number, so unlike `Adam` it does nothing for a loss that is
/// steep in some directions and flat in others. `epsilonOutsideRoot` divides by √q̂ + ε instead
/// (Kingma and Ba's placement).
///
/// ‖g‖² is the squared norm of all parameters' gradients together, so one step must see every
/// gradient: use `step(parameters:gradients:)` or `step(_ network:)` (both also reached through
/// a generic `Optimizer`). `update(_:gradient:slot:)` on its own treats
/// that one tensor as the whole gradient (right for a model with a single parameter tensor).
public struct NormAdam: Optimizer {
    /// α, the step size.
    public var learningRate: Double
    /// β₁, the decay of the moving average of g.
    public var beta1: Double
    /// β₂, the decay of the moving average of ‖g‖².
    public var beta2: Double
    /// ε, added to q̂ under the root (or to √q̂ with `epsilonOutsideRoot`).
    public var epsilon: Double
    /// Divide by √q̂ + ε instead of √(q̂ + ε).
    public var epsilonOutsideRoot: Bool
    private var firstMoment = SlotState()
    private var squaredNorm = 0.0
    private var steps = 0

    /// The notes' optimizer with α (default 0.001), β₁ = 0.9, β₂ = 0.999 (000:902) and ε = 1e-8.
    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, epsilonOutsideRoot: Bool = false) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.epsilonOutsideRoot = epsilonOutsideRoot
    }

    /// One step of every parameter, normalised by the norm of all the gradients together.
    public mutating func step(parameters: inout [Tensor], gradients: [Tensor]) {
        check(parameters.count == gradients.count,
                     "NormAdam.step: \(parameters.count) parameters but \(gradients.count) gradients")
        let normSquared = gradients.reduce(0) { $0 + $1.scalars.reduce(0) { $0 + $1 * $1 } }
        let scale = advance(normSquared: normSquared)
        for i in parameters.indices { move(&parameters[i], gradient: gradients[i], slot: i, scale: scale) }
    }

    /// One step of every parameter of the network, normalised by the norm of all its stored
    /// gradients together.
    public mutating func step(_ network: inout Sequential) {
        let normSquared = network.gradients.reduce(0) { $0 + $1.scalars.reduce(0) { $0 + $1 * $1 } }
        let scale = advance(normSquared: normSquared)
        var slot = 0
        network.visitParameters { parameter, gradient in
            move(&parameter, gradient: gradient, slot: slot, scale: scale)
            slot += 1
        }
    }

    /// One step of a single parameter tensor, taken to be the whole gradient.
    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int) {
        let scale = advance(normSquared: gradient.scalars.reduce(0) { $0 + $1 * $1 })
        move(&parameter, gradient: gradient, slot: slot, scale: scale)
    }

    public mutating func reset() {
        firstMoment = SlotState()
        squaredNorm = 0
        steps = 0
    }

    /// Advances t and q, and returns α / ((1 − β₁ᵗ) √(q̂ + ε)), the factor applied to v.
    private mutating func advance(normSquared: Double) -> Double {
        steps += 1
        let t = Double(steps)
        squaredNorm = beta2 * squaredNorm + (1 - beta2) * normSquared
        let qHat = squaredNorm / (1 - pow(beta2, t))
        let denominator = epsilonOutsideRoot ? qHat.squareRoot() + epsilon : (qHat + epsilon).squareRoot()
        return learningRate / ((1 - pow(beta1, t)) * denominator)
    }

    /// v ← β₁v + (1 − β₁)g, θ ← θ − scale · v.
    private mutating func move(_ parameter: inout Tensor, gradient: Tensor, slot: Int, scale: Double) {
        let b1 = beta1
        firstMoment.withTensor(slot, shape: parameter.shape) { v in
            withBuffers(&parameter, gradient, "NormAdam") { p, g in
                for i in 0..<p.count {
                    v[i] = b1 * v[i] + (1 - b1) * g[i]
                    p[i] -= scale * v[i]
                }
            }
        }
    }
}
