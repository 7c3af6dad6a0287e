import TensorCore

/// The cart–pole balancing task with the dynamics of Gymnasium's classic-control `CartPole-v1`
/// (after Barto, Sutton and Anderson, 1983).
///
/// A pole is hinged on a cart that moves along a frictionless track. The observation is
/// (x, ẋ, θ, θ̇): cart position (m), cart velocity (m/s), pole angle from upright (rad) and
/// angular velocity (rad/s). Action 0 pushes the cart left with force F = 10 N, action 1 pushes
/// it right. With m_c = 1.0 kg, m_p = 0.1 kg, M = m_c + m_p, half pole length l = 0.5 m and
/// g = 9.8 m/s², the accelerations are
///
///     temp = (F + m_p l θ̇² sin θ) / M
///     θ̈ = (g sin θ − cos θ · temp) / (l (4/3 − m_p cos²θ / M))
///     ẍ = temp − m_p l θ̈ cos θ / M
///
/// and one step of explicit Euler with τ = 0.02 s updates x ← x + τẋ, ẋ ← ẋ + τẍ,
/// θ ← θ + τθ̇, θ̇ ← θ̇ + τθ̈ (positions first, from the old velocities).
///
/// Each step is bit-identical to Gymnasium 1.4's `CartPole-v1` (same float64 operations in the
/// same order; checked by `CartPoleGymnasiumTests` and `Tools/CartPoleReference`). Gymnasium
/// returns the observation rounded to float32; here it is the float64 state itself.
///
/// Every step earns reward +1, including the one on which the pole falls. The episode
/// *terminates* when |x| > 2.4 or |θ| > 12° (= 12 · 2π/360 rad), and is *truncated* after
/// `maxSteps` (500) steps. Each component of the start state is uniform in [−0.05, 0.05].
public struct CartPole: Environment {
    public static let gravity = 9.8
    public static let cartMass = 1.0
    public static let poleMass = 0.1
    /// M = m_p + m_c, summed in Gymnasium's order (the sum is exact either way).
    public static let totalMass = poleMass + cartMass
    /// Half the pole's length, l.
    public static let halfPoleLength = 0.5
    public static let poleMassLength = poleMass * halfPoleLength
    public static let forceMagnitude = 10.0
    /// The Euler time step τ, in seconds.
    public static let timeStep = 0.02
    /// The angle beyond which the pole counts as fallen: 12°, in radians.
    public static let angleLimit = 12 * 2 * Double.pi / 360
    /// The distance from the centre beyond which the cart counts as off the track.
    public static let positionLimit = 2.4

    /// (x, ẋ, θ, θ̇).
    public var state: [Double] = [0, 0, 0, 0]
    /// Steps taken in the current episode.
    public private(set) var elapsedSteps = 0
    /// The time limit after which an episode is truncated.
    public var maxSteps: Int

    public init(maxSteps: Int = 500) {
        self.maxSteps = maxSteps
    }

    public var observationCount: Int { 4 }
    public var actionCount: Int { 2 }

    public mutating func reset(using generator: inout SeededGenerator) -> [Double] {
        state = (0..<4).map { _ in generator.uniform(in: -0.05...0.05) }
        elapsedSteps = 0
        return state
    }

    /// Starts an episode from a chosen state (for tests and demonstrations).
    public mutating func reset(to start: [Double]) -> [Double] {
        check(start.count == 4, "CartPole.reset(to:): need 4 numbers (x, ẋ, θ, θ̇), got \(start.count)")
        state = start
        elapsedSteps = 0
        return state
    }

    public mutating func step(_ action: Int) -> EnvironmentStep {
        check(action == 0 || action == 1, "CartPole.step: action must be 0 (left) or 1 (right), got \(action)")
        state = Self.nextState(state, action: action)
        elapsedSteps += 1
        let terminated = Self.isFailure(state)
        return EnvironmentStep(observation: state, reward: 1, terminated: terminated,
                               truncated: elapsedSteps >= maxSteps)
    }

    /// One Euler step of the equations of motion, without any bookkeeping.
    public static func nextState(_ s: [Double], action: Int) -> [Double] {
        let (x, xDot, theta, thetaDot) = (s[0], s[1], s[2], s[3])
        let force = action == 1 ? forceMagnitude : -forceMagnitude
        let cosTheta = cos(theta), sinTheta = sin(theta)
        // The products are grouped as Gymnasium writes them: `np.square(theta_dot)` and
        // `np.square(costheta)` are squared first, then multiplied. Left to right
        // ((m_p l θ̇) θ̇ instead of m_p l (θ̇²)) rounds differently in about one step in a hundred.
        let thetaDotSquared = thetaDot * thetaDot, cosThetaSquared = cosTheta * cosTheta
        let temp = (force + poleMassLength * thetaDotSquared * sinTheta) / totalMass
        let thetaAcc = (gravity * sinTheta - cosTheta * temp)
            / (halfPoleLength * (4.0 / 3.0 - poleMass * cosThetaSquared / totalMass))
        let xAcc = temp - poleMassLength * thetaAcc * cosTheta / totalMass
        return [x + timeStep * xDot, xDot + timeStep * xAcc,
                theta + timeStep * thetaDot, thetaDot + timeStep * thetaAcc]
    }

    /// Whether a state is outside the allowed region (the pole fell or the cart left the track).
    public static func isFailure(_ s: [Double]) -> Bool {
        abs(s[0]) > positionLimit || abs(s[2]) > angleLimit
    }
}
