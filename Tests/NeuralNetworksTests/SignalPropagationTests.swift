import NeuralNetworks
import TensorCore
import Testing

@Suite struct SignalPropagationTests {
    @Test func standardDeviationDividesByTheCount() {
        #expect(elementStandardDeviation([1, 3]) == 1)
        #expect(abs(elementStandardDeviation([[1, 0], [2, 0]]) - 0.6875.squareRoot()) < 1e-15)
        #expect(elementStandardDeviation(Tensor([5, 5, 5])) == 0)
    }

    @Test func signalsMatchAForwardAndBackwardPassByHand() {
        var generator = SeededGenerator(seed: 21)
        var network = Sequential(layerSizes: [3, 4, 4, 2], hiddenActivation: .tanh, outputActivation: .sigmoid,
                                 using: &generator)
        let x = Tensor.normal([5, 3], using: &generator)
        let g = Tensor.normal([5, 2], using: &generator)
        let signals = network.signals(input: x, outputGradient: g)
        #expect(signals.count == 3)
        // Activations: compare with the layers applied one at a time.
        var a = x
        for (i, signal) in signals.enumerated() {
            let layer = network[dense: i]
            var z = matmul(a, layer.weights)
            z += layer.bias
            #expect(abs(signal.preActivationStandardDeviation - elementStandardDeviation(z)) < 1e-12)
            #expect(abs(signal.preActivationSecondMoment - z.scalars.map { $0 * $0 }.reduce(0, +) / Double(z.count)) < 1e-12)
            a = layer(a)
            #expect(abs(signal.activationStandardDeviation - elementStandardDeviation(a)) < 1e-12)
        }
        // Gradients: the library's own backward pass.
        _ = network.forward(x)
        var gradient = g
        for i in network.layers.indices.reversed() {
            gradient = network.layers[i].backward(gradient)
            #expect(abs(signals[i].inputGradientNorm - gradient.norm()) < 1e-12)
            #expect(abs(signals[i].weightGradientNorm - network[dense: i].weightGradient.norm()) < 1e-12)
        }
    }
}

@Suite struct MonteCarloEstimateTests {
    @Test func meanSpreadAndStandardError() {
        let estimate = MonteCarloEstimate([1, 2, 3, 4])
        #expect(estimate.mean == 2.5)
        #expect(abs(estimate.standardDeviation - (5.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(estimate.standardError - (5.0 / 3).squareRoot() / 2) < 1e-15)
        #expect(estimate.agrees(with: 2.5 + 3.9 * estimate.standardError))
        #expect(!estimate.agrees(with: 2.5 + 4.1 * estimate.standardError))
    }

    @Test func secondMomentRatiosFollowTheVarianceOfTheWeights() {
        // Linear: outputs · Var(w); through a ReLU: half of that. 4 standard errors of 60 trials.
        for (initializer, outputs, relu, expected) in [(Initializer.lecunNormal, 32, false, 1.0),
                                                       (.lecunNormal, 16, false, 0.5),
                                                       (.heNormal, 32, true, 1.0),
                                                       (.lecunUniform, 32, true, 0.5)] {
            let estimate = MonteCarloEstimate(secondMomentRatios(initializer: initializer, inputs: 32, outputs: outputs,
                                                                 trials: 60, batch: 16, throughReLU: relu, seed: 7))
            #expect(estimate.agrees(with: expected), "\(initializer.name) \(outputs) relu \(relu): \(estimate)")
            #expect(!estimate.agrees(with: expected * 1.2) && !estimate.agrees(with: expected / 1.2))
        }
    }
}
