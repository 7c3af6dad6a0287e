import TensorCore

/// A layer whose output depends on numbers that are not trained by gradient but learned on the
/// way, such as batch normalization's running mean and variance. A saved network must hold them
/// beside the parameters, or it predicts differently after loading.
///
/// `WeightFile` writes `state` after a layer's parameters and gives it back with `restoreState`.
public protocol StatefulLayer: Layer {
    /// A short name for each state tensor, in the order of `state`.
    var stateNames: [String] { get }
    /// The state tensors, in a fixed order.
    var state: [Tensor] { get }
    /// Replaces the state with `newState` (same count and shapes as `state`) if its values are
    /// valid for this layer; otherwise leaves the layer unchanged and returns why not (a value
    /// read from a damaged file must be an error, never a trap).
    mutating func restoreState(_ newState: [Tensor]) -> String?
}
