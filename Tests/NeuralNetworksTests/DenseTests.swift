import NeuralNetworks
import TensorCore
import Testing

@Suite struct DenseTests {
    @Test func forwardIsAffineThenActivation() {
        let layer = Dense(weights: [[1, 2], [3, 4], [5, 6]], bias: [0.5, -100], activation: .relu)
        let y = layer([[1, 0, -1], [1, 1, 1]])
        #expect(y == [[0, 0], [9.5, 0]])                 // [-4+0.5, -4-100] and [9+0.5, 12-100] after ReLU
        #expect(layer([1, 1, 1]) == [9.5, 0])              // a vector maps to a vector
        #expect(layer.parameterCount == 8)
    }

    @Test(arguments: [Activation.tanh, .sigmoid, .softplus, .identity, .elu(alpha: 1), .swish])
    func backwardMatchesFiniteDifferences(_ activation: Activation) {
        var generator = SeededGenerator(seed: 3)
        var layer = Dense(inputs: 4, outputs: 3, activation: activation,
                          biasInitializer: .normal(standardDeviation: 0.5), using: &generator)
        let x = Tensor.normal([5, 4], using: &generator)
        let upstream = Tensor.normal([5, 3], using: &generator)
        // L = Σ upstream ⊙ y, so ∂L/∂y = upstream.
        func loss(_ l: Dense, _ input: Tensor) -> Double { (l(input) * upstream).sum() }
        _ = layer.forward(x)
        let dx = layer.backward(upstream)
        let checks = [
            checkGradient(label: "x", at: x, analyticGradient: dx) { loss(layer, $0) },
            checkGradient(label: "W", at: layer.weights, analyticGradient: layer.weightGradient) { w in
                var copy = layer
                copy.weights = w
                return loss(copy, x)
            },
            checkGradient(label: "b", at: layer.bias, analyticGradient: layer.biasGradient) { b in
                var copy = layer
                copy.bias = b
                return loss(copy, x)
            },
        ]
        for check in checks { #expect(check.passes(tolerance: 1e-6), "\(activation.name) \(check)") }
    }

    @Test func vectorInputGivesVectorGradients() {
        var generator = SeededGenerator(seed: 5)
        var layer = Dense(inputs: 3, outputs: 2, activation: .tanh, using: &generator)
        let x: Tensor = [0.5, -1, 2]
        let y = layer.forward(x)
        #expect(y.shape == [2])
        let dx = layer.backward([1, -1])
        #expect(dx.shape == [3])
        #expect(layer.weightGradient.shape == [3, 2] && layer.biasGradient.shape == [2])
        // The same as a batch of one row.
        var batchLayer = layer
        _ = batchLayer.forward(x.reshaped([1, 3]))
        #expect(batchLayer.backward([[1, -1]]).scalars == dx.scalars)
        #expect(batchLayer.weightGradient == layer.weightGradient)
    }

    @Test func accumulateAddsGradients() {
        var generator = SeededGenerator(seed: 9)
        var layer = Dense(inputs: 2, outputs: 2, activation: .sigmoid, using: &generator)
        _ = layer.forward([[1, 2]])
        layer.backward([[1, 1]])
        let once = layer.weightGradient
        layer.backward([[1, 1]], accumulate: true)
        #expect(layer.weightGradient.isApproximatelyEqual(to: once * 2))
        layer.zeroGradients()
        #expect(layer.weightGradient == .zeros([2, 2]) && layer.biasGradient == .zeros([2]))
    }
}
