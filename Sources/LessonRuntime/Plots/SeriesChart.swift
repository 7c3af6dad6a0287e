/// What a `LinePlot` and a `ScatterPlot` both describe: named x–y series, the titles around them,
/// the figure's size and optional fixed axis ranges. The two plots differ only in how they mark a
/// series (a line or points), so each holds one of these instead of its own copy of the fields.
public struct SeriesChart: Sendable, Equatable {
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
    public var series: [PlotSeries]

    /// A chart with these titles, size, ranges and series.
    public init(title: String?, xLabel: String?, yLabel: String?, width: Int, height: Int,
                xRange: ClosedRange<Double>?, yRange: ClosedRange<Double>?, series: [PlotSeries]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
        self.xRange = xRange
        self.yRange = yRange
        self.series = series
    }

    /// The glyphs that mark series (all of a scatter plot's, a line plot's after the first).
    static let glyphs: [Character] = ["•", "×", "+", "∘", "*", "#"]
    /// Series colours, used only when colour is on.
    static let palette: [Terminal.Style] = [.cyan, .magenta, .yellow, .green, .blue, .red]

    /// Glyph number `index`, counting from 0 and starting again after the last.
    static func glyph(_ index: Int) -> String { String(glyphs[index % glyphs.count]) }
    /// The colour of series `index`, starting again after the last.
    static func style(_ index: Int) -> Terminal.Style { palette[index % palette.count] }

    /// The finite points of each series (a non-finite coordinate is never drawn).
    var finitePoints: [[(Double, Double)]] {
        series.map { s in zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite } }
    }

    /// The frame with `legend` under it, and its layout: the canvas size, and scales fitted to the
    /// finite points or set by the fixed ranges.
    func axes(legend: [PlotAxes.LegendEntry]) -> (axes: PlotAxes, layout: PlotAxes.Layout) {
        let axes = PlotAxes(title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height,
                            legend: legend)
        let points = finitePoints
        let layout = axes.layout(xs: points.flatMap { $0.map(\.0) }, ys: points.flatMap { $0.map(\.1) },
                                 xRange: xRange, yRange: yRange)
        return (axes, layout)
    }
}

/// A plot drawn from a `SeriesChart`: `LinePlot` and `ScatterPlot`. The chart's fields read and
/// set as the plot's own (`plot.title`, `plot.series`, `curve.yRange = 0...1`).
@dynamicMemberLookup
public protocol SeriesPlot: Plot {
    /// The titles, size, ranges and series.
    var chart: SeriesChart { get set }
}

extension SeriesPlot {
    /// The chart's field at `field`, read and set through the plot.
    public subscript<Value>(dynamicMember field: WritableKeyPath<SeriesChart, Value>) -> Value {
        get { chart[keyPath: field] }
        set { chart[keyPath: field] = newValue }
    }

    /// Adds a series with explicit x values.
    public mutating func add(_ name: String, x: [Double], y: [Double]) {
        chart.series.append(PlotSeries(name, x: x, y: y))
    }
}
