import Testing
@testable import TensorCore

/// The product by the definition, c[i, j] = Σₚ a[i, p] · b[p, j], on explicit transposes.
private func naiveProduct(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    let a = transposeA ? a.transposed() : a
    let b = transposeB ? b.transposed() : b
    let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    var c = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var total = 0.0
            for p in 0..<k { total += a.scalars[i * k + p] * b.scalars[p * n + j] }
            c[i * n + j] = total
        }
    }
    return Tensor(shape: [m, n], scalars: c)
}

/// Random operands of the shapes that `matmul(_:_:transposeA:transposeB:)` with these flags
/// needs for an `[m, k] · [k, n]` product.
private func operands(_ m: Int, _ k: Int, _ n: Int, transposeA: Bool, transposeB: Bool,
                      seed: UInt64) -> (Tensor, Tensor) {
    var generator = SeededGenerator(seed: seed)
    let a = Tensor.uniform(transposeA ? [k, m] : [m, k], in: -1...1, using: &generator)
    let b = Tensor.uniform(transposeB ? [n, k] : [k, n], in: -1...1, using: &generator)
    return (a, b)
}

/// Shapes (m, k, n) that hit every edge of the blocking: unit extents, primes, sizes just off
/// the 6 × 8 register tile and the 96 / 256 / 1024 cache blocks, and ones large enough to run
/// in parallel (split along rows, and along columns).
private let awkwardShapes: [(Int, Int, Int)] = [
    (1, 1, 1), (7, 13, 5), (1, 17, 9), (9, 17, 1), (1, 300, 1), (2, 3, 2), (5, 7, 7), (6, 8, 8),
    (13, 1, 11), (97, 31, 33), (31, 257, 23), (65, 40, 130), (7, 600, 1030), (257, 257, 257),
    (20, 100, 1100),
]

@Test("matmul agrees with the triple loop on awkward shapes", arguments: awkwardShapes)
func matmulMatchesNaive(shape: (Int, Int, Int)) {
    let (m, k, n) = shape
    let (a, b) = operands(m, k, n, transposeA: false, transposeB: false,
                          seed: UInt64(m * 1_000_000 + k * 1000 + n))
    let c = matmul(a, b)
    #expect(c.shape == [m, n])
    #expect(c.isApproximatelyEqual(to: naiveProduct(a, b), absoluteTolerance: 1e-12 * Double(k)))
}

@Test("matmul agrees with the triple loop for all four transpose combinations",
      arguments: [(false, false), (true, false), (false, true), (true, true)])
func matmulTransposes(flags: (Bool, Bool)) {
    let (transposeA, transposeB) = flags
    for (m, k, n) in [(1, 1, 1), (7, 13, 5), (1, 9, 10), (10, 9, 1), (23, 300, 19), (130, 129, 131)] {
        let (a, b) = operands(m, k, n, transposeA: transposeA, transposeB: transposeB, seed: UInt64(m + k + n))
        let c = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        let expected = naiveProduct(a, b, transposeA: transposeA, transposeB: transposeB)
        #expect(c.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-12 * Double(k)),
                "m \(m), k \(k), n \(n), transposeA \(transposeA), transposeB \(transposeB)")
    }
}

@Test func matmulSmallByHand() {
    let a: Tensor = [[1, 2, 3], [4, 5, 6]]
    let b: Tensor = [[7, 8], [9, 10], [11, 12]]
    #expect(matmul(a, b) == [[58, 64], [139, 154]])
    #expect(matmul(a, a, transposeB: true) == [[14, 32], [32, 77]])
    #expect(matmul(a, a, transposeA: true) == [[17, 22, 27], [22, 29, 36], [27, 36, 45]])
}

@Test func matrixTimesVector() {
    let a: Tensor = [[1, 2, 3], [4, 5, 6]]
    let v: Tensor = [1, 0, -1]
    #expect(matmul(a, v) == [-2, -2])
    #expect(matmul(a, v).shape == [2])
    #expect(matmul(a, [1, 1], transposeA: true) == [5, 7, 9])
    // Long vectors through the SIMD dot product and the column sweep, against the triple loop.
    let (big, x) = operands(37, 203, 1, transposeA: false, transposeB: false, seed: 5)
    #expect(matmul(big, x.reshaped([203])).isApproximatelyEqual(to: naiveProduct(big, x).reshaped([37])))
    let (bigT, y) = operands(37, 203, 1, transposeA: true, transposeB: false, seed: 6)
    #expect(matmul(bigT, y.reshaped([203]), transposeA: true)
        .isApproximatelyEqual(to: naiveProduct(bigT, y, transposeA: true).reshaped([37])))
}

@Test func matmulEmptyInnerDimensionGivesZeros() {
    #expect(matmul(Tensor.zeros([3, 0]), Tensor.zeros([0, 2])) == Tensor.zeros([3, 2]))
    #expect(matmul(Tensor.zeros([0, 4]), Tensor.zeros([4, 5])).shape == [0, 5])
}

@Test func matmulPropagatesNaNAndInfinity() {
    // 0 · ∞ is NaN: a kernel that skipped the zeros of A would give 1 here.
    let a: Tensor = [[0, 1]]
    let b = Tensor([[.infinity, 1], [1, 1]])
    #expect(matmul(a, b)[0, 0].isNaN)
    let allNaN = matmul(Tensor.zeros([7, 9]), Tensor(shape: [9, 10], repeating: .nan)).scalars.allSatisfy { $0.isNaN }
    #expect(allNaN)
}

@Test func dotAndOuter() {
    #expect(dot([1, 2, 3], [4, 5, 6]) == 32)
    #expect(outer([1, 2], [3, 4, 5]) == [[3, 4, 5], [6, 8, 10]])
}

@Test("thin products (n ≤ 4) agree with the triple loop", arguments: [(false, false), (true, false), (false, true), (true, true)])
func matmulThin(flags: (Bool, Bool)) {
    let (transposeA, transposeB) = flags
    for (m, k, n) in [(2, 1, 2), (128, 128, 2), (33, 17, 3), (5, 203, 4), (1, 5, 3)] {
        let (a, b) = operands(m, k, n, transposeA: transposeA, transposeB: transposeB, seed: UInt64(7 * m + k))
        let c = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        let expected = naiveProduct(a, b, transposeA: transposeA, transposeB: transposeB)
        #expect(c.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-12 * Double(k)),
                "m \(m), k \(k), n \(n), transposeA \(transposeA), transposeB \(transposeB)")
    }
}

@Test("matmul(into:) on raw buffers gives exactly the numbers of matmul, for all four transposes",
      arguments: [(false, false), (true, false), (false, true), (true, true)])
func matmulIntoBuffersMatchesMatmul(flags: (Bool, Bool)) {
    let (transposeA, transposeB) = flags
    for (m, k, n) in [(1, 1, 1), (7, 13, 5), (1, 9, 10), (10, 9, 1), (128, 4, 120), (64, 120, 84), (84, 64, 2),
                      (64, 2, 84), (130, 129, 131)] {
        let (a, b) = operands(m, k, n, transposeA: transposeA, transposeB: transposeB, seed: UInt64(3 * m + k + n))
        let expected = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        // A result buffer larger than needed, pre-filled: only the first m·n elements change.
        var c = [Double](repeating: .nan, count: m * n + 3)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    matmul(pa, pb, into: pc, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
                }
            }
        }
        #expect(Array(c[0..<(m * n)]) == expected.scalars, "m \(m), k \(k), n \(n)")
        #expect(c[(m * n)...].allSatisfy { $0.isNaN })
    }
}

@Test func matmulIntoBuffersWithEmptyInnerDimensionWritesZeros() {
    var c = [Double](repeating: 7, count: 6)
    let empty: [Double] = []
    empty.withUnsafeBufferPointer { e in
        c.withUnsafeMutableBufferPointer { pc in matmul(e, e, into: pc, m: 2, n: 3, k: 0) }
    }
    #expect(c == [0, 0, 0, 0, 0, 0])
}

/// One of the kernel's paths that write C with row stride n, called as the kernel calls it.
private typealias KernelPath = (_ m: Int, _ n: Int, _ k: Int,
                                _ a: UnsafePointer<Double>, _ aRowStride: Int, _ aColumnStride: Int,
                                _ b: UnsafePointer<Double>, _ bRowStride: Int, _ bColumnStride: Int,
                                _ c: UnsafeMutablePointer<Double>) -> Void

/// C = op(A)·op(B), `[m, k] · [k, n]`, computed by the blocked kernel and by `path` on the same
/// operands (stored transposed as the flags say). Both C start as NaN, so an entry either leaves
/// unwritten shows as a difference.
private func blockedAndPath(_ path: KernelPath, _ a: Tensor, _ b: Tensor, m: Int, k: Int, n: Int,
                            transposeA: Bool, transposeB: Bool) -> (blocked: [Double], path: [Double]) {
    var blocked = [Double](repeating: .nan, count: m * n), other = blocked
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            let (aRow, aColumn) = transposeA ? (1, m) : (k, 1)
            let (bRow, bColumn) = transposeB ? (1, k) : (n, 1)
            blocked.withUnsafeMutableBufferPointer { c in
                MatrixKernel.multiplyBlocked(m: m, n: n, k: k, a: pa.baseAddress!, aRowStride: aRow, aColumnStride: aColumn,
                                             b: pb.baseAddress!, bRowStride: bRow, bColumnStride: bColumn,
                                             c: c.baseAddress!, cRowStride: n)
            }
            other.withUnsafeMutableBufferPointer { c in
                path(m, n, k, pa.baseAddress!, aRow, aColumn, pb.baseAddress!, bRow, bColumn, c.baseAddress!)
            }
        }
    }
    return (blocked, other)
}

@Test("the path without packing A gives bit for bit the blocked kernel's numbers, for all four transposes",
      arguments: [(false, false), (true, false), (false, true), (true, true)])
func stridedAMatchesBlockedExactly(flags: (Bool, Bool)) {
    let (transposeA, transposeB) = flags
    for (m, k, n) in [(1, 1, 1), (2, 1, 9), (5, 7, 7), (6, 8, 8), (64, 4, 120), (4, 64, 120), (64, 2, 84),
                      (64, 120, 84), (13, 256, 17), (97, 31, 33), (7, 200, 300)] {
        let (a, b) = operands(m, k, n, transposeA: transposeA, transposeB: transposeB, seed: UInt64(5 * m + 3 * k + n))
        #expect(MatrixKernel.prefersStridedA(m: m, n: n, k: k))
        let (blocked, strided) = blockedAndPath(MatrixKernel.multiplyStridedA, a, b, m: m, k: k, n: n,
                                                transposeA: transposeA, transposeB: transposeB)
        #expect(strided == blocked, "m \(m), k \(k), n \(n), transposeA \(transposeA), transposeB \(transposeB)")
    }
}

@Test("the 4 × 12 tile gives bit for bit the blocked kernel's numbers, edges and transposes included",
      arguments: [(false, false), (true, false), (false, true), (true, true)])
func wideTileMatchesBlockedExactly(flags: (Bool, Bool)) {
    let (transposeA, transposeB) = flags
    // Row counts with every remainder mod 4, column counts with every kind of 12-wide edge.
    for (m, k, n) in [(1, 3, 12), (2, 1, 9), (3, 5, 13), (4, 64, 120), (5, 7, 23), (64, 120, 84), (64, 84, 120),
                      (120, 64, 84), (66, 2, 84), (7, 200, 25)] {
        let (a, b) = operands(m, k, n, transposeA: transposeA, transposeB: transposeB, seed: UInt64(7 * m + k + 3 * n))
        let (blocked, wide) = blockedAndPath(MatrixKernel.multiplyStridedAWide, a, b, m: m, k: k, n: n,
                                             transposeA: transposeA, transposeB: transposeB)
        #expect(wide == blocked, "m \(m), k \(k), n \(n), transposeA \(transposeA), transposeB \(transposeB)")
    }
}

@Test func wideTileIsChosenOnlyWhereItPadsLess() {
    // DQN's half batch of 64 rows through 120 → 84 units: 66 × 88 padded with 6 × 8, none with 4 × 12.
    #expect(MatrixKernel.prefersWideTile(m: 64, n: 84))
    #expect(MatrixKernel.prefersWideTile(m: 120, n: 84))
    #expect(MatrixKernel.prefersWideTile(m: 4, n: 120))
    // 64 × 64 fits 6 × 8 better (66 × 64 against 64 × 72); a tie keeps 6 × 8.
    #expect(!MatrixKernel.prefersWideTile(m: 64, n: 64))
    #expect(!MatrixKernel.prefersWideTile(m: 12, n: 24))
}
