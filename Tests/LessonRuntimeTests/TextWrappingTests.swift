import Testing
@testable import LessonRuntime

@Suite struct TextWrappingTests {
    let text = """
        A perceptron computes a weighted sum z = w·x + b of its inputs and passes it through a \
        step function; the logistic σ(z) replaces the step so that ∂σ/∂z exists everywhere, and \
        the gradient ∇L ≈ (ŷ − y)x drives learning. Element-wise products are written ⊙ here.

        A second paragraph, which must stay separate from the first.
        - a list item that is long enough to need wrapping onto a second line with a hanging indent of two
        """

    @Test func neverExceedsEightyColumnsAndKeepsWords() {
        let lines = TextWrapping.wrap(text, width: 80)
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 80 })
        let words = { (s: String) in s.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
        #expect(words(lines.joined(separator: "\n")) == words(text))
        #expect(lines.contains(""))          // paragraphs stay separate
        #expect(lines.contains { $0.hasPrefix("  ") && !$0.hasPrefix("   ") })   // hanging indent
    }

    @Test func narrowWidthsAndLongWords() {
        let long = String(repeating: "σ", count: 30)
        let lines = TextWrapping.wrap("short \(long) end", width: 12)
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 12 })
        #expect(lines.joined().filter { $0 == "σ" }.count == 30)
    }

    @Test func verbatimLinesKept() {
        let lines = TextWrapping.wrap("Intro.\n    x = 1\n    y = 2")
        #expect(lines == ["Intro.", "    x = 1", "    y = 2"])
    }

    @Test func unicodeWidth() {
        #expect(displayWidth(of: "σ∂⊙∇≈") == 5)
        #expect(displayWidth(of: "x̂₁") == 2)
        #expect(displayWidth(of: "漢字") == 4)
        #expect(displayWidth(of: "\u{1B}[1mbold\u{1B}[0m") == 4)
    }
}
