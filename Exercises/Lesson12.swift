// Lesson 12 exercises: continuous control with DDPG.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson12`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson12`.

import Grading
import NeuralNetworks
import Reinforcement
import TensorCore

public enum Lesson12: Lesson12Answers {
    /// Exercise 1. One step of Gymnasium's Pendulum-v1 (g = 10, m = l = 1, dt = 0.05).
    ///
    /// Clip u to [−2, 2]. The reward uses the state *before* the step:
    /// r = −(norm(θ)² + 0.1 θ̇² + 0.001 u²), with norm(θ) = θ wrapped into [−π, π).
    /// Then θ̇′ = clip(θ̇ + (3g/(2l) sin θ + 3/(m l²) u) dt, −8, 8) and θ′ = θ + θ̇′ dt.
    ///
    /// - Parameters:
    ///   - angle: θ in radians from upright (any real number; do not wrap the state itself).
    ///   - angularVelocity: θ̇.
    ///   - torque: u (any real number; clip it first).
    /// - Returns: the reward and the next (θ, θ̇).
    ///
    /// Hints, one at a time: `swift run Grade hint pendulumStep`.
    public static func pendulumStep(angle: Double, angularVelocity: Double,
                                    torque: Double) throws -> (reward: Double, angle: Double, angularVelocity: Double) {
        throw NotAttempted()
    }

    /// Exercise 2. DDPG's critic targets yᵢ = rᵢ + γ (1 − terminalᵢ) Q′(sᵢ₊₁, μ′(sᵢ₊₁)).
    ///
    /// - Parameters:
    ///   - rewards: rᵢ, N numbers.
    ///   - terminals: whether sᵢ₊₁ is terminal, N flags.
    ///   - nextValues: Q′(sᵢ₊₁, μ′(sᵢ₊₁)), the target critic at the target actor's action, N numbers.
    ///   - discount: γ.
    /// - Returns: the N targets.
    ///
    /// Hints, one at a time: `swift run Grade hint criticTargets`.
    public static func criticTargets(rewards: [Double], terminals: [Bool], nextValues: [Double],
                                     discount: Double) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 3. The actor's gradient by the chain rule, averaged over a batch:
    /// ∇_θ J = (1/N) Σᵢ ∇ₐQ(sᵢ, a)|ₐ₌μ(sᵢ) · ∂μ(sᵢ)/∂θ.
    ///
    /// - Parameters:
    ///   - actionGradients: N rows of k numbers, row i = ∇ₐQ at sample i (the critic's gradient
    ///     with respect to its action input).
    ///   - actorJacobians: N matrices of k rows and p columns, entry [i][j][q] = ∂μⱼ(sᵢ)/∂θ_q.
    /// - Returns: p numbers, ∂J/∂θ_q.
    ///
    /// Hints, one at a time: `swift run Grade hint actorGradient`.
    public static func actorGradient(actionGradients: [[Double]], actorJacobians: [[[Double]]]) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 4. One Euler–Maruyama step of the Ornstein–Uhlenbeck process
    /// dx = θ(μ − x) dt + σ dW, for every component: x + θ(μ − x)dt + σ√dt · εᵢ.
    ///
    /// - Parameters:
    ///   - x: the current values, n numbers.
    ///   - theta: θ ≥ 0, the pull toward the mean; `mean`: μ; `sigma`: σ ≥ 0; `timeStep`: dt > 0.
    ///   - normals: εᵢ ~ N(0, 1), n numbers (already drawn for you).
    /// - Returns: the next values, n numbers.
    ///
    /// Hints, one at a time: `swift run Grade hint ornsteinUhlenbeckStep`.
    public static func ornsteinUhlenbeckStep(_ x: [Double], theta: Double, mean: Double, sigma: Double, timeStep: Double,
                                             normals: [Double]) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 5. TD3's clipped double-Q targets: two target critics, and the smaller of their
    /// values, yᵢ = rᵢ + γ (1 − terminalᵢ) min(Q′₁ᵢ, Q′₂ᵢ).
    ///
    /// - Parameters: as `criticTargets`, with the two target critics' values at the next states.
    /// - Returns: the N targets.
    ///
    /// Hints, one at a time: `swift run Grade hint td3Targets`.
    public static func td3Targets(rewards: [Double], terminals: [Bool], nextValues1: [Double], nextValues2: [Double],
                                  discount: Double) throws -> [Double] {
        throw NotAttempted()
    }
}
