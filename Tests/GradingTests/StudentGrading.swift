import Foundation
import Gradebook
import Grading
import Testing

/// Grades exercises of `Exercises/` in a child process (a Swift Testing exit test), so that
/// student code which traps fails its own exercise and the rest of `swift test` goes on.
/// Returns nil when the child crashed; that failure is already recorded.
func gradeInChildProcess(_ identifiers: [String]) async -> [String: Outcome]? {
    let result = await #expect(
        processExitsWith: .success, observing: [\.standardOutputContent],
        "the code under test crashed: look for an index out of range, a shape mismatch or a division by zero"
    ) { [identifiers] in
        for identifier in identifiers {
            let outcome = Gradebook.student.exercise(identifier)?.grade()
                ?? .failed(reason: "no exercise named \(identifier)")
            let json = String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
            print("OUTCOME \(identifier) \(json)")
        }
    }
    guard let result else { return nil }
    var outcomes: [String: Outcome] = [:]
    for line in String(decoding: result.standardOutputContent, as: UTF8.self).split(separator: "\n")
    where line.hasPrefix("OUTCOME ") {
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count == 3, let outcome = try? JSONDecoder().decode(Outcome.self, from: Data(parts[2].utf8))
        else { continue }
        outcomes[String(parts[1])] = outcome
    }
    return outcomes
}

/// The test of one student exercise: passes when the answer is right, shows as skipped
/// ("not attempted") while it is a stub, and fails with input, expected, got and a hint when wrong.
func gradeStudentExercise(_ identifier: String) async throws {
    let all = await gradeInChildProcess([identifier])
    guard let outcome = all?[identifier] else { return }
    switch outcome {
    case .passed:
        return
    case .notAttempted:
        let task = Gradebook.student.exercise(identifier)?.task ?? ""
        try Test.cancel("not attempted: \(identifier) (\(task))")
    case .failed(let reason):
        Issue.record("\(identifier) failed: \(reason)")
    }
}

/// The test of one reference answer: it must pass.
func gradeReferenceAnswer(_ identifier: String) {
    guard let exercise = Gradebook.reference.exercise(identifier) else {
        Issue.record("no reference answer for \(identifier)")
        return
    }
    #expect(exercise.grade() == .passed, "Solutions/ must answer \(identifier) correctly")
}

/// The names of a lesson's exercises, for parameterized tests.
func exerciseNames(_ lesson: String) -> [String] {
    Gradebook.reference.exercises(ofLesson: lesson).map(\.name)
}
