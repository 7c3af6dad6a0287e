import Foundation
import Testing
@testable import LessonRuntime

/// The SVG figures of the web page: geometry, labels, legends and escaping, read back from the
/// SVG text the page contains.
@Suite struct SVGRendererTests {
    /// The value of attribute `name` in every element of `svg` that has class `cls`, in order.
    func attribute(_ name: String, ofClass cls: String, in svg: String) -> [String] {
        svg.components(separatedBy: "class=\"\(cls)\"").dropFirst().compactMap { rest in
            let tag = rest.prefix { $0 != ">" }
            guard let start = tag.range(of: " \(name)=\"") else { return nil }
            return String(tag[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// The text content of every `<text>` element with class `cls`.
    func texts(ofClass cls: String, in svg: String) -> [String] {
        svg.components(separatedBy: "class=\"\(cls)\"").dropFirst().map { rest in
            let afterTag = rest.drop { $0 != ">" }.dropFirst()
            return String(afterTag.prefix { $0 != "<" })
        }
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("a point at a tick value is drawn at that tick's coordinate (scatter and line)")
    func pointOnTick() throws {
        var scatter = ScatterPlot(title: "points", xRange: 0...10, yRange: -1...1)
        let probe = SVGChart(scatter, id: "f")
        let ticks = probe.layout()
        #expect(ticks.xScale.ticks.count >= 3 && ticks.yScale.ticks.count >= 3)
        let (tx, ty) = (ticks.xScale.ticks[1], ticks.yScale.ticks[2])
        scatter.add("probe", x: [tx], y: [ty])
        let svg = SVGChart(scatter, id: "f").render()
        let xTickValues = attribute("data-value", ofClass: "x-tick", in: svg)
        let xTickPositions = attribute("x1", ofClass: "x-tick", in: svg)
        let yTickPositions = attribute("y1", ofClass: "y-tick", in: svg)
        let xIndex = try #require(xTickValues.firstIndex(of: NiceScale.label(tx)))
        let yIndex = try #require(attribute("data-value", ofClass: "y-tick", in: svg).firstIndex(of: NiceScale.label(ty)))
        #expect(attribute("x", ofClass: "mark", in: svg) == [xTickPositions[xIndex]])
        #expect(attribute("y", ofClass: "mark", in: svg) == [yTickPositions[yIndex]])

        // A line through the same point passes through the same coordinates.
        var line = LinePlot(xRange: 0...10, yRange: -1...1)
        line.add("line", x: [tx, 10], y: [ty, 1])
        let lineSVG = SVGChart(line, id: "g").render()
        let path = try #require(attribute("d", ofClass: "line", in: lineSVG).first)
        #expect(path.hasPrefix("M\(xTickPositions[xIndex]) \(yTickPositions[yIndex])L"))
        // The tick labels under the tick marks are the scale's labels, at the same x.
        #expect(texts(ofClass: "x-tick-label", in: svg) == ticks.xScale.ticks.map(NiceScale.label))
        #expect(attribute("x", ofClass: "x-tick-label", in: svg) == xTickPositions)
    }

    @Test("axis labels, legend entries and the number of series match the plot")
    func labelsLegendAndSeries() {
        var plot = LinePlot(title: "Training loss", xLabel: "epoch", yLabel: "loss")
        plot.add("train", y: (0..<50).map { 1 / Double($0 + 1) })
        plot.add("test", y: (0..<50).map { 1.2 / Double($0 + 1) })
        plot.add("baseline", x: [0, 49], y: [0.5, 0.5])
        let chart = SVGChart(plot, id: "fig1")
        let svg = chart.render()
        #expect(count("class=\"series\"", in: svg) == 3)
        #expect(attribute("data-series", ofClass: "series", in: svg) == ["train", "test", "baseline"])
        #expect(count("class=\"legend-entry\"", in: svg) == 3)
        for name in ["train", "test", "baseline"] { #expect(svg.contains(">\(name)</text></g>")) }
        #expect(texts(ofClass: "x-label", in: svg) == ["epoch"])
        #expect(texts(ofClass: "y-label", in: svg) == ["loss"])
        #expect(count("class=\"line\"", in: svg) == 3)
        // Each series has its own colour and marker definition.
        for index in 0..<3 { #expect(svg.contains("<path id=\"fig1-m\(index)\"")) }
        #expect(Set((0..<3).map(SVGStyle.color)).count == 3 && Set((0..<3).map(SVGStyle.marker)).count == 3)
        #expect(Set((0..<3).map(SVGStyle.dash)).count == 3, "lines differ without colour too")
        // Accessible name and description.
        #expect(svg.contains("<title id=\"fig1-title\">Training loss</title>"))
        #expect(chart.description.contains("loss against epoch") && chart.description.contains("3 series"))
        #expect(chart.description.contains("train (50 points"))
        // Scatter: one mark per finite point.
        var scatter = ScatterPlot()
        scatter.add("a", x: [0, 1, 2], y: [0, 1, .nan])
        scatter.add("b", x: [0.5], y: [0.5])
        let scatterSVG = SVGChart(scatter, id: "s").render()
        #expect(count("class=\"mark\"", in: scatterSVG) == 3)
        #expect(count("class=\"legend-entry\"", in: scatterSVG) == 2)
    }

    @Test("a non-finite value breaks the line; long lines keep their extremes")
    func breaksAndThinning() throws {
        var plot = LinePlot(yRange: 0...10)
        plot.add("gap", y: [1, 2, .nan, 3, 4])
        let path = try #require(attribute("d", ofClass: "line", in: SVGChart(plot, id: "p").render()).first)
        #expect(count("M", in: path) == 2)

        var long = LinePlot()
        var values = (0..<20_000).map { Double($0 % 7) }
        values[12_345] = 100
        long.add("spike", y: values)
        let chart = SVGChart(long, id: "q")
        let layout = chart.layout()
        let longPath = try #require(attribute("d", ofClass: "line", in: chart.render()).first)
        #expect(count("L", in: longPath) < 2_100, "thinned")
        #expect(longPath.contains(" \(SVGStyle.number(layout.y(100)))L") || longPath.hasSuffix(" \(SVGStyle.number(layout.y(100)))"),
                "the spike survives thinning")
    }

    @Test("a heat map draws one cell per value and a histogram one bar per non-empty bin")
    func heatMapAndHistogram() {
        let map = HeatMap([[0, 1, 2], [3, 4, .nan]], title: "W", rowLabels: ["h₁", "h₂"], columnLabels: ["a", "b", "c"])
        let svg = SVGHeatMap(map: map, id: "h").render()
        let cells = svg.components(separatedBy: "<g class=\"cells\"").last?.components(separatedBy: "</g>").first ?? ""
        #expect(count("<rect ", in: cells) == 6, "one square per value, the NaN included")
        #expect(count("<rect x=", in: cells) == 5 && count("class=\"missing\"", in: cells) == 1)
        #expect(texts(ofClass: "row-label", in: svg) == ["h₁", "h₂"])
        #expect(texts(ofClass: "column-label", in: svg) == ["a", "b", "c"])
        #expect(svg.contains("fill=\"\(SVGHeatMap.color(0))\"") && svg.contains("fill=\"\(SVGHeatMap.color(1))\""))
        #expect(SVGHeatMap.color(0) != SVGHeatMap.color(1))

        let histogram = Histogram([0, 0.1, 0.2, 0.9, 1, 1, 1], bins: 5, title: "values")
        let histogramSVG = SVGHistogram(histogram: histogram, id: "k").render()
        #expect(count("class=\"bar\"", in: histogramSVG) == histogram.counts.filter { $0 > 0 }.count)
        #expect(SVGHistogram(histogram: histogram, id: "k").description.contains("7 values in 5 bins"))
    }

    @Test("<, & and quotes are escaped in prose, labels, legends and tables")
    func escaping() {
        #expect(HTMLText.escape("a < b & \"c\" 'd' > e") == "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e")
        #expect(HTMLText.inline("call `f<T>()` & go") == "call <code>f&lt;T&gt;()</code> &amp; go")
        #expect(HTMLText.inline("one ` tick") == "one ` tick")
        var plot = LinePlot(title: "x < 1 & \"y\"", xLabel: "a<b", yLabel: "'c'")
        plot.add("s<&\"'", y: [1, 2])
        let svg = SVGChart(plot, id: "e").render()
        #expect(!svg.contains("s<&") && svg.contains("data-series=\"s&lt;&amp;&quot;&#39;\""))
        #expect(svg.contains(">a&lt;b</text>") && svg.contains(">&#39;c&#39;</text>"))

        var page = NotebookPage(title: "T <script>")
        page.blocks = [.heading("A & B", number: 1), .prose("<script>alert(\"x\")</script> & 'q'"),
                       .table(Table(["<h>"], rows: [["&"]])), .figure([plot])]
        let html = HTMLPage(page).document()
        #expect(!html.contains("<script"))
        #expect(html.contains("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p>"))
        #expect(html.contains("<title>T &lt;script&gt;</title>") && html.contains("1. A &amp; B</h2>"))
        #expect(html.contains("&lt;h&gt;</th>") && html.contains(">&amp;</td>"))
    }
}
