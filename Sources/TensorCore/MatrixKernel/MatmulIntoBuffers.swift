/// Writes the matrix product `op(a) · op(b)` into `c`: `matmul` for code that owns its buffers
/// and must not allocate in a hot loop, such as a network's forward and backward passes.
///
/// Every buffer is row-major. `a` holds `[m, k]`, or `[k, m]` with `transposeA` (the product
/// then uses its transpose); `b` holds `[k, n]`, or `[n, k]` with `transposeB`; the first
/// `m · n` elements of `c` are overwritten with the `[m, n]` result. The kernels, and so the
/// numbers, are those of `matmul`; only the result's allocation is gone.
public func matmul(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                   into c: UnsafeMutableBufferPointer<Double>, m: Int, n: Int, k: Int,
                   transposeA: Bool = false, transposeB: Bool = false) {
    check(m >= 0 && n >= 0 && k >= 0, "matmul(into:): negative dimensions m = \(m), n = \(n), k = \(k)")
    check(a.count >= m * k && b.count >= k * n && c.count >= m * n,
          "matmul(into:): [\(transposeA ? "\(k), \(m)]ᵀ" : "\(m), \(k)]") × "
          + "[\(transposeB ? "\(n), \(k)]ᵀ" : "\(k), \(n)]") → [\(m), \(n)] needs buffers of "
          + "\(m * k), \(k * n) and \(m * n) elements, got \(a.count), \(b.count) and \(c.count)")
    if m == 0 || n == 0 { return }
    if k == 0 {
        c.baseAddress!.update(repeating: 0, count: m * n)  // an empty sum
        return
    }
    MatrixKernel.multiply(
        m: m, n: n, k: k,
        a: a.baseAddress!, aRowStride: transposeA ? 1 : k, aColumnStride: transposeA ? m : 1,
        b: b.baseAddress!, bRowStride: transposeB ? 1 : n, bColumnStride: transposeB ? k : 1,
        c: c.baseAddress!)
}
