import Testing

/// Grades `Exercises/Lesson06.swift` and checks `Solutions/Lesson06.swift`.
/// Run just these with `swift test --filter Lesson06`.
///
/// Each student exercise is its own test (not one parameterized test), because Swift Testing
/// reports a cancelled test as "cancelled: not attempted" but a cancelled test *case* as passed.
@Suite("Lesson06 exercises")
struct Lesson06Exercises {
    @Test("Lesson06.semiGradientTD0") func semiGradientTD0() async throws {
        try await gradeStudentExercise("Lesson06.semiGradientTD0")
    }

    @Test("Lesson06.eligibilityTrace") func eligibilityTrace() async throws {
        try await gradeStudentExercise("Lesson06.eligibilityTrace")
    }

    @Test("Lesson06.pointUnits") func pointUnits() async throws {
        try await gradeStudentExercise("Lesson06.pointUnits")
    }

    @Test("Lesson06.winRateInterval") func winRateInterval() async throws {
        try await gradeStudentExercise("Lesson06.winRateInterval")
    }

    @Test("every exercise has its own test above")
    func everyExerciseIsListed() {
        #expect(exerciseNames("Lesson06") == ["semiGradientTD0", "eligibilityTrace", "pointUnits", "winRateInterval"])
    }

    @Test("reference answers in Solutions/Lesson06.swift pass", arguments: exerciseNames("Lesson06"))
    func solution(_ name: String) {
        gradeReferenceAnswer("Lesson06.\(name)")
    }
}
