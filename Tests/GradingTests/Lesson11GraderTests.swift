import Grading
import Testing
import TensorCore  // the C math library, re-exported once for the package

@Suite("Lesson11 grader")
struct Lesson11GraderTests {
    @Test("the checks fail plausible wrong answers, with a hint")
    func checksCatchWrongAnswers() {
        for exercise in Lesson11Checks.exercises {
            guard let reason = exercise.grade(PlausiblyWrongLesson11.self).failure?.description else {
                Issue.record("\(exercise.identifier) accepted a wrong answer")
                continue
            }
            #expect(reason.contains("hint:"), "\(exercise.identifier): \(reason)")
        }
    }
}

/// Answers with the mistakes a student is likely to make.
enum PlausiblyWrongLesson11: Lesson11Answers {
    /// Counts the exponent from 0, as 004:1998 prints it.
    static func rewardToGo(rewards: [Double], discount: Double) throws -> [Double] {
        rewards.indices.map { t in (t..<rewards.count).reduce(0.0) { $0 + pow(discount, Double($1)) * rewards[$1] } }
    }

    /// Forgets the softmax term: returns eₐ.
    static func logSoftmaxGradient(logits: [Double], action: Int) throws -> [Double] {
        logits.indices.map { $0 == action ? 1 : 0 }
    }

    /// The mean return (optimal only under the notes' independence assumption).
    static func varianceMinimisingBaseline(scores: [[Double]], returns: [Double]) throws -> Double {
        returns.reduce(0, +) / Double(returns.count)
    }

    /// Labels the new states with the learner's own (here: always 1) action.
    static func daggerAggregate(states: [[Double]], labels: [Int], visited: [[Double]],
                                expertGains: [Double]) throws -> (states: [[Double]], labels: [Int]) {
        (states + visited, labels + visited.map { _ in 1 })
    }

    /// Treats the second parameter as the variance.
    static func gaussianLogDensityGradient(action: Double, mean: Double,
                                           logStandardDeviation: Double) throws -> (mean: Double, logStandardDeviation: Double) {
        let sigma = exp(logStandardDeviation)
        return ((action - mean) / sigma, (action - mean) * (action - mean) / sigma - 1)
    }
}
