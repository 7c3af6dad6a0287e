/// The index of the largest of `count` values starting at `values`, the first one on ties
/// (NaN never wins a comparison): the package's one arg max, used by `Tensor.argmax`, greedy
/// action choice and the double-DQN target. `count` must be positive.
@inline(__always)
public func argmax(_ values: UnsafePointer<Double>, count: Int) -> Int {
    check(count > 0, "argmax: no values to compare")
    var best = 0
    for i in 1..<count where values[i] > values[best] { best = i }
    return best
}

/// The index of the largest element of `values`, the first one on ties (see `argmax(_:count:)`).
public func argmax(_ values: [Double]) -> Int {
    values.withUnsafeBufferPointer { argmax($0.baseAddress!, count: $0.count) }
}
