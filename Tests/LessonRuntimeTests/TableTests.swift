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

    @Test func numericRowsAndRaggedRows() {
        #expect(Table(["a"], rows: [[0.5], [12]]).render().last == "   12")
        let ragged = Table(["a", "b"], rows: [["1"], ["2", "x"]]).render()
        #expect(ragged.count == 4)
        #expect(Table([], rows: []).render().isEmpty)
    }
}
