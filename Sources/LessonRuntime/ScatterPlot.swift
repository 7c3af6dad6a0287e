import TensorCore

/// A scatter plot of one or more named point sets, e.g. the two classes of a dataset.
///
/// ```swift
/// var plot = ScatterPlot(title: "XOR", xLabel: "x₁", yLabel: "x₂")
/// plot.add("class 0", x: [0, 1], y: [0, 1])
/// plot.add("class 1", x: [0, 1], y: [1, 0])
/// notebook.show(plot)
/// ```
/// Each series has its own glyph (`•`, `×`, `+`, `∘`, `*`, `#`), one point per character cell;
/// when two series land in the same cell the later one is shown. Non-finite points are skipped.
public struct ScatterPlot: Plot, Equatable {
    /// One named set of points.
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

    /// An empty plot; add point sets with `add`.
    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                width: Int = 64, height: Int = 20, xRange: ClosedRange<Double>? = nil,
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

    /// Adds a set of points.
    public mutating func add(_ name: String, x: [Double], y: [Double]) {
        series.append(Series(name, x: x, y: y))
    }

    /// Adds the rows of an `n × 2` matrix as points (column 0 is x, column 1 is y).
    public mutating func add(_ name: String, points: Tensor) {
        check(points.rank == 2 && points.shape[1] == 2,
              "ScatterPlot.add(points:) needs an n × 2 matrix, got shape \(points.shape)")
        let s = points.scalars
        add(name, x: stride(from: 0, to: s.count, by: 2).map { s[$0] },
            y: stride(from: 1, to: s.count, by: 2).map { s[$0] })
    }

    /// The glyph of each series, in order.
    static let glyphs: [Character] = ["•", "×", "+", "∘", "*", "#"]

    /// The figure as lines of text; see `Plot`.
    public func render(color: Bool) -> [String] {
        func glyph(_ index: Int) -> String { String(ScatterPlot.glyphs[index % ScatterPlot.glyphs.count]) }
        func style(_ index: Int) -> Terminal.Style { LinePlot.palette[index % LinePlot.palette.count] }
        let legend = series.indices.map {
            PlotAxes.LegendEntry(marker: glyph($0), name: series[$0].name, style: style($0))
        }
        let axes = PlotAxes(title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height,
                            legend: legend)
        let points = series.map { s in zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite } }
        let layout = axes.layout(xs: points.flatMap { $0.map(\.0) }, ys: points.flatMap { $0.map(\.1) },
                                 xRange: xRange, yRange: yRange)
        var cells = Array(repeating: Array(repeating: " ", count: layout.columns), count: layout.rows)
        for (index, set) in points.enumerated() {
            let mark = Terminal.styled(glyph(index), style(index), enabled: color)
            for (x, y) in set {
                if let column = layout.column(x), let row = layout.row(y) { cells[row][column] = mark }
            }
        }
        return axes.render(layout, canvas: cells, color: color)
    }
}
