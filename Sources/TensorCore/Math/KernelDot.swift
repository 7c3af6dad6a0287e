/// Σ x[i]·y[i] over `count` contiguous values, summed exactly as `matmul` sums a product with one
/// output column (the matrix kernel's dot product: four SIMD accumulators, then the tail).
///
/// For code that computes one row times one column by hand, in a loop too hot for `matmul`'s
/// dispatch, and must still give `matmul`'s bits (TD-Gammon's output unit, one position at a time).
public func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
    MatrixKernel.dotProduct(x, y, count: count)
}
