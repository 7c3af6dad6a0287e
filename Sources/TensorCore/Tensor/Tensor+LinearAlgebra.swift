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
    let (m, n, shape) = productShape(a, b, transposeA: transposeA, transposeB: transposeB)
    // The kernel overwrites every element, so the result starts uninitialised.
    let result = [Double](unsafeUninitializedCapacity: m * n) { pc, initialized in
        multiply(a, b, into: pc.baseAddress, m: m, n: n, transposeA: transposeA, transposeB: transposeB)
        initialized = m * n
    }
    return Tensor(shape: shape, scalars: result)
}

/// `c = a · b`, written into the storage `c` already has when its element count fits (a
/// network's buffers, reused from one pass to the next), otherwise into new storage; `c` takes
/// the product's shape either way. The numbers are exactly those of `matmul(_:_:)`. As with
/// any mutation of a `Tensor`, a copy of `c` held elsewhere keeps its old values.
public func matmul(_ a: Tensor, _ b: Tensor, into c: inout Tensor, transposeA: Bool = false, transposeB: Bool = false) {
    let (m, n, shape) = productShape(a, b, transposeA: transposeA, transposeB: transposeB)
    if c.count != m * n {
        c = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        return
    }
    c.shape = shape
    c.scalars.withUnsafeMutableBufferPointer { pc in
        multiply(a, b, into: pc.baseAddress, m: m, n: n, transposeA: transposeA, transposeB: transposeB)
    }
}

/// m, n and the result's shape of a product, after checking that the operands fit.
private func productShape(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> (Int, Int, [Int]) {
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
    return (m, n, b.rank == 1 ? [m] : [m, n])
}

/// Runs the kernel for a checked product into `m · n` doubles at `c`.
private func multiply(_ a: Tensor, _ b: Tensor, into c: UnsafeMutablePointer<Double>?, m: Int, n: Int,
                      transposeA: Bool, transposeB: Bool) {
    guard m * n > 0, let c else { return }
    let k = transposeA ? a.shape[0] : a.shape[1]
    if k == 0 {
        c.initialize(repeating: 0, count: m * n)  // an empty sum
        return
    }
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            MatrixKernel.multiply(
                m: m, n: n, k: k,
                a: pa.baseAddress!, aRowStride: transposeA ? 1 : a.shape[1],
                aColumnStride: transposeA ? a.shape[1] : 1,
                b: pb.baseAddress!, bRowStride: transposeB ? 1 : n,
                bColumnStride: transposeB ? b.shape[1] : 1,
                c: c)
        }
    }
}
