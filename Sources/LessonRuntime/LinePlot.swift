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
public struct LinePlot: Plot, Equatable {
    /// One named line.
    public typealias Series = PlotSeries

    /// A heading printed above the figure.
    public var title: String?
    /// The x-axis title, centred under the tick labels.
    public var xLabel: String?
    /// The y-axis title, printed above the axis.
    public var yLabel: String?
    /// The total width in columns of every rendered line.
    public var width: Int
    /// The total number of rendered lines, title and legend included.
    public var height: Int
    /// Fixed axis ranges; `nil` means fit the data.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// The series, drawn in order (later ones on top).
    public var series: [Series]

    /// An empty plot; add series with `add`.
    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                width: Int = 64, height: Int = 16, xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil, series: [Series] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
        self.xRange = xRange
        self.yRange = yRange
        self.series = series
    }

    /// Adds a series with explicit x values.
    public mutating func add(_ name: String, x: [Double], y: [Double]) {
        series.append(Series(name, x: x, y: y))
    }

    /// Adds a series plotted against its index 0, 1, 2, ….
    public mutating func add(_ name: String, y: [Double]) {
        series.append(Series(name, y: y))
    }

    /// Adds a series from two vectors.
    public mutating func add(_ name: String, x: Tensor, y: Tensor) {
        add(name, x: x.scalars, y: y.scalars)
    }

    /// Adds a series from one vector, plotted against its index.
    public mutating func add(_ name: String, y: Tensor) {
        add(name, y: y.scalars)
    }

    /// The glyphs of the series after the first, which is braille.
    static let glyphs: [Character] = ["•", "×", "+", "∘", "*", "#"]
    /// Series colours, used only when colour is on.
    static let palette: [Terminal.Style] = [.cyan, .magenta, .yellow, .green, .blue, .red]

    /// The figure as lines of text; see `Plot`.
    public func render(color: Bool) -> [String] {
        let legend = series.enumerated().map { index, series in
            PlotAxes.LegendEntry(marker: index == 0 ? "⠒⠒" : String(LinePlot.glyphs[(index - 1) % LinePlot.glyphs.count]),
                                 name: series.name, style: LinePlot.palette[index % LinePlot.palette.count])
        }
        let axes = PlotAxes(title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height,
                            legend: legend)
        let points = series.map { s in zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite } }
        let layout = axes.layout(xs: points.flatMap { $0.map(\.0) }, ys: points.flatMap { $0.map(\.1) },
                                 xRange: xRange, yRange: yRange)
        var cells = Array(repeating: Array(repeating: " ", count: layout.columns), count: layout.rows)

        // The first series: braille dots.
        if let first = series.first {
            var canvas = BrailleCanvas(columns: layout.columns, rows: layout.rows)
            var previous: (Double, Double)?
            for (x, y) in zip(first.x, first.y) {
                guard x.isFinite, y.isFinite else { previous = nil; continue }
                let point = (layout.dotX(x, dotsAcross: canvas.dotsAcross), layout.dotY(y, dotsDown: canvas.dotsDown))
                canvas.line(from: previous ?? point, to: point)
                previous = point
            }
            for row in 0..<layout.rows {
                for column in 0..<layout.columns {
                    if let character = canvas.character(column: column, row: row) {
                        cells[row][column] = Terminal.styled(String(character), LinePlot.palette[0], enabled: color)
                    }
                }
            }
        }

        // The others: a glyph in every cell the line passes through, drawn on top.
        for (index, s) in series.enumerated().dropFirst() {
            let glyph = Terminal.styled(String(LinePlot.glyphs[(index - 1) % LinePlot.glyphs.count]),
                                        LinePlot.palette[index % LinePlot.palette.count], enabled: color)
            var canvas = GlyphCanvas(columns: layout.columns, rows: layout.rows)
            var previous: (Double, Double)?
            for (x, y) in zip(s.x, s.y) {
                guard x.isFinite, y.isFinite else { previous = nil; continue }
                // The same dot grid as the braille series and the tick marks, so that a value
                // on a tick lands in the tick's row.
                let point = (layout.dotX(x, dotsAcross: canvas.dotsAcross), layout.dotY(y, dotsDown: canvas.dotsDown))
                canvas.line(from: previous ?? point, to: point)
                previous = point
            }
            for (row, column) in canvas.marked { cells[row][column] = glyph }
        }
        return axes.render(layout, canvas: cells, color: color)
    }
}

/// Cells touched by lines, given in the braille canvas's dot coordinates (2 × 4 dots per cell):
/// a point marks the cell its nearest dot falls in, exactly as `PlotAxes.Layout.row(_:)` and
/// `column(_:)` place the tick marks.
struct GlyphCanvas {
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
