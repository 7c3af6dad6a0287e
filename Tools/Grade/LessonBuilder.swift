import Foundation
import Grading

/// Builds a lesson's `GradeLessonNN` executable with `swift build`, which compiles that
/// lesson's exercises and answers and nothing of the other lessons.
struct LessonBuilder {
    /// The package root.
    let root: URL
    /// The folder with this program's executable, where SwiftPM puts `GradeLessonNN` too.
    let binaries: URL

    /// Builds `Grade<lesson>`; nil when it worked, otherwise the failure every exercise of the
    /// lesson reports: the compiler's first errors in the lesson's files.
    func build(_ lesson: String) -> Failure? {
        let product = "Grade\(lesson)"
        // binaries = <scratch>/<triple>/<configuration>
        let configuration = binaries.lastPathComponent
        let scratch = binaries.deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "--package-path", root.path, "--scratch-path", scratch.path,
                             "-c", configuration, "--product", product]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch {
            return Failure(kind: .noResult, summary: "could not run `swift build`: \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus != 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let errors = Self.compilerErrors(in: text, root: root)
        let details = errors.isEmpty ? text.split(separator: "\n").suffix(8).map(String.init) : Array(errors.prefix(4))
        return Failure(kind: .doesNotCompile,
                       summary: "\(lesson)'s files do not compile (other lessons are graded as usual)",
                       details: details + ["fix the first error, save, and grade again"],
                       location: errors.first.flatMap { $0.split(separator: ":").prefix(2).joined(separator: ":") })
    }

    /// The compiler's `error:` lines, each once, with paths made relative to the package root.
    static func compilerErrors(in text: String, root: URL) -> [String] {
        var seen: [String] = []
        let prefix = root.standardizedFileURL.path + "/"
        for line in text.split(separator: "\n") where line.contains(": error: ") {
            var message = String(line)
            if message.hasPrefix(prefix) { message.removeFirst(prefix.count) }
            if !seen.contains(message) { seen.append(message) }
        }
        return seen
    }
}
