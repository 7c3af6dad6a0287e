import Foundation

/// Axis ticks at "nice" numbers (1, 2, 2.5 or 5 times a power of ten), so tick labels read
/// `0  0.5  1  1.5` rather than `0.03  0.51  0.99`.
struct NiceScale: Equatable {
    /// The axis range: the data range, or its ends snapped to a nearby tick.
    var lower: Double
    var upper: Double
    /// The distance between ticks.
    var step: Double

    /// A scale over the finite `values` (or `fixed` when given) with at most `maximumTicks`
    /// ticks, as many as fit. An automatic range fits the data, its ends snapped to a tick when
    /// that is close; a fixed range is kept exactly.
    init(values: [Double], fixed: ClosedRange<Double>?, maximumTicks: Int) {
        var low: Double, high: Double
        if let fixed {
            (low, high) = (fixed.lowerBound, fixed.upperBound)
        } else {
            let finite = values.filter(\.isFinite)
            (low, high) = (finite.min() ?? 0, finite.max() ?? 1)
        }
        if !(high > low) {                 // constant data (or an empty range): open it up
            let margin = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - margin, high + margin)
        }
        let maximumTicks = max(2, maximumTicks)
        var step = NiceScale.niceStep((high - low) / Double(maximumTicks - 1) * 0.5)
        while step.isFinite {
            let count = (high / step + 1e-9).rounded(.down) - (low / step - 1e-9).rounded(.up) + 1
            if count <= Double(maximumTicks) { break }
            step = NiceScale.niceStep(step * 1.01)   // the next nice step up
        }
        if fixed == nil {
            // Snap an end to the next tick when that costs little space, so the axis usually
            // starts and ends on a labelled value (0…1 rather than 0…0.98).
            let slack = 0.05 * (high - low)
            let outerLow = (low / step - 1e-9).rounded(.down) * step
            let outerHigh = (high / step + 1e-9).rounded(.up) * step
            if low - outerLow <= slack { low = outerLow }
            if outerHigh - high <= slack { high = outerHigh }
        }
        self.lower = low
        self.upper = high
        self.step = step
    }

    /// The tick values inside the range, computed as integer multiples of `step`.
    var ticks: [Double] {
        let first = (lower / step - 1e-9).rounded(.up)
        let last = (upper / step + 1e-9).rounded(.down)
        guard first <= last, last - first < 1000 else { return [lower, upper] }
        // k / 5 is exact where k * 0.2 is not (3 * 0.2 = 0.6000000000000001).
        let inverse = (1 / step).rounded()
        let divide = step < 1 && abs(inverse * step - 1) < 1e-9
        return stride(from: first, through: last, by: 1).map { k in
            let value = divide ? k / inverse : k * step
            return value == 0 ? 0 : value
        }
    }

    /// The nice number closest to `rough`: 1, 2, 2.5 or 5 × 10ⁿ.
    static func niceStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let power = pow(10, (log10(rough)).rounded(.down))
        let fraction = rough / power
        let nice: Double = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2
            : fraction <= 2.5 + 1e-9 ? 2.5 : fraction <= 5 + 1e-9 ? 5 : 10
        return nice * power
    }

    /// A tick label: short, and exact for nice numbers.
    static func label(_ value: Double) -> String {
        formatNumber(value, digits: 4)
    }
}
