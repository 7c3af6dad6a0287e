import Testing
@testable import LessonRuntime

@Suite struct HistogramTests {
    @Test func countsAndBars() {
        let histogram = Histogram([0, 0.1, 0.2, 0.9, 1, .nan], bins: 2, width: 40)
        #expect(histogram.counts == [3, 2])
        let lines = histogram.render()
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("[  0, 0.5)") && lines[0].hasSuffix("3"))
        #expect(lines[1].hasPrefix("[0.5,   1]") && lines[1].hasSuffix("2"))
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 40 })
        #expect(lines[2] == "5 values, 1 non-finite left out")
    }

    @Test func constantAndEmptyData() {
        #expect(Histogram([2, 2, 2], bins: 4).counts.reduce(0, +) == 3)
        #expect(Histogram([]).render() == ["(no data)"])
    }
}
