extension Tensor {
    /// The sum of all elements.
    public func sum() -> Double {
        scalars.withUnsafeBufferPointer { p in
            var total = 0.0
            for x in p { total += x }
            return total
        }
    }

    /// The mean of all elements.
    public func mean() -> Double {
        check(count > 0, "mean: empty tensor of shape \(shape)")
        return sum() / Double(count)
    }

    /// The largest element.
    public func max() -> Double {
        check(count > 0, "max: empty tensor of shape \(shape)")
        return scalars.max()!
    }

    /// The smallest element.
    public func min() -> Double {
        check(count > 0, "min: empty tensor of shape \(shape)")
        return scalars.min()!
    }

    /// The flat index of the largest element (the first one on ties).
    public func argmax() -> Int {
        check(count > 0, "argmax: empty tensor of shape \(shape)")
        return withUnsafeBufferPointer { TensorCore.argmax($0.baseAddress!, count: count) }
    }

    /// Reduces along one axis, which disappears from the shape.
    /// For a matrix, axis 0 reduces down the columns (giving one value per column) and axis 1
    /// across each row (one value per row).
    @inline(__always)
    private func reduce(alongAxis axis: Int, _ name: String, initial: Double,
                        _ combine: (Double, Double) -> Double) -> Tensor {
        check(axis >= 0 && axis < rank, "\(name)(alongAxis: \(axis)): no such axis in shape \(shape)")
        let outer = shape[..<axis].reduce(1, *)
        let extent = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        var result = [Double](repeating: initial, count: outer * inner)
        scalars.withUnsafeBufferPointer { pp in
            result.withUnsafeMutableBufferPointer { pr in
                guard let p = pp.baseAddress, let r = pr.baseAddress else { return }
                for o in 0..<outer {
                    let out = r + o * inner
                    for k in 0..<extent {
                        let row = p + (o * extent + k) * inner
                        for i in 0..<inner { out[i] = combine(out[i], row[i]) }
                    }
                }
            }
        }
        var newShape = shape
        newShape.remove(at: axis)
        return Tensor(shape: newShape, scalars: result)
    }

    /// Sums along one axis; `batch.sum(alongAxis: 0)` adds up the rows (the bias gradient of a batch).
    public func sum(alongAxis axis: Int) -> Tensor {
        reduce(alongAxis: axis, "sum", initial: 0, +)
    }

    /// Means along one axis.
    public func mean(alongAxis axis: Int) -> Tensor {
        check(axis >= 0 && axis < rank && shape[axis] > 0, "mean(alongAxis: \(axis)): shape \(shape)")
        return sum(alongAxis: axis) / Double(shape[axis])
    }

    /// Maxima along one axis.
    public func max(alongAxis axis: Int) -> Tensor {
        reduce(alongAxis: axis, "max", initial: -.infinity) { Swift.max($0, $1) }
    }

    /// Minima along one axis.
    public func min(alongAxis axis: Int) -> Tensor {
        reduce(alongAxis: axis, "min", initial: .infinity) { Swift.min($0, $1) }
    }

    /// For a matrix, the column index of the largest element of each row (`axis: 1`) or the row
    /// index of the largest element of each column (`axis: 0`); ties go to the first.
    public func argmax(alongAxis axis: Int) -> [Int] {
        check(rank == 2 && (axis == 0 || axis == 1), "argmax(alongAxis: \(axis)): needs a matrix, got shape \(shape)")
        let (rows, columns) = (shape[0], shape[1])
        check(shape[axis] > 0 || shape[1 - axis] == 0, "argmax(alongAxis: \(axis)): shape \(shape) has nothing to compare along that axis")
        if axis == 1 {
            return withUnsafeBufferPointer { p in
                (0..<rows).map { i in TensorCore.argmax(p.baseAddress! + i * columns, count: columns) }
            }
        }
        return transposed().argmax(alongAxis: 1)
    }

    /// The Euclidean (Frobenius) norm √(Σ x²).
    public func norm() -> Double {
        scalars.withUnsafeBufferPointer { p in
            var total = 0.0
            for x in p { total += x * x }
            return total.squareRoot()
        }
    }
}
