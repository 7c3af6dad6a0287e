import TensorCore

/// A layer with nothing to train (activation, dropout, pooling): the parameter bookkeeping `Layer` asks for
/// is empty, and is written once here. Setting a non-empty list stops with a message.
public protocol ParameterFreeLayer: Layer {}

extension ParameterFreeLayer {
    /// No parameters.
    public var parameters: [Tensor] {
        get { [] }
        set { check(newValue.isEmpty, "\(kind): the layer has no parameters, got \(newValue.count)") }
    }
    /// No gradients to store.
    public var gradients: [Tensor] {
        get { [] }
        set { check(newValue.isEmpty, "\(kind): the layer has no gradients, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }
    public mutating func visitParameters(_ body: (inout Tensor, Tensor) -> Void) {}
    public mutating func zeroGradients() {}
}
