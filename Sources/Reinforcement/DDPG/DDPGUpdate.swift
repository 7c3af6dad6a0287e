import NeuralNetworks
import TensorCore

/// The optimizers of an `ActorCritic`: one Adam for the actor, one per critic.
public struct ActorCriticOptimizers: Sendable {
    public var actor: Adam
    public var critics: [Adam]

    public init(configuration: DDPGConfiguration) {
        actor = Adam(learningRate: configuration.actorLearningRate)
        critics = Array(repeating: Adam(learningRate: configuration.criticLearningRate),
                        count: configuration.twinCritics ? 2 : 1)
    }
}

/// What one update measured (before its steps).
public struct DDPGUpdateStatistics: Sendable, Equatable {
    /// L = (1/N) Σ (yᵢ − Q(sᵢ, aᵢ))² of the first critic.
    public var criticLoss: Double
    /// The mean of Q(sᵢ, aᵢ) over the batch, first critic.
    public var meanQ: Double
    /// Whether the actor (and the targets) were updated this time.
    public var actorUpdated: Bool

    public init(criticLoss: Double, meanQ: Double, actorUpdated: Bool) {
        self.criticLoss = criticLoss
        self.meanQ = meanQ
        self.actorUpdated = actorUpdated
    }
}

/// One DDPG update on a replay mini-batch, the inner loop of Algorithm 1 (Lillicrap et al.),
/// from library pieces only; with a TD3 configuration, TD3's update (Fujimoto et al.):
///
/// 1. targets, with no gradient: yᵢ = rᵢ + γ (1 − terminalᵢ) Q′(sᵢ₊₁, μ′(sᵢ₊₁)); TD3 adds
///    clipped noise to μ′(sᵢ₊₁) and takes the smaller of its two target critics;
/// 2. each critic: forward on (sᵢ, aᵢ), ∂L/∂Q of L = (1/N) Σ (yᵢ − Q(sᵢ, aᵢ))², backward,
///    one Adam step;
/// 3. (every `policyDelay`-th update) the actor, by the chain rule
///    ∇_θμ J ≈ (1/N) Σ ∇ₐQ(s, a)|ₐ₌μ(sᵢ) · ∇_θμ μ(sᵢ): forward the actor, forward the first
///    critic on (sᵢ, μ(sᵢ)) and back-propagate to its input to get ∇ₐQ, scale by the action
///    limit (a = limit · tanh output), back-propagate −(1/N)∇ₐQ through the actor (Adam
///    minimises, the actor ascends J), one Adam step;
/// 4. (with 3) the soft target updates θ′ ← τθ + (1 − τ)θ′ of every network.
///
/// `DDPGAgent` takes this step unless given another `DDPGUpdateRule`; Lesson12 writes the same
/// step on its page, runs it, and checks that it gives bit-identical parameters.
public enum DDPGUpdate {
    /// Takes the step; `updateIndex` counts updates from 0 (the actor moves when it is a
    /// multiple of `policyDelay`); `generator` draws TD3's target noise.
    @Sendable
    public static func step(networks: inout ActorCritic, optimizers: inout ActorCriticOptimizers,
                            batch: ContinuousBatch, configuration: DDPGConfiguration, updateIndex: Int,
                            generator: inout SeededGenerator) -> DDPGUpdateStatistics {
        let m = batch.size
        // 1. y = r + γ(1 − terminal) Q′(s′, μ′(s′)), the smaller Q′ for twin critics.
        let nextActions = DDPGMath.smoothedTargetActions(networks.targetActions(batch.nextStates),
                                                         noise: configuration.targetPolicyNoise,
                                                         clip: configuration.targetNoiseClip,
                                                         actionLimit: networks.actionLimit, using: &generator)
        let nextInput = Tensor(concatenating: [batch.nextStates, nextActions], alongAxis: 1)
        var nextValues = networks.targetCritics[0].predict(nextInput).scalars
        for j in networks.targetCritics.indices.dropFirst() {
            let other = networks.targetCritics[j].predict(nextInput).scalars
            nextValues = zip(nextValues, other).map { Swift.min($0, $1) }
        }
        let y = Tensor(shape: [m, 1], scalars: DDPGMath.criticTargets(rewards: batch.rewards, terminals: batch.terminals,
                                                                      nextValues: nextValues,
                                                                      discount: configuration.discount))
        // 2. Critic regression toward y.
        var statistics = DDPGUpdateStatistics(criticLoss: 0, meanQ: 0, actorUpdated: false)
        for j in networks.critics.indices {
            let q = networks.critics[j].forward(batch.statesAndActions)                       // Q(sᵢ, aᵢ)
            let (loss, gradient) = Loss.squaredError.evaluate(prediction: q, target: y)
            _ = networks.critics[j].backward(gradient, accumulate: false, needsInputGradient: false)
            optimizers.critics[j].step(&networks.critics[j])
            if j == 0 { statistics = DDPGUpdateStatistics(criticLoss: loss, meanQ: q.mean(), actorUpdated: false) }
        }
        guard updateIndex % configuration.policyDelay == 0 else { return statistics }
        // 3. The actor, along ∇ₐQ(s, a)|ₐ₌μ(s) · ∇_θμ μ(s).
        let raw = networks.actor.forward(batch.states)                                        // tanh output
        let (_, actionGradient) = DDPGMath.actionGradient(critic: &networks.critics[0], states: batch.states,
                                                          actions: raw * networks.actionLimit)  // ∇ₐQ
        _ = networks.actor.backward(actionGradient * (-networks.actionLimit / Double(m)), accumulate: false,
                                    needsInputGradient: false)
        optimizers.actor.step(&networks.actor)
        // 4. Soft target updates.
        networks.targetActor.softUpdate(toward: networks.actor, tau: configuration.tau)
        for j in networks.critics.indices {
            networks.targetCritics[j].softUpdate(toward: networks.critics[j], tau: configuration.tau)
        }
        statistics.actorUpdated = true
        return statistics
    }
}

/// A DDPG update as `DDPGAgent` calls it: change the networks (and optimizers) from one
/// mini-batch; return what it measured.
public typealias DDPGUpdateRule = @Sendable (_ networks: inout ActorCritic, _ optimizers: inout ActorCriticOptimizers,
                                             _ batch: ContinuousBatch, _ configuration: DDPGConfiguration,
                                             _ updateIndex: Int, _ generator: inout SeededGenerator)
    -> DDPGUpdateStatistics
