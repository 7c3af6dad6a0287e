import TensorCore

/// The trailing moving average of `values`: entry i is the mean of the last `window` values up to
/// and including index i (of all i + 1 of them while fewer than `window` exist).
///
/// A learning curve of single episode returns is too noisy to read in a terminal plot; averaging
/// the last few episodes shows its trend, and a trailing window (never a centred one) uses only
/// episodes that had been played by then, so the curve at a step is what was known at that step.
/// The result has as many entries as `values`, so it plots against the same x values.
public func movingAverage(_ values: [Double], window: Int) -> [Double] {
    check(window >= 1, "movingAverage: the window must hold at least one value, got \(window)")
    var result: [Double] = []
    result.reserveCapacity(values.count)
    var sum = 0.0
    for i in values.indices {
        sum += values[i]
        if i >= window { sum -= values[i - window] }
        result.append(sum / Double(min(i + 1, window)))
    }
    return result
}
