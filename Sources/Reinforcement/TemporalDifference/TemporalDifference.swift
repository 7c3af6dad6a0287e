// Prediction with a function approximator on the random walk: gradient Monte Carlo,
// semi-gradient TD(0), the "true gradient" of the TD error, TD(λ) with eligibility traces, and
// a small neural network trained by semi-gradient TD(0).
//
// With state aggregation the value function is linear in one-hot group features,
// V(s) = w[group(s)], so ∇_w V(s) is the unit vector of s's group and every update touches one
// weight (TD(λ) excepted: its trace remembers earlier groups too).

import NeuralNetworks
import TensorCore

/// State aggregation: `groupCount` groups of consecutive states of equal size.
public struct StateAggregation: Sendable {
    public let stateCount: Int
    public let groupCount: Int

    public init(stateCount: Int = 1000, groupCount: Int = 10) {
        self.stateCount = stateCount
        self.groupCount = groupCount
    }

    /// The group (0-based) of state `s` (1…stateCount).
    @inline(__always) public func group(of s: Int) -> Int { (s - 1) * groupCount / stateCount }

    /// The value of every state under group weights `w` (array index s − 1).
    public func values(_ w: [Double]) -> [Double] { (1...stateCount).map { w[group(of: $0)] } }
}

/// Prediction algorithms for the random walk with state aggregation. Each returns the group
/// weights after `episodes` episodes.
public enum RandomWalkPrediction {
    /// Gradient Monte Carlo (first visit): after each episode, for each state s at its first
    /// visit, w ← w + α (G − V(s)) ∇V(s). Here G is the episode's final reward.
    public static func gradientMonteCarlo(_ walk: RandomWalk, _ features: StateAggregation, episodes: Int,
                                          stepSize: Double, random: inout SeededGenerator) -> [Double] {
        var w = [Double](repeating: 0, count: features.groupCount)
        var lastVisit = [Int](repeating: -1, count: walk.stateCount + 1)
        for e in 0..<episodes {
            let (states, reward) = walk.episode(random: &random)
            for s in states where lastVisit[s] != e {
                lastVisit[s] = e
                let g = features.group(of: s)
                w[g] += stepSize * (reward - w[g])
            }
        }
        return w
    }

    /// Semi-gradient TD(0): after each step s → s′ with reward r,
    /// w ← w + α (r + γV(s′) − V(s)) ∇V(s), with V(terminal) = 0 and the target held fixed.
    /// With `residualGradient`, the full gradient of ½δ² is followed instead (the notes'
    /// "Solution 2"): w ← w + α δ (∇V(s) − γ∇V(s′)).
    public static func temporalDifference(_ walk: RandomWalk, _ features: StateAggregation, episodes: Int,
                                          stepSize: Double, residualGradient: Bool = false,
                                          random: inout SeededGenerator) -> [Double] {
        var w = [Double](repeating: 0, count: features.groupCount)
        for _ in 0..<episodes {
            var s = walk.startState
            while true {
                let (next, reward) = walk.step(from: s, random: &random)
                let g = features.group(of: s)
                let nextGroup = next.map(features.group(of:))
                let delta = reward + (nextGroup.map { w[$0] } ?? 0) - w[g]
                w[g] += stepSize * delta
                if residualGradient, let nextGroup { w[nextGroup] -= stepSize * delta }
                guard let next else { break }
                s = next
            }
        }
        return w
    }

    /// TD(λ) with accumulating eligibility traces (γ = 1):
    /// z ← γλ z + ∇V(s),  δ = r + γV(s′) − V(s),  w ← w + α δ z; z starts at 0 each episode.
    public static func tdLambda(_ walk: RandomWalk, _ features: StateAggregation, lambda: Double, episodes: Int,
                                stepSize: Double, random: inout SeededGenerator) -> [Double] {
        var w = [Double](repeating: 0, count: features.groupCount)
        var z = [Double](repeating: 0, count: features.groupCount)
        for _ in 0..<episodes {
            for i in z.indices { z[i] = 0 }
            var s = walk.startState
            while true {
                let (next, reward) = walk.step(from: s, random: &random)
                let g = features.group(of: s)
                for i in z.indices { z[i] *= lambda }
                z[g] += 1
                let delta = reward + (next.map { w[features.group(of: $0)] } ?? 0) - w[g]
                for i in w.indices { w[i] += stepSize * delta * z[i] }
                guard let next else { break }
                s = next
            }
        }
        return w
    }
}

/// One episode of linear TD(λ) with dense features, recording the trace after every step.
///
/// `features[t]` is x(S_t) for t = 0…T−1, `rewards[t]` is R_{t+1}; the state after the last
/// step is terminal (value 0). Returns the final weights and the trace vector z_t of each step.
public func linearTDLambdaEpisode(weights: [Double], features: [[Double]], rewards: [Double],
                                  gamma: Double, lambda: Double, stepSize: Double)
    -> (weights: [Double], traces: [[Double]]) {
    check(features.count == rewards.count, "linearTDLambdaEpisode: \(features.count) states, \(rewards.count) rewards")
    var w = weights
    var z = [Double](repeating: 0, count: weights.count)
    var traces: [[Double]] = []
    for t in features.indices {
        let x = features[t]
        let value = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 }
        let nextValue = t + 1 < features.count ? zip(w, features[t + 1]).reduce(0) { $0 + $1.0 * $1.1 } : 0
        for i in z.indices { z[i] = gamma * lambda * z[i] + x[i] }
        let delta = rewards[t] + gamma * nextValue - value
        for i in w.indices { w[i] += stepSize * delta * z[i] }
        traces.append(z)
    }
    return (w, traces)
}

/// A small neural value function for the random walk, V(s) = network(x) with the state scaled
/// to x = (s − 500.5)/500 ∈ (−1, 1), trained by semi-gradient TD(0): per step one forward pass
/// for V(s′) (the target, held constant), one forward and one backward pass for V(s) and ∇V(s).
public struct NeuralRandomWalkValue {
    public var network: Sequential
    let stateCount: Int

    public init(stateCount: Int = 1000, hidden: Int = 16, random: inout SeededGenerator) {
        self.stateCount = stateCount
        network = Sequential(layerSizes: [1, hidden, 1], hiddenActivation: .tanh, outputActivation: .identity,
                             using: &random)
    }

    @inline(__always) func input(_ s: Int) -> Tensor {
        Tensor(shape: [1, 1], scalars: [(Double(s) - Double(stateCount + 1) / 2) / (Double(stateCount) / 2)])
    }

    /// V(s).
    public func value(_ s: Int) -> Double { network.predict(input(s)).scalars[0] }

    /// Every state's value (array index s − 1), in one batch.
    public var values: [Double] {
        let xs = (1...stateCount).map { (Double($0) - Double(stateCount + 1) / 2) / (Double(stateCount) / 2) }
        return network.predict(Tensor(shape: [stateCount, 1], scalars: xs)).scalars
    }

    /// Trains for `episodes` episodes of semi-gradient TD(0) with step size α.
    public mutating func trainTD0(_ walk: RandomWalk, episodes: Int, stepSize: Double, random: inout SeededGenerator) {
        let one = Tensor(shape: [1, 1], scalars: [1])
        for _ in 0..<episodes {
            var s = walk.startState
            while true {
                let (next, reward) = walk.step(from: s, random: &random)
                let target = reward + (next.map(value) ?? 0)
                let current = network.forward(input(s)).scalars[0]
                network.backward(one)  // ∂V/∂θ for every parameter
                let scale = stepSize * (target - current)
                network.visitParameters { θ, gradient in θ.add(gradient, scaledBy: scale) }
                guard let next else { break }
                s = next
            }
        }
    }
}
