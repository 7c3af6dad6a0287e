/// The inner loops of the matrix product, on raw pointers with arbitrary strides.
///
/// `c[i, j] = Σₚ a[i, p] · b[p, j]` where `a[i, p]` is at `a + i·aRowStride + p·aColumnStride`
/// and likewise for `b`; `c` is a dense row-major `[m, n]` buffer that is overwritten.
enum MatrixKernel {
    static func multiply(m: Int, n: Int, k: Int,
                         a: UnsafePointer<Double>, aRowStride: Int, aColumnStride: Int,
                         b: UnsafePointer<Double>, bRowStride: Int, bColumnStride: Int,
                         c: UnsafeMutablePointer<Double>) {
        c.initialize(repeating: 0, count: m * n)
        for i in 0..<m {
            let cRow = c + i * n
            for p in 0..<k {
                let aip = a[i * aRowStride + p * aColumnStride]
                if aip == 0 { continue }
                let bRow = b + p * bRowStride
                for j in 0..<n { cRow[j] += aip * bRow[j * bColumnStride] }
            }
        }
    }
}
