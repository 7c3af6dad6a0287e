import TensorCore

/// The noise 𝒩ₜ that DDPG adds to the actor's action while it trains, aₜ = μ(sₜ) + 𝒩ₜ (then
/// clipped to the action range). A deterministic actor never tries anything else, so without
/// noise there is nothing to learn from.
public enum ExplorationNoise: Sendable, Equatable {
    /// No noise: the actor's own action.
    case none
    /// Independent N(0, σ²) in every component at every step (Fujimoto et al., 2018, use
    /// σ = 0.1 of the action range; it works as well as correlated noise).
    case gaussian(standardDeviation: Double)
    /// The Ornstein–Uhlenbeck process of Lillicrap et al. (2016), whose successive values are
    /// correlated, so a push lasts for several steps: `OrnsteinUhlenbeckNoise`.
    case ornsteinUhlenbeck(theta: Double, sigma: Double, timeStep: Double)

    /// A short description for tables: "Gaussian, σ = 0.2".
    public var description: String {
        switch self {
        case .none: "none"
        case .gaussian(let s): "Gaussian, σ = \(s)"
        case .ornsteinUhlenbeck(let theta, let sigma, let dt): "Ornstein–Uhlenbeck, θ = \(theta), σ = \(sigma), dt = \(dt)"
        }
    }
}

/// The Ornstein–Uhlenbeck process dx = θ(μ − x) dt + σ dW, discretised with the Euler–Maruyama
/// step
///
///     x ← x + θ (μ − x) dt + σ √dt · ε,   ε ~ N(0, 1) per component,
///
/// the exploration noise of DDPG's paper (θ = 0.15, σ = 0.2). The term θ(μ − x) pulls x back
/// toward the mean μ (here 0), so the noise wanders but does not drift away; its stationary
/// standard deviation is σ/√(2θ) for small dt. Successive values are correlated: a physical
/// system such as a pendulum responds to a push that lasts, not to noise that flips every step.
public struct OrnsteinUhlenbeckNoise: Sendable, Equatable {
    /// θ, the rate at which x is pulled back to the mean.
    public var theta: Double
    /// σ, the scale of the random kicks.
    public var sigma: Double
    /// dt, the time step of the discretisation.
    public var timeStep: Double
    /// μ, the level x returns to.
    public var mean: Double
    /// x, one value per action component.
    public private(set) var state: [Double]

    /// A process with `count` components, starting at the mean.
    public init(count: Int, theta: Double = 0.15, sigma: Double = 0.2, timeStep: Double = 1, mean: Double = 0) {
        check(count >= 1, "OrnsteinUhlenbeckNoise: count must be positive, got \(count)")
        check(theta >= 0 && sigma >= 0 && timeStep > 0,
              "OrnsteinUhlenbeckNoise: need θ ≥ 0, σ ≥ 0 and dt > 0, got θ = \(theta), σ = \(sigma), dt = \(timeStep)")
        self.theta = theta
        self.sigma = sigma
        self.timeStep = timeStep
        self.mean = mean
        self.state = Array(repeating: mean, count: count)
    }

    /// One Euler–Maruyama step of one component, given the standard normal draw ε:
    /// x + θ(μ − x)dt + σ√dt ε.
    public static func step(_ x: Double, theta: Double, mean: Double, sigma: Double, timeStep dt: Double,
                            normal epsilon: Double) -> Double {
        x + theta * (mean - x) * dt + sigma * dt.squareRoot() * epsilon
    }

    /// Advances every component by one step and returns the new values.
    public mutating func next(using generator: inout SeededGenerator) -> [Double] {
        for i in state.indices {
            state[i] = Self.step(state[i], theta: theta, mean: mean, sigma: sigma, timeStep: timeStep,
                                 normal: generator.normal())
        }
        return state
    }

    /// Puts every component back at the mean (at the start of an episode).
    public mutating func reset() {
        state = Array(repeating: mean, count: state.count)
    }
}

/// The noise of one training run: draws 𝒩ₜ as `ExplorationNoise` says, keeping the
/// Ornstein–Uhlenbeck state between steps.
public struct ExplorationNoiseProcess: Sendable {
    public let kind: ExplorationNoise
    private var process: OrnsteinUhlenbeckNoise?
    private let count: Int

    /// Noise for actions of `count` components.
    public init(_ kind: ExplorationNoise, count: Int) {
        self.kind = kind
        self.count = count
        if case .ornsteinUhlenbeck(let theta, let sigma, let dt) = kind {
            process = OrnsteinUhlenbeckNoise(count: count, theta: theta, sigma: sigma, timeStep: dt)
        }
    }

    /// 𝒩ₜ: `count` numbers.
    public mutating func sample(using generator: inout SeededGenerator) -> [Double] {
        switch kind {
        case .none: return Array(repeating: 0, count: count)
        case .gaussian(let s): return (0..<count).map { _ in generator.normal(mean: 0, standardDeviation: s) }
        case .ornsteinUhlenbeck: return process!.next(using: &generator)
        }
    }

    /// Restarts a correlated process at its mean (call at the start of every episode).
    public mutating func reset() { process?.reset() }
}
