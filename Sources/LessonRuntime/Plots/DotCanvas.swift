/// A canvas addressed in the braille grid's dot coordinates (2 × 4 dots per character cell):
/// `BrailleCanvas` sets the dots themselves, `GlyphCanvas` the cells they fall in. Both draw a
/// line plot's series the same way, with `trace(_:layout:)`.
protocol DotCanvas {
    var dotsAcross: Int { get }
    var dotsDown: Int { get }
    /// Draws the straight segment between two points in dot coordinates, clipped to the canvas.
    mutating func line(from start: (Double, Double), to end: (Double, Double))
}

extension DotCanvas {
    /// Draws `series` as segments between consecutive finite points, placed by `layout` on the
    /// same dot grid as the tick marks (so a value on a tick lands in the tick's row); a
    /// non-finite point breaks the line.
    mutating func trace(_ series: PlotSeries, layout: PlotAxes.Layout) {
        var previous: (Double, Double)?
        for (x, y) in zip(series.x, series.y) {
            guard x.isFinite, y.isFinite else { previous = nil; continue }
            let point = (layout.dotX(x, dotsAcross: dotsAcross), layout.dotY(y, dotsDown: dotsDown))
            line(from: previous ?? point, to: point)
            previous = point
        }
    }
}
