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
        if isUpToDate(lesson) { return nil }
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
        guard process.terminationStatus != 0 else {
            // SwiftPM leaves the executable alone when a saved file compiles to the same code,
            // so the time of this successful build is kept beside it (best effort: without the
            // stamp the next check builds again).
            _ = FileManager.default.createFile(atPath: stamp(lesson).path, contents: Data())
            return nil
        }
        let text = String(decoding: data, as: UTF8.self)
        let errors = Self.compilerErrors(in: text, root: root)
        let details = errors.isEmpty ? text.split(separator: "\n").suffix(8).map(String.init) : Array(errors.prefix(4))
        return Failure(kind: .doesNotCompile,
                       summary: "\(lesson)'s files do not compile (other lessons are graded as usual)",
                       details: details + ["fix the first error, save, and grade again"],
                       location: errors.first.flatMap { $0.split(separator: ":").prefix(2).joined(separator: ":") })
    }

    /// Whether `Grade<lesson>` is newer than every file it is built from (the package manifest,
    /// the libraries, the lesson's exercises, answers and runner), so that `swift build`, which
    /// costs about 2 s even when there is nothing to do, can be skipped.
    func isUpToDate(_ lesson: String) -> Bool {
        let manager = FileManager.default
        func modified(_ url: URL) -> Date? {
            (try? manager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
        }
        guard let binary = modified(binaries.appendingPathComponent("Grade\(lesson)")) else { return false }
        let built = max(binary, modified(stamp(lesson)) ?? binary)
        var inputs = [root.appendingPathComponent("Package.swift"),
                      root.appendingPathComponent("Exercises/\(lesson).swift"),
                      root.appendingPathComponent("Solutions/\(lesson).swift"),
                      root.appendingPathComponent("Tools/GradeLessons/\(lesson)/main.swift")]
        for library in ["TensorCore", "NeuralNetworks", "Reinforcement", "Grading"] {
            let folder = root.appendingPathComponent("Sources/\(library)")
            let files = manager.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
            inputs += files.filter { $0.pathExtension == "swift" }
        }
        return inputs.allSatisfy { (modified($0) ?? .distantFuture) < built }
    }

    /// The file whose time is that of the last successful build of `Grade<lesson>` by `Grade`.
    func stamp(_ lesson: String) -> URL {
        binaries.appendingPathComponent("Grade\(lesson).built")
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
