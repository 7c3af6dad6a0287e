// Packing: copies a block of A or B into the panel layout the micro-kernel streams through.
//
// A block of A (mc × kc) becomes ⌈mc / MR⌉ panels, each kc columns of MR consecutive values:
// panel q holds a[q·MR + r, p] at q·MR·kc + p·MR + r. A block of B (kc × nc) becomes ⌈nc / NR⌉
// panels, each kc rows of NR consecutive values: panel q holds b[p, q·NR + c] at
// q·NR·kc + p·NR + c. Missing rows or columns of the last panel are zero, so the micro-kernel
// always computes a whole tile; only its store is trimmed. The loop order follows whichever
// stride of the source is 1, so a transposed operand is packed just as fast as a plain one.

extension MatrixKernel {
    /// Packs `rows × depth` elements of A, where a[i, p] is at `source + i·rowStride + p·columnStride`.
    static func packA(rows: Int, depth: Int, from source: UnsafePointer<Double>,
                      rowStride: Int, columnStride: Int, into target: UnsafeMutablePointer<Double>) {
        var panel = 0
        while panel < rows {
            let valid = Swift.min(mr, rows - panel)
            let out = target + panel * depth
            let first = source + panel * rowStride
            if columnStride == 1 {
                // Rows are contiguous: read each row once, write it down the panel with stride MR.
                for r in 0..<valid {
                    let row = first + r * rowStride
                    var o = out + r
                    for p in 0..<depth {
                        o.pointee = row[p]
                        o += mr
                    }
                }
            } else {
                // Columns are contiguous (a transposed A): each p writes MR consecutive values.
                var o = out
                for p in 0..<depth {
                    let column = first + p * columnStride
                    for r in 0..<valid { o[r] = column[r * rowStride] }
                    o += mr
                }
            }
            if valid < mr {
                for p in 0..<depth {
                    for r in valid..<mr { out[p * mr + r] = 0 }
                }
            }
            panel += mr
        }
    }

    /// Packs `depth × columns` elements of B, where b[p, j] is at `source + p·rowStride + j·columnStride`.
    static func packB(depth: Int, columns: Int, from source: UnsafePointer<Double>,
                      rowStride: Int, columnStride: Int, into target: UnsafeMutablePointer<Double>) {
        var panel = 0
        while panel < columns {
            let valid = Swift.min(nr, columns - panel)
            let out = target + panel * depth
            let first = source + panel * columnStride
            if columnStride == 1 && valid == nr {
                // Rows are contiguous: each p copies one SIMD8 of B.
                for p in 0..<depth {
                    let value = UnsafeRawPointer(first + p * rowStride).loadUnaligned(as: SIMD8<Double>.self)
                    UnsafeMutableRawPointer(out + p * nr).storeBytes(of: value, as: SIMD8<Double>.self)
                }
            } else if columnStride == 1 {
                for p in 0..<depth {
                    let row = first + p * rowStride
                    let o = out + p * nr
                    for c in 0..<valid { o[c] = row[c] }
                    for c in valid..<nr { o[c] = 0 }
                }
            } else {
                // Columns are contiguous (a transposed B): read each column once, write it with stride NR.
                for c in 0..<valid {
                    let column = first + c * columnStride
                    var o = out + c
                    for p in 0..<depth {
                        o.pointee = column[p * rowStride]
                        o += nr
                    }
                }
                if valid < nr {
                    for p in 0..<depth {
                        for c in valid..<nr { out[p * nr + c] = 0 }
                    }
                }
            }
            panel += nr
        }
    }
}
