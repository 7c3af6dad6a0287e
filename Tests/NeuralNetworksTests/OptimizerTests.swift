import NeuralNetworks
import TensorCore
import Testing

/// f(x, y) = ½(x² + 10y²): condition number 10, minimum at the origin.
private func quadraticGradient(_ p: Tensor) -> Tensor { Tensor([p[0], 10 * p[1]]) }

/// Runs `steps` updates from (3, 2) and returns the final point.
private func minimise(_ optimizer: inout some Optimizer, steps: Int) -> Tensor {
    var parameters = [Tensor([3, 2])]
    for _ in 0..<steps {
        optimizer.step(parameters: &parameters, gradients: [quadraticGradient(parameters[0])])
    }
    return parameters[0]
}

@Suite struct OptimizerTests {
    @Test func sgd() {
        var optimizer = SGD(learningRate: 0.15)
        #expect(minimise(&optimizer, steps: 200).norm() < 1e-6)
    }

    @Test func momentum() {
        var optimizer = Momentum(learningRate: 0.05, momentum: 0.8)
        #expect(minimise(&optimizer, steps: 300).norm() < 1e-6)
    }

    @Test func nesterov() {
        var optimizer = Momentum(learningRate: 0.05, momentum: 0.8, nesterov: true)
        #expect(minimise(&optimizer, steps: 300).norm() < 1e-6)
    }

    @Test("one step on f = θ²/2 from θ = 1 (η = 0.1, μ = 0.9): heavy ball 0.9, Nesterov 0.81")
    func nesterovLooksAhead() {
        for (nesterov, expected) in [(false, 0.9), (true, 0.81)] {
            var optimizer = Momentum(learningRate: 0.1, momentum: 0.9, nesterov: nesterov)
            var theta = Tensor([1.0])
            optimizer.update(&theta, gradient: theta, slot: 0)
            #expect(abs(theta[0] - expected) < 1e-12)
        }
    }

    @Test func adaGrad() {
        var optimizer = AdaGrad(learningRate: 1)
        #expect(minimise(&optimizer, steps: 300).norm() < 1e-4)
    }

    @Test func rmsProp() {
        var optimizer = RMSProp(learningRate: 0.01)
        #expect(minimise(&optimizer, steps: 1000).norm() < 1e-2)
    }

    @Test func adam() {
        var optimizer = Adam(learningRate: 0.1)
        #expect(minimise(&optimizer, steps: 1000).norm() < 1e-3)
    }

    @Test func adamFirstStepHasMagnitudeOfLearningRate() {
        var optimizer = Adam(learningRate: 0.01)
        var parameters = [Tensor([3, 2])]
        optimizer.step(parameters: &parameters, gradients: [Tensor([3, 20])])
        let change = Tensor([3, 2]) - parameters[0]
        #expect(abs(change[0] - 0.01) < 1e-8 && abs(change[1] - 0.01) < 1e-8)
    }

    @Test func statePerParameterAndReset() {
        // Two parameters with different gradients keep separate velocities.
        var optimizer = Momentum(learningRate: 1, momentum: 0.5)
        var parameters = [Tensor([0]), Tensor([0, 0])]
        optimizer.step(parameters: &parameters, gradients: [Tensor([1]), Tensor([2, 4])])
        optimizer.step(parameters: &parameters, gradients: [Tensor([1]), Tensor([2, 4])])
        #expect(parameters[0] == Tensor([-2.5]) && parameters[1] == Tensor([-5, -10]))
        optimizer.reset()
        optimizer.step(parameters: &parameters, gradients: [Tensor([1]), Tensor([2, 4])])
        #expect(parameters[0] == Tensor([-3.5]))
    }

    @Test func stepOnNetworkUsesStoredGradients() {
        var generator = SeededGenerator(seed: 8)
        var network = Sequential(layerSizes: [2, 3, 1], hiddenActivation: .tanh, using: &generator)
        let x = Tensor.normal([4, 2], using: &generator), y = Tensor.normal([4, 1], using: &generator)
        network.computeGradients(input: x, target: y, loss: .halfSquaredError)
        var expected = network.parameters
        for i in expected.indices { expected[i].add(network.gradients[i], scaledBy: -0.1) }
        var optimizer = SGD(learningRate: 0.1)
        optimizer.step(&network)
        #expect(network.parameters == expected)
    }
}
