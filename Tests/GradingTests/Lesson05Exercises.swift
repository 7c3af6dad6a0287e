import Grading
import NeuralNetworks
import TensorCore
import Testing

/// Grades `Exercises/Lesson05.swift` and checks `Solutions/Lesson05.swift`.
/// Run just these with `swift test --filter Lesson05`.
///
/// Each student exercise is its own test (not one parameterized test), because Swift Testing
/// reports a cancelled test as "cancelled: not attempted" but a cancelled test *case* as passed.
@Suite("Lesson05 exercises")
struct Lesson05Exercises {
    @Test("Lesson05.xavierBound") func xavierBound() async throws {
        try await gradeStudentExercise("Lesson05.xavierBound")
    }

    @Test("Lesson05.heStandardDeviation") func heStandardDeviation() async throws {
        try await gradeStudentExercise("Lesson05.heStandardDeviation")
    }

    @Test("Lesson05.activationVariances") func activationVariances() async throws {
        try await gradeStudentExercise("Lesson05.activationVariances")
    }

    @Test("Lesson05.residualInputGradient") func residualInputGradient() async throws {
        try await gradeStudentExercise("Lesson05.residualInputGradient")
    }

    @Test("every exercise has its own test above")
    func everyExerciseIsListed() {
        #expect(exerciseNames("Lesson05") == ["xavierBound", "heStandardDeviation", "activationVariances",
                                              "residualInputGradient"])
    }

    @Test("reference answers in Solutions/Lesson05.swift pass", arguments: exerciseNames("Lesson05"))
    func solution(_ name: String) {
        gradeReferenceAnswer("Lesson05.\(name)")
    }

    @Test("the checks fail plausible wrong answers, with a hint")
    func checksCatchWrongAnswers() {
        for exercise in Lesson05Checks.exercises(PlausiblyWrongLesson05.self) {
            guard case .failed(let reason) = exercise.grade() else {
                Issue.record("\(exercise.identifier) accepted a wrong answer")
                continue
            }
            #expect(reason.contains("Hint:"), "\(exercise.identifier): \(reason)")
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
