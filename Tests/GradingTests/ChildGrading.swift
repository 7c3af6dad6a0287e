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

/// The test of one student exercise: passes when the answer is right or still a stub (the
/// report at the end says "not attempted"), and records the failure, with its reasons, at the
/// place in `Exercises/` it points to.
func gradeStudentAnswer(_ exercise: Exercise) async {
    GradeReport.start()
    let outcome = await gradeInChild(exercise, solutions: false)
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
