import Foundation

/// What one run of a lesson's executable printed: exit status, standard output and standard
/// error, with helpers to pick out the lines a test asserts on.
///
/// Lesson tests check the lesson's real output instead of re-implementing the lesson:
/// ```swift
/// let run = try await LessonRun.quick("Lesson02")
/// #expect(run.status == 0)
/// #expect(run.number("∂C/∂w²₂₁") == -6)
/// #expect(run.failedChecks.isEmpty)
/// ```
/// `quick(_:)` runs `LessonNN --quick --no-color` once per test process and lesson; every test
/// that asks for the same run waits for that one process and reads the same text. The
/// executable is found next to the test bundle, in the build's products directory, as
/// swift-argument-parser's example tests find theirs; `swift test` builds every executable
/// product of the package before it runs the tests.
struct LessonRun: Sendable, CustomStringConvertible {
    /// The executable's name, e.g. `Lesson02`.
    let lesson: String
    /// The arguments after the program name.
    let arguments: [String]
    /// The exit status (0 when every comparison and check held).
    let status: Int32
    /// Everything written to standard output.
    let output: String
    /// Everything written to standard error (progress, timings, error messages).
    let errors: String

    /// A short description for failure messages (never the whole output).
    var description: String {
        "\(([lesson] + arguments).joined(separator: " ")): status \(status), \(lines.count) lines, tally: \(tally ?? "none")"
    }

    /// Standard output split into lines.
    var lines: [String] { output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The lines containing `text`.
    func lines(containing text: String) -> [String] { lines.filter { $0.contains(text) } }

    /// The first line containing `text`, or `nil`.
    func line(containing text: String) -> String? { lines.first { $0.contains(text) } }

    /// The text after ` = ` on the result line `  label = value` (as `Notebook.result` prints
    /// it, possibly with the `=` aligned), or `nil` when no such line exists.
    func value(_ label: String) -> String? {
        for line in lines {
            let trimmed = line.drop(while: { $0 == " " })
            guard trimmed.hasPrefix(label), let equals = trimmed.range(of: " = ") else { continue }
            guard trimmed[trimmed.startIndex..<equals.lowerBound].trimmingCharacters(in: .whitespaces) == label
            else { continue }
            return String(trimmed[equals.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// The number on the result line `  label = value`, or `nil`. Accepts the notebook's
    /// formats (`-6`, `0.002473`, `1.25e-7`, `12,345`), and ignores text after the number.
    func number(_ label: String) -> Double? { value(label).flatMap(LessonRun.leadingNumber) }

    /// The cells of a table line: `Table` separates cells by at least three spaces (two are
    /// allowed inside a cell), so a run of two or more spaces ends a cell.
    static func cells(_ line: String) -> [String] {
        line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The body rows (as cells) of the first table with a column headed `header` (or, failing
    /// that, whose heading line contains `header`), or `nil` when there is none. The body ends
    /// at a blank line or a check mark.
    func table(_ header: String) -> [[String]]? {
        let all = lines
        func isRule(_ line: String) -> Bool {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && trimmed.allSatisfy { $0 == "─" }
        }
        let headings = all.indices.filter { $0 + 1 < all.count && isRule(all[$0 + 1]) }
        guard let heading = headings.first(where: { LessonRun.cells(all[$0]).contains(header) })
                ?? headings.first(where: { all[$0].contains(header) }) else { return nil }
        var rows: [[String]] = []
        var index = heading + 2
        while index < all.count, !all[index].isEmpty, !all[index].hasPrefix("  ✓"), !all[index].hasPrefix("  ✗") {
            rows.append(LessonRun.cells(all[index]))
            index += 1
        }
        return rows
    }

    /// The cells of the first table row whose first cell is `label` (in the table whose heading
    /// contains `header`, when given), or `nil`.
    func row(_ label: String, inTable header: String? = nil) -> [String]? {
        if let header { return table(header)?.first { $0.first == label } }
        return lines.lazy.map(LessonRun.cells).first { $0.first == label }
    }

    /// The numeric cells of the table row `label` (see `row(_:inTable:)`), in order; cells that
    /// do not start with a number are skipped.
    func numbers(inRow label: String, inTable header: String? = nil) -> [Double]? {
        row(label, inTable: header).map { $0.dropFirst().compactMap(LessonRun.leadingNumber) }
    }

    /// Whether a check (`  ✓ claim`) starting with `prefix` was printed and held.
    func held(_ prefix: String) -> Bool { heldChecks.contains { $0.hasPrefix(prefix) } }

    /// A comparison line printed by `Notebook.compare`:
    /// `  label   notes (000:531): -6   computed: -6  ✓` (or `lesson: …` for a value the lesson
    /// derives itself).
    struct Comparison: Equatable, Sendable {
        /// What the value is compared with: `notes (000:531)`, `notes` or `lesson`.
        let reference: String
        /// The reference value as printed.
        let notes: String
        /// The computed value as printed.
        let computed: String
        /// Whether the line carries ✓.
        let agrees: Bool
        /// The computed value as a number, when it is one.
        var computedNumber: Double? { LessonRun.leadingNumber(computed) }
    }

    /// The comparison whose label is `label`, or `nil`.
    func comparison(_ label: String) -> Comparison? {
        for line in lines {
            let trimmed = line.drop(while: { $0 == " " })
            guard trimmed.hasPrefix(label + " ") else { continue }
            let rest = trimmed.dropFirst(label.count).drop(while: { $0 == " " })
            guard rest.hasPrefix("notes") || rest.hasPrefix("lesson"),
                  let computed = rest.range(of: "computed: "),
                  let colon = rest.range(of: ": "), colon.lowerBound < computed.lowerBound else { continue }
            let notesText = rest[colon.upperBound..<computed.lowerBound].trimmingCharacters(in: .whitespaces)
            let after = rest[computed.upperBound...]
            let computedText = after.prefix { $0 != "✓" && $0 != "✗" }.trimmingCharacters(in: .whitespaces)
            return Comparison(reference: String(rest[..<colon.lowerBound]), notes: notesText,
                              computed: computedText, agrees: after.contains("✓"))
        }
        return nil
    }

    /// The claims printed by `Notebook.check` that held (`  ✓ claim`), without the mark.
    var heldChecks: [String] { checks(mark: "✓") }
    /// The claims printed by `Notebook.check` that failed (`  ✗ claim`), without the mark.
    var failedChecks: [String] { checks(mark: "✗") }

    /// Lines anywhere in the output that carry a failure mark `✗`.
    var crossedLines: [String] { lines.filter { $0.contains("✗") } }

    /// The closing tally (`✓ 12 of 12 comparisons with the notes agree; …`), its wrapped lines
    /// joined by spaces.
    var tally: String? {
        let all = lines
        guard let start = all.lastIndex(where: { $0.hasPrefix("✓ ") || $0.hasPrefix("✗ ") || $0.hasPrefix("No comparisons") })
        else { return nil }
        return all[start...].prefix { !$0.isEmpty }.joined(separator: " ")
    }

    /// The lines of the section whose heading contains `title` (`3. Softmax`, `Recap`), up to
    /// the next heading. A heading is a line with a rule of `─` under it.
    func section(_ title: String) -> [String] {
        let all = lines
        func isHeading(_ i: Int) -> Bool {
            i + 1 < all.count && !all[i + 1].isEmpty && all[i + 1].allSatisfy { $0 == "─" }
        }
        guard let start = all.indices.first(where: { isHeading($0) && all[$0].contains(title) }) else { return [] }
        var end = start + 1
        while end < all.count, !isHeading(end) { end += 1 }
        return Array(all[start..<end])
    }

    /// The claims printed with `mark`, each with its wrapped continuation lines (indented by
    /// four spaces) joined by single spaces.
    private func checks(mark: String) -> [String] {
        let all = lines
        var claims: [String] = []
        for (index, line) in all.enumerated() where line.hasPrefix("  \(mark) ") {
            var claim = String(line.dropFirst(4))
            var next = index + 1
            while next < all.count, all[next].hasPrefix("    "), !all[next].hasPrefix("    •") {
                claim += " " + all[next].trimmingCharacters(in: .whitespaces)
                next += 1
            }
            claims.append(claim)
        }
        return claims
    }

    /// The number at the start of `text`: `-6`, `0.25 (…)`, `1.5e-7`, `12,345 games`.
    static func leadingNumber(_ text: String) -> Double? {
        let allowed = Set("0123456789.-+e,")
        let token = text.trimmingCharacters(in: .whitespaces).prefix { allowed.contains($0) }
        return Double(token.replacingOccurrences(of: ",", with: ""))
    }
}

extension LessonRun {
    /// The lesson's quick run, `LessonNN --quick --no-color`, run once per test process.
    static func quick(_ lesson: String) async throws -> LessonRun {
        try await run(lesson, ["--quick", "--no-color"])
    }

    /// `lesson` run with `arguments`, once per test process for each distinct command line.
    static func run(_ lesson: String, _ arguments: [String]) async throws -> LessonRun {
        try await LessonRunCache.shared.run(lesson, arguments)
    }

    /// Runs the executable now (no cache), with standard input empty and colour off.
    static func launch(_ lesson: String, _ arguments: [String]) async throws -> LessonRun {
        let executable = productsDirectory.appendingPathComponent(lesson)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw LessonRunError.missingExecutable(executable.path)
        }
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("neuralrl-\(lesson)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        // Files, not pipes: a lesson prints thousands of lines, and nobody reads a pipe while
        // the process runs. The termination handler resumes the waiting test without holding
        // a thread of the test runner's pool.
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try outHandle.close()
        try errHandle.close()
        return LessonRun(lesson: lesson, arguments: arguments, status: status,
                         output: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                         errors: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Where the build put the executables: `NEURALRL_PRODUCTS` if set, else the directory of
    /// the test bundle (macOS: beside the `.xctest` bundle; Linux: the test runner's directory).
    static let productsDirectory: URL = {
        if let override = ProcessInfo.processInfo.environment["NEURALRL_PRODUCTS"] {
            return URL(fileURLWithPath: override)
        }
        #if os(macOS)
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }()
}

/// Why a lesson could not be run.
enum LessonRunError: Error, CustomStringConvertible {
    case missingExecutable(String)

    var description: String {
        switch self {
        case .missingExecutable(let path):
            "no lesson executable at \(path); `swift test` builds it, or run `swift build` first"
        }
    }
}

/// One run per lesson and command line for the whole test process, shared by every test that
/// asks for it (tests run in parallel; the first request starts the process, the rest wait).
actor LessonRunCache {
    static let shared = LessonRunCache()
    private var runs: [[String]: Task<LessonRun, Error>] = [:]

    func run(_ lesson: String, _ arguments: [String]) async throws -> LessonRun {
        let key = [lesson] + arguments
        if let existing = runs[key] { return try await existing.value }
        let task = Task { try await LessonRun.launch(lesson, arguments) }
        runs[key] = task
        return try await task.value
    }
}
