/// A grid of character cells where each cell holds a 2 × 4 block of dots, drawn with the
/// Unicode braille patterns U+2800…U+28FF. Gives line plots four times the vertical and twice
/// the horizontal resolution of plain characters.
struct BrailleCanvas: DotCanvas {
    let columns: Int
    let rows: Int
    private var bits: [UInt8]

    var dotsAcross: Int { columns * 2 }
    var dotsDown: Int { rows * 4 }

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        self.bits = Array(repeating: 0, count: columns * rows)
    }

    /// The bit of each dot within its cell, indexed [dot row][dot column].
    private static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Turns on the dot at (`x`, `y`), `y` counted from the top; dots outside are ignored.
    mutating func set(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < dotsAcross, y < dotsDown else { return }
        bits[(y / 4) * columns + x / 2] |= BrailleCanvas.dotBits[y % 4][x % 2]
    }

    /// Draws a straight line between two points in dot coordinates, clipped to the canvas.
    mutating func line(from start: (Double, Double), to end: (Double, Double)) {
        guard let (a, b) = clipSegment(start, end, width: Double(dotsAcross - 1),
                                       height: Double(dotsDown - 1)) else { return }
        var x0 = Int(a.0.rounded()), y0 = Int(a.1.rounded())
        let x1 = Int(b.0.rounded()), y1 = Int(b.1.rounded())
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            set(x0, y0)
            if x0 == x1 && y0 == y1 { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x0 += sx }
            if doubled <= dx { error += dx; y0 += sy }
        }
    }

    /// The character in cell (`column`, `row`), or `nil` when no dot is set there.
    func character(column: Int, row: Int) -> Character? {
        let value = bits[row * columns + column]
        guard value != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(value)) else { return nil }
        return Character(scalar)
    }
}

/// Clips the segment from `p` to `q` to the rectangle [0, width] × [0, height] (Liang–Barsky).
/// Returns `nil` when no part of it is inside.
func clipSegment(_ p: (Double, Double), _ q: (Double, Double), width: Double,
                 height: Double) -> ((Double, Double), (Double, Double))? {
    let dx = q.0 - p.0, dy = q.1 - p.1
    var t0 = 0.0, t1 = 1.0
    for (pk, qk) in [(-dx, p.0), (dx, width - p.0), (-dy, p.1), (dy, height - p.1)] {
        if pk == 0 {
            if qk < 0 { return nil }
        } else {
            let r = qk / pk
            if pk < 0 { if r > t1 { return nil }; t0 = max(t0, r) } else { if r < t0 { return nil }; t1 = min(t1, r) }
        }
    }
    return ((p.0 + t0 * dx, p.1 + t0 * dy), (p.0 + t1 * dx, p.1 + t1 * dy))
}
