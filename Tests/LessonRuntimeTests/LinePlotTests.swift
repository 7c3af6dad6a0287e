import Foundation
import Testing
@testable import LessonRuntime

@Suite struct LinePlotTests {
    func fits(_ lines: [String], width: Int, height: Int) -> Bool {
        lines.count <= height && lines.allSatisfy { displayWidth(of: $0) <= width }
    }

    @Test func rendersWithinSizeWithLegendAndTicks() {
        var plot = LinePlot(title: "Loss", xLabel: "epoch", yLabel: "loss", width: 50, height: 14)
        plot.add("train", y: (0..<100).map { 1 / Double($0 + 1) })
        plot.add("test", y: (0..<100).map { 1.2 / Double($0 + 1) })
        let lines = plot.render()
        #expect(fits(lines, width: 50, height: 14))
        let text = lines.joined(separator: "\n")
        #expect(text.contains("train") && text.contains("• test"))
        #expect(text.contains("epoch") && text.contains("loss") && text.contains("Loss"))
        #expect(lines.contains { $0.hasSuffix("┤") || $0.contains("┤") })          // y ticks
        #expect(lines.contains { $0.contains("└") && $0.contains("┬") })          // x ticks
        #expect(text.contains("0") && text.contains("100"))                      // tick labels
        #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })  // braille line
        #expect(!text.contains("\u{1B}"))
    }

    @Test func defaultSizeAndColor() {
        var plot = LinePlot()
        plot.add("a", x: [0, 1, 2], y: [0, 1, 4])
        #expect(fits(plot.render(), width: 64, height: 16))
        #expect(plot.render(color: true).joined().contains("\u{1B}["))
    }

    @Test func constantEmptyAndNonFiniteData() {
        var constant = LinePlot(width: 30, height: 8)
        constant.add("k", y: [3, 3, 3])
        #expect(fits(constant.render(), width: 30, height: 8))
        #expect(fits(LinePlot(width: 30, height: 8).render(), width: 30, height: 8))
        var broken = LinePlot(width: 40, height: 10, yRange: 0...1)
        broken.add("n", y: [0, .nan, 1, .infinity, 0.5, 1e300, -1e300])
        #expect(fits(broken.render(), width: 40, height: 10))
    }

    @Test func niceTicks() {
        let scale = NiceScale(values: [0, 0.98], fixed: nil, maximumTicks: 6)
        #expect(scale.lower == 0 && scale.upper == 1)
        #expect(scale.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceScale(values: [], fixed: 0...10, maximumTicks: 3).ticks == [0, 5, 10])
    }

    /// The row of the y tick labelled `label` (the line that starts with it and an axis mark).
    func tickRow(_ lines: [String], _ label: String) -> Int? {
        lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label + " ┤") }
    }

    @Test("a point at a tick value lands on the tick's row, for every series and many heights")
    func markersSitOnTheirTicks() {
        for height in 8...30 {
            var plot = LinePlot(width: 60, height: height, yRange: -1...3)
            plot.add("braille", x: [0, 10], y: [3, 3])       // the first series: braille dots
            plot.add("zero", x: [0, 10], y: [0, 0])          // the second: a glyph line
            plot.add("two", x: [0, 10], y: [2, 2])
            let lines = plot.render()
            let zeroRow = lines.firstIndex { $0.contains("•") && !$0.contains("zero") }
            let twoRow = lines.firstIndex { $0.contains("×") && !$0.contains("two") }
            if let tick = tickRow(lines, "0") { #expect(zeroRow == tick, "height \(height): • in row \(zeroRow ?? -1), tick 0 in row \(tick)") }
            if let tick = tickRow(lines, "2") { #expect(twoRow == tick, "height \(height): × in row \(twoRow ?? -1), tick 2 in row \(tick)") }
            if let tick = tickRow(lines, "3") {
                #expect(lines[tick].unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "height \(height)")
            }
        }
    }
}
