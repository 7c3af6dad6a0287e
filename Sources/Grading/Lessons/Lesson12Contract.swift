/// The exercises of Lesson 12, continuous control with DDPG.
///
/// `Exercises.Lesson12` (the stubs a student fills in) and `Solutions.Lesson12` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson12Checks`, grades either.
public protocol Lesson12Answers: SendableMetatype {
    /// Exercise 1: one step of Gymnasium's Pendulum-v1 from (θ, θ̇) with torque u: the reward
    /// (on the state before the step) and the next state.
    static func pendulumStep(angle: Double, angularVelocity: Double,
                             torque: Double) throws -> (reward: Double, angle: Double, angularVelocity: Double)

    /// Exercise 2: the critic targets yᵢ = rᵢ + γ (1 − terminalᵢ) Q′(sᵢ₊₁, μ′(sᵢ₊₁)), given the
    /// target critic's values at the next states.
    static func criticTargets(rewards: [Double], terminals: [Bool], nextValues: [Double],
                              discount: Double) throws -> [Double]

    /// Exercise 3: the actor's gradient (1/N) Σᵢ ∇ₐQ(sᵢ, a)|ₐ₌μ(sᵢ) · ∂μ(sᵢ)/∂θ, from each
    /// sample's ∇ₐQ (k numbers) and the actor's Jacobian ∂μ(sᵢ)/∂θ (k rows of p numbers).
    static func actorGradient(actionGradients: [[Double]], actorJacobians: [[[Double]]]) throws -> [Double]

    /// Exercise 4: one Euler–Maruyama step of the Ornstein–Uhlenbeck process per component,
    /// x + θ(μ − x)dt + σ√dt · ε, given the standard normal draws ε.
    static func ornsteinUhlenbeckStep(_ x: [Double], theta: Double, mean: Double, sigma: Double, timeStep: Double,
                                      normals: [Double]) throws -> [Double]

    /// Exercise 5: TD3's clipped double-Q targets yᵢ = rᵢ + γ (1 − terminalᵢ) min(Q′₁, Q′₂)ᵢ.
    static func td3Targets(rewards: [Double], terminals: [Bool], nextValues1: [Double], nextValues2: [Double],
                           discount: Double) throws -> [Double]
}
