import TensorCore

/// The regression targets y of Q-learning updates, for a mini-batch laid out row after row.
///
/// For a transition (s, a, r, s′) with `terminal` = 1 when s′ is terminal (0 otherwise):
///
/// - DQN (Mnih et al.):  y = r + γ (1 − terminal) maxₐ′ Q_φ(s′, a′), with the target network φ
///   both choosing and evaluating the next action.
/// - Double DQN (van Hasselt et al., 2016):  y = r + γ (1 − terminal) Q_φ(s′, a*), with
///   a* = arg maxₐ′ Q_θ(s′, a′) chosen by the online network θ and evaluated by φ. Decoupling
///   the choice from the evaluation removes most of the upward bias of the max.
///
/// A transition cut off by a time limit is *not* terminal: its target still bootstraps.
public enum DQNTargets {
    /// y = r + γ (1 − terminal) maxₐ′ Q_target(s′, a′), written into `targets`.
    public static func standard(rewards: [Double], terminals: [Double], nextTargetQ: [Double],
                                actionCount: Int, discount: Double, into targets: inout [Double]) {
        nextTargetQ.withUnsafeBufferPointer { q in
            for i in rewards.indices {
                targets[i] = standard(reward: rewards[i], terminal: terminals[i], nextTargetQ: q.baseAddress! + i * actionCount,
                                      actionCount: actionCount, discount: discount)
            }
        }
    }

    /// y = r + γ (1 − terminal) Q_target(s′, arg maxₐ′ Q_online(s′, a′)), written into `targets`.
    public static func double(rewards: [Double], terminals: [Double], nextOnlineQ: [Double], nextTargetQ: [Double],
                              actionCount: Int, discount: Double, into targets: inout [Double]) {
        nextOnlineQ.withUnsafeBufferPointer { online in
            nextTargetQ.withUnsafeBufferPointer { target in
                for i in rewards.indices {
                    targets[i] = double(reward: rewards[i], terminal: terminals[i],
                                        nextOnlineQ: online.baseAddress! + i * actionCount,
                                        nextTargetQ: target.baseAddress! + i * actionCount,
                                        actionCount: actionCount, discount: discount)
                }
            }
        }
    }

    /// The DQN target of one transition, whose `actionCount` next-state values start at `nextTargetQ`.
    @inline(__always)
    public static func standard(reward: Double, terminal: Double, nextTargetQ: UnsafePointer<Double>,
                                actionCount: Int, discount: Double) -> Double {
        var best = nextTargetQ[0]
        for a in 1..<actionCount { best = max(best, nextTargetQ[a]) }
        return reward + discount * (1 - terminal) * best
    }

    /// The double-DQN target of one transition: the online values choose, the target values evaluate.
    @inline(__always)
    public static func double(reward: Double, terminal: Double, nextOnlineQ: UnsafePointer<Double>,
                              nextTargetQ: UnsafePointer<Double>, actionCount: Int, discount: Double) -> Double {
        let choice = argmax(nextOnlineQ, count: actionCount)
        return reward + discount * (1 - terminal) * nextTargetQ[choice]
    }

    /// `standard(…)`, returning a new array.
    public static func standard(rewards: [Double], terminals: [Double], nextTargetQ: [Double],
                                actionCount: Int, discount: Double) -> [Double] {
        var targets = Array(repeating: 0.0, count: rewards.count)
        standard(rewards: rewards, terminals: terminals, nextTargetQ: nextTargetQ, actionCount: actionCount,
                 discount: discount, into: &targets)
        return targets
    }

    /// `double(…)`, returning a new array.
    public static func double(rewards: [Double], terminals: [Double], nextOnlineQ: [Double], nextTargetQ: [Double],
                              actionCount: Int, discount: Double) -> [Double] {
        var targets = Array(repeating: 0.0, count: rewards.count)
        double(rewards: rewards, terminals: terminals, nextOnlineQ: nextOnlineQ, nextTargetQ: nextTargetQ,
               actionCount: actionCount, discount: discount, into: &targets)
        return targets
    }
}
