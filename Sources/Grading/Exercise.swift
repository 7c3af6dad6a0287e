/// One graded exercise: where it lives, what it asks, and a check that runs the answer.
///
/// The check calls the answer under test with known inputs and throws `WrongAnswer` when a
/// result is off, `NotAttempted` when the answer is still a stub, or whatever the answer itself
/// threw. `grade()` turns that into an `Outcome`.
public struct Exercise: Sendable {
    /// The lesson the exercise belongs to, such as `Lesson01`.
    public let lesson: String
    /// The function to write, such as `reluNeuron`.
    public let name: String
    /// The task in one line, for report cards.
    public let task: String
    let check: @Sendable () throws -> Void

    public init(lesson: String, name: String, task: String, check: @escaping @Sendable () throws -> Void) {
        self.lesson = lesson
        self.name = name
        self.task = task
        self.check = check
    }

    /// `Lesson01.reluNeuron`: the name that report cards and test filters use.
    public var identifier: String { "\(lesson).\(name)" }

    /// Runs the check and classifies what happened. Errors never escape: a stub is
    /// `.notAttempted`, anything else that goes wrong is `.failed` with the reason.
    public func grade() -> Outcome {
        do {
            try check()
            return .passed
        } catch is NotAttempted {
            return .notAttempted
        } catch let wrong as WrongAnswer {
            return .failed(reason: wrong.description)
        } catch {
            return .failed(reason: "your code threw an error: \(error)")
        }
    }
}

/// What grading one exercise found.
public enum Outcome: Sendable, Equatable, Codable {
    /// The exercise still throws `NotAttempted`.
    case notAttempted
    /// Every check of the exercise agreed.
    case passed
    /// A check disagreed, or the answer threw or crashed; the reason says which and how.
    case failed(reason: String)

    /// True unless the exercise is still a stub.
    public var isAttempted: Bool { self != .notAttempted }
}
