import Foundation
import Testing

/// Every lesson's quick run, as a student first meets it: it finishes with status 0, prints no
/// failure mark, and its closing tally says that every comparison and check held.
@Suite("Every lesson runs")
struct LessonRunTests {
    /// Every lesson of the package: the folders `Lessons/LessonNN/` beside this test's source.
    static let lessons: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Lessons").standardized
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.hasPrefix("Lesson") }.sorted()
    }()

    @Test("the package has lessons to run")
    func lessonsFound() { #expect(Self.lessons.count >= 7, "\(Self.lessons)") }

    @Test("LessonNN --quick --no-color exits 0 with no ✗ and an all-agreeing tally", arguments: lessons)
    func quickRunHolds(_ lesson: String) async throws {
        let run = try await LessonRun.quick(lesson)
        #expect(run.status == 0, "\(lesson) exited \(run.status): \(run.errors.suffix(400))")
        #expect(run.crossedLines.isEmpty, "\(lesson) printed ✗: \(run.crossedLines)")
        let tally = try #require(run.tally, "\(lesson) printed no closing tally")
        #expect(tally.hasPrefix("✓"), "\(tally)")
        #expect(!run.output.contains("\u{1B}["), "--no-color output has no ANSI escapes")
    }
}
