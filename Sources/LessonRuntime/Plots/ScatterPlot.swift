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
public struct ScatterPlot: SeriesPlot, Equatable {
    /// One named set of points.
    public typealias Series = PlotSeries

    /// The titles, size, ranges and series (also read and set as `plot.title`, `plot.series`, …).
    public var chart: SeriesChart

    /// An empty plot; add point sets with `add`.
    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                width: Int = 64, height: Int = 20, xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil, series: [Series] = []) {
        chart = SeriesChart(title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height,
                            xRange: xRange, yRange: yRange, series: series)
    }

    /// Adds the rows of an `n × 2` matrix as points (column 0 is x, column 1 is y).
    public mutating func add(_ name: String, points: Tensor) {
        check(points.rank == 2 && points.shape[1] == 2,
              "ScatterPlot.add(points:) needs an n × 2 matrix, got shape \(points.shape)")
        let s = points.scalars
        add(name, x: stride(from: 0, to: s.count, by: 2).map { s[$0] },
            y: stride(from: 1, to: s.count, by: 2).map { s[$0] })
    }

    /// The figure as lines of text; see `Plot`.
    public func render(color: Bool) -> [String] {
        let legend = chart.series.indices.map {
            PlotAxes.LegendEntry(marker: SeriesChart.glyph($0), name: chart.series[$0].name, style: SeriesChart.style($0))
        }
        let (axes, layout) = chart.axes(legend: legend)
        var cells = layout.blankCanvas
        for (index, set) in chart.finitePoints.enumerated() {
            let mark = Terminal.styled(SeriesChart.glyph(index), SeriesChart.style(index), enabled: color)
            for (x, y) in set {
                if let column = layout.column(x), let row = layout.row(y) { cells[row][column] = mark }
            }
        }
        return axes.render(layout, canvas: cells, color: color)
    }
}
