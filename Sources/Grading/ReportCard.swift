/// The graded state of a set of exercises: one line per exercise and a total.
public struct ReportCard: Sendable {
    public let entries: [(exercise: Exercise, outcome: Outcome)]

    public init(entries: [(exercise: Exercise, outcome: Outcome)]) {
        self.entries = entries
    }

    /// Grades every exercise in the calling process.
    public init(grading exercises: [Exercise]) {
        self.entries = exercises.map { ($0, $0.grade()) }
    }

    public var attempted: Int { entries.filter { $0.outcome.isAttempted }.count }
    public var passed: Int { entries.filter { $0.outcome == .passed }.count }
    public var failed: Int { attempted - passed }

    /// One line per exercise, in course order, such as
    /// `  ✓ Lesson01.reluNeuron        passed`.
    public var lines: [String] {
        let width = entries.map(\.exercise.identifier.count).max() ?? 0
        return entries.map { entry in
            let name = entry.exercise.identifier + String(repeating: " ", count: width - entry.exercise.identifier.count)
            switch entry.outcome {
            case .passed: return "  ✓ \(name)  passed"
            case .notAttempted: return "  · \(name)  not attempted — \(entry.exercise.task)"
            case .failed(let reason): return "  ✗ \(name)  failed: \(reason)"
            }
        }
    }

    /// `5 exercises: 2 passed, 1 failed, 2 not attempted`.
    public var total: String {
        "\(entries.count) exercises: \(passed) passed, \(failed) failed, \(entries.count - attempted) not attempted"
    }
}
