/// A `LinePlot` or a `ScatterPlot` drawn as inline SVG from its data series: axes with ticks at
/// the same "nice" values the terminal uses, grid lines, axis titles, a legend, and for each
/// series its own colour, marker and dash pattern (so it reads in black and white).
///
/// The geometry is decided first (`Layout`), and everything is drawn through its `x(_:)` and
/// `y(_:)`, so a point whose value is a tick value sits exactly on that tick's line.
struct SVGChart {
    enum Kind { case lines, points }

    var kind: Kind
    /// The titles, ranges and series (the terminal's width and height do not apply here).
    var chart: SeriesChart
    /// A prefix for the ids inside the figure, unique on the page (`fig3`).
    var id: String

    init(_ plot: LinePlot, id: String) {
        self.init(kind: .lines, chart: plot.chart, id: id)
    }

    init(_ plot: ScatterPlot, id: String) {
        self.init(kind: .points, chart: plot.chart, id: id)
    }

    init(kind: Kind, chart: SeriesChart, id: String) {
        self.kind = kind
        self.chart = chart
        self.id = id
    }

    /// The width of the drawing in SVG units, and the height of its plotting area.
    static let width = 400.0
    static let plotHeight = 220.0
    /// The most points of a line drawn as they are; longer lines keep each bucket's extremes.
    static let pointLimit = 2_000

    /// Where the plotting area is and how values map onto it.
    struct Layout {
        var left: Double
        var right: Double
        var top: Double
        var bottom: Double
        var xScale: NiceScale
        var yScale: NiceScale
        /// The legend's entries (series indices), row by row, and where the legend starts.
        var legendRows: [[Int]]
        var legendTop: Double
        /// The total height of the drawing.
        var height: Double

        /// The horizontal coordinate of `value`.
        func x(_ value: Double) -> Double { left + (value - xScale.lower) / (xScale.upper - xScale.lower) * (right - left) }
        /// The vertical coordinate of `value` (larger values higher up).
        func y(_ value: Double) -> Double { bottom - (value - yScale.lower) / (yScale.upper - yScale.lower) * (bottom - top) }
        /// Whether a point is inside the plotting area (with a rounding margin).
        func contains(_ px: Double, _ py: Double) -> Bool {
            px >= left - 0.01 && px <= right + 0.01 && py >= top - 0.01 && py <= bottom + 0.01
        }
    }

    func layout() -> Layout {
        let points = chart.finitePoints
        let x = NiceScale(values: points.flatMap { $0.map(\.0) }, fixed: chart.xRange, maximumTicks: 6)
        let y = NiceScale(values: points.flatMap { $0.map(\.1) }, fixed: chart.yRange, maximumTicks: 6)
        let labelWidth = y.ticks.map { SVGStyle.width(of: NiceScale.label($0)) }.max() ?? 8
        let left = (chart.yLabel == nil ? 6 : 24) + labelWidth + 10
        let right = SVGChart.width - 16
        let top = 12.0
        let bottom = top + SVGChart.plotHeight
        var legendTop = bottom + 34
        if chart.xLabel != nil { legendTop += 20 }
        // Legend entries packed into rows no wider than the drawing.
        var rows: [[Int]] = []
        var current: [Int] = [], used = 0.0
        for index in chart.series.indices {
            let entry = legendEntryWidth(index)
            if !current.isEmpty, used + entry > SVGChart.width - 16 { rows.append(current); current = []; used = 0 }
            current.append(index)
            used += entry
        }
        if !current.isEmpty { rows.append(current) }
        let height = legendTop + Double(rows.count) * 20 + (rows.isEmpty ? 0 : 4)
        return Layout(left: left, right: right, top: top, bottom: bottom, xScale: x, yScale: y, legendRows: rows,
                      legendTop: legendTop, height: height)
    }

    private func legendEntryWidth(_ index: Int) -> Double {
        (kind == .lines ? 30 : 12) + 6 + SVGStyle.width(of: chart.series[index].name) + 18
    }

    /// The `<svg>` element.
    func render() -> String {
        let layout = layout()
        let n = SVGStyle.number
        var svg: [String] = []
        svg.append(SVGDocument.open(id: id, width: SVGChart.width, height: layout.height))
        svg.append(SVGDocument.titleAndDescription(id: id, title: chart.title ?? defaultTitle, description: description))
        // The clip leaves room for the line's width, so a line along an edge stays whole.
        svg.append("<defs><clipPath id=\"\(id)-area\"><rect x=\"\(n(layout.left - 3))\" y=\"\(n(layout.top - 3))\" "
                   + "width=\"\(n(layout.right - layout.left + 6))\" height=\"\(n(layout.bottom - layout.top + 6))\"/></clipPath>"
                   + chart.series.indices.map { SVGStyle.markerDefinition(id: "\(id)-m\($0)", series: $0) }.joined() + "</defs>")

        // Grid lines, ticks and tick labels.
        svg.append("<g class=\"axes\" stroke=\"\(SVGStyle.ink)\">")
        for tick in layout.xScale.ticks {
            let px = n(layout.x(tick))
            svg.append("<line class=\"grid\" x1=\"\(px)\" y1=\"\(n(layout.top))\" x2=\"\(px)\" y2=\"\(n(layout.bottom))\" stroke=\"\(SVGStyle.grid)\"/>")
            svg.append("<line class=\"x-tick\" data-value=\"\(NiceScale.label(tick))\" x1=\"\(px)\" y1=\"\(n(layout.bottom))\" x2=\"\(px)\" y2=\"\(n(layout.bottom + 5))\"/>")
        }
        for tick in layout.yScale.ticks {
            let py = n(layout.y(tick))
            svg.append("<line class=\"grid\" x1=\"\(n(layout.left))\" y1=\"\(py)\" x2=\"\(n(layout.right))\" y2=\"\(py)\" stroke=\"\(SVGStyle.grid)\"/>")
            svg.append("<line class=\"y-tick\" data-value=\"\(NiceScale.label(tick))\" x1=\"\(n(layout.left - 5))\" y1=\"\(py)\" x2=\"\(n(layout.left))\" y2=\"\(py)\"/>")
        }
        svg.append("<path class=\"frame\" fill=\"none\" d=\"M\(n(layout.left)) \(n(layout.top))V\(n(layout.bottom))H\(n(layout.right))\"/>")
        svg.append("</g>")
        svg.append("<g class=\"tick-labels\" fill=\"\(SVGStyle.ink)\">")
        for tick in layout.xScale.ticks {
            svg.append("<text class=\"x-tick-label\" x=\"\(n(layout.x(tick)))\" y=\"\(n(layout.bottom + 19))\" text-anchor=\"middle\">\(HTMLText.escape(NiceScale.label(tick)))</text>")
        }
        for tick in layout.yScale.ticks {
            svg.append("<text class=\"y-tick-label\" x=\"\(n(layout.left - 8))\" y=\"\(n(layout.y(tick) + 4.5))\" text-anchor=\"end\">\(HTMLText.escape(NiceScale.label(tick)))</text>")
        }
        svg.append("</g>")
        if let xLabel = chart.xLabel {
            svg.append("<text class=\"x-label\" x=\"\(n((layout.left + layout.right) / 2))\" y=\"\(n(layout.bottom + 40))\" text-anchor=\"middle\" fill=\"\(SVGStyle.ink)\">\(HTMLText.escape(xLabel))</text>")
        }
        if let yLabel = chart.yLabel {
            svg.append("<text class=\"y-label\" transform=\"translate(15 \(n((layout.top + layout.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"\(SVGStyle.ink)\">\(HTMLText.escape(yLabel))</text>")
        }

        // The series, first to last (later ones on top), clipped to the plotting area.
        for (index, s) in chart.series.enumerated() {
            svg.append("<g class=\"series\" data-series=\"\(HTMLText.escape(s.name))\">")
            if kind == .lines {
                let d = linePath(s, layout: layout)
                if !d.isEmpty {
                    let dash = SVGStyle.dash(index).map { " stroke-dasharray=\"\($0)\"" } ?? ""
                    svg.append("<path class=\"line\" clip-path=\"url(#\(id)-area)\" fill=\"none\" stroke=\"\(SVGStyle.color(index))\" stroke-width=\"2\" stroke-linejoin=\"round\"\(dash) d=\"\(d)\"/>")
                }
            }
            for (px, py) in markerPositions(index, layout: layout) {
                svg.append("<use class=\"mark\" href=\"#\(id)-m\(index)\" x=\"\(n(px))\" y=\"\(n(py))\"/>")
            }
            svg.append("</g>")
        }

        // The legend.
        for (row, entries) in layout.legendRows.enumerated() {
            var x = 8.0
            let y = layout.legendTop + Double(row) * 20
            for index in entries {
                var parts = "<g class=\"legend-entry\">"
                if kind == .lines {
                    let dash = SVGStyle.dash(index).map { " stroke-dasharray=\"\($0)\"" } ?? ""
                    parts += "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 30))\" y2=\"\(n(y))\" stroke=\"\(SVGStyle.color(index))\" stroke-width=\"2\"\(dash)/>"
                    parts += "<use href=\"#\(id)-m\(index)\" x=\"\(n(x + 15))\" y=\"\(n(y))\"/>"
                } else {
                    parts += "<use href=\"#\(id)-m\(index)\" x=\"\(n(x + 6))\" y=\"\(n(y))\"/>"
                }
                let textX = x + (kind == .lines ? 36 : 18)
                parts += "<text x=\"\(n(textX))\" y=\"\(n(y + 4.5))\" fill=\"\(SVGStyle.ink)\">\(HTMLText.escape(chart.series[index].name))</text></g>"
                svg.append(parts)
                x += legendEntryWidth(index)
            }
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// The path of a line: one `M…L…` run per stretch of finite points (a non-finite point
    /// breaks the line, as in the terminal), thinned to the extremes of each bucket when long.
    func linePath(_ s: PlotSeries, layout: Layout) -> String {
        var runs: [[(Double, Double)]] = [[]]
        for (x, y) in zip(s.x, s.y) {
            if x.isFinite && y.isFinite { runs[runs.count - 1].append((x, y)) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        let n = SVGStyle.number
        var d = ""
        for run in runs where !run.isEmpty {
            let kept = SVGChart.thinned(run, limit: SVGChart.pointLimit)
            for (offset, point) in kept.enumerated() {
                d += (offset == 0 ? "M" : "L") + n(layout.x(point.0)) + " " + n(layout.y(point.1))
            }
            if kept.count == 1 { d += "h0.01" }   // a lone point still shows (round line cap)
        }
        return d
    }

    /// At most about `limit` points: the first, last, lowest and highest of each of `limit / 4`
    /// buckets, in their original order, so peaks and dips survive.
    static func thinned(_ points: [(Double, Double)], limit: Int) -> [(Double, Double)] {
        guard points.count > limit else { return points }
        let buckets = max(1, limit / 4)
        var kept: [(Double, Double)] = []
        for bucket in 0..<buckets {
            let start = bucket * points.count / buckets, end = (bucket + 1) * points.count / buckets
            guard start < end else { continue }
            let slice = start..<end
            let low = slice.min { points[$0].1 < points[$1].1 }!, high = slice.max { points[$0].1 < points[$1].1 }!
            for index in Set([start, low, high, end - 1]).sorted() { kept.append(points[index]) }
        }
        return kept
    }

    /// Where a series' markers go: every point of a scatter plot (a point that lands within one
    /// unit of one already drawn adds nothing visible and is left out); for a line, up to eight
    /// points spread along it, shifted per series so markers of overlapping lines do not hide
    /// each other.
    func markerPositions(_ index: Int, layout: Layout) -> [(Double, Double)] {
        let points = chart.finitePoints[index]
        var chosen: [(Double, Double)]
        if kind == .points {
            var seen = Set<[Int]>()
            return points.map { (layout.x($0.0), layout.y($0.1)) }.filter { point in
                layout.contains(point.0, point.1) && seen.insert([Int(point.0.rounded()), Int(point.1.rounded())]).inserted
            }
        } else if points.count <= 8 {
            chosen = points
        } else {
            let phase = (Double(index) + 0.5) / Double(max(1, chart.series.count))
            chosen = (0..<8).map { k in
                points[min(points.count - 1, Int(((Double(k) + phase) / 8 * Double(points.count - 1)).rounded()))]
            }
        }
        return chosen.map { (layout.x($0.0), layout.y($0.1)) }.filter { layout.contains($0.0, $0.1) }
    }

    private var defaultTitle: String { kind == .lines ? "Line plot" : "Scatter plot" }

    /// What the figure shows, in words: the text alternative of the drawing.
    var description: String {
        let layout = layout()
        let f = { (value: Double) in formatNumber(value, digits: 4) }
        var text = kind == .lines ? "Line plot" : "Scatter plot"
        let (xLabel, yLabel) = (chart.xLabel, chart.yLabel)
        if let yLabel, let xLabel { text += " of \(yLabel) against \(xLabel)" }
        else if let yLabel { text += " of \(yLabel)" }
        else if let xLabel { text += " against \(xLabel)" }
        text += "; x axis from \(f(layout.xScale.lower)) to \(f(layout.xScale.upper)), y axis from \(f(layout.yScale.lower)) to \(f(layout.yScale.upper))"
        let parts = chart.series.indices.map { index -> String in
            let points = chart.finitePoints[index]
            var part = "\(chart.series[index].name) (\(points.count) point\(points.count == 1 ? "" : "s")"
            if let low = points.map(\.1).min(), let high = points.map(\.1).max() {
                part += low == high ? ", y = \(f(low))" : ", y from \(f(low)) to \(f(high))"
            }
            return part + ")"
        }
        text += parts.isEmpty ? "; no data." : "; \(chart.series.count) series: " + parts.joined(separator: ", ") + "."
        return text
    }
}

/// The pieces every inline SVG figure shares.
enum SVGDocument {
    /// The opening tag: a scalable drawing with an accessible name and description.
    static func open(id: String, width: Double, height: Double) -> String {
        let n = SVGStyle.number
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
            + "font-family=\"\(SVGStyle.font)\" font-size=\"\(SVGStyle.number(SVGStyle.fontSize))\">"
    }

    /// `<title>` and `<desc>`, which screen readers announce and browsers show on hover.
    static func titleAndDescription(id: String, title: String, description: String) -> String {
        "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title><desc id=\"\(id)-desc\">\(HTMLText.escape(description))</desc>"
    }
}
