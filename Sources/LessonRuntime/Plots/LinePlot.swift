import TensorCore

/// A line chart of one or more named series, drawn in the terminal.
///
/// ```swift
/// var plot = LinePlot(title: "Training loss", xLabel: "epoch", yLabel: "loss")
/// plot.add("train", y: trainLosses)            // x = 0, 1, 2, …
/// plot.add("test", x: epochs, y: testLosses)
/// notebook.show(plot)
/// ```
/// The first series is drawn as a fine braille line (2 × 4 dots per character); the others with
/// their own glyph (`•`, `×`, `+`, `∘`, `*`, `#`), so every series is distinguishable without
/// colour; the legend shows which is which. Non-finite points are skipped (the line breaks there).
/// Ranges fit the data (ends snapped to a nearby round tick) unless given.
public struct LinePlot: SeriesPlot, Equatable {
    /// One named line.
    public typealias Series = PlotSeries

    /// The titles, size, ranges and series (also read and set as `plot.title`, `plot.series`, …).
    public var chart: SeriesChart

    /// An empty plot; add series with `add`.
    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                width: Int = 64, height: Int = 16, xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil, series: [Series] = []) {
        chart = SeriesChart(title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height,
                            xRange: xRange, yRange: yRange, series: series)
    }

    /// Adds a series plotted against its index 0, 1, 2, ….
    public mutating func add(_ name: String, y: [Double]) {
        chart.series.append(Series(name, y: y))
    }

    /// Adds a series from two vectors.
    public mutating func add(_ name: String, x: Tensor, y: Tensor) {
        add(name, x: x.scalars, y: y.scalars)
    }

    /// Adds a series from one vector, plotted against its index.
    public mutating func add(_ name: String, y: Tensor) {
        add(name, y: y.scalars)
    }

    /// The figure as lines of text; see `Plot`.
    public func render(color: Bool) -> [String] {
        let series = chart.series
        let legend = series.enumerated().map { index, series in
            PlotAxes.LegendEntry(marker: index == 0 ? "⠒⠒" : SeriesChart.glyph(index - 1), name: series.name,
                                 style: SeriesChart.style(index))
        }
        let (axes, layout) = chart.axes(legend: legend)
        var cells = layout.blankCanvas

        // The first series: braille dots.
        if let first = series.first {
            var canvas = BrailleCanvas(columns: layout.columns, rows: layout.rows)
            canvas.trace(first, layout: layout)
            for row in 0..<layout.rows {
                for column in 0..<layout.columns {
                    if let character = canvas.character(column: column, row: row) {
                        cells[row][column] = Terminal.styled(String(character), SeriesChart.style(0), enabled: color)
                    }
                }
            }
        }

        // The others: a glyph in every cell the line passes through, drawn on top.
        for (index, s) in series.enumerated().dropFirst() {
            let glyph = Terminal.styled(SeriesChart.glyph(index - 1), SeriesChart.style(index), enabled: color)
            var canvas = GlyphCanvas(columns: layout.columns, rows: layout.rows)
            canvas.trace(s, layout: layout)
            for (row, column) in canvas.marked { cells[row][column] = glyph }
        }
        return axes.render(layout, canvas: cells, color: color)
    }
}

/// Cells touched by lines, given in the braille canvas's dot coordinates (2 × 4 dots per cell):
/// a point marks the cell its nearest dot falls in, exactly as `PlotAxes.Layout.row(_:)` and
/// `column(_:)` place the tick marks.
struct GlyphCanvas: DotCanvas {
    let columns: Int
    let rows: Int
    private(set) var marked: [(Int, Int)] = []

    var dotsAcross: Int { columns * 2 }
    var dotsDown: Int { rows * 4 }

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    mutating func line(from start: (Double, Double), to end: (Double, Double)) {
        guard let (a, b) = clipSegment(start, end, width: Double(dotsAcross - 1),
                                       height: Double(dotsDown - 1)) else { return }
        let steps = Int(max(abs(b.0 - a.0), abs(b.1 - a.1)).rounded(.up))
        for step in 0...max(0, steps) {
            let t = steps == 0 ? 0 : Double(step) / Double(steps)
            let dotX = Int((a.0 + t * (b.0 - a.0)).rounded()), dotY = Int((a.1 + t * (b.1 - a.1)).rounded())
            let column = dotX / 2, row = dotY / 4
            if column >= 0, column < columns, row >= 0, row < rows { marked.append((row, column)) }
        }
    }
}
