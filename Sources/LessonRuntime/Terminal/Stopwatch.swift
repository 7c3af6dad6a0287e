/// Measures elapsed wall-clock time, for progress lines and benchmarks.
///
/// Timings differ from run to run, so they must never reach the notebook's standard output
/// (which is byte-identical between runs); print them with `Terminal.writeToStandardError`.
public struct Stopwatch: Sendable {
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant

    /// A stopwatch started now.
    public init() { start = clock.now }

    /// Starts again from zero.
    public mutating func restart() { start = clock.now }

    /// The time since the start (or the last restart), in seconds.
    public var seconds: Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// A human reading of `seconds`: `0.042 s`, `3.2 s`, `2 min 5 s`.
    public static func describe(seconds: Double) -> String {
        if seconds < 1 { return formatNumber(seconds, digits: 3) + " s" }
        if seconds < 60 { return formatNumber(seconds, digits: 1) + " s" }
        guard seconds < 360_000 else {
            // Beyond 100 hours, whole hours and minutes stop meaning much (and `Int` could overflow).
            return formatNumber(seconds / 3600, digits: 0) + " h"
        }
        let whole = Int(seconds.rounded())
        return whole < 3600 ? "\(whole / 60) min \(whole % 60) s" : "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
