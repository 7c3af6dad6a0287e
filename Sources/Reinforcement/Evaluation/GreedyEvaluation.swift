import NeuralNetworks
import TensorCore

/// The evaluation of a greedy policy (DQN, and the policy-gradient agents' most likely action).
public typealias GreedyEvaluation = PolicyEvaluation

extension PolicyEvaluation {
    /// Plays `episodes` episodes on copies of `environment`, each time taking the action whose
    /// output of `network` is largest (arg maxₐ Q(s, a) for a Q-network, the most likely action
    /// for a policy network's logits), all episodes at once: one batched `predict` per time step.
    /// Start states come from `seed`; `startEstimates` records the largest output at each start.
    ///
    /// One greedy evaluation for every agent that scores discrete actions with a network: DQN's
    /// `evaluate`, REINFORCE's and the actor-critic's. It does not train or change `network`.
    public init(greedyPolicyOf network: Sequential, on environment: any Environment, episodes count: Int,
                seed: UInt64, discount: Double) {
        var generator = SeededGenerator(seed: seed)
        var environments = Array(repeating: environment, count: count)
        let n = environment.observationCount, nA = environment.actionCount
        var inputs = Array(repeating: 0.0, count: count * n)
        var observations = (0..<count).map { environments[$0].reset(using: &generator) }
        var rewards = Array(repeating: [Double](), count: count)
        var startEstimates = Array(repeating: 0.0, count: count)
        var active = Array(0..<count)
        var first = true
        while !active.isEmpty {
            for (row, e) in active.enumerated() {
                for k in 0..<n { inputs[row * n + k] = observations[e][k] }
            }
            let outputs = network.predict(Tensor(shape: [active.count, n], scalars: Array(inputs[0..<(active.count * n)]))).scalars
            var stillActive: [Int] = []
            for (row, e) in active.enumerated() {
                let q = Array(outputs[(row * nA)..<((row + 1) * nA)])
                if first { startEstimates[e] = q.max()! }
                let result = environments[e].step(argmax(q))  // the first largest on ties
                rewards[e].append(result.reward)
                observations[e] = result.observation
                if !result.isDone { stillActive.append(e) }
            }
            first = false
            active = stillActive
        }
        self.init(rewards: rewards, startEstimates: startEstimates, discount: discount)
    }
}
