import TensorCore

/// The checks that grade `Lesson08Answers`: a step worked by hand first, then seeded random
/// cases so that an answer cannot be tuned to the examples.
public enum Lesson08Checks {
    /// The exercises of Lesson08, in the order of `Exercises/Lesson08.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson08", name: "momentumStep", task: "v ← m v + g, θ ← θ − α v",
                 hints: ["With θ = (1, 2), v = (0.5, 0), g = (2, −4), α = 0.1, m = 0.9 gives v = (2.45, −4) and θ = (0.755, 2.4). "
                         + "This form has no factor 1 − m on the gradient.",
                         "Compute the whole new velocity first (m·vᵢ + gᵢ for every i), then move every θᵢ by −α times that "
                         + "new vᵢ."])
        { (answers: any Lesson08Answers.Type) in try checkMomentumStep(answers) },
        Exercise(lesson: "Lesson08", name: "adamStep", task: "one bias-corrected Adam step",
                 hints: ["The first step from m = v = 0 moves each coordinate by almost exactly α·sign(g). The short course's "
                         + "table (004:1026) feeds m̂ back into the recursion; do not.",
                         "Return the raw moments β₁m + (1 − β₁)g and β₂v + (1 − β₂)g²; divide them by 1 − β₁ᵗ and 1 − β₂ᵗ only"
                         + " inside the step, where ε is added to √v̂."])
        { (answers: any Lesson08Answers.Type) in try checkAdamStep(answers) },
        Exercise(lesson: "Lesson08", name: "largestStableStep", task: "the largest stable step of gradient descent on Σ aᵢxᵢ²",
                 hints: ["One step multiplies xᵢ by 1 − 2aᵢη. For the lesson's valley, a = (1, 100), the answer is 0.01.",
                         "The iteration converges when |1 − 2aᵢη| < 1 for every i; the largest aᵢ sets the bound."])
        { (answers: any Lesson08Answers.Type) in try checkLargestStableStep(answers) },
        Exercise(lesson: "Lesson08", name: "lectureAdamStep", task: "one step of the lecture's Adam, one q for ‖g‖²",
                 hints: ["From v = 0, q = 0 with g = (3, 4) and α = 0.1 the first step moves θ by −0.1·(3, 4)/5 = (−0.06, "
                         + "−0.08). ε goes under the root here, as the lecture prints it.",
                         "q grows by (1 − β₂) times the sum of the squared gradient entries, one number for all coordinates; "
                         + "every θᵢ is divided by the same √(q̂ + ε)."])
        { (answers: any Lesson08Answers.Type) in try checkLectureAdamStep(answers) },
    ]

    static func randomVector(_ generator: inout SeededGenerator, _ count: Int) -> [Double] {
        (0..<count).map { _ in generator.normal() }
    }

    static func checkMomentumStep<A: Lesson08Answers>(_ answers: A.Type) throws {
        // By hand: θ = (1, 2), v = (0.5, 0), g = (2, −4), α = 0.1, m = 0.9 → v = (2.45, −4), θ = (0.755, 2.4).
        var cases: [(theta: [Double], v: [Double], g: [Double], alpha: Double, m: Double)] = [
            ([1, 2], [0.5, 0], [2, -4], 0.1, 0.9),
        ]
        var generator = SeededGenerator(seed: 801)
        for _ in 0..<15 {
            let n = generator.int(in: 1...6)
            cases.append((randomVector(&generator, n), randomVector(&generator, n), randomVector(&generator, n),
                          generator.uniform(in: 0.001...0.5), generator.uniform(in: 0...0.99)))
        }
        for c in cases {
            let velocity = zip(c.v, c.g).map { c.m * $0 + $1 }
            let theta = zip(c.theta, velocity).map { $0 - c.alpha * $1 }
            let got = try answers.momentumStep(parameters: c.theta, velocity: c.v, gradient: c.g,
                                               learningRate: c.alpha, momentum: c.m)
            let input = "θ = \(format(c.theta)), v = \(format(c.v)), g = \(format(c.g)), α = \(format(c.alpha)), m = \(format(c.m))"
            try expectClose(got.velocity, velocity, tolerance: 1e-12, what: "velocity", input: input + " (the new velocity)",
                            hint: "v ← m·v + g: keep m of the old velocity and add the whole gradient (no 1 − m factor in this form)")
            try expectClose(got.parameters, theta, tolerance: 1e-12, what: "parameters", input: input + " (the new parameters)",
                            hint: "step along the new velocity: θ ← θ − α·v, with v already updated")
        }
    }

    static func checkAdamStep<A: Lesson08Answers>(_ answers: A.Type) throws {
        // By hand: step 1 from m = v = 0 moves every coordinate by α·g/(|g| + ε) ≈ α·sign(g).
        var cases: [(theta: [Double], m: [Double], v: [Double], g: [Double], t: Int)] = [
            ([10, 1], [0, 0], [0, 0], [20, 200], 1),
            ([0.5], [0.1], [0.04], [0.3], 2),
        ]
        var generator = SeededGenerator(seed: 802)
        for _ in 0..<15 {
            let n = generator.int(in: 1...6)
            cases.append((randomVector(&generator, n), randomVector(&generator, n),
                          (0..<n).map { _ in generator.uniform(in: 0...2) }, randomVector(&generator, n),
                          generator.int(in: 1...50)))
        }
        let (alpha, beta1, beta2, epsilon) = (0.01, 0.9, 0.999, 1e-8)
        for c in cases {
            let m = zip(c.m, c.g).map { beta1 * $0 + (1 - beta1) * $1 }
            let v = zip(c.v, c.g).map { beta2 * $0 + (1 - beta2) * $1 * $1 }
            let (c1, c2) = (1 - pow(beta1, Double(c.t)), 1 - pow(beta2, Double(c.t)))
            let theta = c.theta.indices.map { c.theta[$0] - alpha * (m[$0] / c1) / ((v[$0] / c2).squareRoot() + epsilon) }
            let got = try answers.adamStep(parameters: c.theta, firstMoment: c.m, secondMoment: c.v, gradient: c.g,
                                           step: c.t, learningRate: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
            let input = "θ = \(format(c.theta)), m = \(format(c.m)), v = \(format(c.v)), g = \(format(c.g)), t = \(c.t), α = 0.01"
            try expectClose(got.firstMoment, m, tolerance: 1e-12, what: "first moment m", input: input + " (the new m)",
                            hint: "m ← β₁m + (1 − β₁)g; return the raw average, not m̂")
            try expectClose(got.secondMoment, v, tolerance: 1e-12, what: "second moment v", input: input + " (the new v)",
                            hint: "v ← β₂v + (1 − β₂)g², per coordinate; return the raw average, not v̂")
            try expectClose(got.parameters, theta, tolerance: 1e-10, what: "parameters", input: input + " (the new parameters)",
                            hint: "θ ← θ − α·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ); ε goes outside the root")
        }
    }

    static func checkLargestStableStep<A: Lesson08Answers>(_ answers: A.Type) throws {
        var cases: [[Double]] = [[1, 100], [1], [0.5, 0.5], [3, 0.1, 7]]
        var generator = SeededGenerator(seed: 803)
        for _ in 0..<15 { cases.append((0..<generator.int(in: 1...6)).map { _ in generator.uniform(in: 0.01...50) }) }
        for a in cases {
            // ∂f/∂xᵢ = 2aᵢxᵢ: one step multiplies xᵢ by 1 − 2aᵢη, which must stay inside (−1, 1).
            let expected = 1 / a.max()!
            let got = try answers.largestStableStep(coefficients: a)
            try expectClose(got, expected, tolerance: 1e-12 * expected, what: "largest stable step", input: "f(x) = Σ aᵢxᵢ² with a = \(format(a))",
                            hint: abs(got - 2 / a.max()!) < 1e-9 * expected
                                ? "that is 2/max aᵢ, but the curvature (second derivative) of aᵢxᵢ² is 2aᵢ"
                                : "one step multiplies xᵢ by 1 − 2aᵢη; find the η at which the steepest factor reaches −1")
        }
    }

    static func checkLectureAdamStep<A: Lesson08Answers>(_ answers: A.Type) throws {
        // By hand: step 1 from v = 0, q = 0 with g = (3, 4), α = 0.1: v̂ = g, q̂ = 25, θ moves by 0.1·(3, 4)/5.
        var cases: [(theta: [Double], v: [Double], q: Double, g: [Double], t: Int)] = [
            ([0, 0], [0, 0], 0, [3, 4], 1),
        ]
        var generator = SeededGenerator(seed: 804)
        for _ in 0..<15 {
            let n = generator.int(in: 1...6)
            cases.append((randomVector(&generator, n), randomVector(&generator, n), generator.uniform(in: 0...3),
                          randomVector(&generator, n), generator.int(in: 1...50)))
        }
        let (alpha, beta1, beta2, epsilon) = (0.1, 0.9, 0.999, 1e-8)
        for c in cases {
            let v = zip(c.v, c.g).map { beta1 * $0 + (1 - beta1) * $1 }
            let q = beta2 * c.q + (1 - beta2) * c.g.reduce(0) { $0 + $1 * $1 }
            let (c1, c2) = (1 - pow(beta1, Double(c.t)), 1 - pow(beta2, Double(c.t)))
            let scale = alpha / (q / c2 + epsilon).squareRoot()
            let theta = c.theta.indices.map { c.theta[$0] - scale * v[$0] / c1 }
            let got = try answers.lectureAdamStep(parameters: c.theta, firstMoment: c.v, squaredNorm: c.q, gradient: c.g,
                                                  step: c.t, learningRate: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
            let input = "θ = \(format(c.theta)), v = \(format(c.v)), q = \(format(c.q)), g = \(format(c.g)), t = \(c.t), α = 0.1"
            try expectClose(got.firstMoment, v, tolerance: 1e-12, what: "moment v", input: input + " (the new v)",
                            hint: "v ← β₁v + (1 − β₁)g, the raw average")
            try expectClose(got.squaredNorm, q, tolerance: 1e-12, what: "squared norm q", input: input + " (the new q)",
                            hint: "q is one number: q ← β₂q + (1 − β₂)‖g‖², with ‖g‖² the sum of all gᵢ²")
            try expectClose(got.parameters, theta, tolerance: 1e-10, what: "parameters", input: input + " (the new parameters)",
                            hint: "θ ← θ − α·v̂/√(q̂ + ε), with v̂ = v/(1 − β₁ᵗ), q̂ = q/(1 − β₂ᵗ) and ε under the root (000:900)")
        }
    }
}
