/// The error every exercise stub throws until a student replaces its body with an answer.
///
/// The grader reports an exercise that throws `NotAttempted` as "not attempted", never as a
/// failure, so an untouched exercise does not turn `swift test` red.
public struct NotAttempted: Error, CustomStringConvertible, Sendable {
    /// The exercise that was called, such as `reluNeuron(weights:bias:input:)`.
    public let exercise: String

    public init(_ exercise: String = #function) {
        self.exercise = exercise
    }

    public var description: String { "\(exercise) is not attempted yet" }
}
