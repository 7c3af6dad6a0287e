import TensorCore

/// The softmax pᵢ = e^(xᵢ) / Σⱼ e^(xⱼ) of a vector, or of each row of a matrix.
///
/// Computed as e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x), which is the same number but never overflows:
/// `softmax([1000, 1001])` is `[0.269, 0.731]`, not NaN. Shapes: `[n] → [n]`, `[m, n] → [m, n]`.
public func softmax(_ x: Tensor) -> Tensor {
    var result = x
    forEachRow(of: &result, "softmax") { row in
        var largest = -Double.infinity
        for v in row { largest = max(largest, v) }
        var total = 0.0
        for j in 0..<row.count {
            row[j] = exp(row[j] - largest)
            total += row[j]
        }
        for j in 0..<row.count { row[j] /= total }
    }
    return result
}

/// The log-softmax ln pᵢ = xᵢ − ln Σⱼ e^(xⱼ) of a vector, or of each row of a matrix.
///
/// Computed as (xᵢ − max x) − ln Σⱼ e^(xⱼ − max x) (the log-sum-exp trick), which stays finite
/// where ln(softmax(x)) would give ln 0 = −∞. Shapes: `[n] → [n]`, `[m, n] → [m, n]`.
public func logSoftmax(_ x: Tensor) -> Tensor {
    var result = x
    forEachRow(of: &result, "logSoftmax") { row in
        var largest = -Double.infinity
        for v in row { largest = max(largest, v) }
        var total = 0.0
        for v in row { total += exp(v - largest) }
        // (xᵢ − max) first, which is exact for nearby logits, then − ln Σ: subtracting the sum
        // max + ln Σ instead would round it to the spacing of doubles near max (0.125 at 10¹⁵).
        let logTotal = log(total)
        for j in 0..<row.count { row[j] = (row[j] - largest) - logTotal }
    }
    return result
}

/// Runs `body` on each row of a matrix (or on the whole of a vector), in place.
func forEachRow(of tensor: inout Tensor, _ operation: String,
                _ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
    check(tensor.rank == 1 || tensor.rank == 2,
                 "\(operation): needs a vector or a matrix, got shape \(tensor.shape)")
    let width = tensor.shape.last!
    guard width > 0 else { return }
    let rows = tensor.count / width
    tensor.withUnsafeMutableBufferPointer { p in
        for i in 0..<rows {
            body(UnsafeMutableBufferPointer(rebasing: p[(i * width)..<((i + 1) * width)]))
        }
    }
}
