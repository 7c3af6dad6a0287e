import NeuralNetworks
import TensorCore

/// One gradient step of deep Q-learning on a replay mini-batch, written from library pieces
/// only, as Lesson07 prints it (CleanRL's `dqn.py` does the same in PyTorch):
///
/// 1. targets, with no gradient: y = r + γ (1 − terminal) Q_φ(s′, a*), where a* = arg maxₐ′ of
///    Q_φ(s′, ·) (DQN) or of Q_θ(s′, ·) (double DQN: θ chooses, φ evaluates);
/// 2. forward: Q_θ(s, ·), then the values of the actions taken, Q_θ(sᵢ, aᵢ);
/// 3. the loss between Q_θ(sᵢ, aᵢ) and yᵢ and its gradient ∂L/∂Q_θ(sᵢ, aᵢ), placed back into a
///    zero `[m, actions]` matrix (the actions not taken have no target, so no gradient);
/// 4. backward through Q_θ, then one optimizer step.
///
/// `DQNAgent` takes this step unless given another `DQNUpdateRule`; Lesson07 writes the same
/// step on its page, runs it, and checks that it gives bit-identical parameters. A transition cut off by a time limit is not terminal:
/// its target still bootstraps.
public enum DQNUpdate {
    /// Takes the step with the discount, target kind and loss of `configuration`, and returns
    /// the loss and the mean of Q_θ(sᵢ, aᵢ) over the batch (both before the step). `target` is
    /// Q_φ; pass `online` itself for plain Q-learning targets.
    @discardableResult
    @Sendable
    public static func step(online: inout Sequential, target: Sequential, optimizer: inout Adam,
                            batch: ReplayBatch, configuration: DQNConfiguration) -> (loss: Double, meanQ: Double) {
        let γ = configuration.discount
        let (s, a, r, done, next) = batch.tensors
        let nextQ = target.predict(next)                                            // Q_φ(s′, ·)
        let choice = (configuration.doubleDQN ? online.predict(next) : nextQ).argmax(alongAxis: 1)  // a*
        let y = Tensor(shape: [batch.size, 1], scalars: (0..<batch.size).map { i in
            r[i] + γ * (1 - done[i]) * nextQ[i, choice[i]]
        })
        let q = online.forward(s)                                                   // Q_θ(s, ·)
        let taken = q.gathering(columns: a)                                         // Q_θ(sᵢ, aᵢ)
        let (value, gradient) = configuration.loss.evaluate(prediction: taken, target: y)
        _ = online.backward(gradient.scattering(columns: a, width: q.shape[1]), accumulate: false,
                            needsInputGradient: false)
        optimizer.step(&online)
        return (value, taken.mean())
    }
}

/// A DQN gradient step as `DQNAgent` calls it: change `online` (and the optimizer's state) from
/// one mini-batch, with Q_φ = `target`; return the loss and the mean Q_θ(sᵢ, aᵢ).
public typealias DQNUpdateRule = @Sendable (_ online: inout Sequential, _ target: Sequential, _ optimizer: inout Adam,
                                            _ batch: ReplayBatch, _ configuration: DQNConfiguration)
    -> (loss: Double, meanQ: Double)

extension ReplayBatch {
    /// The batch as the update uses it: states s `[m, n]`, actions a, rewards r, terminal flags
    /// (1 if s′ is terminal) and next states s′ `[m, n]`.
    public var tensors: (states: Tensor, actions: [Int], rewards: [Double], terminals: [Double], nextStates: Tensor) {
        (Tensor(shape: [size, observationCount], scalars: states), actions, rewards, terminals,
         Tensor(shape: [size, observationCount], scalars: nextStates))
    }
}
