/// The loss a DQN update minimises on the chosen actions, averaged over the mini-batch of m:
/// squared ½(Q − y)² (gradient (Q − y)/m), or Huber with threshold 1, which is ½(Q − y)² for
/// |Q − y| ≤ 1 and |Q − y| − ½ beyond (gradient clip(Q − y, −1, 1)/m): quadratic near the
/// target, linear far from it, so a single wild target cannot produce a huge step.
public enum DQNLoss: String, Sendable, CaseIterable {
    case squared
    case huber

    /// The loss of one error e = Q − y.
    public func value(_ error: Double) -> Double {
        switch self {
        case .squared: return 0.5 * error * error
        case .huber: return abs(error) <= 1 ? 0.5 * error * error : abs(error) - 0.5
        }
    }

    /// The derivative of `value` with respect to Q.
    public func derivative(_ error: Double) -> Double {
        switch self {
        case .squared: return error
        case .huber: return min(max(error, -1), 1)
        }
    }
}
