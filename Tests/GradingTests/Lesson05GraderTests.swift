import Grading
import NeuralNetworks
import TensorCore
import Testing

@Suite("Lesson05 grader")
struct Lesson05GraderTests {
    @Test("the checks fail plausible wrong answers, with a hint")
    func checksCatchWrongAnswers() {
        for exercise in Lesson05Checks.exercises {
            guard let reason = exercise.grade(PlausiblyWrongLesson05.self).failure?.description else {
                Issue.record("\(exercise.identifier) accepted a wrong answer")
                continue
            }
            #expect(reason.contains("hint:"), "\(exercise.identifier): \(reason)")
        }
    }
}

/// Answers with the mistakes a student is likely to make.
enum PlausiblyWrongLesson05: Lesson05Answers {
    /// Forgets the √3.
    static func xavierBound(width: Int) throws -> Double { 1 / Double(width).squareRoot() }
    /// Returns the variance instead of the standard deviation.
    static func heStandardDeviation(fanIn: Int) throws -> Double { 2 / Double(fanIn) }
    /// Divides by count − 1.
    static func activationVariances(input: Tensor, weights: [Tensor], activation: Activation) throws -> [Double] {
        var a = input
        return weights.map { w in
            a = activation(matmul(a, w))
            let mean = a.mean()
            return a.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(a.count - 1)
        }
    }
    /// Forgets the skip connection.
    static func residualInputGradient(w1: Tensor, w2: Tensor, x: Tensor, outputGradient: Tensor) throws -> Tensor {
        let n = x.count
        let z = matmul(w1, x.reshaped([n, 1]))
        let back = matmul(w2, outputGradient.reshaped([n, 1]), transposeA: true).combined(with: z) { g, zi in zi > 0 ? g : 0 }
        return matmul(w1, back, transposeA: true).reshaped([n])
    }
}
