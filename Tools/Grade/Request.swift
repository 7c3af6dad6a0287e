import Foundation
import Grading

let usage = """
    usage: Grade [list | next | hint NAME] [--lesson LessonNN] [--watch] [--solutions] [--expect-unattempted]

      (no command)           grade the exercises in Exercises/ and print the report card
      list                   every exercise with its place, task and state at the last grading
      next                   the first exercise not passed yet: where it is and what it asks
      hint NAME              hints for an exercise (such as reluNeuron); a second one after a failure
      --lesson LessonNN      grade one lesson's exercises only (other lessons are not even compiled)
      --watch                grade, then grade again whenever a file in Exercises/ is saved (Ctrl-C stops)
      --solutions            grade the reference answers in Solutions/ instead (every one must pass)
      --expect-unattempted   exit 1 if any exercise in Exercises/ is attempted (a CI check that
                             the stubs stay stubs)

    Grade exits 1 when an attempted exercise fails, and 64 on a bad command line.
    """

/// What the command line asked for.
struct Request {
    enum Command: Equatable {
        case grade
        case list
        case next
        case hint(String)
    }

    var command = Command.grade
    var lesson: String?
    var solutions = false
    var expectUnattempted = false
    var watch = false
    /// For tests of `--watch`: stop after this many re-gradings.
    var watchRounds: Int?
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("Grade: \(message)\n\(usage)\n".utf8))
    exit(64)
}

func parse(_ arguments: [String]) -> Request {
    var request = Request()
    var rest = arguments[...]
    while let word = rest.popFirst() {
        switch word {
        case "--lesson":
            guard let value = rest.popFirst() else { fail("--lesson needs a value such as Lesson01") }
            guard let lesson = Curriculum.lessons.first(where: { $0.lowercased() == value.lowercased() }) else {
                fail("no exercises for '\(value)'; lessons with exercises: \(Curriculum.lessons.joined(separator: ", "))")
            }
            request.lesson = lesson
        case "--solutions": request.solutions = true
        case "--expect-unattempted": request.expectUnattempted = true
        case "--watch": request.watch = true
        case "--watch-rounds":
            guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { fail("--watch-rounds needs a count") }
            request.watchRounds = value
        case "--help", "-h":
            print(usage)
            exit(0)
        case "list": request.command = .list
        case "next": request.command = .next
        case "hint":
            guard let name = rest.popFirst() else { fail("hint needs an exercise name, such as `hint reluNeuron`") }
            request.command = .hint(name)
        default:
            fail(word.hasPrefix("-") ? "unknown flag '\(word)'" : "unknown command '\(word)'")
        }
    }
    if request.watch && request.command != .grade { fail("--watch goes with grading, not with a command") }
    if request.solutions && request.expectUnattempted { fail("--solutions and --expect-unattempted exclude each other") }
    return request
}
