// The register-blocked micro-kernels, for A packed into panels and for A read in place: the only
// loops that run m·n·k times.
//
// Both kernels live in this file with `multiplyAdd`, `store` and `storeEdge` on purpose. A debug
// build (`swift run`, `swift test`) compiles each file on its own, without whole-module
// optimisation, and inlines a function only into callers in the same file. With a kernel in
// another file, each vector multiply–add became a function call, and the lessons ran 2–4 times
// slower in debug than in release.

extension MatrixKernel {
    /// C[rows × columns] (+)= A panel · B panel over `depth` steps, for one MR × NR = 6 × 8 tile.
    ///
    /// Blocking: the 6 × 8 tile of C lives in six `SIMD8<Double>` accumulators (12 AVX2 or 24
    /// NEON registers) for the whole depth loop. Each step p loads one row of the B panel
    /// (8 values, unit stride), broadcasts 6 values of the A panel, and does 6 vector
    /// multiply–adds: 96 flops for 14 loads, none of them touching C. C is read and written
    /// once per tile, after the loop; a partial edge tile (rows < 6 or columns < 8) was
    /// computed in full on the zero padding of the panels and is stored trimmed.
    /// `accumulate` adds the tile to C (later depth blocks) instead of overwriting it (the first).
    static func microKernel(depth: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                            c: UnsafeMutablePointer<Double>, cRowStride: Int,
                            rows: Int, columns: Int, accumulate: Bool) {
        var c0 = SIMD8<Double>(), c1 = SIMD8<Double>(), c2 = SIMD8<Double>()
        var c3 = SIMD8<Double>(), c4 = SIMD8<Double>(), c5 = SIMD8<Double>()
        var pa = a
        var pb = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let bp = pb.loadUnaligned(as: SIMD8<Double>.self)
            c0 = multiplyAdd(c0, pa[0], bp)
            c1 = multiplyAdd(c1, pa[1], bp)
            c2 = multiplyAdd(c2, pa[2], bp)
            c3 = multiplyAdd(c3, pa[3], bp)
            c4 = multiplyAdd(c4, pa[4], bp)
            c5 = multiplyAdd(c5, pa[5], bp)
            pa += 6
            pb += 64
        }
        if rows == 6 && columns == 8 {
            store(c0, to: c, accumulate: accumulate)
            store(c1, to: c + cRowStride, accumulate: accumulate)
            store(c2, to: c + 2 * cRowStride, accumulate: accumulate)
            store(c3, to: c + 3 * cRowStride, accumulate: accumulate)
            store(c4, to: c + 4 * cRowStride, accumulate: accumulate)
            store(c5, to: c + 5 * cRowStride, accumulate: accumulate)
            return
        }
        storeEdge(c0, c1, c2, c3, c4, c5, to: c, cRowStride: cRowStride,
                  rows: rows, columns: columns, accumulate: accumulate)
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

    /// `accumulator + a · b`, fused into one rounding where the target has FMA.
    @inline(__always)
    static func multiplyAdd(_ accumulator: SIMD8<Double>, _ a: Double, _ b: SIMD8<Double>) -> SIMD8<Double> {
        #if TENSORCORE_FMA
        accumulator.addingProduct(a, b)
        #else
        accumulator + a * b
        #endif
    }

    @inline(__always)
    static func store(_ row: SIMD8<Double>, to c: UnsafeMutablePointer<Double>, accumulate: Bool) {
        let raw = UnsafeMutableRawPointer(c)
        if accumulate {
            raw.storeBytes(of: raw.loadUnaligned(as: SIMD8<Double>.self) + row, as: SIMD8<Double>.self)
        } else {
            raw.storeBytes(of: row, as: SIMD8<Double>.self)
        }
    }

    /// Stores the top-left `rows × columns` corner of a tile.
    static func storeEdge(_ c0: SIMD8<Double>, _ c1: SIMD8<Double>, _ c2: SIMD8<Double>,
                                  _ c3: SIMD8<Double>, _ c4: SIMD8<Double>, _ c5: SIMD8<Double>,
                                  to c: UnsafeMutablePointer<Double>, cRowStride: Int,
                                  rows: Int, columns: Int, accumulate: Bool) {
        for r in 0..<rows {
            let row: SIMD8<Double>
            switch r {
            case 0: row = c0
            case 1: row = c1
            case 2: row = c2
            case 3: row = c3
            case 4: row = c4
            default: row = c5
            }
            let out = c + r * cRowStride
            for j in 0..<columns {
                out[j] = accumulate ? out[j] + row[j] : row[j]
            }
        }
    }
}
