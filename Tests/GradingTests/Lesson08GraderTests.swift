import Grading
import Testing
import TensorCore  // the C math library, re-exported once for the package

@Suite("Lesson08 grader")
struct Lesson08GraderTests {
    @Test("the checks fail plausible wrong answers, with a hint")
    func checksCatchWrongAnswers() {
        for exercise in Lesson08Checks.exercises {
            guard let reason = exercise.grade(PlausiblyWrongLesson08.self).failure?.description else {
                Issue.record("\(exercise.identifier) accepted a wrong answer")
                continue
            }
            #expect(reason.contains("hint:"), "\(exercise.identifier): \(reason)")
        }
    }
}

/// Answers with the mistakes a student is likely to make.
enum PlausiblyWrongLesson08: Lesson08Answers {
    /// Steps along the old velocity.
    static func momentumStep(parameters: [Double], velocity: [Double], gradient: [Double],
                             learningRate: Double, momentum: Double) throws -> (parameters: [Double], velocity: [Double]) {
        (zip(parameters, velocity).map { $0 - learningRate * $1 }, zip(velocity, gradient).map { momentum * $0 + $1 })
    }

    /// Feeds the bias-corrected moments back, as the short course's table prints it (004:1026).
    static func adamStep(parameters: [Double], firstMoment: [Double], secondMoment: [Double], gradient: [Double],
                         step: Int, learningRate: Double, beta1: Double, beta2: Double,
                         epsilon: Double) throws -> (parameters: [Double], firstMoment: [Double], secondMoment: [Double]) {
        let (c1, c2) = (1 - pow(beta1, Double(step)), 1 - pow(beta2, Double(step)))
        let m = zip(firstMoment, gradient).map { (beta1 * $0 + (1 - beta1) * $1) / c1 }
        let v = zip(secondMoment, gradient).map { (beta2 * $0 + (1 - beta2) * $1 * $1) / c2 }
        return (parameters.indices.map { parameters[$0] - learningRate * m[$0] / (v[$0] + epsilon).squareRoot() }, m, v)
    }

    /// 2/max aᵢ: forgets that the curvature of aᵢxᵢ² is 2aᵢ.
    static func largestStableStep(coefficients: [Double]) throws -> Double { 2 / coefficients.max()! }

    /// One q per coordinate, i.e. Kingma–Ba's denominator, with q summed wrongly.
    static func lectureAdamStep(parameters: [Double], firstMoment: [Double], squaredNorm: Double, gradient: [Double],
                                step: Int, learningRate: Double, beta1: Double, beta2: Double,
                                epsilon: Double) throws -> (parameters: [Double], firstMoment: [Double], squaredNorm: Double) {
        let v = zip(firstMoment, gradient).map { beta1 * $0 + (1 - beta1) * $1 }
        let q = beta2 * squaredNorm + (1 - beta2) * gradient.reduce(0) { $0 + abs($1) }
        let theta = parameters.indices.map { parameters[$0] - learningRate * v[$0] / (1 - pow(beta1, Double(step)))
            / (q / (1 - pow(beta2, Double(step))) + epsilon).squareRoot() }
        return (theta, v, q)
    }
}
