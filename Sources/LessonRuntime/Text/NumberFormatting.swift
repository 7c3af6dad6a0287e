import Foundation

/// Formats `value` for a notebook: deterministic, locale-independent, and short.
///
/// - Up to `digits` decimal places, trailing zeros removed: `0.0024726` → `0.002473`, `-6.0` → `-6`.
/// - Scientific notation when the magnitude is at least 10⁷, or so small that `digits` places would
///   hide it (below 10⁻⁴, or below what `digits` places can show): `1e-18`, `2.5e7`, `1.2346e-5`.
/// - `-0` (including negatives that round to zero) prints as `0`; NaN as `nan`, infinities as
///   `inf` / `-inf`.
///
/// The same input always gives the same bytes, whatever the machine's locale, which is what keeps
/// two runs of a lesson byte-identical.
public func formatNumber(_ value: Double, digits: Int = 6) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == 0 { return "0" }
    let digits = max(0, min(digits, 17))
    let magnitude = abs(value)
    let smallest = 0.5 * pow(10, -Double(digits))
    if magnitude >= 1e7 || magnitude < 1e-4 || magnitude < smallest {
        return scientific(value, mantissaDigits: max(1, min(digits, 6) - 2))
    }
    return trimmed(String(format: "%.\(digits)f", value))
}

/// Formats `value` in scientific notation with `figures` significant figures, for quantities
/// that span many orders of magnitude (relative errors): `0.0545` → `5.5e-2`, `3e-11` → `3e-11`.
public func formatSignificant(_ value: Double, figures: Int = 2) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == 0 { return "0" }
    return scientific(value, mantissaDigits: max(0, min(figures, 17) - 1))
}

/// Formats an integer the way `formatNumber` formats a whole `Double`.
public func formatNumber(_ value: Int) -> String { String(value) }

/// `value` in scientific notation with a trimmed mantissa and a plain exponent: `1.25e-7`.
private func scientific(_ value: Double, mantissaDigits: Int) -> String {
    let raw = String(format: "%.\(mantissaDigits)e", value)   // e.g. "-1.2500e-07"
    guard let e = raw.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return raw }
    let mantissa = trimmed(String(raw[..<e]))
    var exponent = String(raw[raw.index(after: e)...])
    var sign = ""
    if exponent.hasPrefix("-") { sign = "-"; exponent.removeFirst() } else if exponent.hasPrefix("+") { exponent.removeFirst() }
    while exponent.count > 1, exponent.hasPrefix("0") { exponent.removeFirst() }
    return "\(mantissa)e\(sign)\(exponent)"
}

/// Removes trailing zeros after a decimal point (and the point itself), and the sign of a zero.
private func trimmed(_ text: String) -> String {
    var result = text
    if result.contains(".") {
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
    }
    if result.hasPrefix("-"), result.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
        result.removeFirst()
    }
    return result
}
