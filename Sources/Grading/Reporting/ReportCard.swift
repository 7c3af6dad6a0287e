/// The graded state of a set of exercises: one line per exercise (with the reasons of a
/// failure below it), a progress line and the next exercise to work on.
public struct ReportCard: Sendable {
    public let entries: [(exercise: Exercise, outcome: Outcome)]

    public init(entries: [(exercise: Exercise, outcome: Outcome)]) {
        self.entries = entries
    }

    public var attempted: Int { entries.filter { $0.outcome.isAttempted }.count }
    public var passed: Int { entries.filter { $0.outcome == .passed }.count }
    public var failed: Int { attempted - passed }

    /// One line per exercise in course order, such as `  ✓ Lesson01.reluNeuron   passed`;
    /// under a failure, its reasons, indented.
    public var lines: [String] {
        let width = entries.map(\.exercise.identifier.count).max() ?? 0
        return entries.flatMap { entry -> [String] in
            let name = entry.exercise.identifier.padding(toLength: width, withPad: " ", startingAt: 0)
            switch entry.outcome {
            case .passed: return ["  ✓ \(name)  passed"]
            case .notAttempted: return ["  · \(name)  not attempted: \(entry.exercise.task)"]
            case .failed(let failure):
                return ["  ✗ \(name)  \(failure.summary)"] + failure.lines.dropFirst().map { "      " + $0 }
            }
        }
    }

    /// `7 of 31 passed, 1 failed, 23 not attempted`.
    public var progress: String {
        "\(passed) of \(entries.count) passed, \(failed) failed, \(entries.count - attempted) not attempted"
    }

    /// The first exercise, in course order, that has not passed: a failed one before an
    /// unattempted one, since it is the one being worked on.
    public var next: Exercise? {
        (entries.first { $0.outcome.failure != nil } ?? entries.first { $0.outcome != .passed })?.exercise
    }
}

import Foundation
