import TensorCore

/// The inverted-pendulum swing-up task with the dynamics of Gymnasium's classic-control
/// `Pendulum-v1`.
///
/// A rod of mass m = 1 and length l = 1 turns about a fixed pivot; θ is its angle from upright
/// (θ = 0 points up, θ = ±π hangs down) and θ̇ its angular velocity. The action is one torque u,
/// clipped to [−2, 2]. The motor is too weak to lift the rod straight up from hanging
/// (3u/(ml²) = 6 < 3g/(2l) = 15), so the agent must swing it back and forth first. With
/// g = 10 and a time step dt = 0.05, one step is semi-implicit Euler:
///
///     θ̇ ← clip(θ̇ + (3g/(2l) · sin θ + 3/(m l²) · u) · dt, −8, 8)
///     θ  ← θ + θ̇ · dt          (the new, clipped θ̇)
///
/// The reward is computed on the state *before* the step:
/// r = −(norm(θ)² + 0.1 θ̇² + 0.001 u²), where norm maps θ to [−π, π). It is 0 only upright,
/// at rest and with no torque; its worst value is −(π² + 0.1 · 8² + 0.001 · 2²) = −16.2736….
/// The observation is (cos θ, sin θ, θ̇), so the network never sees the jump of θ at ±π.
/// An episode starts from θ ~ U[−π, π], θ̇ ~ U[−1, 1], is *never* terminated (there is no
/// failure state) and is truncated after `maxSteps` (200) steps, so every target bootstraps.
///
/// Each step performs Gymnasium's float64 operations in Gymnasium's order (the angle is
/// normalised with a floored modulo, as Python's `%` does, and squares are taken with the C
/// library's pow, as NumPy's `**` does), so given the same float64 state and torque it returns
/// the same bits; `PendulumGymnasiumTests` holds Gymnasium's own numbers.
/// Two differences remain on purpose: Gymnasium hands the agent a float32 copy of the
/// observation, the library the float64 values, and the state θ is not wrapped (as in
/// Gymnasium, θ keeps growing when the rod spins; only the reward normalises it).
public struct Pendulum: ContinuousEnvironment {
    public static let gravity = 10.0
    public static let mass = 1.0
    public static let length = 1.0
    /// The Euler time step, in seconds.
    public static let timeStep = 0.05
    /// |θ̇| is clipped to this after every step.
    public static let maxSpeed = 8.0
    /// |u| is clipped to this before it acts.
    public static let maxTorque = 2.0

    /// θ, radians from upright (not wrapped).
    public var angle = 0.0
    /// θ̇, radians per second.
    public var angularVelocity = 0.0
    /// Steps taken in the current episode.
    public private(set) var elapsedSteps = 0
    /// The time limit after which an episode is truncated.
    public var maxSteps: Int

    public init(maxSteps: Int = 200) {
        check(maxSteps >= 1, "Pendulum: maxSteps must be positive, got \(maxSteps)")
        self.maxSteps = maxSteps
    }

    public var observationCount: Int { 3 }
    public var actionCount: Int { 1 }
    public var actionLimit: Double { Self.maxTorque }

    /// (cos θ, sin θ, θ̇) of the current state.
    public var observation: [Double] { Self.observation(angle: angle, angularVelocity: angularVelocity) }

    /// (cos θ, sin θ, θ̇).
    public static func observation(angle: Double, angularVelocity: Double) -> [Double] {
        [cos(angle), sin(angle), angularVelocity]
    }

    /// A new episode: θ uniform in [−π, π], then θ̇ uniform in [−1, 1] (Gymnasium's order).
    public mutating func reset(using generator: inout SeededGenerator) -> [Double] {
        let theta = generator.uniform(in: -Double.pi...Double.pi)
        let thetaDot = generator.uniform(in: -1.0...1.0)
        return reset(angle: theta, angularVelocity: thetaDot)
    }

    /// Starts an episode from a chosen state (for tests, evaluation starts and demonstrations).
    public mutating func reset(angle: Double, angularVelocity: Double) -> [Double] {
        check(angle.isFinite && angularVelocity.isFinite,
              "Pendulum.reset: the state must be finite, got θ = \(angle), θ̇ = \(angularVelocity)")
        self.angle = angle
        self.angularVelocity = angularVelocity
        elapsedSteps = 0
        return observation
    }

    /// Applies the torque `action[0]` (clipped to ±2) for one time step.
    public mutating func step(_ action: [Double]) -> EnvironmentStep {
        check(action.count == 1, "Pendulum.step: the action is one torque, got \(action.count) numbers")
        check(!action[0].isNaN, "Pendulum.step: the torque is NaN")
        let torque = Self.clippedTorque(action[0])
        let reward = -Self.cost(angle: angle, angularVelocity: angularVelocity, torque: torque)
        (angle, angularVelocity) = Self.nextState(angle: angle, angularVelocity: angularVelocity, torque: torque)
        elapsedSteps += 1
        return EnvironmentStep(observation: observation, reward: reward, terminated: false,
                               truncated: elapsedSteps >= maxSteps)
    }

    /// u clipped to [−2, 2].
    public static func clippedTorque(_ u: Double) -> Double { Swift.min(Swift.max(u, -maxTorque), maxTorque) }

    /// One step of the equations of motion for an already clipped torque, without bookkeeping:
    /// θ̇′ = clip(θ̇ + (3g/(2l) sin θ + 3/(ml²) u) dt, ±8), then θ′ = θ + θ̇′ dt.
    public static func nextState(angle theta: Double, angularVelocity thetaDot: Double,
                                 torque u: Double) -> (angle: Double, angularVelocity: Double) {
        // Grouped as Gymnasium writes it: ((3g)/(2l)) sin θ and (3/(m l²)) u, summed, times dt.
        let acceleration = 3 * gravity / (2 * length) * sin(theta) + 3.0 / (mass * (length * length)) * u
        let newThetaDot = Swift.min(Swift.max(thetaDot + acceleration * timeStep, -maxSpeed), maxSpeed)
        return (theta + newThetaDot * timeStep, newThetaDot)
    }

    /// The cost norm(θ)² + 0.1 θ̇² + 0.001 u² of a state and an already clipped torque (the
    /// reward is its negative).
    public static func cost(angle theta: Double, angularVelocity thetaDot: Double, torque u: Double) -> Double {
        square(normalizedAngle(theta)) + 0.1 * square(thetaDot) + 0.001 * square(u)
    }

    /// x² as NumPy's `x ** 2` computes it for a float64 scalar: the C library's pow(x, 2).
    /// That is not always the correctly rounded x · x: glibc's pow is off by one unit in the last
    /// place now and then, and with x · x 20 of 20,000 rewards of the Gymnasium comparison
    /// differed in their last bit. The compiler rewrites pow(x, 2) as x · x when it optimises,
    /// which is why this one function is kept unoptimised.
    @_optimize(none)
    static func square(_ x: Double) -> Double { pow(x, 2) }

    /// θ mapped to [−π, π): ((θ + π) mod 2π) − π with a floored modulo (the result of the mod
    /// has the sign of 2π), which is what Python's and NumPy's `%` compute; C's `fmod` keeps
    /// the sign of θ + π instead, so a negative remainder is moved up by 2π.
    public static func normalizedAngle(_ theta: Double) -> Double {
        let period = 2 * Double.pi
        var remainder = fmod(theta + Double.pi, period)
        if remainder < 0 { remainder += period }
        return remainder - Double.pi
    }

    /// The lowest reward of any step: −(π² + 0.1 · 8² + 0.001 · 2²), hanging straight down at
    /// full speed and full torque.
    public static var worstReward: Double {
        -(Double.pi * Double.pi + 0.1 * (maxSpeed * maxSpeed) + 0.001 * (maxTorque * maxTorque))
    }
}
