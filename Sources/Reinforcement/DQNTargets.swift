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
        for i in rewards.indices {
            var best = nextTargetQ[i * actionCount]
            for a in 1..<actionCount { best = max(best, nextTargetQ[i * actionCount + a]) }
            targets[i] = rewards[i] + discount * (1 - terminals[i]) * best
        }
    }

    /// y = r + γ (1 − terminal) Q_target(s′, arg maxₐ′ Q_online(s′, a′)), written into `targets`.
    public static func double(rewards: [Double], terminals: [Double], nextOnlineQ: [Double], nextTargetQ: [Double],
                              actionCount: Int, discount: Double, into targets: inout [Double]) {
        for i in rewards.indices {
            var choice = 0
            for a in 1..<actionCount where nextOnlineQ[i * actionCount + a] > nextOnlineQ[i * actionCount + choice] {
                choice = a
            }
            targets[i] = rewards[i] + discount * (1 - terminals[i]) * nextTargetQ[i * actionCount + choice]
        }
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
