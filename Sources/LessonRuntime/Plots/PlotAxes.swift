/// The frame shared by `LinePlot` and `ScatterPlot`: title, y-axis title, y tick labels, the
/// axis lines, x tick labels, x-axis title and legend around a canvas of character cells.
///
/// Size accounting: every rendered line is at most `width` columns and the whole figure,
/// title and legend included, is at most `height` lines (the canvas gets what is left, at
/// least two rows).
struct PlotAxes {
    struct LegendEntry {
        var marker: String
        var name: String
        var style: Terminal.Style
    }

    var title: String?
    var xLabel: String?
    var yLabel: String?
    var width: Int
    var height: Int
    var legend: [LegendEntry]

    /// Where the canvas is and what it maps to, decided before anything is drawn.
    struct Layout {
        var rows: Int
        var columns: Int
        var x: NiceScale
        var y: NiceScale
        var yLabelWidth: Int
        var legendLines: [[LegendEntry]]

        /// The dot column (0…dotsAcross−1) of `x` on a canvas `dotsAcross` dots wide.
        func dotX(_ value: Double, dotsAcross: Int) -> Double {
            (value - x.lower) / (x.upper - x.lower) * Double(dotsAcross - 1)
        }

        /// The dot row (0 at the top) of `y` on a canvas `dotsDown` dots tall.
        func dotY(_ value: Double, dotsDown: Int) -> Double {
            (y.upper - value) / (y.upper - y.lower) * Double(dotsDown - 1)
        }

        /// A canvas of blank cells, `rows` × `columns`, to draw the series on.
        var blankCanvas: [[String]] { Array(repeating: Array(repeating: " ", count: columns), count: rows) }

        /// The canvas column of `x`, or `nil` when outside.
        func column(_ value: Double) -> Int? {
            let dot = dotX(value, dotsAcross: columns * 2).rounded()   // as the braille canvas does
            return dot >= 0 && dot < Double(columns * 2) ? Int(dot) / 2 : nil
        }

        /// The canvas row of `y` (0 at the top), or `nil` when outside.
        func row(_ value: Double) -> Int? {
            let dot = dotY(value, dotsDown: rows * 4).rounded()
            return dot >= 0 && dot < Double(rows * 4) ? Int(dot) / 4 : nil
        }
    }

    /// Decides the canvas size and the scales for data `xs`, `ys` and optional fixed ranges.
    func layout(xs: [Double], ys: [Double], xRange: ClosedRange<Double>?,
                yRange: ClosedRange<Double>?) -> Layout {
        let width = max(width, 24)
        let legendLines = wrapLegend(width: width)
        var overhead = 2 + legendLines.count          // axis line + x tick labels + legend
        if title != nil { overhead += 1 }
        if yLabel != nil { overhead += 1 }
        if xLabel != nil { overhead += 1 }
        let rows = max(2, height - overhead)
        let y = NiceScale(values: ys, fixed: yRange, maximumTicks: rows / 2 + 1)
        let yLabelWidth = y.ticks.map { displayWidth(of: NiceScale.label($0)) }.max() ?? 1
        let columns = max(8, width - yLabelWidth - 2)
        let x = NiceScale(values: xs, fixed: xRange, maximumTicks: columns / 10 + 1)
        return Layout(rows: rows, columns: columns, x: x, y: y, yLabelWidth: yLabelWidth,
                      legendLines: legendLines)
    }

    /// Legend entries packed into lines no wider than the plot.
    private func wrapLegend(width: Int) -> [[LegendEntry]] {
        var lines: [[LegendEntry]] = []
        var current: [LegendEntry] = []
        var used = 0
        for entry in legend {
            let entryWidth = displayWidth(of: entry.marker) + 1 + displayWidth(of: entry.name)
            if !current.isEmpty && used + 3 + entryWidth > width {
                lines.append(current); current = []; used = 0
            }
            used += (current.isEmpty ? 0 : 3) + entryWidth
            current.append(entry)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The finished figure around `canvas` (rows of already-styled cells, one string per cell).
    func render(_ layout: Layout, canvas: [[String]], color: Bool) -> [String] {
        var lines: [String] = []
        let fullWidth = layout.yLabelWidth + 2 + layout.columns
        if let title {
            lines.append(Terminal.styled(clip(center(title, in: fullWidth), to: fullWidth), .bold, enabled: color))
        }
        if let yLabel { lines.append(clip(yLabel, to: fullWidth)) }

        var tickRows: [Int: String] = [:]
        for tick in layout.y.ticks {
            if let row = layout.row(tick), tickRows[row] == nil { tickRows[row] = NiceScale.label(tick) }
        }
        for row in 0..<layout.rows {
            let label = pad(tickRows[row] ?? "", to: layout.yLabelWidth, rightAligned: true)
            let axis = tickRows[row] == nil ? "│" : "┤"
            let line = label + " " + Terminal.styled(axis, .dim, enabled: color) + canvas[row].joined()
            lines.append(line.trimmingTrailingSpaces())
        }

        // The x axis with tick marks, and the labels under them without overlaps.
        var axis = Array(repeating: "─", count: layout.columns)
        var labelLine = Array(repeating: Character(" "), count: fullWidth)
        var nextFree = 0
        for tick in layout.x.ticks {
            guard let column = layout.column(tick) else { continue }
            axis[column] = "┬"
            let label = Array(NiceScale.label(tick))
            var start = layout.yLabelWidth + 2 + column - label.count / 2
            start = min(start, fullWidth - label.count)
            guard start >= nextFree, start >= 0 else { continue }
            for (offset, character) in label.enumerated() { labelLine[start + offset] = character }
            nextFree = start + label.count + 1
        }
        let corner = String(repeating: " ", count: layout.yLabelWidth + 1) + "└" + axis.joined()
        lines.append(Terminal.styled(corner, .dim, enabled: color))
        lines.append(String(labelLine).trimmingTrailingSpaces())
        if let xLabel {
            let canvasCenter = center(xLabel, in: layout.columns)
            lines.append(clip(String(repeating: " ", count: layout.yLabelWidth + 2) + canvasCenter, to: fullWidth))
        }
        for entries in layout.legendLines {
            let parts = entries.map { Terminal.styled($0.marker, $0.style, enabled: color) + " " + $0.name }
            lines.append(clip(parts.joined(separator: "   "), to: fullWidth))
        }
        return lines
    }
}

/// `text` cut to at most `width` columns (ending in `…` when cut).
func clip(_ text: String, to width: Int) -> String {
    guard displayWidth(of: text) > width else { return text }
    var result = "", used = 0
    for character in text {
        let w = columns(of: character)
        if used + w > width - 1 { break }
        result.append(character); used += w
    }
    return result + "…"
}
