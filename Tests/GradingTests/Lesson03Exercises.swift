import Testing

/// Grades `Exercises/Lesson03.swift` and checks `Solutions/Lesson03.swift`.
/// Run just these with `swift test --filter Lesson03`.
///
/// Each student exercise is its own test (not one parameterized test), because Swift Testing
/// reports a cancelled test as "cancelled: not attempted" but a cancelled test *case* as passed.
@Suite("Lesson03 exercises")
struct Lesson03Exercises {
    @Test("Lesson03.stableLogSoftmax") func stableLogSoftmax() async throws {
        try await gradeStudentExercise("Lesson03.stableLogSoftmax")
    }

    @Test("Lesson03.crossEntropyGradient") func crossEntropyGradient() async throws {
        try await gradeStudentExercise("Lesson03.crossEntropyGradient")
    }

    @Test("Lesson03.linearSoftmaxGradients") func linearSoftmaxGradients() async throws {
        try await gradeStudentExercise("Lesson03.linearSoftmaxGradients")
    }

    @Test("Lesson03.expectedScore") func expectedScore() async throws {
        try await gradeStudentExercise("Lesson03.expectedScore")
    }

    @Test("Lesson03.confusionMatrix") func confusionMatrix() async throws {
        try await gradeStudentExercise("Lesson03.confusionMatrix")
    }

    @Test("every exercise has its own test above")
    func everyExerciseIsListed() {
        #expect(exerciseNames("Lesson03")
            == ["stableLogSoftmax", "crossEntropyGradient", "linearSoftmaxGradients", "expectedScore", "confusionMatrix"])
    }

    @Test("reference answers in Solutions/Lesson03.swift pass", arguments: exerciseNames("Lesson03"))
    func solution(_ name: String) {
        gradeReferenceAnswer("Lesson03.\(name)")
    }
}
