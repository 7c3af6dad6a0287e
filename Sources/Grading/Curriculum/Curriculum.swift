import Foundation

/// Every lesson's exercises, in course order, and where each stub lives.
///
/// Adding a lesson's exercises: its declarations (`LessonNNChecks.exercises`) go into `all`,
/// its name into `exerciseLessons` in `Package.swift`, its stubs and answers into
/// `Exercises/LessonNN.swift` and `Solutions/LessonNN.swift`, and a three-line
/// `Tools/GradeLessons/LessonNN/main.swift`.
public enum Curriculum {
    /// Every exercise of the course, lesson by lesson.
    public static let all: [Exercise] = Lesson01Checks.exercises + Lesson02Checks.exercises + Lesson03Checks.exercises
        + Lesson04Checks.exercises + Lesson05Checks.exercises + Lesson06Checks.exercises + Lesson07Checks.exercises
        + Lesson08Checks.exercises + Lesson09Checks.exercises + Lesson10Checks.exercises + Lesson11Checks.exercises
        + Lesson12Checks.exercises

    /// The lessons that have exercises, in course order.
    public static var lessons: [String] {
        all.reduce(into: [String]()) { if !$0.contains($1.lesson) { $0.append($1.lesson) } }
    }

    /// The exercises of one lesson, such as `Lesson01`.
    public static func exercises(ofLesson lesson: String) -> [Exercise] {
        all.filter { $0.lesson == lesson }
    }

    /// The exercise called `Lesson01.reluNeuron`, or just `reluNeuron` when the name is unique.
    public static func exercise(named name: String) -> Exercise? {
        all.first { $0.identifier == name } ?? all.first { $0.name == name }
    }

    /// The package's root folder as this file was compiled: the nearest folder above this file
    /// that holds `Package.swift`, so moving the file into another folder changes nothing. If
    /// the sources are no longer where they were compiled, the folder three above this file's,
    /// where the repository puts the root (`Sources/Grading/Curriculum/`).
    public static let compiledRoot: URL = {
        let file = URL(fileURLWithPath: #filePath)
        var folder = file.deletingLastPathComponent()
        while folder.pathComponents.count > 1 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder.deleteLastPathComponent()
        }
        return file.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }()

    /// Where the function of `exercise` is declared in `folder` (`Exercises` or `Solutions`),
    /// such as `Exercises/Lesson01.swift:20`; nil when the file or the function is missing.
    public static func location(of exercise: Exercise, in folder: String = "Exercises", root: URL) -> String? {
        let file = "\(folder)/\(exercise.lesson).swift"
        guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else { return nil }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains("func \(exercise.name)(") || line.contains("func \(exercise.name)<") {
            return "\(file):\(number + 1)"
        }
        return nil
    }
}
