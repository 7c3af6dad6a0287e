import NeuralNetworks
import TensorCore

/// The checks that grade `Lesson02Answers`: the notes' worked numbers first where there are
/// any, then seeded random cases so that an answer cannot be tuned to the examples. Expected
/// values come from the library (`Dense`, `BackpropagationTrace`) or from exact formulas.
public enum Lesson02Checks {
    /// The exercises of Lesson02, in the order of `Exercises/Lesson02.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson02", name: "denseBackward", task: "∂W, ∂b and ∂x of a dense ReLU layer on a batch",
                 hints: ["First form δ = ∂L/∂y ⊙ ReLU′(z), where ReLU′(z) is 1 for z > 0 and 0 otherwise (recompute z from x, "
                         + "W and b). Then ∂L/∂W = xᵀ·δ, ∂L/∂b sums δ over the samples, and ∂L/∂x = δ·Wᵀ. Check the shapes: each"
                         + " gradient has the shape of what it differentiates.",
                         "Loop over samples i, outputs j and inputs p: δᵢⱼ is ∂L/∂yᵢⱼ or 0; add xᵢₚ·δᵢⱼ to ∂W[p][j], δᵢⱼ to "
                         + "∂b[j] and δᵢⱼ·W[p][j] to ∂x[i][p]."])
        { (answers: any Lesson02Answers.Type) in try checkDenseBackward(answers) },
        Exercise(lesson: "Lesson02", name: "networkGradient", task: "every derivative of a ReLU network by backpropagation",
                 hints: ["Run the forward pass first and keep every z and a. Then δᴸ = (aᴸ − y) ⊙ σ′(zᴸ), δˡ = σ′(zˡ) ⊙ "
                         + "(wˡ⁺¹)ᵀ δˡ⁺¹, ∂C/∂wˡⱼₖ = δˡⱼ aˡ⁻¹ₖ, ∂C/∂bˡⱼ = δˡⱼ. The lecture's example (w² = [[10, 1, 1, 1], [1, "
                         + "1, 1, 1]], w³ = [[1, 1], [1, 1]], w⁴ = [[1, 1]], biases 0, x = [−1, 1, 1, 1], y = 1) must give "
                         + "∂C/∂w²₂₁ = −6.",
                         "Walk the layers from the last to the first; use δˡ for layer l's two gradients, then compute δˡ⁻¹ "
                         + "from δˡ with layer l's weights before moving on."])
        { (answers: any Lesson02Answers.Type) in try checkNetworkGradient(answers) },
        Exercise(lesson: "Lesson02", name: "centralDifference", task: "a central-difference gradient of f: ℝⁿ → ℝ",
                 hints: ["Change one coordinate at a time on a copy of the point. The grader uses h = 0.001 and expects an "
                         + "error of order h², which a one-sided (f(x + h eᵢ) − f(x)) / h does not reach.",
                         "For each i: copy the point twice, add `step` to entry i of one copy and subtract it from the other, "
                         + "and divide f(plus) − f(minus) by 2·step."])
        { (answers: any Lesson02Answers.Type) in try checkCentralDifference(answers) },
        Exercise(lesson: "Lesson02", name: "miniBatchStep", task: "one mini-batch SGD step for ŷ = w·x + b",
                 hints: ["∂C/∂w = (1/s) Σᵢ (ŷᵢ − yᵢ) xᵢ and ∂C/∂b = (1/s) Σᵢ (ŷᵢ − yᵢ). Compute all residuals with the old "
                         + "weights before changing any of them: one step per batch, not per sample.",
                         "Accumulate Σ residual·x and Σ residual in two sums with the old w and b, divide both by s, and only "
                         + "then update w and b."])
        { (answers: any Lesson02Answers.Type) in try checkMiniBatchStep(answers) },
    ]

    /// A random matrix with entries in −range…range.
    static func randomMatrix(_ rows: Int, _ columns: Int, _ range: Double, _ generator: inout SeededGenerator) -> [[Double]] {
        (0..<rows).map { _ in (0..<columns).map { _ in generator.uniform(in: -range...range) } }
    }

    static func checkDenseBackward<A: Lesson02Answers>(_ answers: A.Type) throws {
        // A hand-sized case with one unit switched off, then random ones.
        var cases: [(x: [[Double]], w: [[Double]], b: [Double], dy: [[Double]])] = [
            ([[1, 2]], [[1, -1], [0.5, 1]], [0, -3], [[1, 1]]),
            ([[1, -1], [2, 0.5]], [[1, 2, -1], [-1, 0.5, 1]], [0.1, -0.2, 0.3], [[1, -2, 0.5], [0.5, 1, -1]]),
        ]
        var generator = SeededGenerator(seed: 201)
        for _ in 0..<12 {
            let (m, n, k) = (generator.int(in: 1...4), generator.int(in: 1...4), generator.int(in: 1...4))
            cases.append((randomMatrix(m, n, 2, &generator), randomMatrix(n, k, 1, &generator),
                          (0..<k).map { _ in generator.uniform(in: -0.5...0.5) }, randomMatrix(m, k, 1, &generator)))
        }
        for c in cases {
            var layer = Dense(weights: Tensor(c.w), bias: Tensor(c.b), activation: .relu)
            _ = layer.forward(Tensor(c.x))
            let dx = layer.backward(Tensor(c.dy))
            let rows = { (t: Tensor) in (0..<t.shape[0]).map { t.row($0).scalars } }
            let got = try answers.denseBackward(input: c.x, weights: c.w, bias: c.b, outputGradient: c.dy)
            let input = "x = \(format(c.x)), W = \(format(c.w)), b = \(format(c.b)), ∂L/∂y = \(format(c.dy))"
            let mask = "δ = ∂L/∂y ⊙ ReLU′(z) with z = x·W + b: zero where z ≤ 0"
            try expectClose(got.weights, rows(layer.weightGradient), tolerance: 1e-10, what: "∂L/∂W", input: input,
                                  hint: "∂L/∂W = xᵀ·δ, where " + mask)
            try expectClose(got.bias, layer.biasGradient.scalars, tolerance: 1e-10, what: "∂L/∂b", input: input,
                            hint: "∂L/∂b sums δ over the rows (the samples), where " + mask)
            try expectClose(got.input, rows(dx), tolerance: 1e-10, what: "∂L/∂x", input: input,
                                  hint: "∂L/∂x = δ·Wᵀ, where " + mask)
        }
    }

    static func checkNetworkGradient<A: Lesson02Answers>(_ answers: A.Type) throws {
        // The notes' worked example (seed 000 lines 438–532), then random ReLU networks.
        var cases: [(w: [[[Double]]], b: [[Double]], x: [Double], y: [Double])] = [
            ([[[10, 1, 1, 1], [1, 1, 1, 1]], [[1, 1], [1, 1]], [[1, 1]]], [[0, 0], [0, 0], [0]], [-1, 1, 1, 1], [1]),
        ]
        var generator = SeededGenerator(seed: 202)
        for _ in 0..<12 {
            let depth = generator.int(in: 1...3)
            var widths = [generator.int(in: 1...4)]
            for _ in 0..<depth { widths.append(generator.int(in: 1...4)) }
            var w: [[[Double]]] = [], b: [[Double]] = []
            for l in 1..<widths.count {
                w.append(randomMatrix(widths[l], widths[l - 1], 1, &generator))
                // Positive-leaning biases keep most units on, so that most derivatives are not 0.
                b.append((0..<widths[l]).map { _ in generator.uniform(in: 0...1) })
            }
            cases.append((w, b, (0..<widths[0]).map { _ in generator.uniform(in: -2...2) },
                          (0..<widths.last!).map { _ in generator.uniform(in: -2...2) }))
        }
        for c in cases {
            let trace = BackpropagationTrace(weights: c.w.map { Tensor($0) }, biases: c.b.map { Tensor($0) },
                                             activations: Array(repeating: .relu, count: c.w.count),
                                             input: Tensor(c.x), label: Tensor(c.y))
            let got = try answers.networkGradient(weights: c.w, biases: c.b, input: c.x, label: c.y)
            let input = "weights \(c.w.map { format($0) }), biases \(c.b.map { format($0) }), x = \(format(c.x)), y = \(format(c.y))"
            guard got.weights.count == c.w.count, got.biases.count == c.b.count else {
                throw WrongAnswer(quantity: "number of layers", input: input, expected: "\(c.w.count) weight gradients and \(c.b.count) bias gradients",
                                  got: "\(got.weights.count) and \(got.biases.count)",
                                  hint: "one gradient per layer l = 2 … L, in the order of `weights`")
            }
            for i in c.w.indices {
                let expected = trace.weightGradients[i]
                let rows = (0..<expected.shape[0]).map { expected.row($0).scalars }
                try expectClose(got.weights[i], rows, tolerance: 1e-10, what: "∂C/∂w\(i + 2)", input: input,
                                      hint: "∂C/∂wˡⱼₖ = δˡⱼ aˡ⁻¹ₖ with δᴸ = (aᴸ − y) ⊙ σ′(zᴸ) and "
                                        + "δˡ = σ′(zˡ) ⊙ (wˡ⁺¹)ᵀ δˡ⁺¹; σ′(z) is 1 for z > 0, else 0")
                try expectClose(got.biases[i], trace.biasGradients[i].scalars, tolerance: 1e-10, what: "∂C/∂b\(i + 2)", input: input,
                                hint: "∂C/∂bˡⱼ = δˡⱼ (the notes' δˡₖ is a slip)")
            }
        }
    }

    static func checkCentralDifference<A: Lesson02Answers>(_ answers: A.Type) throws {
        // Functions with known gradients. With h = 1e-3 a central difference is within about
        // 1e-6 of the truth; a one-sided difference is off by about 1e-3 and fails.
        let functions: [(name: String, f: @Sendable ([Double]) -> Double, gradient: @Sendable ([Double]) -> [Double])] = [
            ("Σ xᵢ³", { $0.reduce(0) { $0 + $1 * $1 * $1 } }, { $0.map { 3 * $0 * $0 } }),
            ("‖x‖²", { $0.reduce(0) { $0 + $1 * $1 } }, { $0.map { 2 * $0 } }),
            ("sin(x₁)·e^(x₂) + x₁x₂", { sin($0[0]) * exp($0[1]) + $0[0] * $0[1] },
             { [cos($0[0]) * exp($0[1]) + $0[1], sin($0[0]) * exp($0[1]) + $0[0]] }),
        ]
        var generator = SeededGenerator(seed: 203)
        for (index, function) in functions.enumerated() {
            for _ in 0..<4 {
                let n = index == 2 ? 2 : generator.int(in: 1...5)
                let point = (0..<n).map { _ in generator.uniform(in: -1...1) }
                let got = try answers.centralDifference(of: function.f, at: point, step: 1e-3)
                try expectClose(got, function.gradient(point), tolerance: 2e-5,
                                what: "gradient", input: "f(x) = \(function.name) at x = \(format(point)), h = 0.001",
                                hint: "for each i, evaluate f with xᵢ raised by h and with xᵢ lowered by h, "
                                    + "and divide the difference by 2h (a one-sided difference is not accurate enough)")
            }
        }
    }

    static func checkMiniBatchStep<A: Lesson02Answers>(_ answers: A.Type) throws {
        var cases: [(w: [Double], b: Double, x: [[Double]], y: [Double], rate: Double)] = [
            ([0.5, -0.25], 0.1, [[1, 2], [0, -1], [3, 1], [-2, 0.5]], [1, 0, 2, -1], 0.1),
        ]
        var generator = SeededGenerator(seed: 204)
        for _ in 0..<10 {
            let (s, n) = (generator.int(in: 2...6), generator.int(in: 1...4))
            cases.append(((0..<n).map { _ in generator.uniform(in: -1...1) }, generator.uniform(in: -1...1),
                          randomMatrix(s, n, 2, &generator), (0..<s).map { _ in generator.uniform(in: -2...2) },
                          generator.uniform(in: 0.01...0.3)))
        }
        for c in cases {
            // w ← w − η (1/s) Σᵢ (ŷᵢ − yᵢ) xᵢ,  b ← b − η (1/s) Σᵢ (ŷᵢ − yᵢ).
            var (w, b) = (c.w, c.b)
            let s = Double(c.x.count)
            for (x, y) in zip(c.x, c.y) {
                let residual = zip(c.w, x).reduce(c.b) { $0 + $1.0 * $1.1 } - y
                for j in w.indices { w[j] -= c.rate * residual * x[j] / s }
                b -= c.rate * residual / s
            }
            let got = try answers.miniBatchStep(weights: c.w, bias: c.b, inputs: c.x, targets: c.y, learningRate: c.rate)
            let input = "w = \(format(c.w)), b = \(format(c.b)), batch x = \(format(c.x)), y = \(format(c.y)), η = \(format(c.rate))"
            let hint = "compute every residual ŷᵢ − yᵢ with the weights before the step; the gradient is the "
                + "mean over the batch, (1/s) Σᵢ (ŷᵢ − yᵢ)·xᵢ (and (1/s) Σᵢ (ŷᵢ − yᵢ) for b); then step against it"
            try expectClose(got.weights, w, tolerance: 1e-10, what: "weights", input: input, hint: hint)
            try expectClose(got.bias, b, tolerance: 1e-10, what: "bias", input: input, hint: hint)
        }
    }
}
