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

    /// Packs `depth × columns` elements of B, where b[p, j] is at `source + p·rowStride + j·columnStride`,
    /// into panels `width` columns wide: panel q holds b[p, width·q + c] at width·q·depth + width·p + c,
    /// zero past `columns`. The 6 × 8 kernels read panels NR = 8 wide, the 4 × 12 tile 12 wide.
    static func packB(depth: Int, columns: Int, from source: UnsafePointer<Double>,
                      rowStride: Int, columnStride: Int, into target: UnsafeMutablePointer<Double>,
                      width: Int = nr) {
        var panel = 0
        while panel < columns {
            let valid = Swift.min(width, columns - panel)
            let out = target + panel * depth
            let first = source + panel * columnStride
            if columnStride == 1 && valid == width && (width == 8 || width == 12) {
                // Rows are contiguous: each p copies one SIMD8 of B, and a SIMD4 more for 12.
                for p in 0..<depth {
                    let from = UnsafeRawPointer(first + p * rowStride), to = UnsafeMutableRawPointer(out + p * width)
                    to.storeBytes(of: from.loadUnaligned(as: SIMD8<Double>.self), as: SIMD8<Double>.self)
                    if width == 12 {
                        to.storeBytes(of: from.loadUnaligned(fromByteOffset: 64, as: SIMD4<Double>.self),
                                      toByteOffset: 64, as: SIMD4<Double>.self)
                    }
                }
            } else if columnStride == 1 {
                for p in 0..<depth {
                    let row = first + p * rowStride
                    let o = out + p * width
                    for c in 0..<valid { o[c] = row[c] }
                    for c in valid..<width { o[c] = 0 }
                }
            } else {
                // Columns are contiguous (a transposed B): read each column once, write it with stride `width`.
                for c in 0..<valid {
                    let column = first + c * columnStride
                    var o = out + c
                    for p in 0..<depth {
                        o.pointee = column[p * rowStride]
                        o += width
                    }
                }
                if valid < width {
                    for p in 0..<depth {
                        for c in valid..<width { out[p * width + c] = 0 }
                    }
                }
            }
            panel += width
        }
    }
}
