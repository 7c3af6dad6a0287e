/// The dot product Σᵢ aᵢbᵢ of two vectors of equal length.
public func dot(_ a: Tensor, _ b: Tensor) -> Double {
    check(a.rank == 1 && b.rank == 1 && a.count == b.count,
                 "dot: \(a.shape) · \(b.shape): needs two vectors of equal length")
    return a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            var total = 0.0
            for i in 0..<pa.count { total += pa[i] * pb[i] }
            return total
        }
    }
}

/// The outer product a bᵀ: the matrix with element [i, j] = aᵢ bⱼ.
public func outer(_ a: Tensor, _ b: Tensor) -> Tensor {
    check(a.rank == 1 && b.rank == 1, "outer: \(a.shape) ⊗ \(b.shape): needs two vectors")
    var result = [Double](repeating: 0, count: a.count * b.count)
    let n = b.count
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            result.withUnsafeMutableBufferPointer { r in
                for i in 0..<pa.count {
                    let ai = pa[i]
                    for j in 0..<n { r[i * n + j] = ai * pb[j] }
                }
            }
        }
    }
    return Tensor(shape: [a.count, b.count], scalars: result)
}

/// The matrix product `a · b`.
///
/// Shapes: `[m, k] · [k, n] → [m, n]`, and `[m, k] · [k] → [m]` (matrix times vector).
/// `transposeA` / `transposeB` use `aᵀ` / `bᵀ` without building a transposed copy, which is
/// what a backward pass needs: `∂W = xᵀ · δ` is `matmul(x, delta, transposeA: true)`.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    check(a.rank == 2, "matmul: left operand must be a matrix, got shape \(a.shape)")
    check(b.rank == 2 || (b.rank == 1 && !transposeB),
                 "matmul: right operand must be a matrix or a vector, got shape \(b.shape)")
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let bRows = b.rank == 1 ? b.shape[0] : (transposeB ? b.shape[1] : b.shape[0])
    let n = b.rank == 1 ? 1 : (transposeB ? b.shape[0] : b.shape[1])
    // The message is built only on failure: interpolating shapes on every call costs more
    // than a small product.
    check(k == bRows, "matmul: \(a.shape)\(transposeA ? "ᵀ" : "") × \(b.shape)\(transposeB ? "ᵀ" : ""): "
                 + "inner dimensions \(k) and \(bRows) differ")
    // The kernel overwrites every element, so the result starts uninitialised.
    let result = [Double](unsafeUninitializedCapacity: m * n) { pc, initialized in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                if m * n == 0 {
                    return
                } else if k == 0 {
                    pc.initialize(repeating: 0)  // an empty sum
                } else {
                    MatrixKernel.multiply(
                        m: m, n: n, k: k,
                        a: pa.baseAddress!, aRowStride: transposeA ? 1 : a.shape[1],
                        aColumnStride: transposeA ? a.shape[1] : 1,
                        b: pb.baseAddress!, bRowStride: transposeB ? 1 : n,
                        bColumnStride: transposeB ? b.shape[1] : 1,
                        c: pc.baseAddress!)
                }
            }
        }
        initialized = m * n
    }
    return Tensor(shape: b.rank == 1 ? [m] : [m, n], scalars: result)
}
