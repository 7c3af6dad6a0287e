/// One graded exercise, declared once: the lesson it belongs to, the function to write, the task
/// in one line, hints on demand, and the check that grades an answer.
///
/// A lesson's exercises are a list of these (`Lesson01Checks.exercises`); `Curriculum` joins the
/// lists. The same declaration grades the stub in `Exercises/` and the answer in `Solutions/`:
/// the check receives the answer set as a metatype, such as `any Lesson01Answers.Type`.
public struct Exercise: Sendable {
    /// The lesson the exercise belongs to, such as `Lesson01`.
    public let lesson: String
    /// The function to write, such as `reluNeuron`.
    public let name: String
    /// The task in one line, for report cards and `Grade next`.
    public let task: String
    /// Hints on demand (`Grade hint NAME`): the first always, the second after a failure.
    public let hints: [String]
    private let check: @Sendable (Any.Type) throws -> Void

    /// Declares an exercise whose check takes the answer set as `Answers`, an existential
    /// metatype such as `any Lesson01Answers.Type`.
    public init<Answers>(lesson: String, name: String, task: String, hints: [String],
                         check: @escaping @Sendable (Answers) throws -> Void) {
        self.lesson = lesson
        self.name = name
        self.task = task
        self.hints = hints
        self.check = { answers in
            guard let typed = answers as? Answers else {
                throw WrongAnswer(quantity: "answer set", input: "\(answers)", expected: "a type conforming to \(Answers.self)",
                                  got: "\(answers)", hint: "the runner was wired to the wrong lesson")
            }
            try check(typed)
        }
    }

    /// `Lesson01.reluNeuron`: the name that report cards and `Grade` use.
    public var identifier: String { "\(lesson).\(name)" }

    /// Runs the check on `answers` (such as `ExercisesLesson01.Lesson01.self`) in the calling
    /// process and classifies what happened. A stub is `.notAttempted`; a wrong result or an
    /// error thrown by the answer is `.failed` with the reason. A trap is not caught here: that
    /// is what `ExerciseRunner` and `Grader` (a child process per exercise) are for.
    public func grade(_ answers: Any.Type) -> Outcome {
        do {
            try check(answers)
            return .passed
        } catch is NotAttempted {
            return .notAttempted
        } catch let wrong as WrongAnswer {
            return .failed(wrong.failure)
        } catch {
            return .failed(Failure(kind: .threw, summary: "your code threw an error: \(error)",
                                   details: ["type: \(type(of: error))"]))
        }
    }
}
