import Grading
import Testing

@Suite("Lesson09 grader")
struct Lesson09GraderTests {
    @Test("the checks fail plausible wrong answers, with a hint")
    func checksCatchWrongAnswers() {
        for exercise in Lesson09Checks.exercises {
            guard let reason = exercise.grade(PlausiblyWrongLesson09.self).failure?.description else {
                Issue.record("\(exercise.identifier) accepted a wrong answer")
                continue
            }
            #expect(reason.contains("hint:"), "\(exercise.identifier): \(reason)")
        }
    }
}

/// Answers with the mistakes a student (or the notes) is likely to make.
enum PlausiblyWrongLesson09: Lesson09Answers {
    /// The notes' dropout (000:925–927): the mask without the division by q.
    static func invertedDropout(input: [Double], keep: [Bool], rate: Double,
                                outputGradient: [Double]) throws -> (output: [Double], inputGradient: [Double]) {
        let mask = keep.map { $0 ? 1.0 : 0 }
        return (zip(mask, input).map { $0 * $1 }, zip(mask, outputGradient).map { $0 * $1 })
    }

    static func columnStatistics(_ batch: [[Double]], _ j: Int, unbiased: Bool) -> (mean: Double, variance: Double) {
        let m = Double(batch.count)
        let mean = batch.reduce(0) { $0 + $1[j] } / m
        return (mean, batch.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) } / (unbiased ? m - 1 : m))
    }

    /// Divides by m − 1 while training.
    static func batchNormTraining(batch: [[Double]], scale: [Double], offset: [Double], epsilon: Double) throws -> [[Double]] {
        let columns = scale.indices.map { columnStatistics(batch, $0, unbiased: true) }
        return batch.map { row in
            row.indices.map { j in scale[j] * (row[j] - columns[j].mean) / (columns[j].variance + epsilon).squareRoot() + offset[j] }
        }
    }

    /// Forgets the factor m/(m − 1).
    static func updatedRunningStatistics(batch: [[Double]], runningMean: [Double], runningVariance: [Double],
                                         momentum: Double) throws -> (mean: [Double], variance: [Double]) {
        let columns = runningMean.indices.map { columnStatistics(batch, $0, unbiased: false) }
        return (runningMean.indices.map { (1 - momentum) * runningMean[$0] + momentum * columns[$0].mean },
                runningVariance.indices.map { (1 - momentum) * runningVariance[$0] + momentum * columns[$0].variance })
    }

    /// Divides by the standard deviation without ε, as 000:952 prints it.
    static func batchNormInference(batch: [[Double]], runningMean: [Double], runningVariance: [Double],
                                   scale: [Double], offset: [Double], epsilon: Double) throws -> [[Double]] {
        batch.map { row in
            row.indices.map { j in scale[j] * (row[j] - runningMean[j]) / runningVariance[j].squareRoot() + offset[j] }
        }
    }

    /// Treats μ_B and σ_B as constants: γ·∂L/∂y/s.
    static func batchNormInputGradient(batch: [[Double]], scale: [Double], epsilon: Double,
                                       outputGradient: [[Double]]) throws -> [[Double]] {
        let columns = scale.indices.map { columnStatistics(batch, $0, unbiased: false) }
        return outputGradient.map { row in
            row.indices.map { j in row[j] * scale[j] / (columns[j].variance + epsilon).squareRoot() }
        }
    }
}
