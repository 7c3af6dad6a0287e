import NeuralNetworks
import TensorCore

/// The checks that grade `Lesson01Answers`: the notes' worked numbers first, then seeded
/// random cases so that an answer cannot be tuned to the examples.
public enum Lesson01Checks {
    /// The exercises of Lesson01, in the order of `Exercises/Lesson01.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson01", name: "reluNeuron", task: "a neuron's output max(w·x + b, 0)",
                 hints: ["The lecture's examples are good first checks: weights [1, 1, 1] with bias 3 on input [1, 1, 1] give "
                         + "6; weights [1, 2, 3] with bias 8 on [−3, −2, −1] give 0.",
                         "Start from z = bias and add weights[i] · input[i] for every i (a loop, or zip and reduce); the "
                         + "answer is max(z, 0)."])
        { (answers: any Lesson01Answers.Type) in try checkReluNeuron(answers) },
        Exercise(lesson: "Lesson01", name: "sigmoidDerivative", task: "σ′(z) written with s = σ(z) only",
                 hints: ["Differentiate 1 / (1 + e⁻ᶻ) with the chain rule and look for σ(z) and 1 − σ(z) in the result. This "
                         + "identity is why the sigmoid's backward pass is so cheap.",
                         "E⁻ᶻ/(1 + e⁻ᶻ) equals 1 − σ(z): split σ′(z) = e⁻ᶻ/(1 + e⁻ᶻ)² into two such factors."])
        { (answers: any Lesson01Answers.Type) in try checkSigmoidDerivative(answers) },
        Exercise(lesson: "Lesson01", name: "perceptronEpoch", task: "one epoch of the rule w ← w − η(y − t)x",
                 hints: ["A sample that is already classified right changes nothing, because y − t = 0.",
                         "Copy the weights and the bias into `var`s, loop over zip(inputs, targets), and change them inside "
                         + "the loop so that the next sample sees the new values; the bias moves by −η(y − t)."])
        { (answers: any Lesson01Answers.Type) in try checkPerceptronEpoch(answers) },
        Exercise(lesson: "Lesson01", name: "xnorNetwork", task: "a 2–2–1 ReLU network that computes XNOR",
                 hints: ["Like XOR, XNOR is not linearly separable, so no single neuron computes it. The lesson builds XOR "
                         + "from two ReLUs of x₁ + x₂ and x₁ + x₂ − 1; XNOR is 1 − XOR.",
                         "With h₁ = ReLU(x₁ + x₂) and h₂ = ReLU(x₁ + x₂ − 1), XOR is h₁ − 2h₂; express 1 − XOR through the "
                         + "output weights and the output bias."])
        { (answers: any Lesson01Answers.Type) in try checkXNORNetwork(answers) },
    ]

    static func checkReluNeuron<A: Lesson01Answers>(_ answers: A.Type) throws {
        // The worked examples of the main lecture, then random cases.
        var cases: [(weights: [Double], bias: Double, input: [Double])] = [
            ([1, 1, 1], 3, [1, 1, 1]),
            ([1, 1, 1], 0, [-10, 0, 0]),
            ([1, 2, 3], 8, [-3, -2, -1]),
            ([1, -1], -1, [3, 1]),
            ([1, -1], -1, [1, 1]),
        ]
        var generator = SeededGenerator(seed: 101)
        for _ in 0..<20 {
            let n = generator.int(in: 1...5)
            let weights = (0..<n).map { _ in generator.uniform(in: -2...2) }
            let input = (0..<n).map { _ in generator.uniform(in: -2...2) }
            cases.append((weights, generator.uniform(in: -1...1), input))
        }
        for c in cases {
            let z = zip(c.weights, c.input).reduce(c.bias) { $0 + $1.0 * $1.1 }
            let got = try answers.reluNeuron(weights: c.weights, bias: c.bias, input: c.input)
            try expectClose(got, max(z, 0), tolerance: 1e-12,
                            what: "neuron output", input: "weights \(format(c.weights)), bias \(format(c.bias)), input \(format(c.input))",
                            hint: z < 0 ? "a negative weighted sum must give 0"
                                        : "add the bias to Σᵢ wᵢxᵢ, then apply max(·, 0)")
        }
    }

    static func checkSigmoidDerivative<A: Lesson01Answers>(_ answers: A.Type) throws {
        for z in stride(from: -6.0, through: 6.0, by: 0.75) {
            let s = sigmoid(z)
            // The expected value comes from central differences of σ, not from a formula.
            let h = 1e-5
            let numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
            let got = try answers.sigmoidDerivative(sigmoid: s)
            try expectClose(got, numeric, tolerance: 1e-8, what: "σ′(z)", input: "s = σ(\(format(z))) = \(format(s))",
                            hint: "differentiate 1 / (1 + e⁻ᶻ) and write the result with σ itself")
        }
    }

    static func checkPerceptronEpoch<A: Lesson01Answers>(_ answers: A.Type) throws {
        let orInputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
        var cases: [(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double], rate: Double)] = [
            ([0, 0], 0, orInputs, [0, 1, 1, 1], 0.25),
            ([0.5, -0.5], 0.1, orInputs, [0, 0, 0, 1], 0.25),
            ([-0.2, 0.3], 0.0, orInputs, [0, 1, 1, 0], 0.5),
        ]
        var generator = SeededGenerator(seed: 102)
        for _ in 0..<10 {
            let n = generator.int(in: 1...4)
            let inputs = (0..<6).map { _ in (0..<n).map { _ in generator.uniform(in: -1...1) } }
            let targets = (0..<6).map { _ in generator.bernoulli(0.5) ? 1.0 : 0.0 }
            let weights = (0..<n).map { _ in generator.uniform(in: -0.5...0.5) }
            cases.append((weights, generator.uniform(in: -0.5...0.5), inputs, targets, 0.1))
        }
        for c in cases {
            // The rule, one sample at a time, in order.
            var (weights, bias) = (c.weights, c.bias)
            for (x, t) in zip(c.inputs, c.targets) {
                let z = zip(weights, x).reduce(bias) { $0 + $1.0 * $1.1 }
                let y: Double = z > 0 ? 1 : 0
                for i in weights.indices { weights[i] -= c.rate * (y - t) * x[i] }
                bias -= c.rate * (y - t)
            }
            let got = try answers.perceptronEpoch(weights: c.weights, bias: c.bias, inputs: c.inputs,
                                                  targets: c.targets, learningRate: c.rate)
            let input = "weights \(format(c.weights)), bias \(format(c.bias)), inputs \(format(c.inputs)), "
                + "targets \(format(c.targets)), η = \(format(c.rate))"
            let hint = "visit the samples in order; output 1 only when w·x + b > 0; update the weights "
                + "and the bias (its input is 1) after each sample, before the next one"
            // A wrong bias soon makes the weights wrong too: then the report names both.
            let weightsRight = got.weights.count == weights.count
                && zip(got.weights, weights).allSatisfy { isClose($0, $1, 1e-12) }
            if !isClose(got.bias, bias, 1e-12) && !weightsRight && got.weights.count == weights.count {
                throw WrongAnswer(quantity: "weights and bias", input: input,
                                  expected: "weights \(format(weights)), bias \(format(bias))",
                                  got: "weights \(format(got.weights)), bias \(format(got.bias))", hint: hint)
            }
            try expectClose(got.weights, weights, tolerance: 1e-12, what: "weights", input: input, hint: hint)
            try expectClose(got.bias, bias, tolerance: 1e-12, what: "bias", input: input, hint: hint)
        }
    }

    static func checkXNORNetwork<A: Lesson01Answers>(_ answers: A.Type) throws {
        let network = try answers.xnorNetwork()
        let shapeOK = network.hiddenWeights.count == 2 && network.hiddenWeights.allSatisfy { $0.count == 2 }
            && network.hiddenBiases.count == 2 && network.outputWeights.count == 2
        guard shapeOK else {
            throw WrongAnswer(quantity: "shape of the network", input: "none (xnorNetwork takes no input)",
                              expected: "hiddenWeights: 2 rows of 2 numbers; hiddenBiases: 2 numbers; outputWeights: 2 numbers",
                              got: "hiddenWeights: \(network.hiddenWeights.count) rows of \(network.hiddenWeights.map(\.count)) numbers; "
                                + "hiddenBiases: \(network.hiddenBiases.count) numbers; "
                                + "outputWeights: \(network.outputWeights.count) numbers",
                              hint: "two hidden units, each with two input weights")
        }
        for (x, target) in [([0.0, 0.0], 1.0), ([0, 1], 0), ([1, 0], 0), ([1, 1], 1)] {
            try expectClose(network.output(for: x), target, tolerance: 1e-9, what: "network output", input: "x = \(format(x))",
                            hint: "XNOR is 1 − XOR: start from the lesson's XOR network and change only "
                                + "the output layer")
        }
    }
}

