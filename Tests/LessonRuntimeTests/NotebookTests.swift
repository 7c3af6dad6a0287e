import Testing
import TensorCore
@testable import LessonRuntime

@Suite struct NotebookTests {
    @Test func compareTalliesAgreements() {
        let capture = Capture()
        let notebook = capture.notebook()
        #expect(notebook.compare("σ(−6)", notes: 0.002, at: .notes("004", 512), computed: 0.0024726, tolerance: 5e-4))
        #expect(!notebook.compare("σ(0)", notes: 0.4, at: .notes("004", 512), computed: 0.5, tolerance: 1e-3))
        #expect(notebook.compare("class", notes: 1, at: .notes("000", 1017...1027), computed: 1))
        #expect(notebook.comparisons == 3 && notebook.agreements == 2)
        #expect(notebook.disagreements == ["σ(0)"])
        let lines = capture.lines
        let good = lines.first { $0.contains("σ(−6)") } ?? ""
        #expect(good.contains("notes (004:512): 0.002") && good.contains("computed: 0.002473") && good.hasSuffix("✓"))
        #expect((lines.first { $0.contains("class") } ?? "").contains("notes (000:1017–1027): 1"))
        let bad = lines.firstIndex { $0.contains("σ(0)") }.map { lines[$0...].prefix(2).joined() } ?? ""
        #expect(bad.contains("✗") && bad.contains("off by 0.1"))
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 80 })
        #expect(notebook.tallyLine.hasPrefix("2 of 3 comparisons with the notes agree"))
    }

    @Test func sectionsResultsAndNoColor() {
        let capture = Capture()
        let notebook = capture.notebook(title: "Lesson 01 · The perceptron")
        notebook.section("Why learn features")
        notebook.section("Second")
        notebook.result("z", -6.0)
        notebook.result("n", 3)
        notebook.result("W", Tensor([[1, -2.5], [30, 4]]))
        notebook.formula("ŷ = σ(w·x + b)")
        notebook.recap(["one"])
        notebook.exercises(lesson: "Lesson01", ["perceptronOutput — the forward pass"])
        let lines = capture.lines
        #expect(lines[0] == "Lesson 01 · The perceptron")
        #expect(lines.contains("1. Why learn features"))
        #expect(lines.contains(String(repeating: "─", count: 21)))
        #expect(lines.contains("2. Second"))
        #expect(lines.contains("  z = -6"))
        #expect(lines.contains("  n = 3"))
        #expect(lines.contains("  W = [[ 1, -2.5],"))
        #expect(lines.contains("       [30,    4]]"))
        #expect(lines.contains("    ŷ = σ(w·x + b)"))
        #expect(lines.contains("  • one"))
        #expect(capture.text.contains("Exercises/Lesson01.swift"))
        #expect(capture.text.contains("swift test --filter Lesson01"))
        #expect(!capture.text.contains("\u{1B}"))
    }

    @Test func outputIsDeterministic() {
        func run() -> String {
            let capture = Capture()
            let notebook = capture.notebook()
            notebook.prose("Some prose with σ and ∂.")
            notebook.result("x", [0.1, 0.2, 0.3])
            notebook.table(["a", "b"], rows: [[1, 2], [3, 4]])
            return capture.text
        }
        #expect(run() == run())
    }
}
