import Foundation

/// How figures look on the page: one colour, one marker and one dash pattern per series, so that
/// every series stays distinguishable in black and white; coordinates written with two decimals.
enum SVGStyle {
    /// Series colours, each with a contrast of at least 4.5 : 1 against white.
    static let colors = ["#0b5fa5", "#c2410c", "#047857", "#7e22ce", "#9a6700", "#374151"]
    /// Marker shapes, in series order.
    enum Marker: Int, CaseIterable { case circle, square, triangle, diamond, cross, plus }
    /// Dash patterns of the lines, in series order (`nil` is a solid line).
    static let dashes: [String?] = [nil, "7 3", "2 3", "9 3 2 3", "4 4", "1 2"]

    static func color(_ series: Int) -> String { colors[series % colors.count] }
    static func marker(_ series: Int) -> Marker { Marker(rawValue: series % Marker.allCases.count)! }
    static func dash(_ series: Int) -> String? { dashes[series % dashes.count] }

    /// The ink of text and axes, the grid, and the muted text.
    static let ink = "#1b1b1b"
    static let grid = "#d9dde3"
    static let muted = "#4a4a4a"
    /// The font of every label: the page's sans-serif.
    static let font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"
    /// The label size in SVG units, and the width of one character at that size (an estimate used
    /// to make room for labels).
    static let fontSize = 13.0
    static let characterWidth = 7.6

    /// A coordinate with at most two decimals and no trailing zeros: `12.5`, `-3`, `0`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == 0 || !rounded.isFinite { return "0" }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// The estimated width of `text` in SVG units.
    static func width(of text: String) -> Double { Double(displayWidth(of: text)) * characterWidth }

    /// The path of a marker centred on (0, 0), about 8 units across, for a `<symbol>`-like `<path>`.
    static func markerPath(_ marker: Marker) -> String {
        switch marker {
        case .circle: "M-4 0a4 4 0 1 0 8 0a4 4 0 1 0-8 0z"
        case .square: "M-3.5-3.5h7v7h-7z"
        case .triangle: "M0-4.5L4.2 3.2H-4.2z"
        case .diamond: "M0-4.8L4.8 0L0 4.8L-4.8 0z"
        case .cross: "M-3.5-3.5L3.5 3.5M-3.5 3.5L3.5-3.5"
        case .plus: "M-4.5 0H4.5M0-4.5V4.5"
        }
    }

    /// Whether a marker is drawn by its outline only (the cross and the plus are strokes).
    static func isStroked(_ marker: Marker) -> Bool { marker == .cross || marker == .plus }

    /// The `<path>` that defines a series' marker, with the id `id`.
    static func markerDefinition(id: String, series: Int) -> String {
        let marker = marker(series)
        let paint = isStroked(marker)
            ? "fill=\"none\" stroke=\"\(color(series))\" stroke-width=\"1.8\""
            : "fill=\"\(color(series))\" stroke=\"#ffffff\" stroke-width=\"0.8\""
        return "<path id=\"\(id)\" d=\"\(markerPath(marker))\" \(paint)/>"
    }
}
