import Grading
import Testing

// The graded exercises: one suite per lesson, so that `swift test --filter Lesson03` grades one
// lesson, and one test case per exercise, generated from the lesson's declarations. Every case
// runs its exercise in a child process with a time limit (`Grader`). A lesson none of whose
// exercises is attempted shows as skipped (`.attempted`); within a lesson in progress, a stub
// passes here and shows as "not attempted" in the report printed at the end of `swift test`,
// because Swift Testing prints nothing for a cancelled test case. Adding a lesson: one suite of
// four lines.

@Suite(.gradeReport) struct Lesson01Exercises {
    @Test(.attempted("Lesson01"), arguments: Lesson01Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson01Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson02Exercises {
    @Test(.attempted("Lesson02"), arguments: Lesson02Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson02Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson03Exercises {
    @Test(.attempted("Lesson03"), arguments: Lesson03Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson03Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson04Exercises {
    @Test(.attempted("Lesson04"), arguments: Lesson04Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson04Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson05Exercises {
    @Test(.attempted("Lesson05"), arguments: Lesson05Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson05Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson06Exercises {
    @Test(.attempted("Lesson06"), arguments: Lesson06Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson06Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson07Exercises {
    @Test(.attempted("Lesson07"), arguments: Lesson07Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson07Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson08Exercises {
    @Test(.attempted("Lesson08"), arguments: Lesson08Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson08Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson09Exercises {
    @Test(.attempted("Lesson09"), arguments: Lesson09Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson09Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson10Exercises {
    @Test(.attempted("Lesson10"), arguments: Lesson10Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson10Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson11Exercises {
    @Test(.attempted("Lesson11"), arguments: Lesson11Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson11Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Suite(.gradeReport) struct Lesson12Exercises {
    @Test(.attempted("Lesson12"), arguments: Lesson12Checks.exercises) func exercise(_ e: Exercise) async { await gradeStudentAnswer(e) }
    @Test(arguments: Lesson12Checks.exercises) func solution(_ e: Exercise) async { await gradeReferenceAnswer(e) }
}

@Test("every lesson with exercises has its suite above")
func everyLessonHasASuite() {
    let suites = [Lesson01Exercises.self, Lesson02Exercises.self, Lesson03Exercises.self, Lesson04Exercises.self,
                  Lesson05Exercises.self, Lesson06Exercises.self, Lesson07Exercises.self, Lesson08Exercises.self,
                  Lesson09Exercises.self, Lesson10Exercises.self, Lesson11Exercises.self, Lesson12Exercises.self] as [Any.Type]
    #expect(suites.map { "\($0)".replacingOccurrences(of: "Exercises", with: "") } == Curriculum.lessons)
}

extension Exercise: CustomTestStringConvertible {
    public var testDescription: String { identifier }
}
