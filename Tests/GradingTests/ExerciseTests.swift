import Grading
import Testing

// The graded exercises: one suite per lesson, so that `swift test --filter Lesson03` grades one
// lesson, and one test case per exercise, generated from the lesson's declarations. Every case
// runs its exercise in a child process with a time limit (`Grader`). A stub passes here and
// shows as "not attempted" in the report printed at the end of `swift test`, because Swift
// Testing shows a cancelled test case as passed. Adding a lesson: one suite of four lines.

@Suite(.gradeReport) struct Lesson01Exercises {
    @Test(arguments: Lesson01Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson01Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson02Exercises {
    @Test(arguments: Lesson02Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson02Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson03Exercises {
    @Test(arguments: Lesson03Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson03Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson04Exercises {
    @Test(arguments: Lesson04Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson04Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson05Exercises {
    @Test(arguments: Lesson05Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson05Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson06Exercises {
    @Test(arguments: Lesson06Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson06Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson07Exercises {
    @Test(arguments: Lesson07Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson07Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson08Exercises {
    @Test(arguments: Lesson08Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson08Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Test("every lesson with exercises has its suite above")
func everyLessonHasASuite() {
    let suites = [Lesson01Exercises.self, Lesson02Exercises.self, Lesson03Exercises.self, Lesson04Exercises.self,
                  Lesson05Exercises.self, Lesson06Exercises.self, Lesson07Exercises.self, Lesson08Exercises.self] as [Any.Type]
    #expect(suites.map { "\($0)".replacingOccurrences(of: "Exercises", with: "") } == Curriculum.lessons)
}

extension Exercise: CustomTestStringConvertible {
    public var testDescription: String { identifier }
}
