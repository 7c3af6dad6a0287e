import Foundation

/// The parent side of grading, shared by `Grade` and the grading tests: runs one exercise in a
/// child process (`GradeLessonNN --run-one NAME`) with a time limit and turns whatever
/// happened into an `Outcome` whose failure says why, where and what the answer printed.
public struct Grader: Sendable {
    /// The package's root folder, which holds `Exercises/` and `Solutions/`.
    public var root: URL
    /// The folder with the built `GradeLessonNN` executables, such as `.build/debug`.
    public var binaries: URL
    /// CPU seconds per exercise. The slowest reference answer needs about 0.1 s, so this is
    /// generous on a loaded machine and still short when a loop never ends.
    public var cpuLimit: Double
    /// Wall-clock seconds per exercise, for an answer that blocks without using the CPU.
    public var wallLimit: Double

    public init(root: URL, binaries: URL, cpuLimit: Double = 3, wallLimit: Double = 30) {
        self.root = root
        self.binaries = binaries
        self.cpuLimit = cpuLimit
        self.wallLimit = wallLimit
    }

    /// The executable that grades `lesson`, such as `.build/debug/GradeLesson03`.
    public func runner(of lesson: String) -> URL {
        binaries.appendingPathComponent("Grade\(lesson)")
    }

    /// Grades `exercise` against the stubs (`solutions == false`) or the reference answers.
    public func grade(_ exercise: Exercise, solutions: Bool = false) -> Outcome {
        let folder = solutions ? "Solutions" : "Exercises"
        let stub = Curriculum.location(of: exercise, in: folder, root: root)
        let runner = runner(of: exercise.lesson)
        guard FileManager.default.isExecutableFile(atPath: runner.path) else {
            return .failed(Failure(kind: .noResult, summary: "the grader \(runner.lastPathComponent) is not built",
                                   details: ["build it with `swift build --product \(runner.lastPathComponent)`"],
                                   location: stub))
        }
        let child = ChildProcess(
            executable: runner.path,
            arguments: ["--run-one", exercise.name] + (solutions ? ["--solutions"] : []),
            // A short backtrace of every thread on a crash or on SIGQUIT (the timeout).
            environment: ["SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no,threads=all,registers=none,"
                                            + "images=none,sanitize=no,limit=40"],
            cpuLimit: cpuLimit, wallLimit: wallLimit)
        let result: ChildProcess.Result
        do {
            result = try child.run()
        } catch {
            return .failed(Failure(kind: .noResult, summary: "the grader could not start: \(error)", location: stub))
        }
        return interpret(result, folder: folder, stub: stub)
    }

    /// Turns a child's ending and output into an outcome.
    func interpret(_ result: ChildProcess.Result, folder: String, stub: String?) -> Outcome {
        var printed: [Substring] = []
        var reported: Outcome?
        for line in result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(ExerciseRunner.marker) {
                reported = try? JSONDecoder().decode(Outcome.self, from: Data(line.dropFirst(ExerciseRunner.marker.count).utf8))
            } else {
                printed.append(line)
            }
        }
        let output = Self.excerpt(printed, totalBytes: result.outputBytes)
        let crash = CrashReport(standardError: result.standardError, folder: folder)
        let place = crash.location.map { $0 + (crash.function.map { " in \($0)" } ?? "") }

        switch (result.ending, reported) {
        case (.exited(0), let outcome?):
            guard case .failed(var failure) = outcome else { return outcome }
            failure.location = failure.location ?? stub
            failure.output = output
            return .failed(failure)
        case (.timedOut, _):
            return .failed(Failure(
                kind: .timedOut,
                summary: "no answer within \(Self.seconds(cpuLimit)) s of CPU time (or \(Self.seconds(wallLimit)) s in all): "
                    + "is there a loop that never ends?",
                details: place.map { ["it was running at \($0)"] } ?? [],
                location: crash.location ?? stub, output: output))
        case (.signalled(let signal), _):
            return .failed(crashed(CrashReport.describe(signal: signal), crash, place, stub, output))
        case (.exited(let status), _):
            return .failed(crashed("exit status \(status)", crash, place, stub, output))
        }
    }

    private func crashed(_ how: String, _ crash: CrashReport, _ place: String?, _ stub: String?, _ output: String?) -> Failure {
        var details: [String] = []
        if let message = crash.message { details.append(message) }
        if let place { details.append("crashed at \(place)") }
        if crash.message == nil && place == nil {
            details.append("the crash is not in your file: look for a shape mismatch in a library call")
        }
        return Failure(kind: .crashed, summary: "your code crashed: \(how)", details: details,
                       location: crash.location ?? stub, output: output)
    }

    /// The first 20 lines (at most 2,000 characters) of what an answer printed, or nil.
    static func excerpt(_ lines: [Substring], totalBytes: Int) -> String? {
        var lines = lines
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard !lines.isEmpty else { return nil }
        var text = lines.prefix(20).joined(separator: "\n")
        if text.count > 2000 { text = String(text.prefix(2000)) + "…" }
        let shownBytes = lines.prefix(20).reduce(0) { $0 + $1.utf8.count + 1 }
        if lines.count > 20 || totalBytes > shownBytes + ExerciseRunner.marker.utf8.count + 200 {
            text += "\n… (\(totalBytes) bytes printed in all; the first lines are shown)"
        }
        return text
    }

    static func seconds(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}
