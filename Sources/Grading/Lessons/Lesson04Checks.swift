import NeuralNetworks
import TensorCore

/// The checks that grade `Lesson04Answers`: the notes' bumps first, then seeded random cases
/// so that an answer cannot be tuned to the examples. Expected values come from formulas
/// written out here, not from the library the lesson uses.
public enum Lesson04Checks {
    /// The exercises of Lesson04, in the order of `Exercises/Lesson04.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson04", name: "reluBump", task: "the four-ReLU bump for [a, b] with ramp Δ",
                 hints: ["Write it with max(·, 0) only, no `if`: two hinges at a and a + Δ make the step up, two at b and b + "
                         + "Δ the step down. For [1, 2] and Δ = 0.2 the value at 1.1 is 0.5.",
                         "Compute the four terms max(x − a, 0), max(x − a − Δ, 0), max(x − b, 0), max(x − b − Δ, 0), combine "
                         + "them with the signs + − − +, and divide by Δ."])
        { (answers: any Lesson04Answers.Type) in try checkReluBump(answers) },
        Exercise(lesson: "Lesson04", name: "stepNetwork", task: "a 1 → 4k → k → 1 ReLU network for a step function",
                 hints: ["In layer 1, piece i owns units 4i … 4i + 3 with biases −aᵢ, −aᵢ − Δ, −bᵢ, −bᵢ − Δ. "
                         + "`Tensor.zeros([rows, columns])` and `t[i, j] = value` fill a weight matrix.",
                         "Layer 2's weight from unit 4i + j to bump i is (1, −1, −1, 1)[j]/Δ and every other entry is 0; layer"
                         + " 3's weights are the heights as a [k, 1] tensor."])
        { (answers: any Lesson04Answers.Type) in try checkStepNetwork(answers) },
        Exercise(lesson: "Lesson04", name: "boxIndicator", task: "the box bump max(Σ bumps − (n − 1), 0)",
                 hints: ["A ReLU network cannot multiply the n indicators, but it can add them; the sum reaches n only when "
                         + "every coordinate is inside.",
                         "Call your reluBump once per coordinate i with lower[i] and upper[i], add the results, subtract "
                         + "Double(n − 1), and clip with max(·, 0)."])
        { (answers: any Lesson04Answers.Type) in try checkBoxIndicator(answers) },
        Exercise(lesson: "Lesson04", name: "l1Distance", task: "∫|f − g| by the composite midpoint rule",
                 hints: ["For the bump of [1, 2] with Δ = 0.1 against 1[1,2] on [0, 3] with 3000 cells the answer is 0.1, "
                         + "exactly Δ (up to rounding).",
                         "H = (upper − lower)/Double(cells); loop i in 0..<cells with m = lower + (Double(i) + 0.5)·h, and "
                         + "multiply the sum by h at the end."])
        { (answers: any Lesson04Answers.Type) in try checkL1Distance(answers) },
        Exercise(lesson: "Lesson04", name: "genzValue", task: "the six Genz test functions",
                 hints: ["`cos`, `exp` and `pow` come from Foundation (or Glibc); d is `x.count`.",
                         "A switch on `family` with one sum or product per case; family 3 is pow(1 + Σ cᵢxᵢ, −Double(d + 1))."])
        { (answers: any Lesson04Answers.Type) in try checkGenzValue(answers) },
    ]

    /// The bump, piece by piece: 0, a ramp up, 1, a ramp down, 0.
    static func expectedBump(_ x: Double, _ a: Double, _ b: Double, _ ramp: Double) -> Double {
        if x <= a || x >= b + ramp { return 0 }
        if x < a + ramp { return (x - a) / ramp }   // the checks always have a + Δ ≤ b
        if x <= b { return 1 }
        return 1 - (x - b) / ramp
    }

    static func checkReluBump<A: Lesson04Answers>(_ answers: A.Type) throws {
        var cases: [(x: Double, a: Double, b: Double, ramp: Double)] = []
        // The notes' bumps for [1, 2] with Δ = 0.2, 0.1, 0.05, on both ramps and the plateau.
        for ramp in [0.2, 0.1, 0.05] {
            for x in [0.0, 0.9, 1.0, 1 + ramp / 4, 1 + ramp / 2, 1.5, 2.0, 2 + ramp / 2, 2 + ramp, 3.0] {
                cases.append((x, 1, 2, ramp))
            }
        }
        var generator = SeededGenerator(seed: 401)
        for _ in 0..<40 {
            let a = generator.uniform(in: -3...3)
            let ramp = generator.uniform(in: 0.01...0.5)
            let b = a + ramp + generator.uniform(in: 0...2)
            cases.append((generator.uniform(in: (a - 1)...(b + 1)), a, b, ramp))
        }
        for c in cases {
            let got = try answers.reluBump(x: c.x, a: c.a, b: c.b, ramp: c.ramp)
            let expected = expectedBump(c.x, c.a, c.b, c.ramp)
            try expectClose(got, expected, tolerance: 1e-9,
                            what: "bump value", input: "x = \(format(c.x)), a = \(format(c.a)), b = \(format(c.b)), Δ = \(format(c.ramp))",
                            hint: expected == 0 && c.x < c.a ? "left of a every max(·, 0) is 0"
                                : "(max(x − a, 0) − max(x − a − Δ, 0) − max(x − b, 0) + max(x − b − Δ, 0)) / Δ; "
                                + "the last term needs its ', 0' too")
        }
    }

    static func checkStepNetwork<A: Lesson04Answers>(_ answers: A.Type) throws {
        var generator = SeededGenerator(seed: 402)
        var cases: [(edges: [Double], heights: [Double], ramp: Double)] = [([1, 2], [1], 0.2), ([0, 1, 2], [1, -1], 0.1)]
        for _ in 0..<6 {
            let k = generator.int(in: 1...6)
            var edges = [generator.uniform(in: -2...0)]
            for _ in 0..<k { edges.append(edges.last! + generator.uniform(in: 0.3...1)) }
            cases.append((edges, (0..<k).map { _ in generator.uniform(in: -2...2) }, generator.uniform(in: 0.02...0.2)))
        }
        for c in cases {
            let k = c.heights.count
            let input = "edges \(format(c.edges)), heights \(format(c.heights)), Δ = \(format(c.ramp))"
            let network = try answers.stepNetwork(edges: c.edges, heights: c.heights, ramp: c.ramp)
            let shapes = network.layers.map { ($0 as? Dense)?.weights.shape ?? [] }
            guard shapes == [[1, 4 * k], [4 * k, k], [k, 1]] else {
                throw WrongAnswer(quantity: "layer shapes", input: input, expected: "layers with weights [1, \(4 * k)], [\(4 * k), \(k)], [\(k), 1]",
                                  got: "layers with weights \(shapes)",
                                  hint: "four ReLUs per piece, one bump unit per piece, one linear output")
            }
            let output = network.layers.last as? Dense
            guard output?.activation == .identity else {
                throw WrongAnswer(quantity: "output activation", input: input, expected: "a linear (identity) output layer",
                                  got: "\(output.map(\.activation.name) ?? "no dense output layer")", hint: "only the hidden layers use ReLU")
            }
            let lower = c.edges.first! - 1, upper = c.edges.last! + 1
            for _ in 0..<50 {
                let x = generator.uniform(in: lower...upper)
                var expected = 0.0
                for i in 0..<k { expected += c.heights[i] * expectedBump(x, c.edges[i], c.edges[i + 1], c.ramp) }
                let got = network.predict(Tensor([x]))[0]
                try expectClose(got, expected, tolerance: 1e-9, what: "network output", input: input + ", x = \(format(x))",
                                hint: "layer 1: weights 1, biases −a, −a − Δ, −b, −b − Δ per piece; layer 2: weights "
                                    + "(1, −1, −1, 1)/Δ from a piece's four units; layer 3: the heights")
            }
        }
    }

    static func checkBoxIndicator<A: Lesson04Answers>(_ answers: A.Type) throws {
        var generator = SeededGenerator(seed: 403)
        var cases: [(x: [Double], lower: [Double], upper: [Double], ramp: Double)] = [
            ([0.5, 0.4], [0.3, 0.2], [0.7, 0.6], 0.05),
            ([0.8, 0.4], [0.3, 0.2], [0.7, 0.6], 0.05),
            ([0.72, 0.4], [0.3, 0.2], [0.7, 0.6], 0.05),
            ([0.72, 0.62], [0.3, 0.2], [0.7, 0.6], 0.05),
        ]
        for _ in 0..<40 {
            let n = generator.int(in: 1...4)
            let ramp = generator.uniform(in: 0.05...0.3)
            let lower = (0..<n).map { _ in generator.uniform(in: 0...0.4) }
            let upper = lower.map { $0 + ramp + generator.uniform(in: 0...0.4) }
            // Mostly near or inside the box, so that ramps and plateaus are both exercised.
            let x = (0..<n).map { lower[$0] + generator.uniform(in: -0.1...(upper[$0] - lower[$0] + ramp + 0.1)) }
            cases.append((x, lower, upper, ramp))
        }
        for c in cases {
            var sum = 0.0
            for i in c.x.indices { sum += expectedBump(c.x[i], c.lower[i], c.upper[i], c.ramp) }
            let expected = max(sum - Double(c.x.count - 1), 0)
            let got = try answers.boxIndicator(x: c.x, lower: c.lower, upper: c.upper, ramp: c.ramp)
            try expectClose(got, expected, tolerance: 1e-9,
                            what: "box value", input: "x = \(format(c.x)), lower \(format(c.lower)), upper \(format(c.upper)), Δ = \(format(c.ramp))",
                            hint: "add the n one-dimensional bumps, subtract n − 1, and clip at 0; do not multiply")
        }
    }

    static func checkL1Distance<A: Lesson04Answers>(_ answers: A.Type) throws {
        // The midpoint rule written out, and exact integrals for the notes' bumps.
        func midpoint(_ f: (Double) -> Double, _ g: (Double) -> Double, _ lower: Double, _ upper: Double, _ cells: Int) -> Double {
            let h = (upper - lower) / Double(cells)
            var total = 0.0
            for i in 0..<cells {
                let x = lower + (Double(i) + 0.5) * h
                total += abs(f(x) - g(x))
            }
            return h * total
        }
        let indicator: (Double) -> Double = { $0 >= 1 && $0 <= 2 ? 1 : 0 }
        for ramp in [0.2, 0.1, 0.05] {
            let got = try answers.l1Distance({ expectedBump($0, 1, 2, ramp) }, indicator, lower: 0, upper: 3, cells: 3000)
            try expectClose(got, ramp, tolerance: 1e-9,
                            what: "L1 distance", input: "f = bump for [1, 2] with Δ = \(format(ramp)), g = 1[1,2], on [0, 3] with 3000 cells",
                            hint: "the exact answer is Δ; use h = (upper − lower)/cells and the midpoints lower + (i + ½)h")
        }
        var generator = SeededGenerator(seed: 404)
        for _ in 0..<10 {
            let (p, q, r) = (generator.uniform(in: -2...2), generator.uniform(in: -2...2), generator.uniform(in: -1...1))
            let lower = generator.uniform(in: -2...0), upper = generator.uniform(in: 0.5...2)
            let cells = generator.int(in: 3...40)
            let f: (Double) -> Double = { p * $0 * $0 + q }
            let g: (Double) -> Double = { r * $0 }
            let got = try answers.l1Distance(f, g, lower: lower, upper: upper, cells: cells)
            try expectClose(got, midpoint(f, g, lower, upper, cells), tolerance: 1e-9,
                            what: "L1 distance", input: "f(x) = \(format(p))x² + \(format(q)), g(x) = \(format(r))x on [\(format(lower)), \(format(upper))] with \(cells) cells",
                            hint: "h · Σ |f(mᵢ) − g(mᵢ)| over the cell midpoints mᵢ (not the cell edges: that is another rule)")
        }
    }

    static func checkGenzValue<A: Lesson04Answers>(_ answers: A.Type) throws {
        var generator = SeededGenerator(seed: 405)
        for family in 1...6 {
            for _ in 0..<8 {
                let d = generator.int(in: 1...6)
                let x = (0..<d).map { _ in generator.uniform() }
                let c = (0..<d).map { _ in generator.uniform(in: 0.1...2) }
                let w = (0..<d).map { _ in generator.uniform() }
                let expected = genz(family, x, c, w)
                let got = try answers.genzValue(family: family, x: x, c: c, w: w)
                try expectClose(got, expected, tolerance: 1e-9 * max(1, abs(expected)),
                                what: "Genz value", input: "family \(family), x = \(format(x)), c = \(format(c)), w = \(format(w))",
                                hint: genzHints[family - 1])
            }
        }
    }

    static let genzHints = [
        "f₁ = cos(2πw₁ + Σ cᵢxᵢ): only w₁ appears",
        "f₂ = Π 1 / (cᵢ⁻² + (xᵢ − wᵢ)²)",
        "f₃ = (1 + Σ cᵢxᵢ)^−(d+1), with d the number of coordinates",
        "f₄ = exp(−Σ cᵢ²(xᵢ − wᵢ)²): c is squared",
        "f₅ = exp(−Σ cᵢ|xᵢ − wᵢ|)",
        "f₆ = 0 when x₁ > w₁ or (d ≥ 2 and x₂ > w₂), else exp(Σ cᵢxᵢ)",
    ]

    static func genz(_ family: Int, _ x: [Double], _ c: [Double], _ w: [Double]) -> Double {
        let d = x.count
        let indices = 0..<d
        switch family {
        case 1: return cos(2 * Double.pi * w[0] + indices.reduce(0) { $0 + c[$1] * x[$1] })
        case 2: return indices.reduce(1) { $0 / (1 / (c[$1] * c[$1]) + (x[$1] - w[$1]) * (x[$1] - w[$1])) }
        case 3: return pow(1 + indices.reduce(0) { $0 + c[$1] * x[$1] }, -Double(d + 1))
        case 4: return exp(-indices.reduce(0) { $0 + c[$1] * c[$1] * (x[$1] - w[$1]) * (x[$1] - w[$1]) })
        case 5: return exp(-indices.reduce(0) { $0 + c[$1] * abs(x[$1] - w[$1]) })
        default:
            if x[0] > w[0] || (d > 1 && x[1] > w[1]) { return 0 }
            return exp(indices.reduce(0) { $0 + c[$1] * x[$1] })
        }
    }
}
