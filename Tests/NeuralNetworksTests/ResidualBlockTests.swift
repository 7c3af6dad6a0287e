import NeuralNetworks
import TensorCore
import Testing

@Suite struct ResidualBlockTests {
    @Test func forwardAddsTheInputBeforeTheOuterActivation() {
        let block = ResidualBlock(inner: Dense(weights: .identity(2), bias: [0, 0], activation: .relu),
                                  outer: Dense(weights: [[2, 0], [0, 2]], bias: [0, 0]),
                                  outputActivation: .identity)
        // x = [1, −1]: ReLU(x·I) = [1, 0], ·2I = [2, 0], + x = [3, −1].
        #expect(block([[1, -1]]) == [[3, -1]])
        var relu = block
        relu.outputActivation = .relu
        #expect(relu([[1, -1]]) == [[3, 0]])
        #expect(block.parameterCount == 12)
    }

    @Test(arguments: [Activation.identity, .relu, .tanh])
    func backwardMatchesFiniteDifferences(_ outputActivation: Activation) {
        var generator = SeededGenerator(seed: 11)
        var block = ResidualBlock(width: 5, activation: .tanh, outputActivation: outputActivation,
                                  weightInitializer: .heNormal, using: &generator)
        let x = Tensor.normal([4, 5], using: &generator)
        let upstream = Tensor.normal([4, 5], using: &generator)
        func loss(_ b: ResidualBlock, _ input: Tensor) -> Double { (b(input) * upstream).sum() }
        let forwardOutput = block.forward(x)
        #expect(forwardOutput == block(x))
        let dx = block.backward(upstream)
        let checks = [
            checkGradient(label: "x", at: x, analyticGradient: dx) { loss(block, $0) },
            checkGradient(label: "W₁", at: block.inner.weights, analyticGradient: block.inner.weightGradient) { w in
                var copy = block
                copy.inner.weights = w
                return loss(copy, x)
            },
            checkGradient(label: "W₂", at: block.outer.weights, analyticGradient: block.outer.weightGradient) { w in
                var copy = block
                copy.outer.weights = w
                return loss(copy, x)
            },
            checkGradient(label: "b₂", at: block.outer.bias, analyticGradient: block.outer.biasGradient) { b in
                var copy = block
                copy.outer.bias = b
                return loss(copy, x)
            },
        ]
        for check in checks { #expect(check.passes(tolerance: 1e-6), "\(outputActivation.name) \(check)") }
    }

    @Test func theSkipConnectionPassesTheGradientWhenTheBranchIsZero() {
        var generator = SeededGenerator(seed: 12)
        var block = ResidualBlock(width: 3, outputActivation: .identity, branchScale: 0, using: &generator)
        _ = block.forward(Tensor.normal([2, 3], using: &generator))
        let upstream = Tensor.normal([2, 3], using: &generator)
        #expect(block.backward(upstream) == upstream)
    }
}
