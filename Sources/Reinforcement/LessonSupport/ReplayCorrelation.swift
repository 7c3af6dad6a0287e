import TensorCore

/// The lag-one sample autocorrelation of a series: the correlation of xᵢ with xᵢ₊₁, around the
/// series' mean.
///
/// Lesson07 uses it to show why replay helps: states visited one after another are strongly
/// correlated (close to 1), while neighbours in a uniformly sampled replay batch are not (close to 0).
public func lagOneCorrelation(_ x: [Double]) -> Double {
    check(x.count >= 2, "lagOneCorrelation: needs at least two values, got \(x.count)")
    let mean = x.reduce(0, +) / Double(x.count)
    var numerator = 0.0, denominator = 0.0
    for i in x.indices {
        denominator += (x[i] - mean) * (x[i] - mean)
        if i + 1 < x.count { numerator += (x[i] - mean) * (x[i + 1] - mean) }
    }
    return numerator / denominator
}
