/// The reward-to-go of every step of an episode, R̂ₜ = Σ_{t′ ≥ t} γ^{t′−t} r_{t′}, computed
/// backwards in one pass (R̂ₜ = rₜ + γ R̂ₜ₊₁). With γ = 1 it is the plain sum of the rewards from
/// step t on, the weight the reward-to-go form of the policy gradient gives ∇ log π(aₜ|sₜ);
/// R̂₀ is the return of the whole episode.
public func rewardToGo(_ rewards: [Double], discount: Double = 1) -> [Double] {
    var returns = Array(repeating: 0.0, count: rewards.count)
    var running = 0.0
    for t in stride(from: rewards.count - 1, through: 0, by: -1) {
        running = rewards[t] + discount * running
        returns[t] = running
    }
    return returns
}
