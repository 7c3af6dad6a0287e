import Dispatch
import Foundation

/// The matrix product on raw pointers with arbitrary strides: the engine behind `matmul`.
///
/// `c[i, j] = Σₚ a[i, p] · b[p, j]` where `a[i, p]` is at `a + i·aRowStride + p·aColumnStride`
/// and likewise for `b`; `c` is a dense row-major `[m, n]` buffer that is overwritten (it may be
/// uninitialised). A transposed operand is just a swap of its two strides: the packing routines
/// read either layout, so no transposed copy is ever made.
///
/// Blocking scheme (the GotoBLAS/BLIS design, sized for a 32–48 KiB L1 and a ≥ 1 MiB L2 cache):
///
///     for jc in 0..<n by NC                      B block kc×nc, packed once, stays in L2/L3
///       for pc in 0..<k by KC                    rank-KC update of C[:, jc..<jc+nc]
///         pack B[pc.., jc..] into NR-wide panels
///         for ic in 0..<m by MC                  A block mc×kc, packed once, stays in L2
///           pack A[ic.., pc..] into MR-tall panels
///           for jr in 0..<nc by NR               one B panel (kc×NR, 16 KiB) streams from L1
///             for ir in 0..<mc by MR             one A panel (kc×MR, 12 KiB) streams from L1/L2
///               micro-kernel: C[MR×NR] (+)= A panel · B panel, in registers
///
/// Packing lays each panel out in exactly the order the micro-kernel reads it (unit stride,
/// zero-padded to whole panels), so the inner loop never sees strides, transposes or edges.
/// Products with one output row or column take the vector path (`MatrixKernel+Vector.swift`)
/// instead, where packing would be pure overhead; products one block deep and wide on one core
/// skip the packing of A (`MatrixKernel+StridedA.swift`). Products of at least `parallelThreshold`
/// multiply–adds split C into one slab per core and run the blocked loops on each slab with
/// `DispatchQueue.concurrentPerform`; every thread uses its own packing workspace.
enum MatrixKernel {
    /// Rows of the register tile (the micro-kernel keeps MR × NR accumulators in registers).
    static let mr = 6
    /// Columns of the register tile: one `SIMD8<Double>` per row.
    static let nr = 8
    /// Depth of a packed block: a kc × NR panel of B (16 KiB) fits in L1 with room to spare.
    static let kc = 256
    /// Rows of a packed A block: mc × kc doubles = 192 KiB, well inside L2. A multiple of MR.
    static let mc = 96
    /// Columns of a packed B block: kc × nc doubles = 2 MiB, bounded to cap the workspace.
    static let nc = 1024
    /// Products with at least this many multiply–adds (m·n·k) are split across cores; below it,
    /// waking the other threads costs more than it saves.
    static let parallelThreshold = 1 << 20
    /// The cores to split a large product over: the CPUs this process may use (read once; on
    /// Linux, asking Foundation costs about 5 µs per call, as much as a whole 32 × 32 product).
    static let threadCount = Swift.min(Processors.usable, 64)

    static func multiply(m: Int, n: Int, k: Int,
                         a: UnsafePointer<Double>, aRowStride: Int, aColumnStride: Int,
                         b: UnsafePointer<Double>, bRowStride: Int, bColumnStride: Int,
                         c: UnsafeMutablePointer<Double>) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            c.initialize(repeating: 0, count: m * n)
            return
        }
        if n == 1 {
            // c[i] = Σₚ a[i, p] · b[p]
            multiplyVector(rows: m, depth: k, matrix: a, rowStride: aRowStride, columnStride: aColumnStride,
                           vector: b, vectorStride: bRowStride, result: c)
            return
        }
        if m == 1 {
            // c[j] = Σₚ a[p] · b[p, j] = Σₚ bᵀ[j, p] · a[p]
            multiplyVector(rows: n, depth: k, matrix: b, rowStride: bColumnStride, columnStride: bRowStride,
                           vector: a, vectorStride: aColumnStride, result: c)
            return
        }
        if n <= 4 {
            multiplyThin(m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                         b: b, bRowStride: bRowStride, bColumnStride: bColumnStride, c: c)
            return
        }
        if prefersStridedA(m: m, n: n, k: k) {
            multiplyStridedA(m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                             b: b, bRowStride: bRowStride, bColumnStride: bColumnStride, c: c)
            return
        }
        guard m * n * k >= parallelThreshold, threadCount > 1 else {
            multiplyBlocked(m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                            b: b, bRowStride: bRowStride, bColumnStride: bColumnStride, c: c, cRowStride: n)
            return
        }
        // One slab of C per thread, cut along the longer side, on register-tile boundaries so
        // that no slab has a needless edge tile.
        let alongRows = m >= n
        let (extent, unit) = alongRows ? (m, mr) : (n, nr)
        let tiles = (extent + unit - 1) / unit
        let parts = Swift.min(threadCount, tiles)
        let operands = Operands(a: a, b: b, c: c)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = tiles * part / parts * unit
            let end = Swift.min(tiles * (part + 1) / parts * unit, extent)
            if start >= end { return }
            if alongRows {
                multiplyBlocked(m: end - start, n: n, k: k,
                                a: operands.a + start * aRowStride, aRowStride: aRowStride, aColumnStride: aColumnStride,
                                b: operands.b, bRowStride: bRowStride, bColumnStride: bColumnStride,
                                c: operands.c + start * n, cRowStride: n)
            } else {
                multiplyBlocked(m: m, n: end - start, k: k,
                                a: operands.a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                                b: operands.b + start * bColumnStride, bRowStride: bRowStride, bColumnStride: bColumnStride,
                                c: operands.c + start, cRowStride: n)
            }
        }
    }

    /// The three matrices, handed to the worker threads. Each thread writes a disjoint slab of
    /// `c` and only reads `a` and `b`, which is what makes the unchecked `Sendable` sound.
    private struct Operands: @unchecked Sendable {
        let a: UnsafePointer<Double>
        let b: UnsafePointer<Double>
        let c: UnsafeMutablePointer<Double>
    }

    /// The blocked loops above on one thread, for C with row stride `cRowStride`.
    static func multiplyBlocked(m: Int, n: Int, k: Int,
                                a: UnsafePointer<Double>, aRowStride: Int, aColumnStride: Int,
                                b: UnsafePointer<Double>, bRowStride: Int, bColumnStride: Int,
                                c: UnsafeMutablePointer<Double>, cRowStride: Int) {
        let blockRows = Swift.min(mc, roundUp(m, mr))
        let blockDepth = Swift.min(kc, k)
        let blockColumns = Swift.min(nc, roundUp(n, nr))
        let workspace = Workspace.current(capacity: blockRows * blockDepth + blockDepth * blockColumns)
        let packedA = workspace
        let packedB = workspace + blockRows * blockDepth

        var jc = 0
        while jc < n {
            let ncBlock = Swift.min(nc, n - jc)
            var pc = 0
            while pc < k {
                let kcBlock = Swift.min(kc, k - pc)
                // The first rank-kc update overwrites C, the later ones add to it.
                let accumulate = pc > 0
                packB(depth: kcBlock, columns: ncBlock,
                      from: b + pc * bRowStride + jc * bColumnStride,
                      rowStride: bRowStride, columnStride: bColumnStride, into: packedB)
                var ic = 0
                while ic < m {
                    let mcBlock = Swift.min(mc, m - ic)
                    packA(rows: mcBlock, depth: kcBlock,
                          from: a + ic * aRowStride + pc * aColumnStride,
                          rowStride: aRowStride, columnStride: aColumnStride, into: packedA)
                    var jr = 0
                    while jr < ncBlock {
                        let columns = Swift.min(nr, ncBlock - jr)
                        let panelB = packedB + jr * kcBlock
                        var ir = 0
                        while ir < mcBlock {
                            let rows = Swift.min(mr, mcBlock - ir)
                            microKernel(depth: kcBlock, a: packedA + ir * kcBlock, b: panelB,
                                        c: c + (ic + ir) * cRowStride + jc + jr, cRowStride: cRowStride,
                                        rows: rows, columns: columns, accumulate: accumulate)
                            ir += mr
                        }
                        jr += nr
                    }
                    ic += mc
                }
                pc += kc
            }
            jc += nc
        }
    }

    @inline(__always)
    static func roundUp(_ x: Int, _ multiple: Int) -> Int { (x + multiple - 1) / multiple * multiple }
}
