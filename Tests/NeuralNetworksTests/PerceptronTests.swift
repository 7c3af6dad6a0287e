import NeuralNetworks
import TensorCore
import Testing

@Suite struct PerceptronTests {
    static let inputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]

    @Test(arguments: [("OR", [0.0, 1, 1, 1]), ("AND", [0.0, 0, 0, 1])])
    func learnsLinearlySeparableFunctions(_ name: String, _ targets: [Double]) {
        var perceptron = Perceptron(inputCount: 2)
        let history = perceptron.train(inputs: Self.inputs, targets: targets, learningRate: 1, maxEpochs: 20)
        #expect(history.last == 0, "\(name): \(history)")
        #expect(history.count <= 6, "\(name): \(history)")
        #expect(Self.inputs.map { perceptron.output(for: $0) } == targets)
        #expect(perceptron.trainEpoch(inputs: Self.inputs, targets: targets, learningRate: 1) == 0)
    }

    @Test func neverLearnsXOR() {
        var perceptron = Perceptron(inputCount: 2)
        let history = perceptron.train(inputs: Self.inputs, targets: [0, 1, 1, 0], learningRate: 1, maxEpochs: 100)
        #expect(history.count == 100)
        #expect(history.allSatisfy { $0 > 0 })
    }

    @Test func ruleUpdatesWeightsAndBias() {
        var p = Perceptron(weights: [0.5, -0.5], bias: 0)
        #expect(p.output(for: [1.0, 0]) == 1)
        // Output 1, target 0: w ← w − η(1 − 0)x and w₀ ← w₀ − η(1 − 0)·1.
        let wasWrong = p.update(input: [1, 0], target: 0, learningRate: 0.1)
        #expect(wasWrong)
        #expect(p.weights == [0.4, -0.5] && p.bias == -0.1)
        // Output 1 (0.4 − 0.1 > 0), target 1: a correct answer changes nothing.
        let wasWrongAgain = p.update(input: [1, 0], target: 1, learningRate: 0.1)
        #expect(!wasWrongAgain)
        #expect(p.weights == [0.4, -0.5] && p.bias == -0.1)
    }

    @Test func tensorInputsAndSeededStart() {
        var generator = SeededGenerator(seed: 4)
        var a = Perceptron(inputCount: 2, initialRange: -1...1, using: &generator)
        var b = a
        let x = Tensor(Self.inputs)
        let historyA = a.train(inputs: x, targets: [0, 1, 1, 1])
        let historyB = b.train(inputs: Self.inputs, targets: [0, 1, 1, 1])
        #expect(historyA == historyB && historyA.last == 0)
        #expect(a.weights == b.weights && a.bias == b.bias)
    }
}
