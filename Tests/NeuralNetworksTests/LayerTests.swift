import NeuralNetworks
import TensorCore
import Testing

/// Every layer's backward pass against central differences, through the `Layer` protocol only,
/// and `Sequential` of mixed layers returning ∂L/∂input.
@Suite struct LayerTests {
    /// L = Σ (layer(x) ⊙ u) for a fixed random u, so ∂L/∂y = u. L is of order 1, so central
    /// differences carry rounding noise near 1e-11: derivatives are compared against a floor of
    /// 1e-4 (`tiny`), where that noise is 1e-7, and must agree to 1e-6. A missing f′ is off by O(1).
    static func checkBackward(_ layer: some Layer, input: Tensor, seed: UInt64 = 5) {
        var generator = SeededGenerator(seed: seed)
        var trained = layer
        let output = trained.forward(input)
        let upstream = Tensor.normal(output.shape, using: &generator)
        let inputGradient = trained.backward(upstream)
        let loss = { (l: any Layer, x: Tensor) in (l(x) * upstream).sum() }
        let inputCheck = checkGradient(label: "\(layer.kind) ∂L/∂x", at: input, analyticGradient: inputGradient,
                                       tiny: 1e-4) { loss(layer, $0) }
        #expect(inputCheck.passes(tolerance: 1e-6), "\(inputCheck)")
        let gradients = trained.gradients
        #expect(gradients.count == layer.parameters.count && gradients.count == layer.parameterNames.count)
        for (k, parameter) in layer.parameters.enumerated() {
            var probe = layer
            let result = checkGradient(label: "\(layer.kind) \(layer.parameterNames[k])", at: parameter,
                                       analyticGradient: gradients[k], tiny: 1e-4) { value in
                probe.parameters[k] = value
                return loss(probe, input)
            }
            #expect(result.passes(tolerance: 1e-6), "\(result)")
        }
    }

    @Test(arguments: [Activation.identity, .sigmoid, .tanh, .relu, .softplus, .elu(alpha: 1)])
    func denseBackwardMatchesFiniteDifferences(_ activation: Activation) {
        var generator = SeededGenerator(seed: 1)
        let dense = Dense(inputs: 4, outputs: 3, activation: activation, biasInitializer: .uniform(-0.5...0.5),
                          using: &generator)
        Self.checkBackward(dense, input: .normal([6, 4], using: &generator))
    }

    @Test(arguments: [Activation.sigmoid, .tanh, .relu, .leakyReLU(slope: 0.1), .swish, .mish])
    func activationLayerBackwardMatchesFiniteDifferences(_ activation: Activation) {
        var generator = SeededGenerator(seed: 2)
        // Inputs away from 0, where ReLU-like functions have their kink.
        let input = Tensor.normal([5, 3], using: &generator).map { $0 + ($0 >= 0 ? 0.05 : -0.05) }
        Self.checkBackward(ActivationLayer(activation), input: input)
    }

    @Test func residualBlockBackwardMatchesFiniteDifferences() {
        var generator = SeededGenerator(seed: 3)
        let block = ResidualBlock(width: 4, activation: .tanh, outputActivation: .tanh, using: &generator)
        Self.checkBackward(block, input: .normal([5, 4], using: &generator))
    }

    /// A network of every kind of layer: ∂L/∂input from `backward` against finite differences,
    /// and every parameter's gradient (what DDPG needs from a critic: ∇ₐQ).
    @Test func sequentialOfMixedLayersReturnsTheInputGradient() {
        var generator = SeededGenerator(seed: 4)
        var network = Sequential([
            Dense(inputs: 3, outputs: 5, using: &generator),
            ActivationLayer(.tanh),
            ResidualBlock(width: 5, activation: .sigmoid, outputActivation: .identity, using: &generator),
            Dense(inputs: 5, outputs: 2, activation: .identity, using: &generator),
        ])
        #expect(network.inputCount == 3 && network.outputCount == 2)
        #expect(network.parameterTensorCount == 8)
        let x = Tensor.normal([4, 3], using: &generator)
        let y = Tensor.normal([4, 2], using: &generator)
        let prediction = network.forward(x)
        let (_, lossGradient) = Loss.halfSquaredError.evaluate(prediction: prediction, target: y)
        let inputGradient = network.backward(lossGradient)
        let fixed = network
        let inputCheck = checkGradient(label: "∂L/∂x", at: x, analyticGradient: inputGradient) {
            Loss.halfSquaredError.value(prediction: fixed.predict($0), target: y)
        }
        #expect(inputCheck.passes(tolerance: 1e-7), "\(inputCheck)")
        let parameterChecks = network.checkGradients(loss: .halfSquaredError, input: x, target: y)
        #expect(parameterChecks.count == 8)
        for result in parameterChecks { #expect(result.passes(tolerance: 1e-6), "\(result)") }
        #expect(network.parameterName(4) == "layer 2 outer weights")
    }

    /// A broken backward (the activation's derivative left out) is caught by the same check.
    @Test func theCheckCatchesABrokenBackward() {
        var generator = SeededGenerator(seed: 6)
        let good = Dense(inputs: 3, outputs: 2, activation: .tanh, using: &generator)
        let x = Tensor.normal([4, 3], using: &generator)
        var broken = good
        broken.activation = .identity
        _ = broken.forward(x)
        let upstream = Tensor.normal([4, 2], using: &generator)
        let wrong = broken.backward(upstream)
        let result = checkGradient(at: x, analyticGradient: wrong) { (good($0) * upstream).sum() }
        #expect(!result.passes(tolerance: 1e-4))
    }

    /// The optimizer steps every parameter of every kind of layer, in the order of `parameters`.
    @Test func optimizerStepsEveryLayersParameters() {
        var generator = SeededGenerator(seed: 7)
        var network = Sequential([
            Dense(inputs: 2, outputs: 4, using: &generator),
            ActivationLayer(.relu),
            ResidualBlock(width: 4, using: &generator),
        ])
        let x = Tensor.normal([3, 2], using: &generator), y = Tensor.normal([3, 4], using: &generator)
        network.computeGradients(input: x, target: y, loss: .halfSquaredError)
        let before = network.parameters, gradients = network.gradients
        var sgd = SGD(learningRate: 0.1)
        sgd.step(&network)
        #expect(network.parameters.count == 6)
        for (k, parameter) in network.parameters.enumerated() {
            #expect(parameter == before[k] - 0.1 * gradients[k])
        }
    }

    @Test func summaryNamesLayersByKind() {
        var generator = SeededGenerator(seed: 8)
        let network = Sequential([Dense(inputs: 3, outputs: 4, using: &generator), ActivationLayer(.relu),
                                  Dense(inputs: 4, outputs: 1, using: &generator)])
        let summary = network.summary()
        #expect(summary.contains(" dense (Dense)") && summary.contains(" activation (Activation)")
                && summary.contains(" dense_1 (Dense)") && summary.contains("Total params: 21"))
    }

    /// PyTorch's `nn.Linear` default: weights and bias from U(±1/√fanIn).
    @Test func pytorchLinearInitialisationHasTheRightBoundAndSpread() {
        var generator = SeededGenerator(seed: 9)
        let dense = Dense(inputs: 25, outputs: 400, weightInitializer: .pytorchLinear,
                          biasInitializer: .pytorchLinear, using: &generator)
        let bound = 1 / 5.0
        #expect(dense.weights.scalars.allSatisfy { abs($0) <= bound })
        #expect(dense.bias.scalars.allSatisfy { abs($0) <= bound })
        #expect(dense.weights.max() > 0.99 * bound && dense.bias.max() > 0.95 * bound)
        // Variance of U(±a) is a²/3: 1/75 here, over 10,000 draws within a few per cent.
        let variance = dense.weights.scalars.map { $0 * $0 }.reduce(0, +) / Double(dense.weights.count)
        #expect(abs(variance - bound * bound / 3) < 0.03 * bound * bound / 3)
    }

    /// A split batch (two halves on two cores) computes exactly what the two halves give one
    /// after the other, gradients added first half + second half; and the same as one pass up
    /// to the summation order.
    @Test func splitBatchesAreTheTwoHalvesAddedInOrder() {
        var generator = SeededGenerator(seed: 10)
        var plain = Sequential(layerSizes: [4, 16, 8, 3], using: &generator)
        var split = plain
        split.splitBatchesFrom = 64
        let x = Tensor.normal([101, 4], using: &generator), y = Tensor.normal([101, 3], using: &generator)
        let outputSplit = split.forward(x)
        let (_, gradient) = Loss.halfSquaredError.evaluate(prediction: outputSplit, target: y)
        let inputGradientSplit = split.backward(gradient)
        var first = plain, second = plain
        let (top, bottom) = (0..<50, 50..<101)
        let outputs = Tensor(concatenating: [first.forward(x.rows(top)), second.forward(x.rows(bottom))])
        let inputGradients = Tensor(concatenating: [first.backward(gradient.rows(top)), second.backward(gradient.rows(bottom))])
        #expect(outputSplit == outputs)
        #expect(split.predict(x) == outputs)
        #expect(inputGradientSplit == inputGradients)
        for (k, g) in split.gradients.enumerated() { #expect(g == first.gradients[k] + second.gradients[k]) }
        let outputPlain = plain.forward(x)
        let inputGradientPlain = plain.backward(gradient)
        #expect((outputPlain - outputSplit).norm() <= 1e-12 * outputPlain.norm())
        #expect((inputGradientPlain - inputGradientSplit).norm() <= 1e-12 * inputGradientPlain.norm())
        for (p, g) in zip(plain.gradients, split.gradients) { #expect((p - g).norm() <= 1e-12 * p.norm()) }
        // Below the threshold nothing is split.
        var small = split
        let smallInput = x.rows(0..<63)
        var reference = plain
        #expect(small.forward(smallInput) == reference.forward(smallInput))
    }

    @Test func gatheringAndScatteringPickTheChosenColumns() {
        let q: Tensor = [[1, 2, 3], [4, 5, 6]]
        #expect(q.gathering(columns: [2, 0]) == Tensor([[3], [4]]))
        #expect(Tensor([[7], [8]]).scattering(columns: [2, 0], width: 3) == Tensor([[0, 0, 7], [8, 0, 0]]))
    }
}
