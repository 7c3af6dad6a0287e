import TensorCore

/// The checks that grade `Lesson06Answers`: small worked cases first, then seeded random cases
/// so that an answer cannot be tuned to the examples.
public enum Lesson06Checks {
    /// The exercises of Lesson06, in the order of `Exercises/Lesson06.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson06", name: "semiGradientTD0", task: "w ← w + α (r + γV(s′) − V(s)) x(s) for a linear V",
                 hints: ["For a linear V the gradient ∇_w V(s) is just x(s). The target r + γV(s′) is held fixed: it is not "
                         + "differentiated (that is what makes this a semi-gradient).",
                         "V = w·x(s) and v′ = w·x(s′) (0 at the end); δ = r + γv′ − v; each new weight is wᵢ + α·δ·xᵢ."])
        { (answers: any Lesson06Answers.Type) in try checkSemiGradientTD0(answers) },
        Exercise(lesson: "Lesson06", name: "eligibilityTrace", task: "z ← γλ z + ∇V",
                 hints: ["With one-hot features for states A, B, C, λ = 0.5 and γ = 1, the episode A → B → C gives the traces "
                         + "(1, 0, 0), (0.5, 1, 0), (0.25, 0.5, 1).",
                         "Element by element: the new zᵢ is γ·λ·zᵢ plus gradientᵢ."])
        { (answers: any Lesson06Answers.Type) in try checkEligibilityTrace(answers) },
        Exercise(lesson: "Lesson06", name: "pointUnits", task: "Tesauro's four units for n checkers on a point",
                 hints: ["A blot (n = 1) gives 1 0 0 0 and an empty point 0 0 0 0.",
                         "Three comparisons give 1 or 0; the fourth unit is Double(n − 3)/2 only when n > 3."])
        { (answers: any Lesson06Answers.Type) in try checkPointUnits(answers) },
        Exercise(lesson: "Lesson06", name: "winRateInterval", task: "p ± 1.96 √(p(1 − p)/n), clipped to [0, 1]",
                 hints: ["60 wins in 100 games gives about [0.504, 0.696]. (The lesson prints Wilson's interval, which is a "
                         + "little different and behaves better near 0 and 1.)",
                         "Turn the counts into Doubles before dividing (Double(wins)/Double(games)), and clip with max(0, ·) "
                         + "and min(1, ·)."])
        { (answers: any Lesson06Answers.Type) in try checkWinRateInterval(answers) },
    ]

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    static func checkSemiGradientTD0<A: Lesson06Answers>(_ answers: A.Type) throws {
        var cases: [(w: [Double], x: [Double], r: Double, next: [Double]?, gamma: Double, alpha: Double)] = [
            ([0.1, 0.2, 0.3], [1, 0, 0], 0, [0, 1, 0], 1, 0.1),
            ([0.1, 0.2, 0.3], [0, 0, 1], 1, nil, 1, 0.1),
            ([0.5, -0.5], [1, 2], -1, [2, 1], 0.9, 0.05),
        ]
        var generator = SeededGenerator(seed: 601)
        for _ in 0..<20 {
            let n = generator.int(in: 1...6)
            let vector = { (g: inout SeededGenerator) in (0..<n).map { _ in g.uniform(in: -1...1) } }
            let w = vector(&generator), x = vector(&generator)
            let next: [Double]? = generator.bernoulli(0.3) ? nil : vector(&generator)
            cases.append((w, x, generator.uniform(in: -1...1), next, generator.uniform(in: 0.5...1), generator.uniform(in: 0.01...0.5)))
        }
        for c in cases {
            let delta = c.r + c.gamma * (c.next.map { dot(c.w, $0) } ?? 0) - dot(c.w, c.x)
            let expected = zip(c.w, c.x).map { $0 + c.alpha * delta * $1 }
            let got = try answers.semiGradientTD0(weights: c.w, features: c.x, reward: c.r, nextFeatures: c.next,
                                                  gamma: c.gamma, stepSize: c.alpha)
            try expectClose(got, expected, tolerance: 1e-12,
                            what: "new weights", input: "w \(format(c.w)), x(s) \(format(c.x)), r \(format(c.r)), x(s′) "
                                + (c.next.map { format($0) } ?? "terminal") + ", γ \(format(c.gamma)), α \(format(c.alpha))",
                            hint: "δ = r + γ w·x(s′) − w·x(s) with w·x(s′) = 0 at a terminal state; the gradient "
                                + "of w·x(s) is x(s), and the target is not differentiated")
        }
    }

    static func checkEligibilityTrace<A: Lesson06Answers>(_ answers: A.Type) throws {
        var cases: [(z: [Double], g: [Double], gamma: Double, lambda: Double)] = [
            ([0, 0, 0], [1, 0, 0], 1, 0.5),
            ([1, 0, 0], [0, 1, 0], 1, 0.5),
            ([0.5, 1, 0], [0, 0, 1], 1, 0.5),
            ([0.3, -0.2], [0.1, 0.4], 0.9, 0.7),
        ]
        var generator = SeededGenerator(seed: 602)
        for _ in 0..<20 {
            let n = generator.int(in: 1...6)
            cases.append(((0..<n).map { _ in generator.uniform(in: -1...1) }, (0..<n).map { _ in generator.uniform(in: -1...1) },
                          generator.uniform(in: 0.5...1), generator.uniform(in: 0...1)))
        }
        for c in cases {
            let expected = zip(c.z, c.g).map { c.gamma * c.lambda * $0 + $1 }
            let got = try answers.eligibilityTrace(trace: c.z, gradient: c.g, gamma: c.gamma, lambda: c.lambda)
            try expectClose(got, expected, tolerance: 1e-12,
                            what: "new trace", input: "z \(format(c.z)), ∇V \(format(c.g)), γ \(format(c.gamma)), λ \(format(c.lambda))",
                            hint: "decay the old trace by γλ, then add the new gradient (do not replace it)")
        }
    }

    static func checkPointUnits<A: Lesson06Answers>(_ answers: A.Type) throws {
        for n in 0...15 {
            let expected: [Double] = [n >= 1 ? 1 : 0, n >= 2 ? 1 : 0, n >= 3 ? 1 : 0, n > 3 ? Double(n - 3) / 2 : 0]
            let got = try answers.pointUnits(checkers: n)
            try expectClose(got, expected, tolerance: 1e-12, what: "units", input: "\(n) checkers",
                            hint: "units: n ≥ 1, n ≥ 2, n ≥ 3 (each 0 or 1), then (n − 3)/2 only when n > 3")
        }
    }

    static func checkWinRateInterval<A: Lesson06Answers>(_ answers: A.Type) throws {
        var cases: [(Int, Int)] = [(60, 100), (930, 1000), (0, 50), (50, 50), (1, 3), (3120, 5000)]
        var generator = SeededGenerator(seed: 604)
        for _ in 0..<20 {
            let games = generator.int(in: 1...5000)
            cases.append((generator.int(in: 0...games), games))
        }
        for (wins, games) in cases {
            let p = Double(wins) / Double(games)
            let half = 1.96 * (p * (1 - p) / Double(games)).squareRoot()
            let got = try answers.winRateInterval(wins: wins, games: games)
            let input = "\(wins) wins in \(games) games"
            let hint = "p = wins/games; the half-width is 1.96 √(p(1 − p)/games); clip the ends to [0, 1]"
            try expectClose(got.low, max(0, p - half), tolerance: 1e-12, what: "low end", input: input + " (low end)", hint: hint)
            try expectClose(got.high, min(1, p + half), tolerance: 1e-12, what: "high end", input: input + " (high end)", hint: hint)
        }
    }
}
