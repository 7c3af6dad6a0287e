// A second register tile for the unpacked-A path, 4 × 12, for the shapes the 6 × 8 tile fits badly.

extension MatrixKernel {
    /// Rows of the wide tile.
    static let wideRows = 4
    /// Columns of the wide tile: three `SIMD4<Double>` per row.
    static let wideColumns = 12

    /// Whether `multiplyStridedA` should use the 4 × 12 tile rather than the 6 × 8 one: when it
    /// computes fewer padded elements of C. Both tiles hold twelve 4-wide accumulators and do
    /// twelve vector multiply–adds per step, so the cost of a product is about its padded area
    /// times its depth. A small network's widths are often multiples of 4 and 12 but not of 6
    /// and 8: a 64-row half batch through 120 → 84 units pads to 66 × 88 with 6 × 8 tiles
    /// (8 % wasted) and not at all with 4 × 12 ones. Ties keep the 6 × 8 tile.
    @inline(__always)
    static func prefersWideTile(m: Int, n: Int) -> Bool {
        roundUp(m, wideRows) * roundUp(n, wideColumns) < roundUp(m, mr) * roundUp(n, nr)
    }

    /// `multiplyStridedA` with 4 × 12 tiles: B packed into 12-wide panels (zero-padded), A read
    /// where it lies. Every c[i, j] is the same chain of multiply–adds over p = 0, 1, …, k − 1,
    /// started from zero, as in the 6 × 8 kernels, so the numbers are bit for bit the same.
    static func multiplyStridedAWide(m: Int, n: Int, k: Int,
                                     a: UnsafePointer<Double>, aRowStride: Int, aColumnStride: Int,
                                     b: UnsafePointer<Double>, bRowStride: Int, bColumnStride: Int,
                                     c: UnsafeMutablePointer<Double>) {
        let packedB = Workspace.current(capacity: k * roundUp(n, wideColumns))
        packB(depth: k, columns: n, from: b, rowStride: bRowStride, columnStride: bColumnStride,
              into: packedB, width: wideColumns)
        var jr = 0
        while jr < n {
            let columns = Swift.min(wideColumns, n - jr)
            let panelB = packedB + jr * k
            var ir = 0
            while ir < m {
                let rows = Swift.min(wideRows, m - ir)
                wideMicroKernel(depth: k, a: a + ir * aRowStride, aRowStride: aRowStride,
                                aColumnStride: aColumnStride, rows: rows, b: panelB,
                                c: c + ir * n + jr, cRowStride: n, columns: columns)
                ir += wideRows
            }
            jr += wideColumns
        }
    }

    /// C[rows × columns] = A rows · B panel over `depth` steps, for one 4 × 12 tile whose A rows
    /// are read in place (a[r, p] at `a + r·aRowStride + p·aColumnStride`). Twelve `SIMD4<Double>`
    /// accumulators; each step loads one 12-wide row of the panel and broadcasts four values of A.
    /// A tile with fewer than four rows repeats its last row in the missing ones, which are
    /// computed but not stored, so A is never read past its end.
    static func wideMicroKernel(depth: Int, a: UnsafePointer<Double>, aRowStride: Int, aColumnStride: Int,
                                rows: Int, b: UnsafePointer<Double>,
                                c: UnsafeMutablePointer<Double>, cRowStride: Int, columns: Int) {
        let a0 = a
        let a1 = a + Swift.min(1, rows - 1) * aRowStride
        let a2 = a + Swift.min(2, rows - 1) * aRowStride
        let a3 = a + Swift.min(3, rows - 1) * aRowStride
        var c00 = SIMD4<Double>(), c01 = SIMD4<Double>(), c02 = SIMD4<Double>()
        var c10 = SIMD4<Double>(), c11 = SIMD4<Double>(), c12 = SIMD4<Double>()
        var c20 = SIMD4<Double>(), c21 = SIMD4<Double>(), c22 = SIMD4<Double>()
        var c30 = SIMD4<Double>(), c31 = SIMD4<Double>(), c32 = SIMD4<Double>()
        var pb = UnsafeRawPointer(b)
        var offset = 0
        for _ in 0..<depth {
            let b0 = pb.loadUnaligned(as: SIMD4<Double>.self)
            let b1 = pb.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self)
            let b2 = pb.loadUnaligned(fromByteOffset: 64, as: SIMD4<Double>.self)
            let x0 = a0[offset], x1 = a1[offset], x2 = a2[offset], x3 = a3[offset]
            c00 = multiplyAdd(c00, x0, b0); c01 = multiplyAdd(c01, x0, b1); c02 = multiplyAdd(c02, x0, b2)
            c10 = multiplyAdd(c10, x1, b0); c11 = multiplyAdd(c11, x1, b1); c12 = multiplyAdd(c12, x1, b2)
            c20 = multiplyAdd(c20, x2, b0); c21 = multiplyAdd(c21, x2, b1); c22 = multiplyAdd(c22, x2, b2)
            c30 = multiplyAdd(c30, x3, b0); c31 = multiplyAdd(c31, x3, b1); c32 = multiplyAdd(c32, x3, b2)
            offset &+= aColumnStride
            pb += 96
        }
        if rows == 4 && columns == 12 {
            storeWideRow(c00, c01, c02, to: c)
            storeWideRow(c10, c11, c12, to: c + cRowStride)
            storeWideRow(c20, c21, c22, to: c + 2 * cRowStride)
            storeWideRow(c30, c31, c32, to: c + 3 * cRowStride)
            return
        }
        for r in 0..<rows {
            let (v0, v1, v2) = switch r {
            case 0: (c00, c01, c02)
            case 1: (c10, c11, c12)
            case 2: (c20, c21, c22)
            default: (c30, c31, c32)
            }
            let out = c + r * cRowStride
            for j in 0..<columns { out[j] = j < 4 ? v0[j] : j < 8 ? v1[j - 4] : v2[j - 8] }
        }
    }

    /// `accumulator + a · b` on four lanes, fused where the target has FMA (as `multiplyAdd` on eight).
    @inline(__always)
    static func multiplyAdd(_ accumulator: SIMD4<Double>, _ a: Double, _ b: SIMD4<Double>) -> SIMD4<Double> {
        #if TENSORCORE_FMA
        accumulator.addingProduct(a, b)
        #else
        accumulator + a * b
        #endif
    }

    @inline(__always)
    static func storeWideRow(_ v0: SIMD4<Double>, _ v1: SIMD4<Double>, _ v2: SIMD4<Double>,
                             to c: UnsafeMutablePointer<Double>) {
        let raw = UnsafeMutableRawPointer(c)
        raw.storeBytes(of: v0, as: SIMD4<Double>.self)
        raw.storeBytes(of: v1, toByteOffset: 32, as: SIMD4<Double>.self)
        raw.storeBytes(of: v2, toByteOffset: 64, as: SIMD4<Double>.self)
    }
}
