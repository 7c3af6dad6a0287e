import NeuralNetworks
import TensorCore
import Testing

@Suite struct DropoutTests {
    @Test func inferenceIsTheIdentity() {
        let layer = Dropout(rate: 0.5, generator: SeededGenerator(seed: 1, stream: "dropout"))
        let x: Tensor = [[1, -2, 3], [0.5, 4, -6]]
        #expect(layer(x) == x)
        #expect(layer.parameterCount == 0)
    }

    @Test func trainingKeepsAFractionQAndDividesTheSurvivorsByQ() {
        var layer = Dropout(rate: 0.3, generator: SeededGenerator(seed: 2, stream: "dropout"))
        let x = Tensor.ones([200, 500])
        let y = layer.forward(x)
        let q = 0.7
        // Every entry is 0 or 1/q, and the mask is what multiplied x.
        #expect(y.scalars.allSatisfy { $0 == 0 || abs($0 - 1 / q) < 1e-15 })
        #expect(layer.mask == y)
        // 100,000 Bernoulli(0.7) draws: the kept fraction has standard deviation √(0.21/1e5) ≈ 0.00145.
        let kept = Double(y.scalars.filter { $0 != 0 }.count) / Double(y.count)
        #expect(abs(kept - q) < 5 * (q * (1 - q) / Double(y.count)).squareRoot(), "kept fraction \(kept)")
        // Inverted dropout keeps the mean: E[y] = x.
        #expect(abs(y.mean() - 1) < 0.01, "mean \(y.mean())")
    }

    @Test func theMaskChangesFromBatchToBatchAndFollowsTheGenerator() {
        var a = Dropout(rate: 0.5, generator: SeededGenerator(seed: 3, stream: "dropout"))
        var b = a
        let x = Tensor.ones([4, 10])
        let first = a.forward(x), second = a.forward(x)
        #expect(first != second)
        #expect(b.forward(x) == first)   // a copy continues the same stream
        var noDropout = Dropout(rate: 0, generator: SeededGenerator(seed: 3))
        #expect(noDropout.forward(x) == x)
    }

    @Test func backwardMatchesCentralDifferencesWithTheSameMask() {
        var generator = SeededGenerator(seed: 4)
        let before = Dropout(rate: 0.4, generator: SeededGenerator(seed: 4, stream: "dropout"))
        let x = Tensor.normal([6, 7], using: &generator)
        let upstream = Tensor.normal([6, 7], using: &generator)
        var layer = before
        _ = layer.forward(x)
        let analytic = layer.backward(upstream)
        #expect(analytic == layer.mask! * upstream)
        // Each evaluation starts from the layer before its forward pass, so it draws the same mask.
        let result = checkGradient(at: x, analyticGradient: analytic) { input in
            var probe = before
            return (probe.forward(input) * upstream).sum()
        }
        #expect(result.passes(tolerance: 1e-6), "\(result)")
        #expect(layer.backward(upstream, accumulate: false, needsInputGradient: false) == nil)
    }

    @Test func aNetworkWithDropoutBackPropagatesThroughTheMask() {
        var generator = SeededGenerator(seed: 5)
        let network = Sequential([
            Dense(inputs: 5, outputs: 8, activation: .tanh, using: &generator),
            Dropout(rate: 0.5, generator: SeededGenerator(seed: 5, stream: "dropout")),
            Dense(inputs: 8, outputs: 3, using: &generator),
        ])
        let x = Tensor.normal([4, 5], using: &generator)
        let target = Tensor.normal([4, 3], using: &generator)
        var trained = network
        trained.computeGradients(input: x, target: target, loss: .halfSquaredError)
        // Training differs from inference (the mask), and both halves of the network get gradients.
        var sample = network
        #expect(sample.forward(x) != network.predict(x))
        for index in [0, 2, 3] {   // W₁, W₂, b₂
            let result = checkTrainingModeGradient(of: network, parameter: index, gradient: trained.gradients[index],
                                                   input: x, target: target)
            #expect(result.passes(tolerance: 1e-6), "\(network.parameterName(index)): \(result)")
        }
    }
}
