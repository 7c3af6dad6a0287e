/// One named series of a `LinePlot` (a line) or a `ScatterPlot` (a set of points).
public struct PlotSeries: Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// The x coordinates.
    public var x: [Double]
    /// The y coordinates, matched to `x` by index (extra elements of the longer are ignored).
    public var y: [Double]

    /// A series from matching `x` and `y` arrays.
    public init(_ name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
    }

    /// A series plotted against 0, 1, 2, ….
    public init(_ name: String, y: [Double]) {
        self.init(name, x: y.indices.map(Double.init), y: y)
    }
}
