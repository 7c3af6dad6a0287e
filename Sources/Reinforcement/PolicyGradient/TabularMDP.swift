import NeuralNetworks
import TensorCore

/// A finite-horizon MDP small enough to enumerate every trajectory, with a tabular softmax
/// policy π_θ(a|s) = softmax(θ[s, ·])ₐ: the test bed on which a Monte Carlo policy gradient is
/// compared with the exact one.
///
/// An episode starts in state 0 and takes exactly `horizon` actions. Action a in state s earns
/// `rewards[s][a]` and moves to state s′ with probability `transitions[s][a][s′]`. The
/// parameters θ are stored flat, θ[s · actionCount + a].
public struct TabularMDP: Sendable {
    public let stateCount: Int
    public let actionCount: Int
    /// The number of actions in every episode, T.
    public let horizon: Int
    /// r(s, a).
    public let rewards: [[Double]]
    /// P(s′|s, a), each row summing to 1.
    public let transitions: [[[Double]]]

    public init(rewards: [[Double]], transitions: [[[Double]]], horizon: Int) {
        let states = rewards.count, actions = rewards.first?.count ?? 0
        check(states > 0 && actions > 0 && horizon > 0, "TabularMDP: need states, actions and a horizon")
        check(transitions.count == states && transitions.allSatisfy { $0.count == actions }
              && transitions.allSatisfy { $0.allSatisfy { $0.count == states && abs($0.reduce(0, +) - 1) < 1e-12 } },
              "TabularMDP: transitions must be [\(states)][\(actions)][\(states)] rows summing to 1")
        stateCount = states
        actionCount = actions
        self.rewards = rewards
        self.transitions = transitions
        self.horizon = horizon
    }

    /// The handout-sized example of the lesson: two states, two actions, three steps. In state 0
    /// action 0 ("stay") earns 1 and stays; action 1 ("leave") earns 0 and reaches state 1 with
    /// probability 0.8, where action 0 earns 3 and action 1 earns −1, each returning to state 0
    /// with probability 0.5.
    public static let twoStates = TabularMDP(
        rewards: [[1, 0], [3, -1]],
        transitions: [[[1, 0], [0.2, 0.8]], [[0.5, 0.5], [0.5, 0.5]]],
        horizon: 3)

    /// The number of parameters, |S|·|A|.
    public var parameterCount: Int { stateCount * actionCount }

    /// π_θ(·|s).
    public func policy(_ theta: [Double], state: Int) -> [Double] {
        softmax(Tensor(Array(theta[(state * actionCount)..<((state + 1) * actionCount)]))).scalars
    }

    /// ∇_θ log π_θ(a|s): eₐ − π(·|s) in the block of state s, zero elsewhere.
    public func logPolicyGradient(_ theta: [Double], state: Int, action: Int) -> [Double] {
        var gradient = Array(repeating: 0.0, count: parameterCount)
        let p = policy(theta, state: state)
        for b in 0..<actionCount { gradient[state * actionCount + b] = (b == action ? 1 : 0) - p[b] }
        return gradient
    }

    /// One trajectory: s₀ … s_{T−1}, a₀ … a_{T−1}, r₀ … r_{T−1}, and its probability under θ.
    public struct Trajectory: Sendable, Equatable {
        public var states: [Int]
        public var actions: [Int]
        public var rewards: [Double]
        /// p_θ(τ) = Πₜ π(aₜ|sₜ) P(sₜ₊₁|sₜ, aₜ) (1 for a sampled trajectory's own weight).
        public var probability: Double
        /// R(τ) = Σₜ rₜ.
        public var totalReward: Double { rewards.reduce(0, +) }
    }

    /// Every trajectory with positive probability, with its probability under θ (they sum to 1).
    public func allTrajectories(_ theta: [Double]) -> [Trajectory] {
        var result: [Trajectory] = []
        func extend(_ partial: Trajectory, state: Int) {
            let p = policy(theta, state: state)
            for a in 0..<actionCount where p[a] > 0 {
                var longer = partial
                longer.states.append(state)
                longer.actions.append(a)
                longer.rewards.append(rewards[state][a])
                longer.probability *= p[a]
                // After the last action the next state does not change the return: summed out.
                if longer.actions.count == horizon {
                    result.append(longer)
                    continue
                }
                for next in 0..<stateCount where transitions[state][a][next] > 0 {
                    var branch = longer
                    branch.probability *= transitions[state][a][next]
                    extend(branch, state: next)
                }
            }
        }
        extend(Trajectory(states: [], actions: [], rewards: [], probability: 1), state: 0)
        return result
    }

    /// J(θ) = E[R(τ)], exactly, by enumeration.
    public func expectedReturn(_ theta: [Double]) -> Double {
        allTrajectories(theta).reduce(0) { $0 + $1.probability * $1.totalReward }
    }

    /// ∇J(θ) = Σ_τ p_θ(τ) ∇log p_θ(τ) R(τ), exactly, by enumeration.
    public func exactGradient(_ theta: [Double]) -> [Double] {
        var gradient = Array(repeating: 0.0, count: parameterCount)
        for trajectory in allTrajectories(theta) {
            let score = scoreFunction(theta, trajectory)
            for k in gradient.indices { gradient[k] += trajectory.probability * score[k] * trajectory.totalReward }
        }
        return gradient
    }

    /// ∇ log p_θ(τ) = Σₜ ∇ log π_θ(aₜ|sₜ) (the transition probabilities do not depend on θ).
    public func scoreFunction(_ theta: [Double], _ trajectory: Trajectory) -> [Double] {
        var score = Array(repeating: 0.0, count: parameterCount)
        for (s, a) in zip(trajectory.states, trajectory.actions) {
            let g = logPolicyGradient(theta, state: s, action: a)
            for k in score.indices { score[k] += g[k] }
        }
        return score
    }

    /// Samples one trajectory under θ.
    public func sample(_ theta: [Double], using generator: inout SeededGenerator) -> Trajectory {
        var trajectory = Trajectory(states: [], actions: [], rewards: [], probability: 1)
        var state = 0
        for _ in 0..<horizon {
            let a = generator.sampleIndex(probabilities: policy(theta, state: state))
            trajectory.states.append(state)
            trajectory.actions.append(a)
            trajectory.rewards.append(rewards[state][a])
            state = generator.sampleIndex(probabilities: transitions[state][a])
        }
        return trajectory
    }

    /// V_t(s) = E[Σ_{t′ ≥ t} r_{t′} | s_t = s] under θ, for t = 0 … T−1 (the time-dependent value
    /// of 003's section 2), by backward induction. `values[t][s]`.
    public func values(_ theta: [Double]) -> [[Double]] {
        var values = Array(repeating: Array(repeating: 0.0, count: stateCount), count: horizon + 1)
        for t in stride(from: horizon - 1, through: 0, by: -1) {
            for s in 0..<stateCount {
                let p = policy(theta, state: s)
                values[t][s] = (0..<actionCount).reduce(0) { total, a in
                    let future = (0..<stateCount).reduce(0) { $0 + transitions[s][a][$1] * values[t + 1][$1] }
                    return total + p[a] * (rewards[s][a] + future)
                }
            }
        }
        return Array(values.prefix(horizon))
    }
}

/// How a policy-gradient estimator weighs ∇ log π(aₜ|sₜ) in one trajectory.
public enum PolicyGradientWeighting: Sendable, Equatable {
    /// (R(τ) − b) for every t: the basic estimator with a constant baseline b.
    case totalReturn(baseline: Double)
    /// (Σ_{t′ ≥ t} r_{t′} − b): reward-to-go with a constant baseline.
    case rewardToGo(baseline: Double)
    /// (Σ_{t′ ≥ t} r_{t′} − V_t(sₜ)): reward-to-go with the exact state-dependent baseline.
    case rewardToGoMinusValue
}

extension TabularMDP {
    /// The single-trajectory estimate ĝ(τ) = Σₜ ∇ log π_θ(aₜ|sₜ) · weightₜ. Its mean over
    /// trajectories drawn from π_θ is ∇J(θ) for every weighting (the baselines do not bias it).
    public func gradientEstimate(_ theta: [Double], _ trajectory: Trajectory, weighting: PolicyGradientWeighting,
                                 values: [[Double]]? = nil) -> [Double] {
        let toGo = rewardToGo(trajectory.rewards)
        let stateValues = weighting == .rewardToGoMinusValue ? (values ?? self.values(theta)) : []
        var estimate = Array(repeating: 0.0, count: parameterCount)
        for t in trajectory.actions.indices {
            let weight: Double
            switch weighting {
            case .totalReturn(let b): weight = trajectory.totalReward - b
            case .rewardToGo(let b): weight = toGo[t] - b
            case .rewardToGoMinusValue: weight = toGo[t] - stateValues[t][trajectory.states[t]]
            }
            let g = logPolicyGradient(theta, state: trajectory.states[t], action: trajectory.actions[t])
            for k in estimate.indices { estimate[k] += g[k] * weight }
        }
        return estimate
    }

    /// The exact total variance E‖ĝ − ∇J‖² (the trace of the covariance) of a single-trajectory
    /// estimator, by enumeration.
    public func exactVariance(_ theta: [Double], weighting: PolicyGradientWeighting) -> Double {
        let mean = exactGradient(theta), stateValues = values(theta)
        return allTrajectories(theta).reduce(0) { total, trajectory in
            let g = gradientEstimate(theta, trajectory, weighting: weighting, values: stateValues)
            return total + trajectory.probability * zip(g, mean).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        }
    }

    /// The constant baseline that minimises the total variance of the basic estimator,
    /// b* = E[‖∇log p(τ)‖² R(τ)] / E[‖∇log p(τ)‖²], exactly (setting d/db E‖g(R − b)‖² = 0).
    public func varianceMinimisingBaseline(_ theta: [Double]) -> Double {
        var numerator = 0.0, denominator = 0.0
        for trajectory in allTrajectories(theta) {
            let squared = scoreFunction(theta, trajectory).reduce(0) { $0 + $1 * $1 }
            numerator += trajectory.probability * squared * trajectory.totalReward
            denominator += trajectory.probability * squared
        }
        return numerator / denominator
    }
}

/// The variance-minimising constant baseline from samples: b* = Σᵢ ‖gᵢ‖² Rᵢ / Σᵢ ‖gᵢ‖², where gᵢ
/// is the score ∇ log p(τᵢ) of sample i and Rᵢ its return.
public func varianceMinimisingBaseline(scores: [[Double]], returns: [Double]) -> Double {
    check(scores.count == returns.count && !returns.isEmpty,
          "varianceMinimisingBaseline: \(scores.count) scores for \(returns.count) returns")
    var numerator = 0.0, denominator = 0.0
    for (g, r) in zip(scores, returns) {
        let squared = g.reduce(0) { $0 + $1 * $1 }
        numerator += squared * r
        denominator += squared
    }
    check(denominator > 0, "varianceMinimisingBaseline: every score is zero")
    return numerator / denominator
}
