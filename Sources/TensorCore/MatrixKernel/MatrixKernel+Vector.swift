// Matrix–vector products: the path for a product with a single output column or row.

extension MatrixKernel {
    /// result[i] = Σₚ matrix[i, p] · vector[p], for matrix[i, p] at `i·rowStride + p·columnStride`
    /// and vector[p] at `p·vectorStride`.
    ///
    /// Blocking: with contiguous matrix rows, each row is a dot product over four SIMD4
    /// accumulators (16 values per step, enough independent sums to hide the add latency).
    /// With contiguous columns (a transposed matrix), result is built as a sum of scaled
    /// columns, result += vector[p] · column p, which streams the matrix in memory order.
    static func multiplyVector(rows: Int, depth: Int, matrix: UnsafePointer<Double>,
                               rowStride: Int, columnStride: Int,
                               vector: UnsafePointer<Double>, vectorStride: Int,
                               result: UnsafeMutablePointer<Double>) {
        if columnStride == 1 && vectorStride == 1 {
            for i in 0..<rows {
                result[i] = dotProduct(matrix + i * rowStride, vector, count: depth)
            }
        } else if rowStride == 1 {
            result.initialize(repeating: 0, count: rows)
            for p in 0..<depth {
                axpy(vector[p * vectorStride], matrix + p * columnStride, result, count: rows)
            }
        } else {
            for i in 0..<rows {
                var total = 0.0
                for p in 0..<depth { total += matrix[i * rowStride + p * columnStride] * vector[p * vectorStride] }
                result[i] = total
            }
        }
    }

    /// The product of an m × k matrix and a thin k × n one (2 ≤ n ≤ 4, e.g. the Q-values of a
    /// two-action task), where padding n to the 8-wide register tile would waste most of the work.
    ///
    /// Blocking: Bᵀ is packed so that each of its n rows is contiguous; then, with contiguous
    /// rows of A, every c[i, j] is one SIMD dot product of a row of A with a row of Bᵀ (A is
    /// read once, straight from memory, and Bᵀ stays in L1). With contiguous columns of A (a
    /// transposed A), Cᵀ is built column sweep by column sweep, Cᵀ[j, :] += b[p, j] · A[:, p],
    /// and transposed into C at the end. Anything else (no unit stride) falls back to the
    /// blocked kernel.
    static func multiplyThin(m: Int, n: Int, k: Int,
                             a: UnsafePointer<Double>, aRowStride: Int, aColumnStride: Int,
                             b: UnsafePointer<Double>, bRowStride: Int, bColumnStride: Int,
                             c: UnsafeMutablePointer<Double>) {
        if aColumnStride == 1 {
            let bt = Workspace.current(capacity: n * k)
            for j in 0..<n {
                for p in 0..<k { bt[j * k + p] = b[p * bRowStride + j * bColumnStride] }
            }
            for i in 0..<m {
                let row = a + i * aRowStride
                for j in 0..<n { c[i * n + j] = dotProduct(row, bt + j * k, count: k) }
            }
        } else if aRowStride == 1 {
            let ct = Workspace.current(capacity: n * m)
            ct.update(repeating: 0, count: n * m)
            for p in 0..<k {
                let column = a + p * aColumnStride
                for j in 0..<n { axpy(b[p * bRowStride + j * bColumnStride], column, ct + j * m, count: m) }
            }
            for i in 0..<m {
                for j in 0..<n { c[i * n + j] = ct[j * m + i] }
            }
        } else {
            multiplyBlocked(m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                            b: b, bRowStride: bRowStride, bColumnStride: bColumnStride, c: c, cRowStride: n)
        }
    }

    /// Σ x[i]·y[i] over two contiguous arrays.
    static func dotProduct(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s3 = SIMD4<Double>()
        var i = 0
        while i + 16 <= count {
            let o = i * 8
            s0 = multiplyAdd(s0, rx.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self),
                                  ry.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self))
            s1 = multiplyAdd(s1, rx.loadUnaligned(fromByteOffset: o + 32, as: SIMD4<Double>.self),
                                  ry.loadUnaligned(fromByteOffset: o + 32, as: SIMD4<Double>.self))
            s2 = multiplyAdd(s2, rx.loadUnaligned(fromByteOffset: o + 64, as: SIMD4<Double>.self),
                                  ry.loadUnaligned(fromByteOffset: o + 64, as: SIMD4<Double>.self))
            s3 = multiplyAdd(s3, rx.loadUnaligned(fromByteOffset: o + 96, as: SIMD4<Double>.self),
                                  ry.loadUnaligned(fromByteOffset: o + 96, as: SIMD4<Double>.self))
            i += 16
        }
        while i + 4 <= count {
            s0 = multiplyAdd(s0, rx.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self),
                                  ry.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self))
            i += 4
        }
        var total = ((s0 + s1) + (s2 + s3)).sum()
        while i < count {
            total += x[i] * y[i]
            i += 1
        }
        return total
    }

    /// y[i] += alpha · x[i] over two contiguous arrays.
    static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        var i = 0
        while i + 4 <= count {
            let o = i * 8
            let sum = multiplyAdd(ry.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self),
                                  SIMD4(repeating: alpha), rx.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self))
            ry.storeBytes(of: sum, toByteOffset: o, as: SIMD4<Double>.self)
            i += 4
        }
        while i < count {
            y[i] += alpha * x[i]
            i += 1
        }
    }

    /// `accumulator + a · b`, fused where the target has FMA (see `TENSORCORE_FMA` in Package.swift).
    @inline(__always)
    private static func multiplyAdd(_ accumulator: SIMD4<Double>, _ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> {
        #if TENSORCORE_FMA
        accumulator.addingProduct(a, b)
        #else
        accumulator + a * b
        #endif
    }
}
