/// The outcome of evaluating a policy without exploration (DQN's greedy policy, DDPG's μ): per
/// episode its return, the network's estimate of the start state's value (maxₐ Q(s₀, a), or
/// Q(s₀, μ(s₀))), and the discounted return G₀ actually obtained from it.
public struct PolicyEvaluation: Sendable {
    public var returns: [Double]
    public var startEstimates: [Double]
    public var startDiscountedReturns: [Double]

    /// The evaluation of episodes with the given rewards, r₁ … r_T for each episode.
    init(rewards: [[Double]], startEstimates: [Double], discount: Double) {
        returns = rewards.map { $0.reduce(0, +) }
        self.startEstimates = startEstimates
        startDiscountedReturns = rewards.map { r in r.reversed().reduce(0.0) { $1 + discount * $0 } }
    }

    public var meanReturn: Double { returns.reduce(0, +) / Double(max(returns.count, 1)) }
    public var meanStartEstimate: Double { startEstimates.reduce(0, +) / Double(max(startEstimates.count, 1)) }
    public var meanStartDiscountedReturn: Double {
        startDiscountedReturns.reduce(0, +) / Double(max(startDiscountedReturns.count, 1))
    }
}
