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
        notebook.slip("threshold at (1, −1)", notes: 1, at: .notes("000", 52), correct: 0, why: "the rule needs >, not ≥")
        let line = capture.lines.first { $0.contains("threshold at (1, −1)") } ?? ""
        #expect(line.contains("notes (000:52): 1") && line.contains("correct: 0") && line.hasSuffix("≠"))
        #expect(capture.lines.contains("      slip: the rule needs >, not ≥"))
        #expect(notebook.slips == 1 && notebook.allAgree)
        #expect(notebook.tallyLine.hasSuffix("1 slip in the notes corrected"))
    }

    @Test("a slip too wide for one line is stacked, and every line fits in 80 columns")
    func wideSlipIsStacked() {
        let capture = Capture()
        let notebook = capture.notebook()
        let long = String(repeating: "x", count: 30)
        notebook.slip("a rather long label for a formula", notes: long, at: .notes("004", 1017...1027),
                      correct: long + "y", why: String(repeating: "word ", count: 40))
        #expect(capture.lines.contains("      notes (004:1017–1027): " + long))
        #expect(capture.lines.contains("      correct: " + long + "y"))
        #expect(capture.lines.allSatisfy { displayWidth(of: $0) <= 80 })
    }

    @Test("a value the lesson derives is labelled as the lesson's and tallied as a check")
    func derivedValueIsTheLessons() {
        let capture = Capture()
        let notebook = capture.notebook()
        #expect(notebook.compare("∂C/∂w₁ on four examples", lesson: -2.8, computed: -2.8))
        #expect(!notebook.compare("wrong", lesson: 1, computed: 2))
        let line = capture.lines.first { $0.contains("∂C/∂w₁") } ?? ""
        #expect(line.contains("lesson: -2.8") && !line.contains("notes") && line.hasSuffix("✓"))
        #expect(notebook.comparisons == 0 && notebook.claims == 2 && notebook.failedClaims == ["wrong"])
    }

    @Test("a comparison too wide for one line keeps every line within 80 columns")
    func wideComparisonIsStacked() {
        let capture = Capture()
        let notebook = capture.notebook()
        notebook.compare("a label long enough to push the values past the edge", notes: 669_706,
                         at: .notes("001", 590...600), computed: 669_706, tolerance: 0,
                         note: "a remark that is also rather long and has to wrap onto its own line")
        #expect(capture.lines.allSatisfy { displayWidth(of: $0) <= 80 })
        #expect(capture.lines.contains { $0.contains("notes (001:590–600): 669706") && $0.hasSuffix("✓") })
    }
}
