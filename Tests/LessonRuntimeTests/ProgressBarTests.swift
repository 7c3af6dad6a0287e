import Testing
@testable import LessonRuntime

@Suite struct ProgressBarTests {
    final class Sink { var text = "" }

    @Test func silentUntilASummaryWhenNotATerminal() {
        let sink = Sink()
        var bar = ProgressBar("Training", total: 5000,
                              output: .init(isTerminal: false) { sink.text += $0 })
        for step in 1...5000 { bar.advance(to: step, metric: step % 1000 == 0 ? "loss 0.123" : nil) }
        #expect(sink.text.isEmpty)
        bar.finish()
        bar.finish()
        #expect(sink.text.hasPrefix("Training: 5000 steps in "))
        #expect(sink.text.hasSuffix(", loss 0.123\n"))
        #expect(sink.text.filter { $0 == "\n" }.count == 1)
    }

    @Test func redrawsInPlaceOnATerminal() {
        let sink = Sink()
        var bar = ProgressBar("Fit", total: 10, output: .init(isTerminal: true) { sink.text += $0 })
        for _ in 1...10 { bar.advance(metric: "loss 1") }
        bar.finish()
        #expect(sink.text.contains("\r"))
        #expect(sink.text.contains("100%"))
        #expect(sink.text.hasSuffix("Fit: 10 steps in " + sink.text.split(separator: "in ").last!))
        let line = bar.progressLine(elapsed: 1)
        #expect(displayWidth(of: line) <= ProgressBar.lineWidth)
    }

    @Test func durations() {
        #expect(Stopwatch.describe(seconds: 3.21) == "3.2 s")
        #expect(Stopwatch.describe(seconds: 125) == "2 min 5 s")
        #expect(ProgressBar.rate(1560.4) == "1560/s")
    }
}
