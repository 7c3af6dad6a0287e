import Grading
import Solutions
import Testing

/// Grades `Exercises/Lesson02.swift` and checks `Solutions/Lesson02.swift`.
/// Run just these with `swift test --filter Lesson02`.
///
/// Each student exercise is its own test (not one parameterized test), because Swift Testing
/// reports a cancelled test as "cancelled: not attempted" but a cancelled test *case* as passed.
@Suite("Lesson02 exercises")
struct Lesson02Exercises {
    @Test("Lesson02.denseBackward") func denseBackward() async throws {
        try await gradeStudentExercise("Lesson02.denseBackward")
    }

    @Test("Lesson02.networkGradient") func networkGradient() async throws {
        try await gradeStudentExercise("Lesson02.networkGradient")
    }

    @Test("Lesson02.centralDifference") func centralDifference() async throws {
        try await gradeStudentExercise("Lesson02.centralDifference")
    }

    @Test("Lesson02.miniBatchStep") func miniBatchStep() async throws {
        try await gradeStudentExercise("Lesson02.miniBatchStep")
    }

    @Test("every exercise has its own test above")
    func everyExerciseIsListed() {
        #expect(exerciseNames("Lesson02") == ["denseBackward", "networkGradient", "centralDifference", "miniBatchStep"])
    }

    @Test("reference answers in Solutions/Lesson02.swift pass", arguments: exerciseNames("Lesson02"))
    func solution(_ name: String) {
        gradeReferenceAnswer("Lesson02.\(name)")
    }
}

/// Nearly right on purpose: each answer makes one mistake a student might make.
enum NearlyLesson02: Lesson02Answers {
    typealias Reference = Solutions.Lesson02

    /// Forgets the ReLU mask: δ = ∂L/∂y.
    static func denseBackward(input: [[Double]], weights: [[Double]], bias: [Double],
                              outputGradient: [[Double]]) throws -> DenseLayerGradients {
        let noBias = bias.map { _ in 1e9 }   // every z > 0, so no unit is masked
        return try Reference.denseBackward(input: input, weights: weights, bias: noBias, outputGradient: outputGradient)
    }

    /// Right for the lecture's example only: returns its gradient for any network.
    static func networkGradient(weights: [[[Double]]], biases: [[Double]], input: [Double],
                                label: [Double]) throws -> NetworkGradients {
        NetworkGradients(weights: [[[0, 0, 0, 0], [-6, 6, 6, 6]], [[0, 0], [6, 6]], [[6, 6]]],
                         biases: [[0, 6], [3, 3], [3]])
    }

    /// One-sided differences.
    static func centralDifference(of f: ([Double]) -> Double, at point: [Double], step: Double) throws -> [Double] {
        point.indices.map { i in
            var plus = point
            plus[i] += step
            return (f(plus) - f(point)) / step
        }
    }

    /// Sums the batch gradient instead of averaging it.
    static func miniBatchStep(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                              learningRate: Double) throws -> (weights: [Double], bias: Double) {
        try Reference.miniBatchStep(weights: weights, bias: bias, inputs: inputs, targets: targets,
                                    learningRate: learningRate * Double(inputs.count))
    }
}

/// Wrong shapes: ∂W missing a row, bias gradients missing a layer, a gradient of length 1.
enum MisshapenLesson02: Lesson02Answers {
    typealias Reference = Solutions.Lesson02

    static func denseBackward(input: [[Double]], weights: [[Double]], bias: [Double],
                              outputGradient: [[Double]]) throws -> DenseLayerGradients {
        var result = try Reference.denseBackward(input: input, weights: weights, bias: bias, outputGradient: outputGradient)
        result.weights.removeLast()
        return result
    }

    static func networkGradient(weights: [[[Double]]], biases: [[Double]], input: [Double],
                                label: [Double]) throws -> NetworkGradients {
        var result = try Reference.networkGradient(weights: weights, biases: biases, input: input, label: label)
        result.biases.removeLast()
        return result
    }

    static func centralDifference(of f: ([Double]) -> Double, at point: [Double], step: Double) throws -> [Double] {
        [Double.nan]
    }

    static func miniBatchStep(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                              learningRate: Double) throws -> (weights: [Double], bias: Double) {
        (weights.map { $0 - learningRate }, bias)
    }
}

@Suite("Lesson02 grader")
struct Lesson02GraderTests {
    func outcomes<A: Lesson02Answers>(_ answers: A.Type) -> [String: Outcome] {
        Dictionary(uniqueKeysWithValues: Lesson02Checks.exercises(answers).map { ($0.name, $0.grade()) })
    }

    func reason(_ outcome: Outcome?) -> String {
        if case .failed(let reason) = outcome { return reason }
        return ""
    }

    @Test("a missing ReLU mask, an answer tuned to the notes, one-sided differences and a summed gradient all fail")
    func nearlyRightFails() {
        let o = outcomes(NearlyLesson02.self)
        #expect(reason(o["denseBackward"]).contains("ReLU′"))
        #expect(reason(o["networkGradient"]).contains("Hint:"))
        #expect(reason(o["centralDifference"]).contains("one-sided"))
        #expect(reason(o["miniBatchStep"]).contains("mean over the batch"))
    }

    @Test("wrong shapes and NaN are reported as failures with the expected shape")
    func shapesFail() {
        let o = outcomes(MisshapenLesson02.self)
        #expect(reason(o["denseBackward"]).contains("wrong shape"))
        #expect(reason(o["networkGradient"]).contains("bias gradients"))
        #expect(reason(o["centralDifference"]).contains("wrong length"))
        #expect(o["miniBatchStep"] != .passed)
    }
}
