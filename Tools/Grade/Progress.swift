import Foundation
import Grading

/// The state of every exercise at its last grading, kept in the build folder
/// (`.build/grade-progress.json`) for `list`, `next` and `hint`, which do not compile anything.
struct Progress {
    enum State: String, Codable {
        case passed, failed, notAttempted
    }

    let file: URL
    var states: [String: State] = [:]

    init(file: URL) {
        self.file = file
        if let data = try? Data(contentsOf: file),
           let states = try? JSONDecoder().decode([String: State].self, from: data) {
            self.states = states
        }
    }

    /// Records the outcomes of one grading run.
    mutating func record(_ entries: [(exercise: Exercise, outcome: Outcome)]) {
        for (exercise, outcome) in entries {
            states[exercise.identifier] = switch outcome {
            case .passed: .passed
            case .notAttempted: .notAttempted
            case .failed: .failed
            }
        }
        if let data = try? JSONEncoder().encode(states) { try? data.write(to: file) }
    }

    /// `7 of 31 passed, 1 failed, 23 not attempted` over the whole course.
    var line: String {
        let all = Curriculum.all.map { states[$0.identifier] }
        let passed = all.filter { $0 == .passed }.count, failed = all.filter { $0 == .failed }.count
        let unknown = all.filter { $0 == nil }.count
        return "\(passed) of \(all.count) passed, \(failed) failed, \(all.count - passed - failed - unknown) not attempted"
            + (unknown > 0 ? ", \(unknown) not graded yet" : "")
    }

    /// The exercise to work on: the first failed one, else the first not passed.
    var next: Exercise? {
        Curriculum.all.first { states[$0.identifier] == .failed }
            ?? Curriculum.all.first { states[$0.identifier] != .passed }
    }
}
