import Foundation
import Grading
import Testing

/// The graded result printed at the very end of `swift test`, after Swift Testing's own last
/// line: one line per exercise that was attempted, one line per lesson for the rest, the
/// reasons of every failure, and the `Grade:` total. When a `--filter` that names a lesson or an
/// exercise selected no exercise, it says so and shows the suite names, instead of leaving a
/// silent "0 tests passed".
///
/// The report is an `atexit` handler, registered when Swift Testing builds the grading
/// suites' traits (`.gradeReport`), which it does for every suite, selected or not.
enum GradeReport {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var student: [String: Outcome] = [:]
    nonisolated(unsafe) private static var reference: [String: Outcome] = [:]

    /// Registers the report once.
    static func start() { _ = registered }

    private static let registered: Bool = {
        atexit { GradeReport.printReport() }
        return true
    }()

    static func record(_ exercise: Exercise, _ outcome: Outcome, solutions: Bool) {
        lock.withLock {
            if solutions { reference[exercise.identifier] = outcome } else { student[exercise.identifier] = outcome }
        }
    }

    static func printReport() {
        let (student, reference) = lock.withLock { (Self.student, Self.reference) }
        var lines = [""]
        if student.isEmpty && reference.isEmpty {
            let arguments = CommandLine.arguments
            let filters = arguments.indices.filter { arguments[$0] == "--filter" && $0 + 1 < arguments.count }
                .map { arguments[$0 + 1] }
            // Only a filter meant for the exercises (one that mentions a lesson or an exercise)
            // gets the note; `--filter TensorCoreTests` selects no exercise on purpose.
            let names = Curriculum.all.map { $0.name.lowercased() }
            guard filters.contains(where: { filter in
                let f = filter.lowercased()
                return f.contains("lesson") || f.contains("exercise") || names.contains { f.contains($0) }
            }) else { return }
            lines.append("Grade: no exercise was graded: --filter \(filters.joined(separator: ", ")) matched none of "
                + "the suites " + Curriculum.lessons.map { "\($0)Exercises" }.joined(separator: ", ")
                + " (names are case-sensitive).")
            lines.append("Grade: `swift run Grade --lesson Lesson01` grades one lesson (any case); "
                + "`swift run Grade list` lists every exercise.")
        } else {
            lines.append("Graded exercises (Exercises/):")
            for lesson in Curriculum.lessons {
                let exercises = Curriculum.exercises(ofLesson: lesson).filter { student[$0.identifier] != nil }
                guard !exercises.isEmpty else { continue }
                let card = ReportCard(entries: exercises.map { ($0, student[$0.identifier]!) })
                let waiting = card.entries.filter { $0.outcome == .notAttempted }.map(\.exercise.name)
                lines += card.lines.filter { !$0.hasPrefix("  · ") }
                if !waiting.isEmpty {
                    lines.append("  · \(lesson): \(waiting.count) not attempted (\(waiting.joined(separator: ", ")))")
                }
            }
            let outcomes = Array(student.values)
            let attempted = outcomes.filter(\.isAttempted).count, passed = outcomes.filter { $0 == .passed }.count
            let correct = reference.values.filter { $0 == .passed }.count
            lines.append("Grade: exercises \(attempted) of \(outcomes.count) attempted (\(passed) passed, "
                + "\(attempted - passed) failed) · solutions \(correct) of \(reference.count) correct · "
                + "`swift run Grade` for the report card, `swift run Grade --watch` to grade on every save")
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

/// The trait that registers `GradeReport` (see there).
struct GradeReportTrait: SuiteTrait, TestTrait {}

extension Trait where Self == GradeReportTrait {
    /// Prints the graded result at the end of the run.
    static var gradeReport: GradeReportTrait {
        GradeReport.start()
        return GradeReportTrait()
    }
}
