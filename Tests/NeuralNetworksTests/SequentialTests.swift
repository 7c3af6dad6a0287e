import NeuralNetworks
import TensorCore
import Testing

@Suite struct SequentialTests {
    @Test(arguments: [
        (Activation.tanh, Activation.identity, Loss.halfSquaredError),
        (.sigmoid, .identity, .categoricalCrossEntropyWithLogits),
        (.softplus, .identity, .binaryCrossEntropyWithLogits),
        (.elu(alpha: 1), .sigmoid, .squaredError),
    ])
    func gradientsMatchFiniteDifferences(_ hidden: Activation, _ output: Activation, _ loss: Loss) {
        var generator = SeededGenerator(seed: 21)
        let network = Sequential(layerSizes: [3, 5, 4, 2], hiddenActivation: hidden, outputActivation: output,
                                 using: &generator)
        let input = Tensor.normal([6, 3], using: &generator)
        let target = loss == .categoricalCrossEntropyWithLogits || loss == .binaryCrossEntropyWithLogits
            ? oneHot([0, 1, 1, 0, 1, 0], count: 2)
            : Tensor.normal([6, 2], using: &generator)
        // Rounding noise in the central difference is about 1e-11 (1.07e-11 measured on one weight
        // of the sigmoid/logits case), so derivatives below 2e-5 (a sigmoid layer has a few) are
        // compared against the floor `tiny` instead of themselves: 1e-6 of it is twice the noise.
        let results = network.checkGradients(loss: loss, input: input, target: target, tiny: 2e-5)
        #expect(results.count == 6)
        for result in results { #expect(result.passes(tolerance: 1e-6), "\(result)") }
    }

    @Test func wrongGradientIsCaught() {
        // The classic slip: the gradient of ½-less squared error taken as (ŷ − y)/m.
        let prediction: Tensor = [[0.3, -1.2], [2.0, 0.7]]
        let target: Tensor = [[0, 1], [1, 0]]
        let wrong = Loss.halfSquaredError.evaluate(prediction: prediction, target: target).gradient
        let check = checkGradient(at: prediction, analyticGradient: wrong) {
            Loss.squaredError.value(prediction: $0, target: target)
        }
        #expect(!check.passes(tolerance: 1e-3))
        #expect(abs(check.maxRelativeError - 0.5) < 1e-6)
        #expect(abs(check.numeric - 2 * check.analytic) < 1e-6)

        // A backward pass that forgets the activation derivative is caught too.
        var generator = SeededGenerator(seed: 2)
        var network = Sequential(layerSizes: [2, 3, 1], hiddenActivation: .tanh, using: &generator)
        let x = Tensor.normal([4, 2], using: &generator), y = Tensor.normal([4, 1], using: &generator)
        network.computeGradients(input: x, target: y, loss: .halfSquaredError)
        var broken = network
        broken[dense: 0].activation = .identity   // the backward pass used f′ = 1
        broken.computeGradients(input: x, target: y, loss: .halfSquaredError)
        let badCheck = checkGradient(at: network[dense: 0].weights, analyticGradient: broken[dense: 0].weightGradient) { w in
            var copy = network
            copy[dense: 0].weights = w
            return Loss.halfSquaredError.value(prediction: copy.predict(x), target: y)
        }
        #expect(!badCheck.passes(tolerance: 1e-3))
    }

    @Test func predictMatchesForwardAndVectorInput() {
        var generator = SeededGenerator(seed: 4)
        var network = Sequential(layerSizes: [3, 4, 2], hiddenActivation: .relu, using: &generator)
        let x = Tensor.normal([5, 3], using: &generator)
        #expect(network.predict(x) == network.forward(x))
        #expect(network.predict(x.row(2)) == network.predict(x).row(2))
        #expect(network.parameters.count == 4 && network.gradients.count == 4)
        #expect(network.parameters.map(\.shape) == [[3, 4], [4], [4, 2], [2]])
    }

    @Test func adamLearnsXOR() {
        var generator = SeededGenerator(seed: 1)
        var network = Sequential(layerSizes: [2, 8, 1], hiddenActivation: .tanh, using: &generator)
        let x: Tensor = [[0, 0], [0, 1], [1, 0], [1, 1]]
        let y: Tensor = [[0], [1], [1], [0]]
        var optimizer = Adam(learningRate: 0.05)
        var loss = Double.infinity
        for _ in 0..<500 {
            loss = network.computeGradients(input: x, target: y, loss: .binaryCrossEntropyWithLogits)
            optimizer.step(&network)
        }
        #expect(loss < 0.05)
        let predictions = network.predict(x).scalars.map { $0 > 0 ? 1.0 : 0.0 }
        #expect(predictions == [0, 1, 1, 0])
    }
}
