import NeuralNetworks
import TensorCore
import Testing

@Suite("BackpropagationTrace")
struct BackpropagationTraceTests {
    /// A random network in the notes' layout (wˡ is [nₗ, nₗ₋₁]) with random biases.
    func randomTrace(_ sizes: [Int], _ activation: Activation, _ generator: inout SeededGenerator) -> BackpropagationTrace {
        var weights: [Tensor] = [], biases: [Tensor] = []
        for l in 1..<sizes.count {
            weights.append(Tensor.normal([sizes[l], sizes[l - 1]], standardDeviation: 0.7, using: &generator))
            biases.append(Tensor.normal([sizes[l]], standardDeviation: 0.5, using: &generator))
        }
        return BackpropagationTrace(weights: weights, biases: biases,
                                    activations: Array(repeating: activation, count: weights.count),
                                    input: Tensor.normal([sizes[0]], using: &generator),
                                    label: Tensor.normal([sizes.last!], using: &generator))
    }

    @Test("the trace's index loops agree with Dense's batched backward pass")
    func agreesWithDense() {
        var generator = SeededGenerator(seed: 21)
        for activation in [Activation.sigmoid, .tanh, .relu, .softplus, .identity] {
            for sizes in [[3, 2], [4, 3, 2], [2, 5, 4, 3]] {
                let trace = randomTrace(sizes, activation, &generator)
                var network = trace.sequential()
                let cost = network.computeGradients(input: trace.a(1).reshaped([1, sizes[0]]),
                                                    target: trace.label.reshaped([1, sizes.last!]), loss: .halfSquaredError)
                #expect(abs(cost - trace.cost) < 1e-12)
                for i in network.layers.indices {
                    let layer = network[dense: i]
                    #expect(layer.weightGradient.transposed().isApproximatelyEqual(to: trace.weightGradients[i], absoluteTolerance: 1e-12))
                    #expect(layer.biasGradient.isApproximatelyEqual(to: trace.biasGradients[i], absoluteTolerance: 1e-12))
                }
            }
        }
    }

    @Test("notes' numbering: a(1) is the input, z(l), delta(l) and the gradients start at layer 2")
    func numbering() {
        var generator = SeededGenerator(seed: 22)
        let trace = randomTrace([3, 4, 2], .tanh, &generator)
        #expect(trace.layerCount == 3)
        #expect(trace.a(1).shape == [3] && trace.z(2).shape == [4] && trace.delta(3).shape == [2])
        #expect(trace.weightGradient(2).shape == [4, 3] && trace.biasGradient(3).shape == [2])
        #expect(trace.output == trace.a(3))
        #expect(trace.costGradient == trace.output - trace.label)
    }
}

@Suite("Dense backward against finite differences")
struct DenseFiniteDifferenceTests {
    /// The acceptance test: random networks of several depths, widths and activations.
    @Test("random networks: relative error below 1e-6 for every parameter tensor")
    func randomNetworks() {
        var generator = SeededGenerator(seed: 23)
        let activations: [Activation] = [.sigmoid, .tanh, .relu, .leakyReLU(slope: 0.1), .elu(alpha: 1), .softplus,
                                         .softsign, .swish, .mish, .identity]
        for sizes in [[3, 4, 1], [4, 6, 2], [5, 8, 8, 3], [6, 10, 7, 5, 2]] {
            for activation in activations {
                let network = Sequential((1..<sizes.count).map { l in
                    Dense(inputs: sizes[l - 1], outputs: sizes[l], activation: l == sizes.count - 1 ? .identity : activation,
                          weightInitializer: .xavierNormal, biasInitializer: .normal(standardDeviation: 0.5), using: &generator)
                })
                let x = Tensor.normal([4, sizes[0]], using: &generator), y = Tensor.normal([4, sizes.last!], using: &generator)
                for loss in [Loss.halfSquaredError, .squaredError] {
                    for agreement in network.gradientAgreement(loss: loss, input: x, target: y) {
                        #expect(agreement.relativeError < 1e-6, "\(sizes) \(activation.name) \(loss.name): \(agreement)")
                    }
                }
            }
        }
    }

    @Test("numericGradient is exact to O(h²) on a cubic, and GradientAgreement flags a wrong gradient")
    func numericGradientAndAgreement() {
        let point: Tensor = [0.5, -1, 2]
        let numeric = numericGradient(at: point, step: 1e-3) { $0.scalars.reduce(0) { $0 + $1 * $1 * $1 } }
        // ((x + h)³ − (x − h)³) / 2h = 3x² + h².
        #expect(numeric.isApproximatelyEqual(to: point.map { 3 * $0 * $0 + 1e-6 }, absoluteTolerance: 1e-9))
        let right = GradientAgreement(label: "cubic", analytic: point.map { 3 * $0 * $0 }, numeric: numeric)
        #expect(right.relativeError < 1e-6)
        let wrong = GradientAgreement(label: "cubic", analytic: point.map { 2 * $0 * $0 }, numeric: numeric)
        #expect(wrong.relativeError > 0.1)
        #expect(GradientAgreement(label: "zero", analytic: .zeros([2]), numeric: .zeros([2])).relativeError == 0)
    }
}

@Suite("Sequential.trainEpoch")
struct MiniBatchEpochTests {
    func data(_ m: Int, _ generator: inout SeededGenerator) -> (Tensor, Tensor) {
        (Tensor.normal([m, 3], using: &generator), Tensor.normal([m, 2], using: &generator))
    }

    @Test("a full batch is one plain gradient step")
    func fullBatch() {
        var generator = SeededGenerator(seed: 24)
        let (x, y) = data(10, &generator)
        var network = Sequential(layerSizes: [3, 4, 2], hiddenActivation: .tanh, using: &generator)
        var manual = network
        var optimizer = SGD(learningRate: 0.1)
        let steps = network.trainEpoch(inputs: x, targets: y, loss: .halfSquaredError, batchSize: 10,
                                       optimizer: &optimizer, using: &generator).steps
        manual.computeGradients(input: x, target: y, loss: .halfSquaredError)
        var sgd = SGD(learningRate: 0.1)
        sgd.step(&manual)
        #expect(steps == 1)
        #expect(zip(network.parameters, manual.parameters).allSatisfy { $0 == $1 })
    }

    @Test("⌈m / s⌉ steps per epoch, one callback per step, and the loss goes down")
    func miniBatches() {
        var generator = SeededGenerator(seed: 25)
        let (x, y) = data(23, &generator)
        var network = Sequential(layerSizes: [3, 8, 2], hiddenActivation: .tanh, using: &generator)
        var optimizer = SGD(learningRate: 0.05)
        let before = Loss.halfSquaredError.value(prediction: network.predict(x), target: y)
        var calls = 0
        for batchSize in [1, 5, 23, 100] {
            calls = 0
            let steps = network.trainEpoch(inputs: x, targets: y, loss: .halfSquaredError, batchSize: batchSize,
                                           optimizer: &optimizer, using: &generator) { _ in calls += 1 }.steps
            #expect(steps == (23 + batchSize - 1) / batchSize && calls == steps)
        }
        // With a zero learning rate nothing moves, whatever the batches.
        var frozen = network
        var still = SGD(learningRate: 0)
        frozen.trainEpoch(inputs: x, targets: y, loss: .halfSquaredError, batchSize: 4, optimizer: &still, using: &generator)
        #expect(zip(frozen.parameters, network.parameters).allSatisfy { $0 == $1 })
        #expect(Loss.halfSquaredError.value(prediction: network.predict(x), target: y) < before)
    }
}
