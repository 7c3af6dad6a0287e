import Foundation

/// A `HeatMap` drawn as inline SVG: one square per value, light for the smallest and dark for
/// the largest on a ramp whose lightness falls steadily (so it prints in black and white), with
/// the row and column labels and a scale bar. Matrices larger than `maximumCells` a side are
/// averaged down, as in the terminal.
struct SVGHeatMap {
    var map: HeatMap
    var id: String

    /// The ramp from the smallest value (light) to the largest (dark).
    static let ramp: [(Double, Double, Double)] = [(247, 251, 255), (198, 219, 239), (107, 174, 214),
                                                  (33, 113, 181), (8, 48, 107)]
    static let maximumCells = 120

    /// The colour of `t` in 0…1 on the ramp.
    static func color(_ t: Double) -> String {
        let t = min(1, max(0, t)) * Double(ramp.count - 1)
        let i = min(ramp.count - 2, Int(t)), f = t - Double(i)
        let (a, b) = (ramp[i], ramp[i + 1])
        func channel(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return String(format: "#%02x%02x%02x", channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
    }

    /// The values drawn (averaged down when large) and the range the colours span.
    var grid: [[Double]] {
        let columns = map.values.map(\.count).max() ?? 0
        guard !map.values.isEmpty, columns > 0 else { return [] }
        return HeatMap.resample(map.values, rows: min(map.values.count, SVGHeatMap.maximumCells),
                                columns: min(columns, SVGHeatMap.maximumCells), sourceColumns: columns)
    }

    var bounds: (Double, Double) {
        let finite = map.values.flatMap { $0 }.filter(\.isFinite)
        return (map.range?.lowerBound ?? finite.min() ?? 0, map.range?.upperBound ?? finite.max() ?? 1)
    }

    func render() -> String {
        let n = SVGStyle.number
        let grid = self.grid
        let rows = grid.count, columns = grid.first?.count ?? 0
        let sourceRows = map.values.count, sourceColumns = map.values.map(\.count).max() ?? 0
        let rowLabels = rows == sourceRows ? (map.rowLabels ?? []) : []
        let columnLabels = columns == sourceColumns ? (map.columnLabels ?? []) : []
        let gutter = rowLabels.isEmpty ? 4 : (rowLabels.map(SVGStyle.width(of:)).max() ?? 0) + 10
        let cell = max(2, min(28, (380 - gutter) / Double(max(1, columns))))
        let width = max(280, gutter + cell * Double(columns) + 8)
        let gridBottom = 6 + cell * Double(rows)
        let labelsBottom = columnLabels.isEmpty ? gridBottom : gridBottom + 18
        let height = labelsBottom + 44
        let (low, high) = bounds

        var svg = [SVGDocument.open(id: id, width: width, height: height),
                   SVGDocument.titleAndDescription(id: id, title: map.title ?? "Heat map", description: description)]
        svg.append("<defs><linearGradient id=\"\(id)-scale\">" + SVGHeatMap.ramp.indices.map { i in
            "<stop offset=\"\(n(Double(i) / Double(SVGHeatMap.ramp.count - 1)))\" stop-color=\"\(SVGHeatMap.color(Double(i) / Double(SVGHeatMap.ramp.count - 1)))\"/>"
        }.joined() + "</linearGradient></defs>")
        svg.append("<g class=\"cells\" shape-rendering=\"crispEdges\">")
        for (r, row) in grid.enumerated() {
            for (c, value) in row.enumerated() {
                let x = n(gutter + Double(c) * cell), y = n(6 + Double(r) * cell)
                if value.isFinite {
                    let t = high > low ? (value - low) / (high - low) : 0.5
                    svg.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(n(cell))\" height=\"\(n(cell))\" fill=\"\(SVGHeatMap.color(t))\"/>")
                } else {
                    svg.append("<rect class=\"missing\" x=\"\(x)\" y=\"\(y)\" width=\"\(n(cell))\" height=\"\(n(cell))\" fill=\"#ffffff\" stroke=\"#b42318\"/>")
                }
            }
        }
        svg.append("</g>")
        svg.append("<rect class=\"frame\" x=\"\(n(gutter))\" y=\"6\" width=\"\(n(cell * Double(columns)))\" height=\"\(n(cell * Double(rows)))\" fill=\"none\" stroke=\"\(SVGStyle.ink)\"/>")
        for (r, label) in rowLabels.prefix(rows).enumerated() {
            svg.append("<text class=\"row-label\" x=\"\(n(gutter - 6))\" y=\"\(n(6 + (Double(r) + 0.5) * cell + 4.5))\" text-anchor=\"end\" fill=\"\(SVGStyle.ink)\">\(HTMLText.escape(label))</text>")
        }
        var nextFree = -Double.infinity
        for (c, label) in columnLabels.prefix(columns).enumerated() {
            let center = gutter + (Double(c) + 0.5) * cell, half = SVGStyle.width(of: label) / 2
            guard center - half >= nextFree else { continue }     // skip labels that would overlap
            svg.append("<text class=\"column-label\" x=\"\(n(center))\" y=\"\(n(gridBottom + 15))\" text-anchor=\"middle\" fill=\"\(SVGStyle.ink)\">\(HTMLText.escape(label))</text>")
            nextFree = center + half + 4
        }
        // The scale: low value, the ramp, high value.
        let scaleY = labelsBottom + 14
        let lowText = formatNumber(low, digits: 3), highText = formatNumber(high, digits: 3)
        let barX = 8 + SVGStyle.width(of: lowText) + 8
        svg.append("<g class=\"scale\" fill=\"\(SVGStyle.ink)\"><text x=\"8\" y=\"\(n(scaleY + 12))\">\(HTMLText.escape(lowText))</text>"
                   + "<rect x=\"\(n(barX))\" y=\"\(n(scaleY))\" width=\"120\" height=\"16\" fill=\"url(#\(id)-scale)\" stroke=\"\(SVGStyle.ink)\"/>"
                   + "<text x=\"\(n(barX + 128))\" y=\"\(n(scaleY + 12))\">\(HTMLText.escape(highText))</text></g>")
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// What the figure shows, in words.
    var description: String {
        let rows = map.values.count, columns = map.values.map(\.count).max() ?? 0
        let (low, high) = bounds
        var text = "Heat map of a \(rows) × \(columns) matrix, light for \(formatNumber(low, digits: 3)) "
            + "and dark for \(formatNumber(high, digits: 3))"
        if let labels = map.rowLabels, !labels.isEmpty { text += "; rows " + labels.joined(separator: ", ") }
        if let labels = map.columnLabels, !labels.isEmpty { text += "; columns " + labels.joined(separator: ", ") }
        if grid.count < rows || (grid.first?.count ?? 0) < columns {
            text += "; averaged to \(grid.count) × \(grid.first?.count ?? 0)"
        }
        return text + "."
    }
}

/// A `Histogram` drawn as inline SVG: one bar per bin over a value axis, with the count axis,
/// the bin counts above the bars when there are few bins, and the terminal's footer as the
/// caption's last words.
struct SVGHistogram {
    var histogram: Histogram
    var id: String

    static let width = 400.0
    static let plotHeight = 200.0

    func render() -> String {
        let n = SVGStyle.number
        let counts = histogram.counts
        let (low, high) = histogram.bounds
        let x = NiceScale(values: [low, high], fixed: low...high, maximumTicks: 6)
        let y = NiceScale(values: [0, Double(max(1, counts.max() ?? 1))], fixed: nil, maximumTicks: 6)
        let left = (y.ticks.map { SVGStyle.width(of: NiceScale.label($0)) }.max() ?? 8) + 34
        let right = SVGHistogram.width - 16, top = 20.0, bottom = top + SVGHistogram.plotHeight
        func px(_ v: Double) -> Double { left + (v - low) / (high - low) * (right - left) }
        func py(_ v: Double) -> Double { bottom - (v - y.lower) / (y.upper - y.lower) * (bottom - top) }
        let height = bottom + 30
        var svg = [SVGDocument.open(id: id, width: SVGHistogram.width, height: height),
                   SVGDocument.titleAndDescription(id: id, title: histogram.title ?? "Histogram", description: description)]
        svg.append("<g class=\"axes\" stroke=\"\(SVGStyle.ink)\">")
        for tick in y.ticks {
            svg.append("<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(py(tick)))\" x2=\"\(n(right))\" y2=\"\(n(py(tick)))\" stroke=\"\(SVGStyle.grid)\"/>")
        }
        for tick in x.ticks {
            svg.append("<line class=\"x-tick\" data-value=\"\(NiceScale.label(tick))\" x1=\"\(n(px(tick)))\" y1=\"\(n(bottom))\" x2=\"\(n(px(tick)))\" y2=\"\(n(bottom + 5))\"/>")
        }
        svg.append("</g>")
        let step = (high - low) / Double(counts.count)
        svg.append("<g class=\"series\" data-series=\"counts\" fill=\"\(SVGStyle.color(0))\" stroke=\"#ffffff\" stroke-width=\"0.5\">")
        for (index, count) in counts.enumerated() where count > 0 {
            let x0 = px(low + Double(index) * step), x1 = px(low + Double(index + 1) * step)
            svg.append("<rect class=\"bar\" x=\"\(n(x0))\" y=\"\(n(py(Double(count))))\" width=\"\(n(x1 - x0))\" height=\"\(n(bottom - py(Double(count))))\"><title>\(count) in [\(formatNumber(low + Double(index) * step, digits: 4)), \(formatNumber(low + Double(index + 1) * step, digits: 4))\(index == counts.count - 1 ? "]" : ")")</title></rect>")
        }
        svg.append("</g>")
        svg.append("<path class=\"frame\" fill=\"none\" stroke=\"\(SVGStyle.ink)\" d=\"M\(n(left)) \(n(top))V\(n(bottom))H\(n(right))\"/>")
        svg.append("<g class=\"tick-labels\" fill=\"\(SVGStyle.ink)\">")
        for tick in x.ticks {
            svg.append("<text class=\"x-tick-label\" x=\"\(n(px(tick)))\" y=\"\(n(bottom + 19))\" text-anchor=\"middle\">\(HTMLText.escape(NiceScale.label(tick)))</text>")
        }
        for tick in y.ticks {
            svg.append("<text class=\"y-tick-label\" x=\"\(n(left - 8))\" y=\"\(n(py(tick) + 4.5))\" text-anchor=\"end\">\(HTMLText.escape(NiceScale.label(tick)))</text>")
        }
        svg.append("</g>")
        svg.append("<text class=\"y-label\" transform=\"translate(15 \(n((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"\(SVGStyle.ink)\">count</text>")
        if counts.count <= 24 {
            svg.append("<g class=\"counts\" fill=\"\(SVGStyle.ink)\" font-size=\"11\" text-anchor=\"middle\">")
            for (index, count) in counts.enumerated() where count > 0 {
                let center = px(low + (Double(index) + 0.5) * step)
                svg.append("<text x=\"\(n(center))\" y=\"\(n(py(Double(count)) - 4))\">\(count)</text>")
            }
            svg.append("</g>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// What the figure shows, in words.
    var description: String {
        let counts = histogram.counts
        let (low, high) = histogram.bounds
        let finite = histogram.values.filter(\.isFinite).count
        var text = "Histogram of \(finite) values in \(counts.count) bins from \(formatNumber(low, digits: 4)) to \(formatNumber(high, digits: 4))"
        if let fullest = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[fullest] > 0 {
            let step = (high - low) / Double(counts.count)
            text += "; the fullest bin, from \(formatNumber(low + Double(fullest) * step, digits: 4)) to "
                + "\(formatNumber(low + Double(fullest + 1) * step, digits: 4)), holds \(counts[fullest])"
        }
        if finite < histogram.values.count { text += "; \(histogram.values.count - finite) non-finite values left out" }
        return text + "."
    }
}
