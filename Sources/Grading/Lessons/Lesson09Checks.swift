import TensorCore

/// The checks that grade `Lesson09Answers`: a case worked by hand first, then seeded random
/// cases so that an answer cannot be tuned to the examples. The expected values are computed
/// here in plain scalar code, column by column.
public enum Lesson09Checks {
    /// The exercises of Lesson09, in the order of `Exercises/Lesson09.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson09", name: "invertedDropout", task: "inverted dropout forward and backward on one sample",
                 hints: ["With x = (2, 4, 6), keep = (yes, no, yes) and rate 0.5, the output is (4, 0, 12): survivors are "
                         + "divided by the keep probability q = 0.5.",
                         "The backward pass multiplies ∂L/∂y by the same mask (1/q or 0 per unit); nothing else depends on x."])
        { (answers: any Lesson09Answers.Type) in try checkInvertedDropout(answers) },
        Exercise(lesson: "Lesson09", name: "batchNormTraining", task: "batch normalization of a batch, training mode",
                 hints: ["For the column (1, 2, 3, 4) with ε = 0, γ = 1, β = 0: μ = 2.5, σ² = 1.25 (divide by m = 4, not "
                         + "m − 1), and the output is (−1.342, −0.447, 0.447, 1.342).",
                         "Work column by column: mean, mean of squared deviations, then (x − μ)/√(σ² + ε), then γⱼ·x̂ + βⱼ."])
        { (answers: any Lesson09Answers.Type) in try checkBatchNormTraining(answers) },
        Exercise(lesson: "Lesson09", name: "updatedRunningStatistics", task: "running mean and unbiased running variance",
                 hints: ["For the column (1, 2, 3, 4), running mean 0, running variance 1 and momentum 0.1: the mean becomes "
                         + "0.25 and the variance 0.9 + 0.1·(5/3) = 1.0667.",
                         "The batch variance in the update is the unbiased one: the biased σ²_B times m/(m − 1)."])
        { (answers: any Lesson09Answers.Type) in try checkUpdatedRunningStatistics(answers) },
        Exercise(lesson: "Lesson09", name: "batchNormInference", task: "batch normalization with the running statistics",
                 hints: ["At inference the batch's own mean and variance are not used at all: each row is mapped on its own, "
                         + "γ(x − running mean)/√(running variance + ε) + β.",
                         "A batch of one row must work too; ε goes inside the square root."])
        { (answers: any Lesson09Answers.Type) in try checkBatchNormInference(answers) },
        Exercise(lesson: "Lesson09", name: "batchNormInputGradient", task: "∂L/∂x of batch normalization, training mode",
                 hints: ["μ_B and σ²_B depend on every row, so ∂L/∂x is not just γ·∂L/∂y/s: in each column the result sums to 0.",
                         "With g = γ ⊙ ∂L/∂y and s = √(σ²_B + ε): ∂L/∂x = (m·g − Σg − x̂·Σ(g ⊙ x̂)) / (m·s), sums over the rows."])
        { (answers: any Lesson09Answers.Type) in try checkBatchNormInputGradient(answers) },
    ]

    /// A batch of m rows and n columns with column scales and offsets of different sizes.
    static func randomBatch(_ generator: inout SeededGenerator, rows m: Int, columns n: Int) -> [[Double]] {
        let scales = (0..<n).map { _ in generator.uniform(in: 0.1...5) }
        let offsets = (0..<n).map { _ in generator.uniform(in: -3...3) }
        return (0..<m).map { _ in (0..<n).map { j in offsets[j] + scales[j] * generator.normal() } }
    }

    static func randomVector(_ generator: inout SeededGenerator, _ count: Int, in range: ClosedRange<Double> = -2...2) -> [Double] {
        (0..<count).map { _ in generator.uniform(in: range) }
    }

    /// Column j's mean and biased variance.
    static func columnStatistics(_ batch: [[Double]], _ j: Int) -> (mean: Double, variance: Double) {
        let m = Double(batch.count)
        let mean = batch.reduce(0) { $0 + $1[j] } / m
        let variance = batch.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) } / m
        return (mean, variance)
    }

    static func checkInvertedDropout<A: Lesson09Answers>(_ answers: A.Type) throws {
        var cases: [(x: [Double], keep: [Bool], rate: Double, g: [Double])] = [
            ([2, 4, 6], [true, false, true], 0.5, [1, 1, 1]),
        ]
        var generator = SeededGenerator(seed: 901)
        for _ in 0..<15 {
            let n = generator.int(in: 1...8)
            let rate = [0.1, 0.2, 0.5, 0.8][generator.index(below: 4)]
            cases.append((randomVector(&generator, n), (0..<n).map { _ in generator.bernoulli(1 - rate) }, rate,
                          randomVector(&generator, n)))
        }
        for c in cases {
            let mask = c.keep.map { $0 ? 1 / (1 - c.rate) : 0 }
            let input = "x = \(format(c.x)), keep = \(c.keep), rate = \(format(c.rate)), ∂L/∂y = \(format(c.g))"
            let got = try answers.invertedDropout(input: c.x, keep: c.keep, rate: c.rate, outputGradient: c.g)
            try expectClose(got.output, zip(mask, c.x).map { $0 * $1 }, tolerance: 1e-12, what: "output y", input: input,
                            hint: "a kept unit is divided by q = 1 − rate (not by the rate, and not left as it is); a dropped one is 0")
            try expectClose(got.inputGradient, zip(mask, c.g).map { $0 * $1 }, tolerance: 1e-12, what: "∂L/∂x", input: input,
                            hint: "y = mask ⊙ x is linear in x, so ∂L/∂x = mask ⊙ ∂L/∂y with the same 1/q factor")
        }
    }

    static func checkBatchNormTraining<A: Lesson09Answers>(_ answers: A.Type) throws {
        var cases: [(batch: [[Double]], gamma: [Double], beta: [Double], epsilon: Double)] = [
            ([[1], [2], [3], [4]], [1], [0], 0),
            ([[1, 10], [3, 10], [5, 40]], [2, 1], [1, -1], 1e-5),
        ]
        var generator = SeededGenerator(seed: 902)
        for _ in 0..<12 {
            let (m, n) = (generator.int(in: 2...7), generator.int(in: 1...5))
            cases.append((randomBatch(&generator, rows: m, columns: n), randomVector(&generator, n, in: 0.2...3),
                          randomVector(&generator, n), [1e-5, 1e-3, 0.1][generator.index(below: 3)]))
        }
        for c in cases {
            let stats = c.batch[0].indices.map { columnStatistics(c.batch, $0) }
            let expected = c.batch.map { row in
                row.indices.map { j in c.gamma[j] * (row[j] - stats[j].mean) / (stats[j].variance + c.epsilon).squareRoot() + c.beta[j] }
            }
            let got = try answers.batchNormTraining(batch: c.batch, scale: c.gamma, offset: c.beta, epsilon: c.epsilon)
            try expectClose(got, expected, tolerance: 1e-9, what: "normalized batch",
                            input: "batch = \(format(c.batch)), γ = \(format(c.gamma)), β = \(format(c.beta)), ε = \(format(c.epsilon))",
                            hint: "per column: μ = mean, σ² = (1/m)Σ(x − μ)² (biased), y = γ(x − μ)/√(σ² + ε) + β")
        }
    }

    static func checkUpdatedRunningStatistics<A: Lesson09Answers>(_ answers: A.Type) throws {
        var cases: [(batch: [[Double]], mean: [Double], variance: [Double], momentum: Double)] = [
            ([[1], [2], [3], [4]], [0], [1], 0.1),
        ]
        var generator = SeededGenerator(seed: 903)
        for _ in 0..<12 {
            let (m, n) = (generator.int(in: 2...7), generator.int(in: 1...5))
            cases.append((randomBatch(&generator, rows: m, columns: n), randomVector(&generator, n),
                          randomVector(&generator, n, in: 0.1...4), [0.1, 0.01, 0.5, 1][generator.index(below: 4)]))
        }
        for c in cases {
            let m = Double(c.batch.count)
            let stats = c.batch[0].indices.map { columnStatistics(c.batch, $0) }
            let mean = c.mean.indices.map { (1 - c.momentum) * c.mean[$0] + c.momentum * stats[$0].mean }
            let variance = c.variance.indices.map { (1 - c.momentum) * c.variance[$0] + c.momentum * stats[$0].variance * m / (m - 1) }
            let got = try answers.updatedRunningStatistics(batch: c.batch, runningMean: c.mean, runningVariance: c.variance,
                                                           momentum: c.momentum)
            let input = "batch = \(format(c.batch)), running mean = \(format(c.mean)), running variance = \(format(c.variance)), momentum = \(format(c.momentum))"
            try expectClose(got.mean, mean, tolerance: 1e-12, what: "running mean", input: input,
                            hint: "mean ← (1 − α)·mean + α·μ_B: the momentum α weighs the new batch")
            try expectClose(got.variance, variance, tolerance: 1e-10, what: "running variance", input: input,
                            hint: "variance ← (1 − α)·variance + α·σ²_B·m/(m − 1): the unbiased batch variance")
        }
    }

    static func checkBatchNormInference<A: Lesson09Answers>(_ answers: A.Type) throws {
        var cases: [(batch: [[Double]], mean: [Double], variance: [Double], gamma: [Double], beta: [Double], epsilon: Double)] = [
            ([[3], [5]], [1], [4], [1], [0], 0),
            ([[1, 2, 3]], [0.5, 0, -1], [1, 0.25, 9], [2, 1, 0.5], [0, 1, 2], 1e-5),
        ]
        var generator = SeededGenerator(seed: 904)
        for _ in 0..<12 {
            let (m, n) = (generator.int(in: 1...6), generator.int(in: 1...5))
            cases.append((randomBatch(&generator, rows: m, columns: n), randomVector(&generator, n),
                          randomVector(&generator, n, in: 0.1...4), randomVector(&generator, n, in: 0.2...3),
                          randomVector(&generator, n), [1e-5, 1e-3, 0.1][generator.index(below: 3)]))
        }
        for c in cases {
            let expected = c.batch.map { row in
                row.indices.map { j in c.gamma[j] * (row[j] - c.mean[j]) / (c.variance[j] + c.epsilon).squareRoot() + c.beta[j] }
            }
            let got = try answers.batchNormInference(batch: c.batch, runningMean: c.mean, runningVariance: c.variance,
                                                     scale: c.gamma, offset: c.beta, epsilon: c.epsilon)
            try expectClose(got, expected, tolerance: 1e-9, what: "output",
                            input: "batch = \(format(c.batch)), running mean = \(format(c.mean)), running variance = \(format(c.variance)), γ = \(format(c.gamma)), β = \(format(c.beta)), ε = \(format(c.epsilon))",
                            hint: "use the running mean and variance, not the batch's: y = γ(x − mean)/√(variance + ε) + β")
        }
    }

    static func checkBatchNormInputGradient<A: Lesson09Answers>(_ answers: A.Type) throws {
        var cases: [(batch: [[Double]], gamma: [Double], epsilon: Double, g: [[Double]])] = [
            ([[1], [2], [3], [4]], [1], 0, [[1], [0], [0], [0]]),
        ]
        var generator = SeededGenerator(seed: 905)
        for _ in 0..<12 {
            let (m, n) = (generator.int(in: 2...7), generator.int(in: 1...5))
            cases.append((randomBatch(&generator, rows: m, columns: n), randomVector(&generator, n, in: 0.2...3),
                          [1e-5, 1e-3, 0.1][generator.index(below: 3)],
                          (0..<m).map { _ in randomVector(&generator, n) }))
        }
        for c in cases {
            let m = Double(c.batch.count)
            var expected = c.batch
            for j in c.batch[0].indices {
                let (mean, variance) = columnStatistics(c.batch, j)
                let s = (variance + c.epsilon).squareRoot()
                let normalized = c.batch.map { ($0[j] - mean) / s }
                let g = c.g.map { $0[j] * c.gamma[j] }
                let gSum = g.reduce(0, +)
                let gDot = zip(g, normalized).reduce(0) { $0 + $1.0 * $1.1 }
                for i in c.batch.indices { expected[i][j] = (m * g[i] - gSum - normalized[i] * gDot) / (m * s) }
            }
            let got = try answers.batchNormInputGradient(batch: c.batch, scale: c.gamma, epsilon: c.epsilon, outputGradient: c.g)
            try expectClose(got, expected, tolerance: 1e-9, what: "∂L/∂x",
                            input: "batch = \(format(c.batch)), γ = \(format(c.gamma)), ε = \(format(c.epsilon)), ∂L/∂y = \(format(c.g))",
                            hint: "three paths lead from xᵢ to the loss: through x̂ᵢ directly, through μ_B and through σ²_B; "
                                + "∂L/∂x = (m·g − Σg − x̂·Σ(g ⊙ x̂)) / (m·s) with g = γ ⊙ ∂L/∂y")
        }
    }
}
