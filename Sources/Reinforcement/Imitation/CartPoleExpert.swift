/// A hand-made expert for CartPole: a linear controller that pushes right exactly when
/// k · s = x + ẋ + 10θ + 2θ̇ is positive, and left otherwise.
///
/// The terms say what a person balancing a stick would do: push toward the side the pole leans
/// to (θ) and is falling to (θ̇), and, more gently, toward where the cart is (x) and is going (ẋ),
/// which first tips the pole back toward the centre so that the cart can follow it there. From
/// Gymnasium's start states it balances for all 500 steps and keeps the cart within a few
/// centimetres of the centre (checked by `CartPoleExpertTests`).
public struct CartPoleExpert: Sendable, Equatable {
    /// k = (k_x, k_ẋ, k_θ, k_θ̇).
    public var gains: [Double]

    public init(gains: [Double] = [1, 1, 10, 2]) {
        self.gains = gains
    }

    /// 1 (push right) if k · s > 0, else 0 (push left).
    public func action(_ observation: [Double]) -> Int {
        zip(gains, observation).reduce(0) { $0 + $1.0 * $1.1 } > 0 ? 1 : 0
    }
}
