// Small products without packing A: the micro-kernel reads A where it lies.

extension MatrixKernel {
    /// Whether `multiplyStridedA` should take an `[m, k] · [k, n]` product: one cache block deep
    /// and wide (k ≤ KC, n ≤ NC, so the blocked loops would pack B once and run a single rank-k
    /// update), and small enough to run on one core. For such products, copying A into panels
    /// costs as much as the arithmetic when k is small (the 4-wide input of a CartPole network,
    /// a 2-wide ∂L/∂Q) or m is below a register tile (∂L/∂W of a 4-input layer), and is a
    /// noticeable share of the work for every product of a small network's layer.
    @inline(__always)
    static func prefersStridedA(m: Int, n: Int, k: Int) -> Bool {
        k <= kc && n <= nc && m * n * k < parallelThreshold
    }

    /// C = A · B for a product that `prefersStridedA`: B is packed into NR-wide panels exactly as
    /// in `multiplyBlocked`, A is not packed at all.
    ///
    /// The numbers are bit for bit those of `multiplyBlocked`: with a single depth block, every
    /// element c[i, j] there is the chain of multiply–adds over p = 0, 1, …, k − 1 in order,
    /// started from zero and stored without a further addition, and `stridedMicroKernel` forms
    /// the same chain; only where the values of A are loaded from differs.
    static func multiplyStridedA(m: Int, n: Int, k: Int,
                                 a: UnsafePointer<Double>, aRowStride: Int, aColumnStride: Int,
                                 b: UnsafePointer<Double>, bRowStride: Int, bColumnStride: Int,
                                 c: UnsafeMutablePointer<Double>) {
        let packedB = Workspace.current(capacity: k * roundUp(n, nr))
        packB(depth: k, columns: n, from: b, rowStride: bRowStride, columnStride: bColumnStride, into: packedB)
        var jr = 0
        while jr < n {
            let columns = Swift.min(nr, n - jr)
            let panelB = packedB + jr * k
            var ir = 0
            while ir < m {
                let rows = Swift.min(mr, m - ir)
                stridedMicroKernel(depth: k, a: a + ir * aRowStride, aRowStride: aRowStride,
                                   aColumnStride: aColumnStride, rows: rows, b: panelB,
                                   c: c + ir * n + jr, cRowStride: n, columns: columns)
                ir += mr
            }
            jr += nr
        }
    }

    /// C[rows × columns] = A rows · B panel over `depth` steps, for one MR × NR = 6 × 8 tile whose
    /// A rows are read in place: a[r, p] at `a + r·aRowStride + p·aColumnStride`.
    ///
    /// The same register blocking as `microKernel` (six `SIMD8<Double>` accumulators, one B row
    /// and six broadcasts of A per step). A tile with fewer than six rows repeats its last row
    /// in the missing ones, which are computed but not stored: A is never read past its end.
    static func stridedMicroKernel(depth: Int, a: UnsafePointer<Double>, aRowStride: Int, aColumnStride: Int,
                                   rows: Int, b: UnsafePointer<Double>,
                                   c: UnsafeMutablePointer<Double>, cRowStride: Int, columns: Int) {
        let a0 = a
        let a1 = a + Swift.min(1, rows - 1) * aRowStride
        let a2 = a + Swift.min(2, rows - 1) * aRowStride
        let a3 = a + Swift.min(3, rows - 1) * aRowStride
        let a4 = a + Swift.min(4, rows - 1) * aRowStride
        let a5 = a + Swift.min(5, rows - 1) * aRowStride
        var c0 = SIMD8<Double>(), c1 = SIMD8<Double>(), c2 = SIMD8<Double>()
        var c3 = SIMD8<Double>(), c4 = SIMD8<Double>(), c5 = SIMD8<Double>()
        var pb = UnsafeRawPointer(b)
        var offset = 0
        for _ in 0..<depth {
            let bp = pb.loadUnaligned(as: SIMD8<Double>.self)
            c0 = multiplyAdd(c0, a0[offset], bp)
            c1 = multiplyAdd(c1, a1[offset], bp)
            c2 = multiplyAdd(c2, a2[offset], bp)
            c3 = multiplyAdd(c3, a3[offset], bp)
            c4 = multiplyAdd(c4, a4[offset], bp)
            c5 = multiplyAdd(c5, a5[offset], bp)
            offset &+= aColumnStride
            pb += 64
        }
        if rows == 6 && columns == 8 {
            store(c0, to: c, accumulate: false)
            store(c1, to: c + cRowStride, accumulate: false)
            store(c2, to: c + 2 * cRowStride, accumulate: false)
            store(c3, to: c + 3 * cRowStride, accumulate: false)
            store(c4, to: c + 4 * cRowStride, accumulate: false)
            store(c5, to: c + 5 * cRowStride, accumulate: false)
            return
        }
        storeEdge(c0, c1, c2, c3, c4, c5, to: c, cRowStride: cRowStride,
                  rows: rows, columns: columns, accumulate: false)
    }
}
