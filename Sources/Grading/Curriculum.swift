/// The lessons that have exercises, in course order, and how to list their exercises for a
/// given set of answers. `Gradebook` (which sees both `Exercises` and `Solutions`) uses this.
public struct AnswerSet: Sendable {
    public let name: String
    public let exercises: [Exercise]

    public init(name: String, exercises: [Exercise]) {
        self.name = name
        self.exercises = exercises
    }

    /// The exercises of one lesson, such as `Lesson01`.
    public func exercises(ofLesson lesson: String) -> [Exercise] {
        exercises.filter { $0.lesson == lesson }
    }

    /// The exercise with identifier `Lesson01.reluNeuron`, if there is one.
    public func exercise(_ identifier: String) -> Exercise? {
        exercises.first { $0.identifier == identifier }
    }
}
