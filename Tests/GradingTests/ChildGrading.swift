import Foundation
import Grading
import Testing

/// The grader of the tests: the `GradeLessonNN` executables sit next to the test bundle, since
/// `swift test` builds every executable of the package.
let grader = Grader(root: Curriculum.compiledRoot,
                    binaries: (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
                        .resolvingSymlinksInPath().deletingLastPathComponent())

/// Two children at a time (the course machine has two cores); they wait on a GCD thread, not
/// on one of Swift Testing's.
private let childSlots = DispatchSemaphore(value: 2)

/// Grades `exercise` in a child process and returns the outcome.
func gradeInChild(_ exercise: Exercise, solutions: Bool) async -> Outcome {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
            childSlots.wait()
            defer { childSlots.signal() }
            continuation.resume(returning: grader.grade(exercise, solutions: solutions))
        }
    }
}

/// The student's answers, graded once per test process and lesson: the trait `.attempted` asks
/// for a whole lesson before its test starts, and each test case then reads its own outcome.
actor StudentAnswers {
    static let shared = StudentAnswers()
    private var lessons: [String: Task<[String: Outcome], Never>] = [:]

    /// The outcome of every exercise of `lesson`, by identifier (graded on the first call).
    func outcomes(ofLesson lesson: String) async -> [String: Outcome] {
        if let grading = lessons[lesson] { return await grading.value }
        let grading = Task {
            await withTaskGroup(of: (String, Outcome).self) { group in
                for exercise in Curriculum.exercises(ofLesson: lesson) {
                    group.addTask { (exercise.identifier, await gradeInChild(exercise, solutions: false)) }
                }
                var outcomes: [String: Outcome] = [:]
                for await (identifier, outcome) in group { outcomes[identifier] = outcome }
                return outcomes
            }
        }
        lessons[lesson] = grading
        return await grading.value
    }

    /// Whether any exercise of `lesson` is attempted; records every outcome for the report, so
    /// that a lesson whose test is skipped still shows its exercises as "not attempted".
    func anyAttempted(inLesson lesson: String) async -> Bool {
        let outcomes = await outcomes(ofLesson: lesson)
        for exercise in Curriculum.exercises(ofLesson: lesson) {
            if let outcome = outcomes[exercise.identifier] { GradeReport.record(exercise, outcome, solutions: false) }
        }
        return outcomes.values.contains(where: \.isAttempted)
    }
}

extension Trait where Self == ConditionTrait {
    /// Skips a lesson's student test while none of its exercises is attempted, so that Swift
    /// Testing prints "skipped: … not attempted yet" for it instead of a green "passed". (A single
    /// untouched exercise of a lesson in progress cannot be shown so: Swift Testing prints
    /// nothing for a cancelled test case. The report at the end lists it as "not attempted".)
    static func attempted(_ lesson: String) -> Self {
        .enabled("\(lesson): not attempted yet (every stub in Exercises/\(lesson).swift still throws NotAttempted)") {
            GradeReport.start()
            return await StudentAnswers.shared.anyAttempted(inLesson: lesson)
        }
    }
}

/// The test of one student exercise: passes when the answer is right or still a stub (the
/// report at the end says "not attempted"), and records the failure, with its reasons, at the
/// place in `Exercises/` it points to.
func gradeStudentAnswer(_ exercise: Exercise) async {
    GradeReport.start()
    let graded = await StudentAnswers.shared.outcomes(ofLesson: exercise.lesson)[exercise.identifier]
    let outcome = if let graded { graded } else { await gradeInChild(exercise, solutions: false) }
    GradeReport.record(exercise, outcome, solutions: false)
    if let failure = outcome.failure { record(failure, of: exercise) }
}

/// The test of one reference answer in `Solutions/`: it must pass.
func gradeReferenceAnswer(_ exercise: Exercise) async {
    GradeReport.start()
    let outcome = await gradeInChild(exercise, solutions: true)
    GradeReport.record(exercise, outcome, solutions: true)
    switch outcome {
    case .passed: return
    case .notAttempted: Issue.record("Solutions/ must answer \(exercise.identifier), not throw NotAttempted")
    case .failed(let failure): record(failure, of: exercise, prefix: "the reference answer is wrong: ")
    }
}

/// Records `failure` as an issue at the file and line it names, such as `Exercises/Lesson03.swift:70:64`.
private func record(_ failure: Failure, of exercise: Exercise, prefix: String = "") {
    let text = "\(exercise.identifier): \(prefix)" + failure.lines.joined(separator: "\n")
    guard let location = failure.location else {
        Issue.record(Comment(rawValue: text))
        return
    }
    let parts = location.split(separator: ":")
    let path = grader.root.appendingPathComponent(String(parts[0])).path
    let sourceLocation = SourceLocation(fileID: "NeuralRL/\(parts[0])", filePath: path,
                                        line: parts.count > 1 ? Int(parts[1]) ?? 1 : 1,
                                        column: parts.count > 2 ? Int(parts[2]) ?? 1 : 1)
    Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
}
