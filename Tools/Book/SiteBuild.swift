import Foundation
import LessonRuntime

/// One build of the site: which lessons, where their executables are, and the pages written.
struct SiteBuild {
    let options: Options
    let out: String
    let only: String
    let timings: Bool

    /// What one lesson's run gave.
    struct LessonPage {
        var lesson: String
        var title: String
        var seconds: Double
        var status: Int32
        var sections: Int
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The lessons in course order: `Lessons/LessonNN` folders of the package (the current
    /// directory), or the `--lessons` list.
    func lessons() throws -> [String] {
        if !only.isEmpty {
            return only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "Lessons") else {
            throw Failure(description: "no Lessons/ folder here: run Book from the package's root folder")
        }
        return names.filter { $0.hasPrefix("Lesson") }.sorted()
    }

    /// The folder holding the built executables: the one Book itself runs from.
    var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    func run() throws -> Bool {
        let lessons = try lessons()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var pages: [LessonPage] = []
        var allPassed = true
        for lesson in lessons {
            let binary = productsDirectory.appendingPathComponent(lesson)
            guard FileManager.default.isExecutableFile(atPath: binary.path) else {
                throw Failure(description: "\(binary.path) is not built; run `swift build` first")
            }
            let page = try runLesson(lesson, binary: binary)
            if page.status != 0 { allPassed = false }
            pages.append(page)
        }
        // Navigation: previous, contents, next, in course order.
        for (index, page) in pages.enumerated() {
            let path = "\(out)/\(fileName(page.lesson))"
            let html = try String(contentsOfFile: path, encoding: .utf8)
            let navigation = SiteIndex.navigation(previous: index > 0 ? pages[index - 1] : nil,
                                                  next: index + 1 < pages.count ? pages[index + 1] : nil,
                                                  fileName: fileName)
            try html.replacingOccurrences(of: HTMLPage.navigationMarker, with: navigation)
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let readme = (try? String(contentsOfFile: "README.md", encoding: .utf8)) ?? ""
        let index = SiteIndex(pages: pages, readme: readme, quick: options.quick, seed: options.seed,
                              timings: timings, fileName: fileName)
        try index.document().write(toFile: "\(out)/index.html", atomically: true, encoding: .utf8)
        let total = pages.map(\.seconds).reduce(0, +)
        Terminal.writeToStandardError("Book: \(pages.count) lesson pages and index.html in \(out)/ "
                                      + "(lessons ran for \(formatNumber(total, digits: 1)) s)\n")
        return allPassed
    }

    /// `Lesson03` → `lesson03.html`.
    func fileName(_ lesson: String) -> String { lesson.lowercased() + ".html" }

    /// Runs one lesson with `--html`, timing it; stdout is read to count its sections, which the
    /// page must have too.
    func runLesson(_ lesson: String, binary: URL) throws -> LessonPage {
        let path = "\(out)/\(fileName(lesson))"
        let process = Process()
        process.executableURL = binary
        process.arguments = (options.quick ? ["--quick"] : []) + ["--seed", String(options.seed), "--no-color", "--html", path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        // Read both pipes while the lesson runs, so a long output cannot fill a pipe and block it.
        let errorData = LockedData()
        let reader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1_000) }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let text = String(decoding: stdout, as: UTF8.self)
        let status = process.terminationStatus
        Terminal.writeToStandardError("\(lesson): \(formatNumber(seconds, digits: 1)) s\(status == 0 ? "" : ", exit status \(status)")\n")
        if status != 0 {
            Terminal.writeToStandardError(String(decoding: errorData.value, as: UTF8.self).suffix(2_000) + "\n")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "\(lesson) wrote no page (exit status \(status))")
        }
        let html = try String(contentsOfFile: path, encoding: .utf8)
        // Every section heading of the terminal run is a heading of the page.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let headings = lines.indices.dropLast().filter { index in
            let next = lines[index + 1]
            // A heading starts at the margin and has no trailing blanks. A drawing's track under a
            // cart does not count: its rows are padded to the track's width, even with the cart at
            // the left edge (Lesson07's greedy episode can end there).
            return !lines[index].isEmpty && lines[index].first != " " && lines[index].last != " "
                && !next.isEmpty && next.allSatisfy { $0 == "─" }
                && next.count == displayWidth(of: String(lines[index]))
        }.count
        let pageHeadings = html.components(separatedBy: "<h2 ").count - 1
        guard headings == pageHeadings else {
            throw Failure(description: "\(lesson): the terminal run has \(headings) headings, the page \(pageHeadings)")
        }
        let title = html.range(of: "<title>").flatMap { open in
            html.range(of: "</title>", range: open.upperBound..<html.endIndex).map { String(html[open.upperBound..<$0.lowerBound]) }
        } ?? lesson
        return LessonPage(lesson: lesson, title: title, seconds: seconds, status: status, sections: headings)
    }
}

/// Data filled in by another thread, read once it is set.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}
