import NeuralNetworks
import TensorCore
import Testing

/// The worked numbers of Lesson 01 against the notes, and the lesson's claims.
@Suite("Lesson01 worked numbers and claims")
struct Lesson01Tests {
    func relu(_ weights: [Double], _ bias: Double, _ input: [Double]) -> Double {
        Neuron(weights: Tensor(weights), bias: bias, activation: .relu).output(for: input)
    }

    @Test("seed 000 line 157: f₍₁,₁,₁,₃₎(1, 1, 1) = 6")
    func reluExampleSix() {
        #expect(relu([1, 1, 1], 3, [1, 1, 1]) == 6)
    }

    @Test("seed 000 line 159: f₍₁,₁,₁,₀₎(−10, 0, 0) = 0")
    func reluExampleZero() {
        #expect(relu([1, 1, 1], 0, [-10, 0, 0]) == 0)
    }

    @Test("seed 000 line 163: f₍₁,₂,₃,₈₎(−3, −2, −1) = max(−2, 0) = 0")
    func reluExampleNegativeSum() {
        let neuron = Neuron(weights: [1, 2, 3], bias: 8, activation: .relu)
        #expect(neuron.preActivation(for: [-3, -2, -1]) == -2)
        #expect(neuron.output(for: [-3, -2, -1]) == 0)
    }

    @Test("seed 000 lines 42–47: ReLU(x₁ − x₂ − 1) is 0 when x₁ ≤ x₂ + 1, else x₁ − x₂ − 1")
    func reluRegion() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<200 {
            let x1 = generator.uniform(in: -5...5), x2 = generator.uniform(in: -5...5)
            let expected = x1 <= x2 + 1 ? 0 : x1 - x2 - 1
            #expect(abs(relu([1, -1], -1, [x1, x2]) - expected) < 1e-12)
        }
    }

    @Test("seed 000 lines 51–55: threshold(x₁ + x₂) is 0 on the line x₁ = −x₂ (the notes' ≥ should be >)")
    func thresholdBoundary() {
        let neuron = Neuron(weights: [1, 1], bias: 0, activation: .step)
        #expect(neuron.output(for: [1, -1]) == 0)
        #expect(neuron.output(for: [0, 0]) == 0)
        #expect(neuron.output(for: [1.001, -1]) == 1)
        #expect(neuron.output(for: [0.999, -1]) == 0)
    }

    @Test("seed 004 lines 650–671: z = 1 + 3·(−1) − 2·2 = −6 and σ(−6) = 0.0024726 (the notes round to 0.002)")
    func sigmoidWorkedExample() {
        let neuron = Neuron(weights: [3, -2], bias: 1, activation: .sigmoid)
        #expect(neuron.preActivation(for: [-1, 2]) == -6)
        let output = neuron.output(for: [-1, 2])
        #expect(abs(output - 0.002472623156634775) < 1e-15)
        #expect(abs(output - 0.002) < 5e-4, "the notes' 0.002 is a rounding of this value")
        #expect(abs(output - 0.002) > 4e-4, "…but a coarse one: off by about a fifth")
    }

    @Test("seed 004 lines 602 and 611: σ′ = σ(1 − σ) and tanh′ = 1 − tanh²")
    func derivativeIdentities() {
        for z in stride(from: -5.0, through: 5.0, by: 0.5) {
            let s = Activation.sigmoid(z), t = Activation.tanh(z)
            #expect(abs(Activation.sigmoid.derivative(z) - s * (1 - s)) < 1e-12)
            #expect(abs(Activation.tanh.derivative(z) - (1 - t * t)) < 1e-12)
        }
    }

    @Test("lesson claim: every activation's derivative matches central differences off its kinks")
    func catalogueDerivatives() {
                for activation in Activation.catalogue {
            for i in 0..<400 {
                let z = -4.0 + 8.0 * (Double(i) + 0.5) / 400
                let numeric = (activation(z + 1e-5) - activation(z - 1e-5)) / 2e-5
                #expect(abs(numeric - activation.derivative(z)) < 1e-6, "\(activation.name) at \(z)")
            }
        }
    }

    @Test("seed 004 lines 1174 and 1280: the perceptron rule learns OR and AND with no mistakes left")
    func perceptronLearnsOrAndAnd() {
        let inputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
        for targets in [[0.0, 1, 1, 1], [0.0, 0, 0, 1]] {
            var perceptron = Perceptron(inputCount: 2)
            let history = perceptron.train(inputs: inputs, targets: targets, learningRate: 0.25, maxEpochs: 50)
            #expect(history.last == 0)
            #expect(history.count < 10)
            #expect(inputs.map { perceptron.output(for: $0) } == targets)
        }
    }

    @Test("lesson claim: on XOR the perceptron rule never has an epoch without mistakes, and cycles")
    func perceptronCyclesOnXOR() {
        let inputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
        var perceptron = Perceptron(inputCount: 2)
        var seen: Set<[Double]> = []
        var repeated = false
        for _ in 0..<200 {
            repeated = repeated || !seen.insert(perceptron.weights.scalars + [perceptron.bias]).inserted
            #expect(perceptron.trainEpoch(inputs: inputs, targets: [0, 1, 1, 0], learningRate: 0.25) > 0)
        }
        #expect(repeated, "the weights should revisit an earlier state")
    }

    @Test("lesson claim: the hand-built 2–2–1 ReLU network computes XOR exactly")
    func xorNetwork() {
        let network = Sequential([
            Dense(weights: [[1, 1], [1, 1]], bias: [0, -1], activation: .relu),
            Dense(weights: [[1], [-2]], bias: [0], activation: .identity),
        ])
        for (input, target) in zip([[0.0, 0], [0, 1], [1, 0], [1, 1]], [0.0, 1, 1, 0]) {
            #expect(network.predict(Tensor(input)).scalars == [target])
        }
    }

    @Test("lesson claim: a 6–4–4–1 network has (6·4 + 4) + (4·4 + 4) + (4·1 + 1) = 53 parameters")
    func sixInputParameterCount() {
        var generator = SeededGenerator(seed: 42)
        let network = Sequential([
            Dense(inputs: 6, outputs: 4, activation: .relu, using: &generator),
            Dense(inputs: 4, outputs: 4, activation: .relu, using: &generator),
            Dense(inputs: 4, outputs: 1, activation: .identity, using: &generator),
        ])
        #expect(network.parameterCount == 53)
    }

    @Test("seed 000 lines 157–163 and seed 004 lines 650–671: the lesson prints the notes' worked numbers and each agrees",
          arguments: [("f₍₁,₁,₁,₃₎(1, 1, 1)", 6.0), ("f₍₁,₁,₁,₀₎(−10, 0, 0)", 0), ("f₍₁,₂,₃,₈₎(−3, −2, −1)", 0),
                      ("z = 1 + 3·(−1) − 2·2", -6), ("ŷ = σ(−6)", 0.002473)])
    func workedNumbersAsPrinted(label: String, value: Double) async throws {
        let run = try await LessonRun.quick("Lesson01")
        let comparison = try #require(run.comparison(label), "no comparison '\(label)' in \(run)")
        #expect(comparison.computedNumber == value && comparison.agrees, "\(label): \(comparison)")
    }

    @Test("lesson claims as printed: OR and AND learned, XOR never error-free, the 2–2–1 network computes XOR, 53 parameters")
    func claimsAsPrinted() async throws {
        let run = try await LessonRun.quick("Lesson01")
        for claim in ["OR: every output equals its target", "AND: every output equals its target",
                      "no epoch is free of mistakes", "the network computes XOR exactly on all four inputs",
                      "it has (6·4 + 4) + (4·4 + 4) + (4·1 + 1) = 53 parameters",
                      "every derivative matches its finite difference"] {
            #expect(run.held(claim), "missing or failing: \(claim)")
        }
        #expect(run.output.contains("Total params: 53"), "the summary of the 6–4–4–1 network")
    }
}
