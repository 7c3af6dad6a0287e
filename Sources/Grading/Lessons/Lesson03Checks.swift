import TensorCore

/// The checks that grade `Lesson03Answers`: the lesson's worked numbers first, then seeded
/// random cases so that an answer cannot be tuned to the examples. Expected gradients come
/// from central finite differences, not from the formula the student is asked for.
public enum Lesson03Checks {
    /// The exercises of Lesson03, in the order of `Exercises/Lesson03.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson03", name: "stableLogSoftmax", task: "ln softmax(z) without overflow",
                 hints: ["`exp(1000)` is infinite in a `Double`. Adding the same constant c to every zᵢ changes no "
                         + "probability; pick c so that the largest exponent is 0. The lesson's section 2 shows the trick on "
                         + "[1000, 1001].",
                         "With m = logits.max()!, ln Σⱼ e^(zⱼ) = m + ln Σⱼ e^(zⱼ − m); subtract that one number from every zᵢ."])
        { (answers: any Lesson03Answers.Type) in try checkStableLogSoftmax(answers) },
        Exercise(lesson: "Lesson03", name: "crossEntropyGradient", task: "∂(−ln pₖ)/∂z for one example",
                 hints: ["Write C = −zₖ + ln Σᵢ e^(zᵢ) and differentiate each term (section 5).",
                         "Take the probabilities p = exp of your Exercise 1 result, then subtract 1 at index k only."])
        { (answers: any Lesson03Answers.Type) in try checkCrossEntropyGradient(answers) },
        Exercise(lesson: "Lesson03", name: "linearSoftmaxGradients", task: "∂L/∂W, ∂L/∂b, ∂L/∂x of −ln p_y(Wx + b)",
                 hints: ["Let δ = ∂L/∂z (Exercise 2). Then zᵢ = Σⱼ Wᵢⱼ xⱼ + bᵢ gives ∂L/∂bᵢ = δᵢ, ∂L/∂Wᵢⱼ = δᵢ xⱼ and ∂L/∂xⱼ ="
                         + " Σᵢ Wᵢⱼ δᵢ.",
                         "Compute z = Wx + b and δ = p − e_y with Exercise 2; ∂W row i is δᵢ times x, ∂b is δ, and ∂x sums the"
                         + " rows of W weighted by δ."])
        { (answers: any Lesson03Answers.Type) in try checkLinearSoftmaxGradients(answers) },
        Exercise(lesson: "Lesson03", name: "expectedScore", task: "expected points of a report under a scoring rule",
                 hints: ["With p = q = (3/4, 1/4) the linear rule gives 10/16, as in the notes.",
                         "Write a helper payment(i) with a switch on the rule, then return Σᵢ belief[i]·payment(i); the "
                         + "quadratic rule loops over every j of the report."])
        { (answers: any Lesson03Answers.Type) in try checkExpectedScore(answers) },
        Exercise(lesson: "Lesson03", name: "confusionMatrix", task: "count true class against prediction",
                 hints: ["The diagonal holds the right answers; with no samples, the matrix is all zeros.",
                         "Start from `Array(repeating: Array(repeating: 0, count: classes), count: classes)` and add 1 at "
                         + "[actual[i]][predicted[i]] for each sample."])
        { (answers: any Lesson03Answers.Type) in try checkConfusionMatrix(answers) },
    ]

    /// ln Σ e^(zⱼ), computed with the largest term factored out (the reference for the checks).
    static func logSumExp(_ z: [Double]) -> Double {
        let largest = z.max()!
        return largest + log(z.reduce(0) { $0 + exp($1 - largest) })
    }

    /// −ln softmax(z)ₖ.
    static func crossEntropy(_ z: [Double], _ k: Int) -> Double { logSumExp(z) - z[k] }

    /// Central differences of a scalar function of a vector.
    static func numericGradient(_ x: [Double], step h: Double = 1e-5, _ f: ([Double]) -> Double) -> [Double] {
        x.indices.map { i in
            var plus = x, minus = x
            plus[i] += h
            minus[i] -= h
            return (f(plus) - f(minus)) / (2 * h)
        }
    }

    static func randomVector(_ n: Int, _ range: ClosedRange<Double>, _ g: inout SeededGenerator) -> [Double] {
        (0..<n).map { _ in g.uniform(in: range) }
    }

    static func checkStableLogSoftmax<A: Lesson03Answers>(_ answers: A.Type) throws {
        var cases: [[Double]] = [[1, 2, 3], [1000, 1001], [-1000, -1001], [0, -800], [5], [0, 0, 0, 0]]
        var generator = SeededGenerator(seed: 301)
        for _ in 0..<15 { cases.append(randomVector(generator.int(in: 2...10), -30...30, &generator)) }
        for z in cases {
            let shift = logSumExp(z)
            let expected = z.map { $0 - shift }
            let got = try answers.stableLogSoftmax(z)
            try expectClose(got, expected, tolerance: 1e-9 * max(1, z.map(abs).max()!), what: "log-softmax", input: "z = \(format(z))",
                            hint: z.map(abs).max()! > 700
                                ? "e^z overflows past z ≈ 709.8: subtract max z before exponentiating"
                                : "ln softmax(z)ᵢ = zᵢ − ln Σⱼ e^(zⱼ)")
        }
    }

    static func checkCrossEntropyGradient<A: Lesson03Answers>(_ answers: A.Type) throws {
        var cases: [(z: [Double], k: Int)] = [([1, 2, 0.5, -1], 1), ([0, 0], 0), ([3, -2, 0.1], 2)]
        var generator = SeededGenerator(seed: 302)
        for _ in 0..<15 {
            let z = randomVector(generator.int(in: 2...8), -4...4, &generator)
            cases.append((z, generator.index(below: z.count)))
        }
        for c in cases {
            let expected = numericGradient(c.z) { crossEntropy($0, c.k) }
            let got = try answers.crossEntropyGradient(logits: c.z, label: c.k)
            try expectClose(got, expected, tolerance: 1e-7, what: "∂C/∂z", input: "z = \(format(c.z)), label k = \(c.k)",
                            hint: "∂C/∂zⱼ = softmax(z)ⱼ − [j = k]: every entry is a probability, "
                                + "minus 1 at the true class")
        }
    }

    static func checkLinearSoftmaxGradients<A: Lesson03Answers>(_ answers: A.Type) throws {
        var generator = SeededGenerator(seed: 303)
        for _ in 0..<12 {
            let (classes, inputs) = (generator.int(in: 2...5), generator.int(in: 1...5))
            let w = (0..<classes).map { _ in randomVector(inputs, -1.5...1.5, &generator) }
            let b = randomVector(classes, -1...1, &generator)
            let x = randomVector(inputs, -2...2, &generator)
            let y = generator.index(below: classes)
            func loss(_ w: [[Double]], _ b: [Double], _ x: [Double]) -> Double {
                crossEntropy((0..<classes).map { i in zip(w[i], x).reduce(b[i]) { $0 + $1.0 * $1.1 } }, y)
            }
            let flatW = w.flatMap { $0 }
            let dW = numericGradient(flatW) { flat in
                loss((0..<classes).map { Array(flat[($0 * inputs)..<(($0 + 1) * inputs)]) }, b, x)
            }
            let db = numericGradient(b) { loss(w, $0, x) }
            let dx = numericGradient(x) { loss(w, b, $0) }
            let got = try answers.linearSoftmaxGradients(weights: w, bias: b, input: x, label: y)
            let input = "W = \(format(w)), b = \(format(b)), x = \(format(x)), y = \(y)"
            guard got.weights.count == classes, got.weights.allSatisfy({ $0.count == inputs }) else {
                throw WrongAnswer(quantity: "shape of ∂L/∂W", input: input, expected: "∂L/∂W with \(classes) rows of \(inputs)",
                                  got: "rows of lengths \(got.weights.map(\.count))",
                                  hint: "∂L/∂W has W's shape [classes][inputs]: the outer product δ xᵀ")
            }
            try expectClose(got.bias, db, tolerance: 1e-7, what: "∂L/∂b", input: input,
                            hint: "∂L/∂b = δ = softmax(Wx + b) − e_y")
            let dWRows = (0..<classes).map { Array(dW[($0 * inputs)..<(($0 + 1) * inputs)]) }
            try expectClose(got.weights, dWRows, tolerance: 1e-7, what: "∂L/∂W", input: input,
                            hint: "∂L/∂Wᵢⱼ = δᵢ xⱼ (row i of W belongs to class i)")
            try expectClose(got.input, dx, tolerance: 1e-7, what: "∂L/∂x", input: input,
                            hint: "∂L/∂xⱼ = Σᵢ Wᵢⱼ δᵢ, i.e. Wᵀδ")
        }
    }

    static func checkExpectedScore<A: Lesson03Answers>(_ answers: A.Type) throws {
        func score(_ rule: ScoringRule, _ q: [Double], _ right: Int) -> Double {
            switch rule {
            case .linear: q[right]
            case .quadratic: 1 - q.indices.reduce(0) { $0 + pow(q[$1] - ($1 == right ? 1 : 0), 2) }
            case .logarithmic: log(q[right])
            }
        }
        var cases: [(ScoringRule, [Double], [Double])] = [
            (.linear, [0.75, 0.25], [0.75, 0.25]), (.linear, [0.75, 0.25], [1, 0]),
            (.quadratic, [0.75, 0.25], [0.75, 0.25]), (.logarithmic, [0.75, 0.25], [0.5, 0.5]),
        ]
        var generator = SeededGenerator(seed: 304)
        for rule in ScoringRule.allCases {
            for _ in 0..<6 {
                let n = generator.int(in: 2...5)
                let p = randomVector(n, 0.05...1, &generator), q = randomVector(n, 0.05...1, &generator)
                let (ps, qs) = (p.reduce(0, +), q.reduce(0, +))
                cases.append((rule, p.map { $0 / ps }, q.map { $0 / qs }))
            }
        }
        for (rule, p, q) in cases {
            let expected = p.indices.reduce(0) { $0 + p[$1] * score(rule, q, $1) }
            let got = try answers.expectedScore(rule: rule, belief: p, report: q)
            try expectClose(got, expected, tolerance: 1e-12, what: "expected score", input: "rule \(rule), belief \(format(p)), report \(format(q))",
                            hint: "weight the score you would get if answer i were right by your belief pᵢ, and sum; "
                                + "the quadratic rule charges the squared distance of the whole report from the one-hot truth")
        }
    }

    static func checkConfusionMatrix<A: Lesson03Answers>(_ answers: A.Type) throws {
        var cases: [(predicted: [Int], actual: [Int], classes: Int)] = [
            ([0, 1, 1, 2, 0, 2], [0, 0, 1, 2, 2, 2], 3), ([1, 0], [0, 1], 2), ([], [], 4),
        ]
        var generator = SeededGenerator(seed: 305)
        for _ in 0..<10 {
            let classes = generator.int(in: 2...6), n = generator.int(in: 1...40)
            let actual = (0..<n).map { _ in generator.index(below: classes) }
            cases.append((actual.map { generator.bernoulli(0.7) ? $0 : generator.index(below: classes) }, actual, classes))
        }
        for c in cases {
            var expected = Array(repeating: Array(repeating: 0, count: c.classes), count: c.classes)
            for (p, a) in zip(c.predicted, c.actual) { expected[a][p] += 1 }
            let got = try answers.confusionMatrix(predicted: c.predicted, actual: c.actual, classes: c.classes)
            guard got == expected else {
                let sameShape = got.count == c.classes && got.allSatisfy { $0.count == c.classes }
                let first = sameShape ? (0..<c.classes).lazy.flatMap { a in (0..<c.classes).map { (a, $0) } }
                    .first { got[$0.0][$0.1] != expected[$0.0][$0.1] } : nil
                throw WrongAnswer(quantity: sameShape ? "confusion matrix" : "shape of the confusion matrix",
                                  input: "predicted \(c.predicted), actual \(c.actual), classes \(c.classes)",
                                  expected: "\(expected)", got: "\(got)",
                                  difference: first.map { "[\($0.0)][\($0.1)]: expected \(expected[$0.0][$0.1]), got \(got[$0.0][$0.1])" },
                                  hint: "a classes × classes matrix of zeros; row = true class, column = prediction")
            }
        }
    }
}

