import Exercises
import Grading
import Solutions

/// The two answer sets of the course, wired to the checks of every lesson that has exercises.
///
/// Adding a lesson's exercises means adding one line to each list below (and the lesson's
/// contract and checks in `Grading`).
public enum Gradebook {
    /// The student's answers in `Exercises/`: stubs until they are attempted.
    public static let student = AnswerSet(name: "exercises", exercises:
        Lesson01Checks.exercises(Exercises.Lesson01.self)
            + Lesson02Checks.exercises(Exercises.Lesson02.self)
            + Lesson03Checks.exercises(Exercises.Lesson03.self)
        + Lesson04Checks.exercises(Exercises.Lesson04.self)
            + Lesson05Checks.exercises(Exercises.Lesson05.self)
            + Lesson06Checks.exercises(Exercises.Lesson06.self)
        + Lesson07Checks.exercises(Exercises.Lesson07.self)
            + Lesson08Checks.exercises(Exercises.Lesson08.self)
    )

    /// The reference answers in `Solutions/`: every check must pass.
    public static let reference = AnswerSet(name: "solutions", exercises:
        Lesson01Checks.exercises(Solutions.Lesson01.self)
            + Lesson02Checks.exercises(Solutions.Lesson02.self)
            + Lesson03Checks.exercises(Solutions.Lesson03.self)
        + Lesson04Checks.exercises(Solutions.Lesson04.self)
            + Lesson05Checks.exercises(Solutions.Lesson05.self)
            + Lesson06Checks.exercises(Solutions.Lesson06.self)
        + Lesson07Checks.exercises(Solutions.Lesson07.self)
            + Lesson08Checks.exercises(Solutions.Lesson08.self)
    )

    /// The lessons that have exercises, in course order.
    public static var lessons: [String] {
        var seen: [String] = []
        for exercise in reference.exercises where !seen.contains(exercise.lesson) { seen.append(exercise.lesson) }
        return seen
    }
}
