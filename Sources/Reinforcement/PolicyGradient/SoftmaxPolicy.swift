import NeuralNetworks
import TensorCore

/// A stochastic policy over a finite set of actions: a network maps the observation to one
/// logit zₐ per action and π_θ(a|s) = softmax(z)ₐ.
///
/// The network is a plain `Sequential` whose last layer is linear; the softmax is applied here,
/// so the same network can be trained by cross-entropy (behaviour cloning) or by the policy
/// gradient. Its greedy action, arg maxₐ zₐ, is the most probable one.
public struct SoftmaxPolicy: Sendable {
    /// Observation → logits.
    public var network: Sequential

    /// A policy around an existing logits network.
    public init(network: Sequential) {
        self.network = network
    }

    /// A policy network with the given widths, input first (`[4, 32, 2]`): tanh hidden layers
    /// and linear logits, weights and biases drawn as PyTorch's `nn.Linear` does.
    public init(layerSizes: [Int], hiddenActivation: Activation = .tanh, using generator: inout SeededGenerator) {
        network = Sequential(layerSizes: layerSizes, hiddenActivation: hiddenActivation, outputActivation: .identity,
                             weightInitializer: .pytorchLinear, biasInitializer: .pytorchLinear, using: &generator)
    }

    /// π(·|s) for one observation.
    public func probabilities(_ observation: [Double]) -> [Double] {
        softmax(network.predict(Tensor(observation))).scalars
    }

    /// log π(a|s) for one observation (through log-softmax, never ln 0).
    public func logProbability(of action: Int, at observation: [Double]) -> Double {
        logSoftmax(network.predict(Tensor(observation)))[action]
    }

    /// An action drawn from π(·|s).
    public func sampleAction(_ observation: [Double], using generator: inout SeededGenerator) -> Int {
        generator.sampleIndex(probabilities: probabilities(observation))
    }

    /// The most probable action arg maxₐ π(a|s) (ties to the lowest index).
    public func greedyAction(_ observation: [Double]) -> Int {
        argmax(network.predict(Tensor(observation)).scalars)
    }

    /// ∂ log softmax(z)ₐ / ∂z = eₐ − softmax(z): the gradient of the log-probability of action a
    /// with respect to the logits. Every entry lies in (−1, 1) and the entries sum to 0.
    public static func logProbabilityGradient(logits: [Double], action: Int) -> [Double] {
        check((0..<logits.count).contains(action),
              "SoftmaxPolicy.logProbabilityGradient: action \(action) outside 0..<\(logits.count)")
        var gradient = softmax(Tensor(logits)).scalars.map { -$0 }
        gradient[action] += 1
        return gradient
    }

    /// The loss whose gradient is the (negated) policy-gradient estimate of a batch,
    /// L(θ) = −(1/m) Σᵢ wᵢ log π_θ(aᵢ|sᵢ), and its gradient with respect to the logits,
    /// ∂L/∂zᵢ = (wᵢ/m)(softmax(zᵢ) − e_{aᵢ}). The weight wᵢ is the return, the reward-to-go or an
    /// advantage. Shapes: `logits` `[m, actions]`, m actions, m weights.
    public static func policyGradientLoss(logits: Tensor, actions: [Int], weights: [Double])
        -> (value: Double, gradient: Tensor) {
        check(logits.rank == 2 && logits.shape[0] == actions.count && actions.count == weights.count,
              "policyGradientLoss: logits \(logits.shape) for \(actions.count) actions and \(weights.count) weights")
        let m = actions.count, width = logits.shape[1]
        let logProbabilities = logSoftmax(logits).scalars
        var gradient = softmax(logits).scalars
        var value = 0.0
        for i in 0..<m {
            check((0..<width).contains(actions[i]), "policyGradientLoss: action \(actions[i]) outside 0..<\(width)")
            value -= weights[i] * logProbabilities[i * width + actions[i]] / Double(m)
            gradient[i * width + actions[i]] -= 1
            for j in 0..<width { gradient[i * width + j] *= weights[i] / Double(m) }
        }
        return (value, Tensor(shape: logits.shape, scalars: gradient))
    }

    /// One step of gradient ascent on Σ wᵢ log π(aᵢ|sᵢ) / m: forward the batch, back-propagate
    /// `policyGradientLoss`, let `optimizer` step. Returns the loss before the step.
    @discardableResult
    public mutating func policyGradientStep(observations: Tensor, actions: [Int], weights: [Double],
                                            optimizer: inout some Optimizer) -> Double {
        let logits = network.forward(observations)
        let (value, gradient) = Self.policyGradientLoss(logits: logits, actions: actions, weights: weights)
        _ = network.backward(gradient, accumulate: false, needsInputGradient: false)
        optimizer.step(&network)
        return value
    }
}
