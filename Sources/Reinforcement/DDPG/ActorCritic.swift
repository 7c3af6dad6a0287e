import NeuralNetworks
import TensorCore

/// The networks of DDPG (and TD3): the actor μ(s | θ^μ), one or two critics Q(s, a | θ^Q), and
/// a slowly following target copy of each, μ′ and Q′.
///
/// The actor ends in tanh, so its raw output lies in [−1, 1]; the action is that times
/// `actionLimit` (±2 for the pendulum's torque), so that the actor can never ask for more than
/// the environment allows. The critic reads s and a side by side, `[m, n + k]`, and outputs
/// one number per row. Both are plain `Sequential`s of `Dense` layers.
public struct ActorCritic: Sendable {
    /// μ(s | θ^μ), raw output in [−1, 1].
    public var actor: Sequential
    /// Q(s, a | θ^Q): one critic for DDPG, two for TD3.
    public var critics: [Sequential]
    /// μ′, following `actor` by soft updates.
    public var targetActor: Sequential
    /// Q′, one per critic.
    public var targetCritics: [Sequential]
    /// The largest |action component|: the action is `actionLimit` · actor output.
    public let actionLimit: Double

    /// Fresh networks for `observationCount`-dimensional states and `actionCount`-dimensional
    /// actions, the targets starting as exact copies (θ^{Q′} ← θ^Q, θ^{μ′} ← θ^μ).
    ///
    /// Hidden layers are drawn as PyTorch's `nn.Linear` does (uniform in ±1/√fan-in, weights and
    /// biases); the last layer of each network is drawn from U[−3·10⁻³, 3·10⁻³], as Lillicrap et
    /// al. do, so that the first actions are near 0 and the first Q-values near 0.
    public init(observationCount: Int, actionCount: Int, actionLimit: Double, configuration: DDPGConfiguration,
                using generator: inout SeededGenerator) {
        check(actionLimit > 0, "ActorCritic: the action limit must be positive, got \(actionLimit)")
        actor = Self.network([observationCount] + configuration.actorHiddenLayers + [actionCount],
                             output: .tanh, using: &generator)
        critics = (0..<(configuration.twinCritics ? 2 : 1)).map { _ in
            Self.network([observationCount + actionCount] + configuration.criticHiddenLayers + [1],
                         output: .identity, using: &generator)
        }
        targetActor = actor
        targetCritics = critics
        self.actionLimit = actionLimit
    }

    /// A network with ReLU hidden layers: PyTorch's default draw, then a small last layer.
    static func network(_ sizes: [Int], output: Activation, using generator: inout SeededGenerator) -> Sequential {
        check(sizes.count >= 2 && sizes.allSatisfy { $0 >= 1 }, "ActorCritic: bad layer sizes \(sizes)")
        var layers: [any Layer] = []
        for i in 0..<(sizes.count - 1) {
            let isLast = i == sizes.count - 2
            let initializer: Initializer = isLast ? .uniform(-3e-3...3e-3) : .pytorchLinear
            layers.append(Dense(inputs: sizes[i], outputs: sizes[i + 1], activation: isLast ? output : .relu,
                                weightInitializer: initializer, biasInitializer: initializer, using: &generator))
        }
        return Sequential(layers)
    }

    /// The length of an observation.
    public var observationCount: Int { actor.inputCount }
    /// The length of an action.
    public var actionCount: Int { actor.outputCount }

    /// μ(s) for a batch of states `[m, n]`: `actionLimit` · actor(s), `[m, k]`.
    public func actions(_ states: Tensor) -> Tensor { actor.predict(states) * actionLimit }

    /// μ′(s), the target actor's actions, `[m, k]`.
    public func targetActions(_ states: Tensor) -> Tensor { targetActor.predict(states) * actionLimit }

    /// μ(s) for one observation.
    public func action(_ observation: [Double]) -> [Double] {
        (actor.predict(Tensor(observation)) * actionLimit).scalars
    }

    /// Q(s, a) of critic `index` for a batch, as a vector of m values.
    public func value(_ states: Tensor, _ actions: Tensor, critic index: Int = 0) -> Tensor {
        critics[index].predict(Tensor(concatenating: [states, actions], alongAxis: 1)).reshaped([states.shape[0]])
    }
}

/// The pieces of the DDPG update that are not plain network calls.
public enum DDPGMath {
    /// The critic target y = r + γ (1 − terminal) Q′(s′, μ′(s′)) for each transition, given
    /// `nextValues` = Q′(s′, μ′(s′)) (for TD3, the smaller of the two target critics).
    /// The pendulum never terminates, so there the target always bootstraps.
    public static func criticTargets(rewards: [Double], terminals: [Double], nextValues: [Double],
                                     discount: Double) -> [Double] {
        check(rewards.count == terminals.count && rewards.count == nextValues.count,
              "DDPGMath.criticTargets: \(rewards.count) rewards, \(terminals.count) terminal flags, \(nextValues.count) next values")
        return rewards.indices.map { i in rewards[i] + discount * (1 - terminals[i]) * nextValues[i] }
    }

    /// ∂out/∂a: the action columns (the last `actionCount`) of a gradient with respect to the
    /// critic's input (s, a), `[m, n + k] → [m, k]`. The state columns are dropped: the actor
    /// does not change the state.
    public static func actionColumns(of inputGradient: Tensor, actionCount k: Int) -> Tensor {
        check(inputGradient.rank == 2 && inputGradient.shape[1] > k,
              "DDPGMath.actionColumns: need a gradient [m, n + \(k)], got \(inputGradient.shape)")
        let m = inputGradient.shape[0], width = inputGradient.shape[1]
        var scalars = [Double]()
        scalars.reserveCapacity(m * k)
        inputGradient.withUnsafeBufferPointer { g in
            for row in 0..<m { scalars.append(contentsOf: g[(row * width + width - k)..<((row + 1) * width)]) }
        }
        return Tensor(shape: [m, k], scalars: scalars)
    }

    /// ∇ₐQ(s, a) for every row of a batch: a forward pass of the critic on (s, a), then a
    /// backward pass of ∂Q/∂Q = 1 per row down to the critic's input, keeping the action
    /// columns. Returns Q(s, a) `[m]` and ∇ₐQ `[m, k]`. The critic's stored parameter gradients
    /// are overwritten (the critic is not stepped with them).
    public static func actionGradient(critic: inout Sequential, states: Tensor,
                                      actions: Tensor) -> (values: Tensor, gradient: Tensor) {
        let m = states.shape[0]
        let q = critic.forward(Tensor(concatenating: [states, actions], alongAxis: 1))   // Q(s, a), [m, 1]
        let inputGradient = critic.backward(Tensor(shape: [m, 1], repeating: 1))          // ∂Q/∂(s, a)
        return (q.reshaped([m]), actionColumns(of: inputGradient, actionCount: actions.shape[1]))
    }

    /// TD3's smoothed target action: μ′(s′) + clip(ε, −c, c) with ε ~ N(0, σ²), then clipped to
    /// the action range; with σ = 0 it is μ′(s′) unchanged.
    public static func smoothedTargetActions(_ targetActions: Tensor, noise sigma: Double, clip c: Double,
                                             actionLimit: Double, using generator: inout SeededGenerator) -> Tensor {
        guard sigma > 0 else { return targetActions }
        return targetActions.map { a in
            let epsilon = Swift.min(Swift.max(generator.normal(mean: 0, standardDeviation: sigma), -c), c)
            return Swift.min(Swift.max(a + epsilon, -actionLimit), actionLimit)
        }
    }
}
