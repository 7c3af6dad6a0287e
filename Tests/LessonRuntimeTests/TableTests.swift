import Testing
@testable import LessonRuntime

@Suite struct TableTests {
    @Test func alignsColumnsAndRightAlignsNumbers() {
        let lines = Table(["x₁", "x₂", "output", "name"],
                          rows: [["0", "1", "1", "or"], ["10", "−1", "0.25", "nand"]]).render()
        #expect(lines.count == 4)
        #expect(lines[0] == "  x₁   x₂   output   name")
        #expect(lines[1] == "  " + String(repeating: "─", count: 23))
        #expect(lines[2] == "   0    1        1   or")
        #expect(lines[3] == "  10   −1     0.25   nand")
    }

    @Test("a lone \"–\" (no value) keeps a column of numbers right-aligned; a word does not")
    func dashCountsAsNoValue() {
        let lines = Table(["first"], rows: [["42.5"], ["–"]]).render()
        #expect(lines[2] == "   42.5" && lines[3] == "      –")
        #expect(Table(["first"], rows: [["42.5"], ["never"]]).render()[2] == "  42.5")
    }

    @Test func numericRowsAndRaggedRows() {
        #expect(Table(["a"], rows: [[0.5], [12]]).render().last == "   12")
        let ragged = Table(["a", "b"], rows: [["1"], ["2", "x"]]).render()
        #expect(ragged.count == 4)
        #expect(Table([], rows: []).render().isEmpty)
    }

    @Test("a table wider than the page narrows its gaps and breaks long headings over two lines")
    func wideTableFitsThePage() {
        let headers = ["method", "steps per epoch", "example gradients per epoch", "loss after 1 epoch",
                       "loss after 10 epochs"]
        let rows = [["mini-batch (s = 20)", "10", "200", "1.5858", "0.0412"], ["SGD (s = 1)", "200", "200", "0.0603", "0.0101"]]
        let lines = Table(headers, rows: rows).render()
        #expect(lines.allSatisfy { displayWidth(of: $0) <= Table.pageWidth }, "\(lines.map { displayWidth(of: $0) })")
        #expect(lines.count == 2 + 1 + rows.count, "two heading lines, the rule, the rows")
        #expect(lines[0].contains("example gradients") && lines[1].contains("per epoch"))
        // A table that already fits keeps three spaces between columns and one heading line.
        #expect(Table(["a", "b"], rows: [["1", "2"]]).render()[0] == "  a   b")
    }
}
