// The 1000-state random walk of Sutton & Barto (Example 9.1), the test bed for value-function
// approximation: states 1…1000 in a row, every episode starts in the middle (500); each step
// jumps to one of the 100 states on the left or one of the 100 on the right, all 200 equally
// likely. A jump past state 1 ends the episode with reward −1, a jump past state 1000 with +1;
// every other reward is 0 and there is no discount (γ = 1), so V(s) = P(right exit) − P(left exit).

import TensorCore

/// The random walk: its dynamics, episodes, and true values by dynamic programming.
public struct RandomWalk: Sendable {
    /// Number of non-terminal states (numbered 1…stateCount).
    public let stateCount: Int
    /// Where every episode starts.
    public let startState: Int
    /// The largest jump in either direction.
    public let maxJump: Int

    public init(stateCount: Int = 1000, startState: Int = 500, maxJump: Int = 100) {
        self.stateCount = stateCount
        self.startState = startState
        self.maxJump = maxJump
    }

    /// One step from `state`: the next state (nil when the episode ends) and the reward.
    @inline(__always)
    public func step(from state: Int, random: inout SeededGenerator) -> (next: Int?, reward: Double) {
        let distance = random.index(below: maxJump) + 1
        let next = random.index(below: 2) == 0 ? state - distance : state + distance
        if next < 1 { return (nil, -1) }
        if next > stateCount { return (nil, 1) }
        return (next, 0)
    }

    /// One episode from the start: the states visited in order and the final reward (the only
    /// non-zero reward, so it is also the return G of every visited state).
    public func episode(random: inout SeededGenerator) -> (states: [Int], reward: Double) {
        var states = [startState]
        var state = startState
        while true {
            let (next, reward) = step(from: state, random: &random)
            guard let next else { return (states, reward) }
            states.append(next)
            state = next
        }
    }

    /// The true values V(1) … V(stateCount) (array index s − 1), by iterative policy evaluation:
    /// sweep V(s) ← (1/2k) Σ over the 2k jumps of [r + V(s′)] in place until no value changes by
    /// more than `tolerance`.
    public func trueValues(tolerance: Double = 1e-11) -> [Double] {
        var values = [Double](repeating: 0, count: stateCount)
        let share = 1.0 / Double(2 * maxJump)
        while true {
            var largestChange = 0.0
            for s in 1...stateCount {
                var total = 0.0
                for d in 1...maxJump {
                    let left = s - d, right = s + d
                    total += left < 1 ? -1 : values[left - 1]
                    total += right > stateCount ? 1 : values[right - 1]
                }
                let updated = total * share
                largestChange = max(largestChange, abs(updated - values[s - 1]))
                values[s - 1] = updated
            }
            if largestChange < tolerance { return values }
        }
    }

    /// How often each state is visited per episode, estimated over `episodes` episodes, then
    /// normalised to sum to 1: the on-policy distribution μ.
    public func visitDistribution(episodes: Int, random: inout SeededGenerator) -> [Double] {
        var counts = [Double](repeating: 0, count: stateCount)
        var total = 0.0
        for _ in 0..<episodes {
            for s in episode(random: &random).states { counts[s - 1] += 1; total += 1 }
        }
        return counts.map { $0 / total }
    }
}

/// The root-mean-square difference between an estimate and the true values, either plain (every
/// state counts the same) or weighted by a distribution μ over the states.
public func rmsError(_ estimate: [Double], _ truth: [Double], weights: [Double]? = nil) -> Double {
    check(estimate.count == truth.count, "rmsError: \(estimate.count) estimates for \(truth.count) states")
    var total = 0.0, weightSum = 0.0
    for i in truth.indices {
        let w = weights?[i] ?? 1
        total += w * (estimate[i] - truth[i]) * (estimate[i] - truth[i])
        weightSum += w
    }
    return (total / weightSum).squareRoot()
}
