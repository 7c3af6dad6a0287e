import TensorCore

/// The checks that grade `Lesson11Answers`: small cases worked by hand first, then seeded random
/// cases so that an answer cannot be tuned to the examples.
public enum Lesson11Checks {
    /// The exercises of Lesson11, in the order of `Exercises/Lesson11.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson11", name: "rewardToGo", task: "R̂ₜ = Σ_{t′ ≥ t} γ^{t′−t} r_{t′} for every t",
                 hints: ["[1, 2, 3] with γ = 1 gives [6, 5, 3]; with γ = 0.5, [1, 2, 4] gives [3, 4, 4]. The exponent "
                         + "counts from t, not from 0 (compare 004:1998).",
                         "Walk backwards keeping a running total: running = rₜ + γ·running, and store it at index t."])
        { (answers: any Lesson11Answers.Type) in try checkRewardToGo(answers) },
        Exercise(lesson: "Lesson11", name: "logSoftmaxGradient", task: "∂ log softmax(z)ₐ / ∂z",
                 hints: ["For z = (0, 0) and a = 0 the answer is (0.5, −0.5); the entries always sum to 0.",
                         "log softmax(z)ₐ = zₐ − log Σⱼ e^{zⱼ}; differentiate both terms: eₐ − softmax(z). Subtract the "
                         + "largest logit before exponentiating so that large logits do not overflow."])
        { (answers: any Lesson11Answers.Type) in try checkLogSoftmaxGradient(answers) },
        Exercise(lesson: "Lesson11", name: "varianceMinimisingBaseline", task: "b* = Σ ‖gᵢ‖² Rᵢ / Σ ‖gᵢ‖²",
                 hints: ["It is not the mean return: samples with a large score ‖gᵢ‖ weigh more. With scores (1, 0), "
                         + "(0, 3) and returns 10, 0 the answer is 1.",
                         "Set the derivative of Σᵢ ‖gᵢ‖²(Rᵢ − b)² with respect to b to zero and solve for b."])
        { (answers: any Lesson11Answers.Type) in try checkBaseline(answers) },
        Exercise(lesson: "Lesson11", name: "daggerAggregate", task: "label the learner's states by the expert and append them",
                 hints: ["The labels come from the expert, never from the learner: a state with k · s = 0.3 gets "
                         + "action 1, one with k · s = −0.3 or exactly 0 gets action 0.",
                         "Return (states + visited, labels + newLabels), where newLabels[i] is 1 if the dot product of "
                         + "expertGains and visited[i] is positive, else 0."])
        { (answers: any Lesson11Answers.Type) in try checkDAgger(answers) },
        Exercise(lesson: "Lesson11", name: "gaussianLogDensityGradient", task: "∇ of log N(a; μ, σ²) in μ and log σ",
                 hints: ["At a = μ both derivatives are simple: 0 for μ and −1 for log σ. The variance is σ², not σ "
                         + "(the notes' N(μ, σ) at 004:2261 is ambiguous).",
                         "log p = −(a − μ)²/(2σ²) − log σ − ½ log 2π. With σ = e^{log σ}, (a − μ)²/(2σ²) = "
                         + "½(a − μ)² e^{−2 log σ}; differentiate in μ and in log σ."])
        { (answers: any Lesson11Answers.Type) in try checkGaussian(answers) },
    ]

    static func randomVector(_ generator: inout SeededGenerator, _ count: Int) -> [Double] {
        (0..<count).map { _ in generator.normal() }
    }

    static func checkRewardToGo<A: Lesson11Answers>(_ answers: A.Type) throws {
        var cases: [(rewards: [Double], gamma: Double)] = [([1, 2, 3], 1), ([1, 2, 4], 0.5), ([], 0.9), ([5], 0.3)]
        var generator = SeededGenerator(seed: 1101)
        for _ in 0..<20 {
            cases.append((randomVector(&generator, generator.int(in: 1...12)), generator.uniform(in: 0...1)))
        }
        for c in cases {
            // By the definition, term by term (not the backward recursion).
            let expected = c.rewards.indices.map { t in
                (t..<c.rewards.count).reduce(0.0) { $0 + pow(c.gamma, Double($1 - t)) * c.rewards[$1] }
            }
            let got = try answers.rewardToGo(rewards: c.rewards, discount: c.gamma)
            let exponentFromZero = c.rewards.indices.map { t in
                (t..<c.rewards.count).reduce(0.0) { $0 + pow(c.gamma, Double($1)) * c.rewards[$1] }
            }
            try expectClose(got, expected, tolerance: 1e-10, what: "reward-to-go",
                            input: "rewards \(format(c.rewards)), γ = \(format(c.gamma))",
                            hint: got.count == exponentFromZero.count && zip(got, exponentFromZero).allSatisfy { abs($0 - $1) < 1e-10 }
                                ? "that is Σ γ^{t′} r_{t′} with the exponent counted from 0, as 004:1998 writes it; count it from t"
                                : "R̂ₜ sums the rewards from step t to the end, the reward k steps after t weighted by γᵏ")
        }
    }

    static func checkLogSoftmaxGradient<A: Lesson11Answers>(_ answers: A.Type) throws {
        var cases: [(logits: [Double], action: Int)] = [([0, 0], 0), ([1, 2, 3], 2), ([1000, 1001], 0), ([-3], 0)]
        var generator = SeededGenerator(seed: 1102)
        for _ in 0..<20 {
            let n = generator.int(in: 1...6)
            cases.append((randomVector(&generator, n).map { 3 * $0 }, generator.int(in: 0...(n - 1))))
        }
        for c in cases {
            let largest = c.logits.max()!
            let total = c.logits.reduce(0) { $0 + exp($1 - largest) }
            let probabilities = c.logits.map { exp($0 - largest) / total }
            let expected = probabilities.indices.map { ($0 == c.action ? 1 : 0) - probabilities[$0] }
            let got = try answers.logSoftmaxGradient(logits: c.logits, action: c.action)
            try expectClose(got, expected, tolerance: 1e-10, what: "∂ log π(a)/∂z",
                            input: "logits \(format(c.logits)), action \(c.action)",
                            hint: got.contains { !$0.isFinite } ? "subtract the largest logit before exp, or e^1000 overflows"
                                : "the derivative of zₐ is the unit vector eₐ, that of −log Σ e^{zⱼ} is −softmax(z)")
        }
    }

    static func checkBaseline<A: Lesson11Answers>(_ answers: A.Type) throws {
        var cases: [(scores: [[Double]], returns: [Double])] = [([[1, 0], [0, 3]], [10, 0]), ([[2]], [7])]
        var generator = SeededGenerator(seed: 1103)
        for _ in 0..<20 {
            let (m, d) = (generator.int(in: 2...10), generator.int(in: 1...4))
            cases.append(((0..<m).map { _ in randomVector(&generator, d) }, randomVector(&generator, m).map { 10 * $0 }))
        }
        for c in cases {
            // Minimise the quadratic Σᵢ ‖gᵢ‖²(Rᵢ − b)² = A b² − 2B b + C: b = B/A.
            let weights = c.scores.map { $0.reduce(0) { $0 + $1 * $1 } }
            let expected = zip(weights, c.returns).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
            let got = try answers.varianceMinimisingBaseline(scores: c.scores, returns: c.returns)
            let meanReturn = c.returns.reduce(0, +) / Double(c.returns.count)
            try expectClose(got, expected, tolerance: 1e-9 * max(1, abs(expected)), what: "baseline b*",
                            input: "scores \(format(c.scores)), returns \(format(c.returns))",
                            hint: abs(got - meanReturn) < 1e-9 * max(1, abs(meanReturn))
                                ? "that is the mean return, the minimiser only under the notes' independence assumption (003:1174)"
                                : "weigh each return by the squared length of its score, ‖gᵢ‖², and divide by the total weight")
        }
    }

    static func checkDAgger<A: Lesson11Answers>(_ answers: A.Type) throws {
        let gains = [1.0, 1, 10, 2]
        var cases: [(states: [[Double]], labels: [Int], visited: [[Double]], gains: [Double])] = [
            ([[0, 0, 0.01, 0]], [1], [[0, 0, -0.03, 0], [0.3, 0, 0, 0], [0, 0, 0, 0]], gains),
            ([], [], [[0.1, -0.2, 0.05, 0.1]], gains),
        ]
        var generator = SeededGenerator(seed: 1104)
        for _ in 0..<15 {
            let (n, m, d) = (generator.int(in: 0...5), generator.int(in: 1...6), generator.int(in: 1...4))
            let states = (0..<n).map { _ in randomVector(&generator, d) }
            cases.append((states, (0..<n).map { _ in generator.int(in: 0...1) }, (0..<m).map { _ in randomVector(&generator, d) },
                          randomVector(&generator, d)))
        }
        for c in cases {
            let newLabels = c.visited.map { s in zip(c.gains, s).reduce(0) { $0 + $1.0 * $1.1 } > 0 ? 1 : 0 }
            let got = try answers.daggerAggregate(states: c.states, labels: c.labels, visited: c.visited, expertGains: c.gains)
            let input = "\(c.states.count) labelled states, visited \(format(c.visited)), k = \(format(c.gains))"
            try expectClose(got.states, c.states + c.visited, tolerance: 0, what: "aggregated states", input: input,
                            hint: "keep the old states in order and append the visited ones after them")
            guard got.labels.count == c.labels.count + newLabels.count else {
                throw WrongAnswer(quantity: "number of labels", input: input, expected: "\(c.labels.count + newLabels.count)",
                                  got: "\(got.labels.count)", hint: "one label per state, old and new")
            }
            for (i, (g, e)) in zip(got.labels, c.labels + newLabels).enumerated() {
                try expectEqual(g, e, what: "label \(i)", input: input,
                                hint: i < c.labels.count ? "the existing labels stay as they are"
                                    : "the expert labels the new state: 1 when k · s > 0, else 0 (also when k · s = 0)")
            }
        }
    }

    static func checkGaussian<A: Lesson11Answers>(_ answers: A.Type) throws {
        var cases: [(a: Double, mean: Double, logSigma: Double)] = [(1, 1, 0), (2, 0, 0), (1.5, 1, log(0.5))]
        var generator = SeededGenerator(seed: 1105)
        for _ in 0..<20 {
            cases.append((generator.normal() * 2, generator.normal(), generator.uniform(in: -1.5...1)))
        }
        for c in cases {
            let variance = exp(2 * c.logSigma)
            let (dMean, dLogSigma) = ((c.a - c.mean) / variance, (c.a - c.mean) * (c.a - c.mean) / variance - 1)
            let got = try answers.gaussianLogDensityGradient(action: c.a, mean: c.mean, logStandardDeviation: c.logSigma)
            let input = "a = \(format(c.a)), μ = \(format(c.mean)), log σ = \(format(c.logSigma))"
            try expectClose(got.mean, dMean, tolerance: 1e-9 * max(1, abs(dMean)), what: "∂ log p/∂μ", input: input,
                            hint: abs(got.mean - (c.a - c.mean) / exp(c.logSigma)) < 1e-9 ? "divide by σ², not σ"
                                : "∂/∂μ of −(a − μ)²/(2σ²) is (a − μ)/σ²")
            try expectClose(got.logStandardDeviation, dLogSigma, tolerance: 1e-9 * max(1, abs(dLogSigma)),
                            what: "∂ log p/∂log σ", input: input,
                            hint: "differentiate in log σ, not σ: the chain rule multiplies ∂/∂σ = (a − μ)²/σ³ − 1/σ by σ")
        }
    }
}
