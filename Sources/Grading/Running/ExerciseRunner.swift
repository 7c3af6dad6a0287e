import Foundation

/// The child side of grading: the body of every `GradeLessonNN` executable.
///
/// `GradeLessonNN --run-one NAME [--solutions]` grades one exercise of the lesson, against the
/// stubs in `Exercises/` or the answers in `Solutions/`, and prints the outcome as one marked
/// line of JSON after whatever the answer itself printed. Whatever goes wrong in the answer
/// (a trap, a loop that never ends) ends only this process; `Grader` reads the pieces.
/// `GradeLessonNN --list` prints the lesson's exercise names.
public enum ExerciseRunner {
    /// The prefix of the outcome line on standard output.
    public static let marker = "\u{1E}grade-outcome "

    public static func main(_ exercises: [Exercise], student: Any.Type, reference: Any.Type) -> Never {
        // Line-buffered, so that a student's `print` before a crash is not lost in a buffer.
        StandardStreams.lineBufferOutput()
        var arguments = CommandLine.arguments.dropFirst()
        var name: String?
        var solutions = false
        while let argument = arguments.popFirst() {
            switch argument {
            case "--run-one": name = arguments.popFirst()
            case "--solutions": solutions = true
            case "--list":
                for exercise in exercises { print(exercise.name) }
                exit(0)
            default:
                StandardStreams.error("usage: \(CommandLine.arguments[0]) --run-one NAME [--solutions] | --list")
                exit(64)
            }
        }
        guard let name, let exercise = exercises.first(where: { $0.name == name || $0.identifier == name }) else {
            StandardStreams.error("no exercise named '\(name ?? "")'; this lesson has "
                + exercises.map(\.name).joined(separator: ", "))
            exit(64)
        }
        endWithParent()
        let outcome = exercise.grade(solutions ? reference : student)
        let json = (try? JSONEncoder().encode(outcome)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        print("\n" + marker + json)
        StandardStreams.flushOutput()
        exit(0)
    }

    /// Ends this process soon after its parent goes away (a grader stopped with Ctrl-C or
    /// SIGTERM), so that an answer stuck in a loop does not keep spinning on its own.
    private static func endWithParent() {
        let parent = getppid()
        let watcher = Thread {
            while getppid() == parent { usleep(200_000) }
            _exit(70)
        }
        watcher.start()
    }
}
