import Testing
import TensorCore
@testable import LessonRuntime

@Suite struct ScatterPlotTests {
    @Test func distinctGlyphsPerSeries() {
        var plot = ScatterPlot(title: "XOR", xLabel: "x₁", yLabel: "x₂", width: 40, height: 14)
        plot.add("0", x: [0, 1], y: [0, 1])
        plot.add("1", points: Tensor([[0, 1], [1, 0]]))
        let lines = plot.render()
        #expect(lines.count <= 14 && lines.allSatisfy { displayWidth(of: $0) <= 40 })
        let canvas = lines.joined()
        #expect(canvas.filter { $0 == "•" }.count == 3)      // two points + legend
        #expect(canvas.filter { $0 == "×" }.count == 3)
    }

    @Test func emptyPlotDoesNotCrash() {
        #expect(!ScatterPlot().render().isEmpty)
    }
}
