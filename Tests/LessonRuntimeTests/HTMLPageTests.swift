import Foundation
import Testing
import TensorCore
@testable import LessonRuntime

/// The notebook's second rendering: what it records while printing, and the page made of it.
@Suite struct HTMLPageTests {
    /// A small lesson with one element of every kind.
    func lesson(_ notebook: Notebook) {
        notebook.section("Numbers")
        notebook.prose("A paragraph with `code`.\n\n- one\n- two")
        notebook.formula("σ(z) = 1 / (1 + e⁻ᶻ)")
        notebook.result("z", -6.0)
        notebook.result("W", Tensor([[1, 2], [3, 4]]))
        notebook.compare("σ(−6)", notes: 0.002, at: .notes("004", 512), computed: 0.0024726, tolerance: 5e-4)
        notebook.check("the sum is positive", true)
        notebook.slip("index", notes: "w²₁₂", at: .notes("000", 531), correct: "w²₂₁", why: "rows and columns swapped")
        notebook.section("Pictures")
        var plot = LinePlot(title: "curve", xLabel: "x", yLabel: "y")
        plot.add("a", y: [0, 1, 4, 9])
        notebook.show(plot)
        notebook.show(panels: [HeatMap([[0, 1], [1, 0]], title: "map"), Histogram([1, 2, 2, 3], bins: 3)])
        notebook.table(["n", "name"], rows: [["1", "one"], ["2", "two"]])
        notebook.verbatim("+--+\n|  |\n+--+")
        notebook.recap(["first point"])
        notebook.exercises(lesson: "Lesson99", ["`f` — the forward pass"])
    }

    @Test("the notebook records every element it prints, in order, and prints the same with --html")
    func recording() throws {
        let plain = Capture(), withPage = Capture()
        let options = try Options.parse(["L", "--html", "/dev/null"])
        #expect(options.htmlPath == "/dev/null")
        let a = plain.notebook(), b = withPage.notebook(options: options)
        lesson(a); lesson(b)
        #expect(plain.text == withPage.text, "the terminal text does not depend on --html")
        let kinds = a.page.blocks.map { block -> String in
            switch block {
            case .heading: "h"; case .prose: "p"; case .formula: "f"; case .verbatim: "v"; case .bullets: "b"
            case .result: "r"; case .row: "c"; case .claim: "k"; case .table: "t"; case .figure(let plots): "F\(plots.count)"
            case .exercises: "e"; case .tally: "="
            }
        }
        #expect(kinds == ["h", "p", "f", "r", "r", "c", "k", "c", "h", "F1", "F2", "t", "v", "h", "b", "h", "e"])
    }

    @Test("the page has every section and figure, headings in order, a title for every figure")
    func document() throws {
        let capture = Capture()
        let notebook = capture.notebook(title: "Lesson 99 · Test")
        lesson(notebook)
        notebook.finish()
        let html = HTMLPage(notebook.page).document()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<title>Lesson 99 · Test</title>") && html.contains("<h1>Lesson 99 · Test</h1>"))
        let headings = html.components(separatedBy: "<h").dropFirst().compactMap { $0.first?.wholeNumberValue }
        #expect(headings == [1, 2, 2, 2, 2], "one h1, then h2s: no level skipped")
        for heading in ["1. Numbers", "2. Pictures", "Recap", "Exercises"] { #expect(html.contains(">\(heading)</h2>")) }
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
        #expect(html.components(separatedBy: "<figure>").count - 1 == 3)
        #expect(html.components(separatedBy: "<title id=\"fig").count - 1 == 3)
        #expect(html.components(separatedBy: "<desc id=\"fig").count - 1 == 3)
        #expect(html.contains("<div class=\"panels\">"))
        // Comparisons, checks and slips in one table, with marks and the citation.
        #expect(html.components(separatedBy: "<table class=\"report\">").count - 1 == 1)
        #expect(html.contains("notes <cite>(004:512)</cite>: <span class=\"value\">0.002</span>"))
        #expect(html.contains("<tr class=\"slip\">") && html.contains("rows and columns swapped"))
        #expect(html.contains("<tr class=\"claim agree\">") && html.contains(">✓</span>"))
        #expect(html.contains("<code>code</code>") && html.contains("<li>one</li>"))
        #expect(html.contains("<pre class=\"verbatim\">+--+\n|  |\n+--+</pre>"))
        #expect(html.contains("<td class=\"num\">1</td>"))
        #expect(html.contains("1 of 1 comparisons with the notes agree"))
        // Self-contained: no script, no external resource.
        #expect(!html.contains("<script") && !html.contains("http://www.w3.org/1999") && !html.contains("src="))
        #expect(!html.contains("https://") && !html.contains("<link"))
        #expect(html.contains("@media print") && html.contains("name=\"viewport\""))
        #expect(html == HTMLPage(notebook.page).document(), "a pure function of the page")
    }

    @Test("--html is a shared flag that needs a file name, and the page is written by finish()")
    func flagAndFile() throws {
        #expect(throws: OptionsError.missingValue(flag: "--html", placeholder: "FILE")) { try Options.parse(["L", "--html"]) }
        #expect(throws: OptionsError.invalidValue(flag: "--html", value: "", expected: "a file name")) {
            try Options.parse(["L", "--html="])
        }
        #expect(try Options.parse(["L"]).htmlPath == nil)
        #expect(Options(programName: "L").usage().contains("--html FILE"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-\(UInt64.random(in: 0...UInt64.max)).html").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let notebook = Capture().notebook(options: try Options.parse(["L", "--html", path]))
        notebook.section("Only")
        notebook.check("holds", true)
        notebook.finish()
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == HTMLPage(notebook.page).document())
    }
}
