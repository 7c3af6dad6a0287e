/// A dense array of `Double`s with a shape, stored contiguously in row-major order.
///
/// `Tensor` is a value type: copies are cheap until one of them is mutated (copy on write,
/// inherited from `Array`). Rank 0 is a scalar, rank 1 a vector of shape `[n]`, rank 2 a matrix
/// of shape `[rows, columns]`; element `[i, j]` of a matrix lives at `scalars[i * columns + j]`.
///
/// Only `Double` is supported, on purpose: concrete code is compiled once, optimised, inside
/// this library, and a debug-built lesson that calls it still runs at full speed.
public struct Tensor: Sendable, Equatable {
    /// The extent of each axis, outermost first.
    public internal(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count` equals the product of `shape`.
    public internal(set) var scalars: [Double]

    /// Creates a tensor of the given shape from its elements in row-major order.
    public init(shape: [Int], scalars: [Double]) {
        check(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        check(shape.reduce(1, *) == scalars.count,
                     "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor of the given shape with every element equal to `value`.
    public init(shape: [Int], repeating value: Double) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// Creates a rank-0 tensor holding one number.
    public init(scalar: Double) {
        self.init(shape: [], scalars: [scalar])
    }

    /// Creates a vector from an array of numbers.
    public init(_ vector: [Double]) {
        self.init(shape: [vector.count], scalars: vector)
    }

    /// Creates a matrix from its rows; every row must have the same length.
    public init(_ rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() {
            check(row.count == columns,
                         "Tensor: row \(index) has \(row.count) elements, row 0 has \(columns)")
        }
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Tensor {
        var result = zeros([n, n])
        for i in 0..<n { result.scalars[i * n + i] = 1 }
        return result
    }

    /// Evenly spaced numbers from `start` to `end`, both included (like NumPy's `linspace`).
    public static func linspace(from start: Double, to end: Double, count: Int) -> Tensor {
        check(count >= 2, "linspace: count must be at least 2, got \(count)")
        let step = (end - start) / Double(count - 1)
        return Tensor((0..<count).map { start + Double($0) * step })
    }

    /// The number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix.
    public var rank: Int { shape.count }

    /// The number of elements.
    public var count: Int { scalars.count }

    /// The only element of a tensor that has exactly one.
    public var scalar: Double {
        check(scalars.count == 1, "scalar: tensor of shape \(shape) has \(scalars.count) elements")
        return scalars[0]
    }

    /// Makes this tensor equal to `other`, copying the values into the storage it already has
    /// when the element counts match (a buffer kept from one pass to the next), so that nothing
    /// is allocated; otherwise it simply becomes `other`.
    public mutating func assign(_ other: Tensor) {
        guard count == other.count else {
            self = other
            return
        }
        shape = other.shape
        scalars.withUnsafeMutableBufferPointer { target in
            other.scalars.withUnsafeBufferPointer { source in
                if let to = target.baseAddress, let from = source.baseAddress { to.update(from: from, count: source.count) }
            }
        }
    }

    /// Gives `body` read access to the contiguous elements, without copying.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Gives `body` write access to the contiguous elements, in place. The shape cannot change.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer(body)
    }
}

extension Tensor: CustomStringConvertible {
    /// A compact rendering such as `[[1.0, 2.0], [3.0, 4.0]]`.
    public var description: String {
        func render(_ axis: Int, _ offset: Int) -> String {
            if axis == shape.count { return "\(scalars[offset])" }
            let stride = shape[(axis + 1)...].reduce(1, *)
            let parts = (0..<shape[axis]).map { render(axis + 1, offset + $0 * stride) }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        return render(0, 0)
    }
}
