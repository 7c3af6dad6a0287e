import Testing

/// Grades `Exercises/Lesson04.swift` and checks `Solutions/Lesson04.swift`.
/// Run just these with `swift test --filter Lesson04`.
///
/// Each student exercise is its own test (not one parameterized test), because Swift Testing
/// reports a cancelled test as "cancelled: not attempted" but a cancelled test *case* as passed.
@Suite("Lesson04 exercises")
struct Lesson04Exercises {
    @Test("Lesson04.reluBump") func reluBump() async throws {
        try await gradeStudentExercise("Lesson04.reluBump")
    }

    @Test("Lesson04.stepNetwork") func stepNetwork() async throws {
        try await gradeStudentExercise("Lesson04.stepNetwork")
    }

    @Test("Lesson04.boxIndicator") func boxIndicator() async throws {
        try await gradeStudentExercise("Lesson04.boxIndicator")
    }

    @Test("Lesson04.l1Distance") func l1Distance() async throws {
        try await gradeStudentExercise("Lesson04.l1Distance")
    }

    @Test("Lesson04.genzValue") func genzValue() async throws {
        try await gradeStudentExercise("Lesson04.genzValue")
    }

    @Test("every exercise has its own test above")
    func everyExerciseIsListed() {
        #expect(exerciseNames("Lesson04") == ["reluBump", "stepNetwork", "boxIndicator", "l1Distance", "genzValue"])
    }

    @Test("reference answers in Solutions/Lesson04.swift pass", arguments: exerciseNames("Lesson04"))
    func solution(_ name: String) {
        gradeReferenceAnswer("Lesson04.\(name)")
    }
}
