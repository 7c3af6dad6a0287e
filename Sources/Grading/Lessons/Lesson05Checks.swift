import NeuralNetworks
import TensorCore

/// The checks that grade `Lesson05Answers`: the lesson's numbers first, then seeded random
/// cases so that an answer cannot be tuned to the examples.
public enum Lesson05Checks {
    /// The exercises of Lesson05, in the order of `Exercises/Lesson05.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson05", name: "xavierBound", task: "the half-width a of √3·U[−1/√W, 1/√W]",
                 hints: ["U[−a, a] has variance a²/3, and the point of the scheme is the variance 1/W. For W = 256 the lesson "
                         + "prints a = 0.108253.",
                         "Set a²/3 = 1/W and solve for a; `.squareRoot()` works on a Double."])
        { (answers: any Lesson05Answers.Type) in try checkXavierBound(answers) },
        Exercise(lesson: "Lesson05", name: "heStandardDeviation", task: "the standard deviation of He's N(0, 2/fanIn)",
                 hints: ["A ReLU keeps only half of the second moment of a symmetric input, so He doubles Xavier's variance "
                         + "1/fanIn. Mind the difference between a variance and a standard deviation.",
                         "The variance is 2/fanIn; the standard deviation is its square root."])
        { (answers: any Lesson05Answers.Type) in try checkHeStandardDeviation(answers) },
        Exercise(lesson: "Lesson05", name: "activationVariances", task: "the variance of aˡ = f(aˡ⁻¹·Wˡ) after every layer",
                 hints: ["`matmul(a, w)` multiplies the batch by a layer; `mean()` and `scalars` help with the variance. This "
                         + "is the measurement behind the lesson's 50-layer plots.",
                         "Keep `var a = input`; for each w set a = activation(matmul(a, w)), then take Σ (v − mean)² / count "
                         + "over a.scalars."])
        { (answers: any Lesson05Answers.Type) in try checkActivationVariances(answers) },
        Exercise(lesson: "Lesson05", name: "residualInputGradient", task: "∂L/∂x for y = W₂ReLU(W₁x) + x",
                 hints: ["X reaches y along two paths, so ∂L/∂x is a sum of two terms. On the branch, go back through W₂ "
                         + "(transpose), the ReLU (keep only the units where W₁x > 0), then W₁ (transpose). `matmul(a, b, "
                         + "transposeA: true)` multiplies by a transpose; reshape vectors to `[n, 1]`.",
                         "Z = matmul(w1, x as [n, 1]); back = W₂ᵀδ with the entries where z ≤ 0 set to 0 (`combined(with:)`); "
                         + "the answer is δ + W₁ᵀ·back, reshaped to [n]."])
        { (answers: any Lesson05Answers.Type) in try checkResidualInputGradient(answers) },
    ]

    static func checkXavierBound<A: Lesson05Answers>(_ answers: A.Type) throws {
        var generator = SeededGenerator(seed: 501)
        let widths = [256, 1, 3, 64] + (0..<20).map { _ in generator.int(in: 2...5000) }
        for width in widths {
            // A uniform on [−a, a] has variance a²/3, and the scheme wants variance 1/W.
            let expected = (3 / Double(width)).squareRoot()
            let got = try answers.xavierBound(width: width)
            try expectClose(got, expected, tolerance: 1e-12 * max(1, expected), what: "half-width a", input: "width W = \(width)",
                            hint: got == 1 / Double(width).squareRoot()
                                ? "that is 1/√W; the notes multiply U[−1/√W, 1/√W] by √3"
                                : "choose a so that the variance a²/3 of U[−a, a] equals 1/W")
        }
    }

    static func checkHeStandardDeviation<A: Lesson05Answers>(_ answers: A.Type) throws {
        var generator = SeededGenerator(seed: 502)
        let fanIns = [256, 1, 2, 50] + (0..<20).map { _ in generator.int(in: 3...5000) }
        for fanIn in fanIns {
            let expected = (2 / Double(fanIn)).squareRoot()
            let got = try answers.heStandardDeviation(fanIn: fanIn)
            try expectClose(got, expected, tolerance: 1e-12, what: "standard deviation", input: "fanIn = \(fanIn)",
                            hint: abs(got - 2 / Double(fanIn)) < 1e-12
                                ? "that is the variance 2/fanIn; return its square root"
                                : "He doubles Xavier's variance 1/fanIn to make up for the ReLU; return √variance")
        }
    }

    static func checkActivationVariances<A: Lesson05Answers>(_ answers: A.Type) throws {
        var generator = SeededGenerator(seed: 503)
        var cases: [(input: Tensor, weights: [Tensor], activation: Activation)] = [
            // A tiny hand-made case: x = [[1, −1], [2, 0]], W = I, ReLU → a = [[1, 0], [2, 0]], variance 0.6875.
            (Tensor([[1, -1], [2, 0]]), [Tensor.identity(2)], .relu),
        ]
        let activations: [Activation] = [.relu, .tanh, .sigmoid, .identity]
        for index in 0..<12 {
            let depth = generator.int(in: 1...6)
            var widths = [generator.int(in: 2...8)]
            for _ in 0..<depth { widths.append(generator.int(in: 2...8)) }
            let weights = (0..<depth).map { l in
                Tensor.normal([widths[l], widths[l + 1]], standardDeviation: 1.2 / Double(widths[l]).squareRoot(),
                              using: &generator)
            }
            let input = Tensor.normal([generator.int(in: 3...10), widths[0]], using: &generator)
            cases.append((input, weights, activations[index % activations.count]))
        }
        for c in cases {
            var expected: [Double] = []
            var a = c.input
            for w in c.weights {
                a = c.activation(matmul(a, w))
                let mean = a.scalars.reduce(0, +) / Double(a.count)
                expected.append(a.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(a.count))
            }
            let got = try answers.activationVariances(input: c.input, weights: c.weights, activation: c.activation)
            try expectClose(got, expected, tolerance: 1e-10,
                            what: "variances", input: "\(c.activation.name), input \(c.input.shape), weights \(c.weights.map(\.shape))",
                            hint: "one number per layer: apply f to aˡ⁻¹·Wˡ, then the variance of all elements "
                                + "about their mean, dividing by their count (not count − 1)")
        }
    }

    static func checkResidualInputGradient<A: Lesson05Answers>(_ answers: A.Type) throws {
        var generator = SeededGenerator(seed: 504)
        var cases: [(w1: Tensor, w2: Tensor, x: Tensor, delta: Tensor)] = [
            // W₁ = I, W₂ = 2I, x = [1, −1], δ = [1, 1]: mask [1, 0], so ∂L/∂x = δ + [2, 0] = [3, 1].
            (Tensor.identity(2), Tensor.identity(2) * 2, Tensor([1, -1]), Tensor([1, 1])),
        ]
        for _ in 0..<12 {
            let n = generator.int(in: 2...6), hidden = generator.int(in: 2...7)
            cases.append((Tensor.normal([hidden, n], using: &generator), Tensor.normal([n, hidden], using: &generator),
                          Tensor.normal([n], using: &generator), Tensor.normal([n], using: &generator)))
        }
        for c in cases {
            let n = c.x.count, hidden = c.w1.shape[0]
            // ∂L/∂x = δ + W₁ᵀ(m ⊙ W₂ᵀδ), m = 1[W₁x > 0].
            var expected = c.delta.scalars
            for j in 0..<n {
                for i in 0..<hidden {
                    var z = 0.0
                    for k in 0..<n { z += c.w1[i, k] * c.x[k] }
                    guard z > 0 else { continue }
                    var back = 0.0
                    for k in 0..<n { back += c.w2[k, i] * c.delta[k] }
                    expected[j] += c.w1[i, j] * back
                }
            }
            let got = try answers.residualInputGradient(w1: c.w1, w2: c.w2, x: c.x, outputGradient: c.delta)
            try expectClose(got.scalars, expected, tolerance: 1e-10,
                            what: "∂L/∂x", input: "W₁ \(format(rows(c.w1))), W₂ \(format(rows(c.w2))), x \(format(c.x.scalars)), δ \(format(c.delta.scalars))",
                            hint: "two paths reach x: the skip connection passes δ unchanged, and the branch gives "
                                + "W₁ᵀ(m ⊙ W₂ᵀδ) with the ReLU mask m = 1[W₁x > 0]; the result has x's shape [n]")
        }
    }

    private static func rows(_ matrix: Tensor) -> [[Double]] {
        (0..<matrix.shape[0]).map { matrix.row($0).scalars }
    }
}
