import Testing
@testable import LessonRuntime

@Suite struct ClaimAndSlipTests {
    @Test("check prints ✓ or ✗ and counts failed claims")
    func checksAreTallied() {
        let capture = Capture()
        let notebook = capture.notebook()
        #expect(notebook.check("OR is learned", true))
        #expect(!notebook.check("XOR is learned", false))
        #expect(capture.lines.contains("  ✓ OR is learned"))
        #expect(capture.lines.contains("  ✗ XOR is learned"))
        #expect(notebook.claims == 2 && notebook.failedClaims == ["XOR is learned"])
        #expect(!notebook.allAgree)
        #expect(notebook.tallyLine.contains("1 of 2 checks hold (failing: XOR is learned)"))
    }

    @Test("a slip shows both values and the reason, is counted, and does not fail the lesson")
    func slipsAreCountedNotFailed() {
        let capture = Capture()
        let notebook = capture.notebook()
        notebook.slip("threshold at (1, −1)", notes: 1, correct: 0, why: "the rule needs >, not ≥")
        let line = capture.lines.first { $0.contains("threshold at (1, −1)") } ?? ""
        #expect(line.contains("notes: 1") && line.contains("correct: 0") && line.hasSuffix("≠"))
        #expect(capture.lines.contains("      slip in the notes: the rule needs >, not ≥"))
        #expect(notebook.slips == 1 && notebook.allAgree)
        #expect(notebook.tallyLine.hasSuffix("1 slip in the notes corrected"))
    }

    @Test("a slip too wide for one line is stacked, and every line fits in 80 columns")
    func wideSlipIsStacked() {
        let capture = Capture()
        let notebook = capture.notebook()
        let long = String(repeating: "x", count: 30)
        notebook.slip("a rather long label for a formula", notes: long, correct: long + "y",
                      why: String(repeating: "word ", count: 40))
        #expect(capture.lines.contains("      notes:   " + long))
        #expect(capture.lines.contains("      correct: " + long + "y"))
        #expect(capture.lines.allSatisfy { displayWidth(of: $0) <= 80 })
    }
}
