// The timing harness and the table it fills: every workload is a closure timed the same way.

import Dispatch

/// How long to measure each row.
struct MeasurementPlan {
    /// Seconds of untimed calls first (caches, workspaces, worker threads, branch predictors).
    let warmUp: Double
    /// Timed repetitions; the row reports their median.
    let repetitions: Int
    /// Seconds per repetition: as many calls as fit, timed together.
    let secondsPerRepetition: Double

    static let full = MeasurementPlan(warmUp: 0.2, repetitions: 9, secondsPerRepetition: 0.15)
    static let quick = MeasurementPlan(warmUp: 0.04, repetitions: 5, secondsPerRepetition: 0.03)
}

/// One line of the table.
struct Row: Codable {
    /// The group it belongs to ("peak", "matmul", …) and its label within the group.
    let group: String
    let name: String
    /// Median rate over the repetitions, in `unit`.
    let rate: Double
    let unit: String
    /// Slowest and fastest repetition.
    let low: Double
    let high: Double
    /// The rate as a fraction of the one-core peak (GFLOP/s rows, and rows with `flopsPerUnit`).
    var shareOfPeak: Double?
    /// For a row counted in updates or positions: the floating-point operations of one, so that
    /// its rate can be stated as a share of the peak too.
    var flopsPerUnit: Double?
    let repetitions: Int
    /// Calls of the workload per timed repetition.
    let callsPerRepetition: Int

    /// Half the range of the repetitions relative to the median, in percent.
    var spreadPercent: Double { rate > 0 ? 50 * (high - low) / rate : 0 }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func seconds(since start: UInt64) -> Double { Double(now() - start) * 1e-9 }

/// Results are added here so that the optimiser cannot drop a workload's computation.
nonisolated(unsafe) var sink = 0.0

/// Times `body` (one call does `unitsPerCall` units of work, e.g. floating-point operations or
/// updates) and returns the median rate in units per second, scaled by `scale` (1e-9 for GFLOP/s).
func measure(_ group: String, _ name: String, unit: String, unitsPerCall: Double, scale: Double = 1,
             plan: MeasurementPlan, _ body: () -> Double) -> Row {
    let start = now()
    var calls = 0
    repeat {
        sink += body()
        calls += 1
    } while seconds(since: start) < plan.warmUp
    let secondsPerCall = seconds(since: start) / Double(calls)
    let callsPerRepetition = max(1, Int(plan.secondsPerRepetition / secondsPerCall))
    var rates: [Double] = []
    for _ in 0..<plan.repetitions {
        let t0 = now()
        for _ in 0..<callsPerRepetition { sink += body() }
        rates.append(Double(callsPerRepetition) * unitsPerCall * scale / seconds(since: t0))
    }
    rates.sort()
    return Row(group: group, name: name, rate: rates[rates.count / 2], unit: unit, low: rates[0],
               high: rates[rates.count - 1], shareOfPeak: nil, flopsPerUnit: nil, repetitions: plan.repetitions,
               callsPerRepetition: callsPerRepetition)
}

// MARK: - Formatting

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}

/// `value` with `decimals` digits after the point.
func format(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = decimals == 0 ? "\(Int(rounded))" : "\(rounded)"
    if decimals > 0, let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if have < decimals { text += String(repeating: "0", count: decimals - have) }
    }
    return text
}

/// A rate with three significant digits and thousands separators: 95.4, 1,234, 1,234,567.
func formatRate(_ value: Double) -> String {
    if value < 100 { return format(value, value < 10 ? 2 : 1) }
    let digits = String(Int(value.rounded()))
    var grouped = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { grouped += "," }
        grouped.append(c)
    }
    return grouped
}
