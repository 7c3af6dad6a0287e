import Gradebook
import Grading
import Testing

/// Prints where a student stands, such as
/// `Grade: exercises 1 of 4 attempted (1 passed) · solutions 4 of 4 correct`.
@Test("report card: exercises attempted and solutions correct")
func reportCard() async {
    let solutions = ReportCard(grading: Gradebook.reference.exercises)
    #expect(solutions.passed == solutions.entries.count, "every reference answer must pass")
    let identifiers = Gradebook.student.exercises.map(\.identifier)
    guard let outcomes = await gradeInChildProcess(identifiers) else { return }
    let attempted = outcomes.values.filter(\.isAttempted).count
    let passed = outcomes.values.filter { $0 == .passed }.count
    print("""
        Grade: exercises \(attempted) of \(identifiers.count) attempted (\(passed) passed) · \
        solutions \(solutions.passed) of \(solutions.entries.count) correct · \
        `swift run Grade` prints the report card
        """)
}
