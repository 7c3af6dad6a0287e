import Foundation

/// A short, deterministic rendering of a number for messages: an integer when it is one,
/// otherwise `digits` significant digits (6 by default), NaN and ±∞ by name.
func format(_ x: Double, digits: Int = 6) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "+∞" : "−∞" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return String(format: "%.\(digits)g", x)
}

/// Two different numbers with as many digits as it takes (6 at least, 17 at most) for their
/// renderings to differ, so that `expected 0.3333333 got 0.3333334` never reads as equal.
func formatApart(_ a: Double, _ b: Double) -> (String, String) {
    for digits in 6...17 {
        let pair = (format(a, digits: digits), format(b, digits: digits))
        if pair.0 != pair.1 { return pair }
    }
    return (format(a, digits: 17), format(b, digits: 17))
}

/// A list of numbers; past 16 entries, the first 16 and the count.
func format(_ xs: [Double]) -> String {
    let shown = xs.prefix(16).map { format($0) }.joined(separator: ", ")
    return "[" + shown + (xs.count > 16 ? ", … (\(xs.count) numbers)" : "") + "]"
}

/// A matrix given as rows; past 8 rows, the first 8 and the count.
func format(_ rows: [[Double]]) -> String {
    let shown = rows.prefix(8).map(format).joined(separator: ", ")
    return "[" + shown + (rows.count > 8 ? ", … (\(rows.count) rows)" : "") + "]"
}
