import TensorCore

/// What one layer of a network does to the signals that pass through it, forwards and backwards:
/// the spread of its pre-activations z and activations a on a batch, and the size of the
/// gradients the backward pass hands it.
public struct LayerSignal: Sendable, Equatable {
    /// The standard deviation of all elements of z = x·W + b (about their mean).
    public var preActivationStandardDeviation: Double
    /// The mean of z², the quantity the Xavier and He derivations keep constant.
    public var preActivationSecondMoment: Double
    /// The standard deviation of all elements of a = f(z) (about their mean).
    public var activationStandardDeviation: Double
    /// ‖∂L/∂W‖, the Frobenius norm of the layer's weight gradient.
    public var weightGradientNorm: Double
    /// ‖∂L/∂x‖, the norm of the gradient the layer passes to its input (to the layer below).
    public var inputGradientNorm: Double
}

/// The standard deviation of all elements of a tensor, about their mean (divides by the count).
public func elementStandardDeviation(_ tensor: Tensor) -> Double {
    tensor.withUnsafeBufferPointer { p in
        guard !p.isEmpty else { return 0 }
        var sum = 0.0, sumOfSquares = 0.0
        for x in p { sum += x; sumOfSquares += x * x }
        let mean = sum / Double(p.count)
        return Swift.max(sumOfSquares / Double(p.count) - mean * mean, 0).squareRoot()
    }
}

extension Sequential {
    /// Pushes a batch through the network and a gradient back, and reports every layer's
    /// `LayerSignal`, input side first.
    ///
    /// The backward pass starts from `outputGradient` (∂L/∂ŷ, the shape of the output) and uses
    /// the same equations as `backward`: δ = ∂L/∂a ⊙ f′(z), ∂L/∂W = xᵀδ, ∂L/∂x = δWᵀ. The network
    /// is not changed. Shapes: input `[m, inputs]`, outputGradient `[m, outputs]`.
    public func signals(input: Tensor, outputGradient: Tensor) -> [LayerSignal] {
        check(input.rank == 2 && input.shape[1] == inputCount,
                     "signals: input \(input.shape) does not match the network's \(inputCount) inputs")
        check(outputGradient.shape == [input.shape[0], outputCount],
                     "signals: output gradient \(outputGradient.shape), expected [\(input.shape[0]), \(outputCount)]")
        // Each dense layer runs its own forward and backward pass, on a copy.
        var dense = layers.indices.map { self[dense: $0] }
        var result: [LayerSignal] = []
        var x = input
        for i in dense.indices {
            let z = dense[i].preActivation(x)
            let a = dense[i].forward(x)
            result.append(LayerSignal(preActivationStandardDeviation: elementStandardDeviation(z),
                                      preActivationSecondMoment: z.withUnsafeBufferPointer { p in
                                          p.reduce(0) { $0 + $1 * $1 } / Double(Swift.max(p.count, 1)) },
                                      activationStandardDeviation: elementStandardDeviation(a),
                                      weightGradientNorm: 0, inputGradientNorm: 0))
            x = a
        }
        var g = outputGradient
        for i in dense.indices.reversed() {
            g = dense[i].backward(g)
            result[i].weightGradientNorm = dense[i].weightGradient.norm()
            result[i].inputGradientNorm = g.norm()
        }
        return result
    }
}
