import TensorCore

/// A stack of dense layers applied one after another: ŷ = layerₙ(… layer₂(layer₁(x))).
///
/// Training is three explicit steps, with no autograd: `forward` (remembering what each layer
/// needs), `backward` with the loss gradient ∂L/∂ŷ (filling every layer's gradients), then an
/// optimizer's `step(&network)`. `predict` is a forward pass that remembers nothing.
public struct Sequential: Sendable {
    /// The layers, input side first.
    public var layers: [Dense]

    /// A network made of the given layers; each layer's inputs must match the previous outputs.
    public init(_ layers: [Dense]) {
        for i in layers.indices.dropFirst() {
            precondition(layers[i].inputCount == layers[i - 1].outputCount,
                         "Sequential: layer \(i) expects \(layers[i].inputCount) inputs but layer \(i - 1) has \(layers[i - 1].outputCount) outputs")
        }
        self.layers = layers
    }

    /// A multilayer perceptron with the given layer widths, input first: `[784, 512, 512, 10]`
    /// builds three dense layers. Hidden layers use `hiddenActivation`, the last layer
    /// `outputActivation`; weights are drawn by `weightInitializer`, biases start at zero.
    public init(layerSizes: [Int], hiddenActivation: Activation = .relu,
                outputActivation: Activation = .identity,
                weightInitializer: Initializer = .xavierUniform,
                using generator: inout SeededGenerator) {
        precondition(layerSizes.count >= 2, "Sequential: need at least an input and an output size, got \(layerSizes)")
        var layers: [Dense] = []
        for i in 0..<(layerSizes.count - 1) {
            let isLast = i == layerSizes.count - 2
            layers.append(Dense(inputs: layerSizes[i], outputs: layerSizes[i + 1],
                                activation: isLast ? outputActivation : hiddenActivation,
                                weightInitializer: weightInitializer, using: &generator))
        }
        self.init(layers)
    }

    /// The number of inputs the first layer expects.
    public var inputCount: Int { layers.first?.inputCount ?? 0 }
    /// The number of outputs of the last layer.
    public var outputCount: Int { layers.last?.outputCount ?? 0 }
    /// The number of trainable numbers in all layers.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// The output for an input, without remembering anything (inference).
    ///
    /// Shapes: `[m, inputs] → [m, outputs]`, or `[inputs] → [outputs]`.
    public func predict(_ input: Tensor) -> Tensor {
        var x = input
        for layer in layers { x = layer(x) }
        return x
    }

    /// Same as `predict(_:)`.
    public func callAsFunction(_ input: Tensor) -> Tensor { predict(input) }

    /// The output for an input, remembering every layer's input and pre-activation for `backward`.
    ///
    /// Shapes: `[m, inputs] → [m, outputs]`, or `[inputs] → [outputs]`.
    public mutating func forward(_ input: Tensor) -> Tensor {
        var x = input
        for i in layers.indices { x = layers[i].forward(x) }
        return x
    }

    /// Back-propagates ∂L/∂ŷ through every layer, storing each layer's ∂L/∂W and ∂L/∂b, and
    /// returns ∂L/∂x.
    ///
    /// Shapes: ∂L/∂ŷ `[m, outputs]` (or `[outputs]`) → ∂L/∂x `[m, inputs]` (or `[inputs]`).
    /// With `accumulate: true` the parameter gradients are added to the stored ones.
    @discardableResult
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool = false) -> Tensor {
        var g = outputGradient
        for i in layers.indices.reversed() { g = layers[i].backward(g, accumulate: accumulate) }
        return g
    }

    /// Sets every layer's stored gradients to zero.
    public mutating func zeroGradients() {
        for i in layers.indices { layers[i].zeroGradients() }
    }

    /// One forward pass, loss and backward pass on a batch; returns the loss. The gradients are
    /// left in the layers for an optimizer: `network.computeGradients(…); optimizer.step(&network)`.
    @discardableResult
    public mutating func computeGradients(input: Tensor, target: Tensor, loss: Loss) -> Double {
        let prediction = forward(input)
        let (value, gradient) = loss.evaluate(prediction: prediction, target: target)
        // As `backward`, but without ∂L/∂x of the first layer, which nothing here needs.
        var g = gradient
        for i in layers.indices.reversed() {
            if let next = layers[i].backward(g, accumulate: false, needsInputGradient: i > 0) { g = next }
        }
        return value
    }

    /// Every parameter tensor, in the order W₁, b₁, W₂, b₂, …; setting it replaces them all
    /// (each must keep its shape).
    public var parameters: [Tensor] {
        get { layers.flatMap { [$0.weights, $0.bias] } }
        set {
            precondition(newValue.count == 2 * layers.count,
                         "Sequential.parameters: expected \(2 * layers.count) tensors, got \(newValue.count)")
            for i in layers.indices {
                precondition(newValue[2 * i].shape == layers[i].weights.shape && newValue[2 * i + 1].shape == layers[i].bias.shape,
                             "Sequential.parameters: layer \(i) shapes do not match")
                layers[i].weights = newValue[2 * i]
                layers[i].bias = newValue[2 * i + 1]
            }
        }
    }

    /// The stored gradients, in the same order as `parameters`: ∂L/∂W₁, ∂L/∂b₁, ….
    public var gradients: [Tensor] { layers.flatMap { [$0.weightGradient, $0.biasGradient] } }

    /// A label for parameter `index` of `parameters`, such as "layer 1 bias".
    public func parameterName(_ index: Int) -> String {
        "layer \(index / 2) \(index % 2 == 0 ? "weights" : "bias")"
    }

    /// Reads and writes parameter `index` of `parameters` in place, without copying the others.
    subscript(parameter index: Int) -> Tensor {
        get { index % 2 == 0 ? layers[index / 2].weights : layers[index / 2].bias }
        _modify {
            if index % 2 == 0 { yield &layers[index / 2].weights } else { yield &layers[index / 2].bias }
        }
    }

    /// The stored gradient of parameter `index`.
    func gradient(_ index: Int) -> Tensor {
        index % 2 == 0 ? layers[index / 2].weightGradient : layers[index / 2].biasGradient
    }
}
