import Testing
@testable import NeuralNetworks
import TensorCore

/// The buffers a network keeps from one pass to the next (each dense layer's pre-activation and
/// gradients, the second half of a split batch) must never change a number: every pass gives
/// exactly what a fresh copy of the network gives, after optimizer steps, a change of batch size,
/// and a change made to a layer from outside.
@Suite struct WorkspaceTests {
    /// One training step on a fresh copy of `network`'s layers, done the unsplit way half by
    /// half when `split` (as `Sequential` splits), as the reference for the reused buffers.
    private func referenceGradients(_ network: Sequential, _ x: Tensor, _ y: Tensor, split: Bool) -> (Tensor, [Tensor]) {
        var fresh = Sequential(network.layers)
        guard split else {
            let output = fresh.forward(x)
            fresh.backward(Loss.halfSquaredError.evaluate(prediction: output, target: y).gradient)
            return (output, fresh.gradients)
        }
        let m = x.shape[0], cut = m / 2
        var (first, second) = (fresh, fresh)
        let output = Tensor(concatenating: [first.forward(x.rows(0..<cut)), second.forward(x.rows(cut..<m))])
        let gradient = Loss.halfSquaredError.evaluate(prediction: output, target: y).gradient
        first.backward(gradient.rows(0..<cut))
        second.backward(gradient.rows(cut..<m))
        return (output, zip(first.gradients, second.gradients).map { $0 + $1 })
    }

    @Test("repeated passes with reused buffers equal passes on fresh copies, bit for bit", arguments: [false, true])
    func reusedBuffersChangeNoNumber(split: Bool) {
        var generator = SeededGenerator(seed: 31)
        var network = Sequential(layerSizes: [4, 24, 16, 2], using: &generator)
        network.splitBatchesFrom = split ? 64 : nil
        var optimizer = Adam(learningRate: 0.01)
        for (step, rows) in [128, 128, 101, 128, 128].enumerated() {
            if step == 3 { network[dense: 1].activation = .tanh }  // a change from outside
            let x = Tensor.normal([rows, 4], using: &generator), y = Tensor.normal([rows, 2], using: &generator)
            let (expectedOutput, expectedGradients) = referenceGradients(network, x, y, split: split)
            let output = network.forward(x)
            network.backward(Loss.halfSquaredError.evaluate(prediction: output, target: y).gradient)
            #expect(output == expectedOutput, "step \(step)")
            #expect(network.gradients == expectedGradients, "step \(step)")
            #expect(network.predict(x) == output, "step \(step)")
            optimizer.step(&network)
        }
    }

    @Test func anOutputKeptByTheCallerIsNotOverwrittenByTheNextPass() {
        var generator = SeededGenerator(seed: 32)
        var network = Sequential(layerSizes: [3, 8, 8, 2], using: &generator)
        let x1 = Tensor.normal([10, 3], using: &generator), x2 = Tensor.normal([10, 3], using: &generator)
        let first = network.forward(x1)
        let copy = Tensor(shape: first.shape, scalars: first.scalars.map { $0 })
        _ = network.forward(x2)
        #expect(first == copy)
    }

    @Test("the fused bias-and-activation pass gives the numbers of the plain formulas", arguments: Activation.catalogue)
    func fusedDensePassMatchesTheFormula(activation: Activation) {
        var generator = SeededGenerator(seed: 33)
        var dense = Dense(inputs: 5, outputs: 11, activation: activation, biasInitializer: .uniform(-1...1), using: &generator)
        let x = Tensor.normal([9, 5], using: &generator), g = Tensor.normal([9, 11], using: &generator)
        let z = matmul(x, dense.weights) + dense.bias
        #expect(dense(x) == activation(z))
        #expect(dense.forward(x) == activation(z))
        let dx = dense.backward(g)
        let delta = g * activation.derivative(z)
        #expect(dense.weightGradient == matmul(x, delta, transposeA: true))
        #expect(dense.biasGradient == delta.sum(alongAxis: 0))
        #expect(dx == matmul(delta, dense.weights, transposeB: true))
    }
}
