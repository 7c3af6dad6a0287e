// `swift run Grade`: the report card of the course's exercises, and a study loop around it
// (`list`, `next`, `hint NAME`, `--watch`).
//
// Grade compiles no student code itself. For each lesson it builds the small executable
// `GradeLessonNN` (that lesson's exercises and answers only, so a compile error elsewhere does
// not matter) and runs it once per exercise as a child process with a time limit (`Grader`), so
// that a trap or a loop that never ends fails that one exercise with its reason.

import Foundation
import Grading

let request = parse(Array(CommandLine.arguments.dropFirst()))

/// The package root: the current folder when it is one (as under `swift run`), else the folder
/// this program was compiled from.
let root: URL = {
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let isPackage = FileManager.default.fileExists(atPath: here.appendingPathComponent("Exercises").path)
        && FileManager.default.fileExists(atPath: here.appendingPathComponent("Package.swift").path)
    return isPackage ? here : Curriculum.compiledRoot
}()
let binaries = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
    .resolvingSymlinksInPath().deletingLastPathComponent()
let builder = LessonBuilder(root: root, binaries: binaries)
let grader = Grader(root: root, binaries: binaries)
var progress = Progress(file: binaries.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("grade-progress.json"))

func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Builds and grades the exercises of `lessons`, a lesson at a time.
func grade(_ lessons: [String], solutions: Bool) -> ReportCard {
    var entries: [(exercise: Exercise, outcome: Outcome)] = []
    for lesson in lessons {
        let exercises = Curriculum.exercises(ofLesson: lesson)
        let start = Date()
        if let failure = builder.build(lesson) {
            entries += exercises.map { ($0, .failed(failure)) }
            continue
        }
        let built = Date()
        // Two children at a time: the course machine has two cores.
        let outcomes = Outcomes(count: exercises.count)
        DispatchQueue.concurrentPerform(iterations: exercises.count) { index in
            outcomes[index] = grader.grade(exercises[index], solutions: solutions)
        }
        entries += exercises.indices.map { (exercises[$0], outcomes[$0]) }
        note(String(format: "Grade: %@ built in %.1f s, graded in %.1f s", lesson,
                    built.timeIntervalSince(start), Date().timeIntervalSince(built)))
    }
    return ReportCard(entries: entries)
}

/// Outcomes filled in by concurrent gradings, one slot each.
final class Outcomes: @unchecked Sendable {
    private var slots: [Outcome]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: .notAttempted, count: count) }

    subscript(index: Int) -> Outcome {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }
}

/// Where an exercise's stub is, and what it asks.
func describe(_ exercise: Exercise) -> String {
    let place = Curriculum.location(of: exercise, root: root) ?? "Exercises/\(exercise.lesson).swift"
    return "\(exercise.identifier) at \(place): \(exercise.task)"
}

@MainActor
func printNext() {
    if let next = progress.next {
        print("Next: \(describe(next))")
        print("      hints: swift run Grade hint \(next.name)")
    } else {
        print("Every exercise passes. Well done.")
    }
}

@MainActor
func printCard(_ card: ReportCard, solutions: Bool) {
    print("Report card (\(solutions ? "Solutions" : "Exercises")/)")
    for line in card.lines { print(line) }
    if solutions {
        print("Grade: solutions \(card.passed) of \(card.entries.count) correct")
    } else {
        progress.record(card.entries)
        let scope = card.entries.count == Curriculum.all.count ? "" : " (this run: \(card.progress))"
        print("Progress: \(progress.line)\(scope)")
        printNext()
    }
}

switch request.command {
case .list:
    let width = Curriculum.all.map(\.identifier.count).max() ?? 0
    for exercise in Curriculum.all where request.lesson == nil || exercise.lesson == request.lesson {
        let mark = switch progress.states[exercise.identifier] {
        case .passed?: "✓"
        case .failed?: "✗"
        case .notAttempted?: "·"
        case nil: "?"
        }
        let place = Curriculum.location(of: exercise, root: root) ?? ""
        print("  \(mark) \(exercise.identifier.padding(toLength: width, withPad: " ", startingAt: 0))  \(place)  \(exercise.task)")
    }
    print("Progress: \(progress.line) (as of the last grading; ✓ passed, ✗ failed, · not attempted, ? not graded yet)")
    exit(0)

case .next:
    if progress.states.isEmpty { progress.record(grade(Curriculum.lessons, solutions: false).entries) }
    printNext()
    exit(0)

case .hint(let name):
    guard let exercise = Curriculum.exercise(named: name) else {
        fail("no exercise named '\(name)'; `swift run Grade list` shows them all")
    }
    print("\(describe(exercise))")
    print("Hint 1: \(exercise.hints[0])")
    if progress.states[exercise.identifier] == .failed {
        for (number, hint) in exercise.hints.enumerated().dropFirst() { print("Hint \(number + 1): \(hint)") }
    } else if exercise.hints.count > 1 {
        print("(a second hint appears here after a graded attempt fails)")
    }
    exit(0)

case .grade:
    break
}

let lessons = request.lesson.map { [$0] } ?? Curriculum.lessons
let card = grade(lessons, solutions: request.solutions)
printCard(card, solutions: request.solutions)

if request.watch {
    watch(lessons: lessons)
}
if request.expectUnattempted && card.attempted > 0 {
    print("Grade: \(card.attempted) exercise(s) in Exercises/ are attempted; the stubs must stay stubs.")
    exit(1)
}
if request.solutions ? card.passed < card.entries.count : card.failed > 0 {
    exit(1)
}
