// Element-wise arithmetic.
//
// Broadcasting is deliberately narrow, so that a shape mistake stops instead of silently
// producing garbage: two tensors combine when their shapes are equal, when one of them is a
// rank-0 scalar, or when the shape of one is a suffix of the other's. The last case is the
// one neural networks need: a bias of shape [n] added to every row of a batch of shape [m, n].

extension Tensor {
    /// The shape of `a ∘ b` under the broadcasting rule above, or a stop naming both shapes.
    @usableFromInline
    static func broadcastShape(_ a: [Int], _ b: [Int], _ operation: String) -> [Int] {
        if a == b { return a }
        let aExtendsB = a.count >= b.count && Array(a.suffix(b.count)) == b
        let bExtendsA = b.count > a.count && Array(b.suffix(a.count)) == a
        check(aExtendsB || bExtendsA, "\(operation): \(a) and \(b): shapes differ and neither is a suffix of the other")
        return aExtendsB ? a : b
    }

    /// Combines two tensors element by element under the broadcasting rule.
    ///
    /// The smaller operand repeats every `count` elements of the larger, so the loops run row by
    /// row with no index arithmetic in the innermost loop, which the compiler vectorises once `f`
    /// (always a plain operator or a short closure) is inlined.
    @inline(__always)
    static func combine(_ a: Tensor, _ b: Tensor, _ operation: String,
                        _ f: (Double, Double) -> Double) -> Tensor {
        let shape = broadcastShape(a.shape, b.shape, operation)
        let n = shape.reduce(1, *)
        let (na, nb) = (a.count, b.count)
        let result = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            a.scalars.withUnsafeBufferPointer { bufferA in
                b.scalars.withUnsafeBufferPointer { bufferB in
                    // Plain pointers: through the `inout` buffer, every store would reload its base.
                    guard n > 0 else { return }
                    let (out, pa, pb) = (buffer.baseAddress!, bufferA.baseAddress!, bufferB.baseAddress!)
                    if na == n && nb == n {
                        for i in 0..<n { out[i] = f(pa[i], pb[i]) }
                    } else if na == n {
                        for start in stride(from: 0, to: n, by: nb) {
                            for j in 0..<nb { out[start + j] = f(pa[start + j], pb[j]) }
                        }
                    } else {
                        for start in stride(from: 0, to: n, by: na) {
                            for j in 0..<na { out[start + j] = f(pa[j], pb[start + j]) }
                        }
                    }
                }
            }
            initialized = n
        }
        return Tensor(shape: shape, scalars: result)
    }

    /// Updates `a` in place with `b` under the broadcasting rule; `b` may not be the larger one.
    /// A bias `[n]` added to a batch `[m, n]` runs as m vectorised row updates, with no copy.
    @inline(__always)
    static func update(_ a: inout Tensor, _ b: Tensor, _ operation: String, _ f: (Double, Double) -> Double) {
        let shape = broadcastShape(a.shape, b.shape, operation)
        check(shape == a.shape,
                     "\(operation): \(a.shape) and \(b.shape): the result would not fit the left-hand side")
        let nb = b.count
        b.scalars.withUnsafeBufferPointer { bufferB in
            a.scalars.withUnsafeMutableBufferPointer { bufferA in
                guard nb > 0 else { return }
                let (pa, pb, na) = (bufferA.baseAddress!, bufferB.baseAddress!, bufferA.count)
                for start in stride(from: 0, to: na, by: nb) {
                    for j in 0..<nb { pa[start + j] = f(pa[start + j], pb[j]) }
                }
            }
        }
    }

    /// Applies `transform` to every element.
    public func map(_ transform: (Double) throws -> Double) rethrows -> Tensor {
        Tensor(shape: shape, scalars: try scalars.map(transform))
    }

    /// Applies `transform` to every element in place.
    public mutating func apply(_ transform: (Double) -> Double) {
        scalars.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] = transform(p[i]) }
        }
    }

    /// Combines this tensor with another element by element (a `zip` followed by a `map`),
    /// under the same broadcasting rule as `+`.
    public func combined(with other: Tensor, _ combine: (Double, Double) -> Double) -> Tensor {
        Tensor.combine(self, other, "combined(with:)", combine)
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor { combine(a, b, "add (+)", +) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { combine(a, b, "subtract (-)", -) }
    /// Element-wise (Hadamard) product, written ⊙ in the notes.
    public static func * (a: Tensor, b: Tensor) -> Tensor { combine(a, b, "multiply (*)", *) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { combine(a, b, "divide (/)", /) }

    public static func + (a: Tensor, s: Double) -> Tensor { a.map { $0 + s } }
    public static func - (a: Tensor, s: Double) -> Tensor { a.map { $0 - s } }
    public static func * (a: Tensor, s: Double) -> Tensor { a.map { $0 * s } }
    public static func / (a: Tensor, s: Double) -> Tensor { a.map { $0 / s } }
    public static func + (s: Double, a: Tensor) -> Tensor { a.map { s + $0 } }
    public static func - (s: Double, a: Tensor) -> Tensor { a.map { s - $0 } }
    public static func * (s: Double, a: Tensor) -> Tensor { a.map { s * $0 } }
    public static func / (s: Double, a: Tensor) -> Tensor { a.map { s / $0 } }
    public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

    public static func += (a: inout Tensor, b: Tensor) { update(&a, b, "add (+=)", +) }
    public static func -= (a: inout Tensor, b: Tensor) { update(&a, b, "subtract (-=)", -) }
    public static func *= (a: inout Tensor, b: Tensor) { update(&a, b, "multiply (*=)", *) }
    public static func /= (a: inout Tensor, b: Tensor) { update(&a, b, "divide (/=)", /) }
    public static func += (a: inout Tensor, s: Double) { a.apply { $0 + s } }
    public static func -= (a: inout Tensor, s: Double) { a.apply { $0 - s } }
    public static func *= (a: inout Tensor, s: Double) { a.apply { $0 * s } }
    public static func /= (a: inout Tensor, s: Double) { a.apply { $0 / s } }

    /// `self += scale * other` in place, without a temporary (the "axpy" of BLAS).
    /// This is the update of plain gradient descent: `weights.add(gradient, scaledBy: -η)`.
    public mutating func add(_ other: Tensor, scaledBy scale: Double) {
        check(shape == other.shape, "add(_:scaledBy:): shapes \(shape) and \(other.shape) differ")
        other.scalars.withUnsafeBufferPointer { b in
            scalars.withUnsafeMutableBufferPointer { a in
                for i in 0..<a.count { a[i] += scale * b[i] }
            }
        }
    }

    /// True when every element is finite (no NaN, no ±∞).
    public var isFinite: Bool { scalars.allSatisfy(\.isFinite) }

    /// True when both tensors have the same shape and every pair of elements satisfies
    /// `|a − b| ≤ absoluteTolerance + relativeTolerance·|b|` (the rule of NumPy's `allclose`).
    /// This is not `==`: approximate equality is not transitive.
    public func isApproximatelyEqual(to other: Tensor, absoluteTolerance: Double = 1e-9,
                                     relativeTolerance: Double = 1e-9) -> Bool {
        guard shape == other.shape else { return false }
        for (a, b) in zip(scalars, other.scalars) {
            if !(abs(a - b) <= absoluteTolerance + relativeTolerance * abs(b)) { return false }
        }
        return true
    }
}
