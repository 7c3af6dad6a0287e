/// Anything that draws itself as lines of text: `LinePlot`, `ScatterPlot`, `HeatMap`, `Histogram`.
///
/// Plots are plain values; rendering is a pure function, so tests can check the lines and two
/// runs of a lesson print the same bytes. Colour, when asked for, only adds ANSI escapes around
/// glyphs that are already distinct without it.
public protocol Plot: Sendable {
    /// The rendered lines. With `color` false the lines contain no escape codes.
    func render(color: Bool) -> [String]
}

extension Plot {
    /// The rendered lines without colour.
    public func render() -> [String] { render(color: false) }
}
