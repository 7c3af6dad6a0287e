import Testing

/// Grades `Exercises/Lesson01.swift` and checks `Solutions/Lesson01.swift`.
/// Run just these with `swift test --filter Lesson01`.
///
/// Each student exercise is its own test (not one parameterized test), because Swift Testing
/// reports a cancelled test as "cancelled: not attempted" but a cancelled test *case* as passed.
@Suite("Lesson01 exercises")
struct Lesson01Exercises {
    @Test("Lesson01.reluNeuron") func reluNeuron() async throws {
        try await gradeStudentExercise("Lesson01.reluNeuron")
    }

    @Test("Lesson01.sigmoidDerivative") func sigmoidDerivative() async throws {
        try await gradeStudentExercise("Lesson01.sigmoidDerivative")
    }

    @Test("Lesson01.perceptronEpoch") func perceptronEpoch() async throws {
        try await gradeStudentExercise("Lesson01.perceptronEpoch")
    }

    @Test("Lesson01.xnorNetwork") func xnorNetwork() async throws {
        try await gradeStudentExercise("Lesson01.xnorNetwork")
    }

    @Test("every exercise has its own test above")
    func everyExerciseIsListed() {
        #expect(exerciseNames("Lesson01") == ["reluNeuron", "sigmoidDerivative", "perceptronEpoch", "xnorNetwork"])
    }

    @Test("reference answers in Solutions/Lesson01.swift pass", arguments: exerciseNames("Lesson01"))
    func solution(_ name: String) {
        gradeReferenceAnswer("Lesson01.\(name)")
    }
}
