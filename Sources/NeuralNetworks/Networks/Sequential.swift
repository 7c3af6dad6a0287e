import TensorCore

/// Layers applied one after another: ŷ = layerₙ(… layer₂(layer₁(x))). The library's one network.
///
/// Any `Layer` can be a step: `Dense`, `ActivationLayer`, `ResidualBlock`, and the layers later
/// lessons add. Training is three explicit steps, with no autograd: `forward` (each layer
/// remembering what it needs), `backward` with the loss gradient ∂L/∂ŷ (filling every layer's
/// gradients and returning ∂L/∂x), then an optimizer's `step(&network)`. `predict` is a forward
/// pass that remembers nothing (inference).
public struct Sequential: Sendable {
    /// The layers, input side first.
    public var layers: [any Layer] {
        get { stack }
        // Any change made from outside may change what a layer computes, so the second half's
        // copy (see `splitBatchesFrom`) is rebuilt from the new layers at the next split pass.
        set {
            stack = newValue
            secondHalf = nil
        }
        _modify {
            secondHalf = nil
            yield &stack
        }
    }

    /// The layers themselves; the network's own passes change them here, leaving `secondHalf`.
    private var stack: [any Layer]

    /// Batches of at least this many rows run as two halves on two cores (nil: never). The cut
    /// is at row ⌊m/2⌋ whatever the machine, so a seeded run gives the same numbers on one core
    /// and on many; but a split batch adds its parameter gradients up as (first half) + (second
    /// half), a different order from one pass, so the last bits differ from an unsplit run.
    /// That is why it is off unless a network's owner turns it on (DQN uses 64: below that a
    /// half's work is too small to pay for waking a second core).
    ///
    /// Training with a split (`forward`, `backward`) is for layers whose training pass depends
    /// only on their parameters and input (`Dense`, activations, convolution, pooling, residual
    /// blocks): `forward` stops with a message for `Dropout` and `BatchNormalization`, whose
    /// masks and batch statistics would be drawn twice and computed per half. Inference
    /// (`predict`) splits any network.
    public var splitBatchesFrom: Int? = nil

    /// The second half's layers: a copy of the layers with its own caches and buffers, kept from
    /// one split pass to the next (its parameters are refreshed from the layers at every split
    /// `forward`), so that a split pass reuses its buffers instead of allocating new ones.
    private var secondHalf: [any Layer]? = nil
    /// Whether the last `forward` was split, so `backward` must be too.
    private var lastForwardWasSplit = false

    /// A network made of the given layers; each layer's input width must match the output width
    /// of the layer before it (layers of any width, such as activations, pass the width on).
    public init(_ layers: [any Layer]) {
        var width: Int? = nil
        for (i, layer) in layers.enumerated() {
            if let expected = layer.inputWidth, let width {
                check(expected == width, "Sequential: layer \(i) (\(layer.kind)) expects \(expected) inputs but the layers before it output \(width)")
            }
            width = layer.outputWidth ?? width ?? layer.inputWidth
        }
        self.stack = layers
    }

    /// A multilayer perceptron with the given layer widths, input first: `[784, 512, 512, 10]`
    /// builds three dense layers. Hidden layers use `hiddenActivation`, the last layer
    /// `outputActivation`; weights are drawn by `weightInitializer`, biases by `biasInitializer`
    /// (zeros by default; `Initializer.pytorchLinear` for both gives PyTorch's `nn.Linear`).
    public init(layerSizes: [Int], hiddenActivation: Activation = .relu,
                outputActivation: Activation = .identity,
                weightInitializer: Initializer = .xavierUniform, biasInitializer: Initializer = .zeros,
                using generator: inout SeededGenerator) {
        check(layerSizes.count >= 2, "Sequential: need at least an input and an output size, got \(layerSizes)")
        var layers: [any Layer] = []
        for i in 0..<(layerSizes.count - 1) {
            let isLast = i == layerSizes.count - 2
            layers.append(Dense(inputs: layerSizes[i], outputs: layerSizes[i + 1],
                                activation: isLast ? outputActivation : hiddenActivation,
                                weightInitializer: weightInitializer, biasInitializer: biasInitializer,
                                using: &generator))
        }
        self.init(layers)
    }

    /// The number of inputs the first layer with a fixed width expects (0 if none has one).
    public var inputCount: Int { layers.lazy.compactMap(\.inputWidth).first ?? 0 }
    /// The number of outputs of the last layer with a fixed width (0 if none has one).
    public var outputCount: Int { layers.reversed().lazy.compactMap(\.outputWidth).first ?? 0 }
    /// The number of trainable numbers in all layers.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Layer `index` as a `Dense`, to read or change its weights, bias, activation or
    /// gradients; stops with a message if that layer is not dense.
    public subscript(dense index: Int) -> Dense {
        get {
            let dense = layers[index] as? Dense
            check(dense != nil, "Sequential[dense: \(index)]: layer \(index) is a \(layers[index].kind), not a Dense")
            return dense!
        }
        set { layers[index] = newValue }
    }

    /// The output for an input, without remembering anything (inference).
    ///
    /// Shapes: `[m, inputs] → [m, outputs]`, or `[inputs] → [outputs]`.
    public func predict(_ input: Tensor) -> Tensor {
        if let cut = splitRow(input) {
            let layers = self.layers
            let halves = [input.rows(0..<cut), input.rows(cut..<input.shape[0])].map(HalfBatch.init)
            TwoCores.run { h in
                for layer in layers { halves[h].tensor = layer(halves[h].tensor) }
            }
            return Tensor(concatenating: halves.map(\.tensor))
        }
        var x = input
        for layer in layers { x = layer(x) }
        return x
    }

    /// Same as `predict(_:)`.
    public func callAsFunction(_ input: Tensor) -> Tensor { predict(input) }

    /// The output for an input, with every layer remembering what its backward pass needs.
    ///
    /// Shapes: `[m, inputs] → [m, outputs]`, or `[inputs] → [outputs]`.
    public mutating func forward(_ input: Tensor) -> Tensor {
        if let cut = splitRow(input) {
            check(!stack.contains { $0 is Dropout || $0 is BatchNormalization },
                  "Sequential.forward: a network with dropout or batch normalization cannot train on split batches "
                  + "(each half would draw its own masks and statistics); set splitBatchesFrom = nil")
            var second = secondHalf ?? stack
            secondHalf = nil
            for i in second.indices where !second[i].parameterNames.isEmpty {
                let source = stack[i].parameters
                var k = 0
                second[i].visitParameters { parameter, _ in
                    parameter.assign(source[k])
                    k += 1
                }
            }
            let halves = [input.rows(0..<cut), input.rows(cut..<input.shape[0])].map(HalfBatch.init)
            (halves[0].layers, halves[1].layers) = (stack, second)
            // Each half now holds the only reference to its layers. (A second reference, even
            // from a local that is no longer used, would make the half's first change copy the
            // array, then each layer, then every buffer the layer writes into.)
            (stack, second) = ([], [])
            TwoCores.run { h in
                for i in halves[h].layers.indices { halves[h].tensor = halves[h].layers[i].forward(halves[h].tensor) }
            }
            (stack, secondHalf) = (halves[0].layers, halves[1].layers)
            (halves[0].layers, halves[1].layers) = ([], [])
            lastForwardWasSplit = true
            return Tensor(concatenating: halves.map(\.tensor))
        }
        lastForwardWasSplit = false
        var x = input
        for i in stack.indices { x = stack[i].forward(x) }
        return x
    }

    /// Back-propagates ∂L/∂ŷ through every layer, storing each layer's parameter gradients, and
    /// returns ∂L/∂x, the gradient with respect to the network's input (DDPG's ∇ₐQ).
    ///
    /// Shapes: ∂L/∂ŷ `[m, outputs]` (or `[outputs]`) → ∂L/∂x `[m, inputs]` (or `[inputs]`).
    /// With `accumulate: true` the parameter gradients are added to the stored ones.
    @discardableResult
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool = false) -> Tensor {
        backward(outputGradient, accumulate: accumulate, needsInputGradient: true)!
    }

    /// `backward`, skipping ∂L/∂x of the first layer when `needsInputGradient` is false (training
    /// needs only the parameter gradients), in which case it returns nil.
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        if lastForwardWasSplit, var second = secondHalf {
            // After a split forward: each half back-propagates its own rows, then the parameter
            // gradients are added in a fixed order, first half + second half.
            lastForwardWasSplit = false
            secondHalf = nil
            let cut = outputGradient.shape[0] / 2
            let halves = [outputGradient.rows(0..<cut), outputGradient.rows(cut..<outputGradient.shape[0])]
                .map(HalfBatch.init)
            (halves[0].layers, halves[1].layers) = (stack, second)
            (stack, second) = ([], [])  // the halves' references must be the only ones, as in `forward`
            TwoCores.run { h in
                var g: Tensor? = halves[h].tensor
                for i in halves[h].layers.indices.reversed() {
                    g = halves[h].layers[i].backward(g!, accumulate: accumulate && h == 0,
                                                     needsInputGradient: i > 0 || needsInputGradient)
                }
                if let g { halves[h].tensor = g }
            }
            (stack, secondHalf) = (halves[0].layers, halves[1].layers)
            (halves[0].layers, halves[1].layers) = ([], [])
            for i in stack.indices where !stack[i].parameterNames.isEmpty {
                let other = secondHalf![i].gradients
                stack[i].gradients = zip(stack[i].gradients, other).map { $0 + $1 }
            }
            return needsInputGradient ? Tensor(concatenating: halves.map(\.tensor)) : nil
        }
        var g: Tensor? = outputGradient
        for i in stack.indices.reversed() {
            g = stack[i].backward(g!, accumulate: accumulate, needsInputGradient: i > 0 || needsInputGradient)
        }
        return g
    }

    /// Sets every layer's stored gradients to zero.
    public mutating func zeroGradients() {
        for i in stack.indices { stack[i].zeroGradients() }
    }

    /// One forward pass, loss and backward pass on a batch; returns the loss. The gradients are
    /// left in the layers for an optimizer: `network.computeGradients(…); optimizer.step(&network)`.
    @discardableResult
    public mutating func computeGradients(input: Tensor, target: Tensor, loss: Loss) -> Double {
        let prediction = forward(input)
        let (value, gradient) = loss.evaluate(prediction: prediction, target: target)
        _ = backward(gradient, accumulate: false, needsInputGradient: false)
        return value
    }

    /// Every parameter tensor, layer by layer in each layer's order (for dense layers W₁, b₁,
    /// W₂, b₂, …); setting it replaces them all (each must keep its shape).
    public var parameters: [Tensor] {
        get { layers.flatMap(\.parameters) }
        set {
            check(newValue.count == parameterTensorCount,
                  "Sequential.parameters: expected \(parameterTensorCount) tensors, got \(newValue.count)")
            var start = 0
            for i in layers.indices {
                let count = layers[i].parameterNames.count
                layers[i].parameters = Array(newValue[start..<(start + count)])
                start += count
            }
        }
    }

    /// The stored gradients, in the same order as `parameters`: ∂L/∂W₁, ∂L/∂b₁, ….
    public var gradients: [Tensor] { layers.flatMap(\.gradients) }

    /// The number of parameter tensors (two per dense layer).
    public var parameterTensorCount: Int { layers.reduce(0) { $0 + $1.parameterNames.count } }

    /// Calls `body(&parameter, gradient)` for every parameter of every layer, in the order of
    /// `parameters`, changing them in place: what an optimizer's step uses.
    public mutating func visitParameters(_ body: (inout Tensor, Tensor) -> Void) {
        for i in stack.indices { stack[i].visitParameters(body) }
    }

    /// A label for parameter `index` of `parameters`, such as "layer 1 bias".
    public func parameterName(_ index: Int) -> String {
        let (layer, local) = locate(index)
        return "layer \(layer) \(layers[layer].parameterNames[local])"
    }

    /// Reads and writes parameter `index` of `parameters` (for gradient checks).
    subscript(parameter index: Int) -> Tensor {
        get {
            let (layer, local) = locate(index)
            return layers[layer].parameters[local]
        }
        set {
            let (layer, local) = locate(index)
            layers[layer].parameters[local] = newValue
        }
    }

    /// The stored gradient of parameter `index`.
    func gradient(_ index: Int) -> Tensor {
        let (layer, local) = locate(index)
        return layers[layer].gradients[local]
    }

    /// Where a batch is cut in two, if it is split at all: row ⌊m/2⌋ of a matrix of at least
    /// `splitBatchesFrom` rows.
    private func splitRow(_ input: Tensor) -> Int? {
        guard let threshold = splitBatchesFrom, input.rank == 2, input.shape[0] >= Swift.max(threshold, 2) else { return nil }
        return input.shape[0] / 2
    }

    /// The layer holding parameter `index` of `parameters`, and its position in that layer.
    private func locate(_ index: Int) -> (layer: Int, local: Int) {
        var rest = index
        for i in layers.indices {
            let count = layers[i].parameterNames.count
            if rest < count { return (i, rest) }
            rest -= count
        }
        check(false, "Sequential: parameter \(index) out of 0..<\(parameterTensorCount)")
        return (0, 0)
    }
}
