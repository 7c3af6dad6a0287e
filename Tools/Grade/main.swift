// `swift run Grade`: the report card of the course's exercises.
//
// Each exercise runs in a child process of this program, so that student code which traps
// (an index out of range, a failed precondition such as a shape mismatch) or never returns
// fails that one exercise instead of ending the whole report.

import Foundation
import Gradebook
import Grading

let usage = """
    usage: Grade [--lesson LessonNN] [--solutions] [--expect-unattempted] [--help]

      --lesson LessonNN      grade one lesson's exercises only
      --solutions            grade the reference answers in Solutions/ instead of Exercises/
      --expect-unattempted   exit 1 if any exercise in Exercises/ is attempted (a CI check
                             that no answer was shipped in the stubs)
    """

/// What the command line asked for.
struct Request {
    var lesson: String?
    var solutions = false
    var expectUnattempted = false
    var runOne: String?
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("Grade: \(message)\n\(usage)\n".utf8))
    exit(64)
}

func parse(_ arguments: [String]) -> Request {
    var request = Request()
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        switch flag {
        case "--lesson":
            guard let value = rest.popFirst() else { fail("--lesson needs a value such as Lesson01") }
            guard Gradebook.lessons.contains(value) else {
                fail("no exercises for '\(value)'; lessons with exercises: \(Gradebook.lessons.joined(separator: ", "))")
            }
            request.lesson = value
        case "--solutions": request.solutions = true
        case "--expect-unattempted": request.expectUnattempted = true
        case "--run-one":
            guard let value = rest.popFirst() else { fail("--run-one needs an exercise identifier") }
            request.runOne = value
        case "--help", "-h":
            print(usage)
            exit(0)
        default: fail("unknown flag '\(flag)'")
        }
    }
    return request
}

/// Child mode: grade one exercise and print its outcome as one line of JSON.
func runOne(_ identifier: String, in answers: AnswerSet) -> Never {
    guard let exercise = answers.exercise(identifier) else { fail("no exercise '\(identifier)'") }
    let data = try! JSONEncoder().encode(exercise.grade())
    print(String(decoding: data, as: UTF8.self))
    exit(0)
}

/// Parent mode: grade one exercise in a child process, with a time limit.
func gradeInChild(_ exercise: Exercise, solutions: Bool, timeLimit: TimeInterval = 20) -> Outcome {
    let child = Process()
    child.executableURL = Bundle.main.executableURL
    child.arguments = ["--run-one", exercise.identifier] + (solutions ? ["--solutions"] : [])
    let output = Pipe()
    child.standardOutput = output
    child.standardError = FileHandle.nullDevice
    do { try child.run() } catch { return exercise.grade() }  // No child possible: grade in-process.
    let deadline = Date().addingTimeInterval(timeLimit)
    while child.isRunning && Date() < deadline { usleep(10_000) }
    if child.isRunning {
        child.terminate()
        child.waitUntilExit()
        return .failed(reason: "no answer within \(Int(timeLimit)) s: is there a loop that never ends?")
    }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    if child.terminationReason == .uncaughtSignal || child.terminationStatus != 0 {
        return .failed(reason: "your code crashed (exit \(child.terminationStatus)): look for an index out of "
            + "range, a shape mismatch or a division by zero")
    }
    guard let line = text.split(separator: "\n").last,
          let outcome = try? JSONDecoder().decode(Outcome.self, from: Data(line.utf8)) else {
        return .failed(reason: "the grader could not read the result; run `swift test --filter \(exercise.lesson)`")
    }
    return outcome
}

let request = parse(Array(CommandLine.arguments.dropFirst()))
let answers = request.solutions ? Gradebook.reference : Gradebook.student
if let identifier = request.runOne { runOne(identifier, in: answers) }

let exercises = request.lesson.map(answers.exercises(ofLesson:)) ?? answers.exercises
let card = ReportCard(entries: exercises.map { ($0, gradeInChild($0, solutions: request.solutions)) })
print("Report card (\(answers.name)/)")
for line in card.lines { print(line) }
print(card.total)

if request.expectUnattempted && card.attempted > 0 {
    print("Grade: \(card.attempted) exercise(s) in Exercises/ are attempted; the stubs must stay stubs.")
    exit(1)
}
if request.solutions && card.passed < card.entries.count {
    exit(1)
}
