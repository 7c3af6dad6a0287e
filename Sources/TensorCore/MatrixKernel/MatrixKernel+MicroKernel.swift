// The register-blocked micro-kernel: the only loop that runs m·n·k times.

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
