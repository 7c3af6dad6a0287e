import TensorCore

/// A rule that turns gradients into parameter updates, θ ← θ + Δθ, keeping whatever running
/// state it needs (velocities, squared-gradient averages, step counts) **per parameter**.
///
/// Parameters are identified by their position in a list, the *slot*: slot i of
/// `step(parameters:gradients:)` is `parameters[i]`, and `step(_ network:)` uses the order of
/// `Sequential.parameters` (W₁, b₁, W₂, b₂, …). Use one optimizer per network.
/// Conforming types implement `update(_:gradient:slot:)`, which changes one tensor in place.
public protocol Optimizer: Sendable {
    /// Updates one parameter tensor in place from its gradient; `slot` selects its state.
    mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int)
    /// Forgets all running state, as if the optimizer had just been created.
    mutating func reset()
    /// Updates every parameter from the gradient at the same position. A requirement (with a
    /// default below) so that an optimizer whose step looks at all gradients together, such as
    /// `NormAdam`, is called correctly through a generic or existential `Optimizer` too.
    mutating func step(parameters: inout [Tensor], gradients: [Tensor])
    /// Updates every parameter of every layer of the network from its stored gradients.
    mutating func step(_ network: inout Sequential)
}

extension Optimizer {
    /// Updates every parameter from the gradient at the same position.
    public mutating func step(parameters: inout [Tensor], gradients: [Tensor]) {
        check(parameters.count == gradients.count,
                     "Optimizer.step: \(parameters.count) parameters but \(gradients.count) gradients")
        for i in parameters.indices { update(&parameters[i], gradient: gradients[i], slot: i) }
    }

    /// Updates every parameter of every layer of the network, in place, from the gradients its
    /// last `backward` stored; slot i is parameter i of `network.parameters`.
    public mutating func step(_ network: inout Sequential) {
        var slot = 0
        network.visitParameters { parameter, gradient in
            update(&parameter, gradient: gradient, slot: slot)
            slot += 1
        }
    }
}

/// Per-slot state: one tensor per parameter, created as zeros on first use.
struct SlotState: Sendable {
    private var tensors: [Tensor?] = []

    /// The state tensor of `slot`, created with `shape` if it does not exist yet.
    mutating func withTensor<R>(_ slot: Int, shape: [Int],
                                _ body: (inout UnsafeMutableBufferPointer<Double>) -> R) -> R {
        if slot >= tensors.count { tensors += Array(repeating: nil, count: slot + 1 - tensors.count) }
        if tensors[slot]?.shape != shape { tensors[slot] = .zeros(shape) }
        return tensors[slot]!.withUnsafeMutableBufferPointer(body)
    }

    /// The state tensor of `slot`, if any.
    subscript(slot: Int) -> Tensor? { slot < tensors.count ? tensors[slot] : nil }
}

/// Calls `body` with the parameter's elements (mutable) and the gradient's, after checking shapes.
@inline(__always)
func withBuffers(_ parameter: inout Tensor, _ gradient: Tensor, _ name: String,
                 _ body: (UnsafeMutableBufferPointer<Double>, UnsafeBufferPointer<Double>) -> Void) {
    check(parameter.shape == gradient.shape,
                 "\(name): parameter \(parameter.shape) and gradient \(gradient.shape) differ in shape")
    gradient.withUnsafeBufferPointer { g in
        parameter.withUnsafeMutableBufferPointer { p in body(p, g) }
    }
}
