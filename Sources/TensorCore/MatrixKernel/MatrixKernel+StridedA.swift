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
        if prefersWideTile(m: m, n: n) {
            multiplyStridedAWide(m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                                 b: b, bRowStride: bRowStride, bColumnStride: bColumnStride, c: c)
            return
        }
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
}
