extension Tensor {
    /// Reads or writes element `i` of a vector.
    public subscript(_ i: Int) -> Double {
        get {
            check(rank == 1, "subscript [i]: needs a vector, got shape \(shape)")
            check(i >= 0 && i < shape[0], "subscript [\(i)]: index out of range for shape \(shape)")
            return scalars[i]
        }
        set {
            check(rank == 1, "subscript [i]: needs a vector, got shape \(shape)")
            check(i >= 0 && i < shape[0], "subscript [\(i)]: index out of range for shape \(shape)")
            scalars[i] = newValue
        }
    }

    /// Reads or writes element `[i, j]` of a matrix.
    public subscript(_ i: Int, _ j: Int) -> Double {
        get {
            check(rank == 2, "subscript [i, j]: needs a matrix, got shape \(shape)")
            check(i >= 0 && i < shape[0] && j >= 0 && j < shape[1],
                         "subscript [\(i), \(j)]: index out of range for shape \(shape)")
            return scalars[i * shape[1] + j]
        }
        set {
            check(rank == 2, "subscript [i, j]: needs a matrix, got shape \(shape)")
            check(i >= 0 && i < shape[0] && j >= 0 && j < shape[1],
                         "subscript [\(i), \(j)]: index out of range for shape \(shape)")
            scalars[i * shape[1] + j] = newValue
        }
    }

    /// Reads or writes the element at a full index of any rank.
    public subscript(index index: [Int]) -> Double {
        get { scalars[flatIndex(index)] }
        set { scalars[flatIndex(index)] = newValue }
    }

    private func flatIndex(_ index: [Int]) -> Int {
        check(index.count == rank, "subscript \(index): rank \(index.count) index into shape \(shape)")
        var flat = 0
        for (axis, i) in index.enumerated() {
            check(i >= 0 && i < shape[axis], "subscript \(index): index out of range for shape \(shape)")
            flat = flat * shape[axis] + i
        }
        return flat
    }

    /// The same elements under a new shape with the same number of elements.
    /// One extent may be `-1`, meaning "whatever makes the count match".
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let hole = newShape.firstIndex(of: -1) {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            check(known > 0 && count % known == 0,
                         "reshape: \(shape) → \(newShape): \(count) elements do not fit")
            resolved[hole] = count / known
        }
        check(resolved.reduce(1, *) == count,
                     "reshape: \(shape) → \(newShape): \(count) elements cannot take that shape")
        return Tensor(shape: resolved, scalars: scalars)
    }

    /// The transpose of a matrix (rows become columns); a vector is returned unchanged.
    public func transposed() -> Tensor {
        if rank == 1 { return self }
        check(rank == 2, "transposed: needs a matrix, got shape \(shape)")
        let (rows, columns) = (shape[0], shape[1])
        var result = [Double](repeating: 0, count: count)
        scalars.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                // Tiles keep both the reads and the writes within a few cache lines.
                let tile = 32
                for i0 in stride(from: 0, to: rows, by: tile) {
                    for j0 in stride(from: 0, to: columns, by: tile) {
                        for i in i0..<Swift.min(i0 + tile, rows) {
                            for j in j0..<Swift.min(j0 + tile, columns) {
                                target[j * rows + i] = source[i * columns + j]
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [columns, rows], scalars: result)
    }

    /// Row `i` of a matrix as a vector (or, for higher rank, the sub-tensor at index `i` of axis 0).
    public func row(_ i: Int) -> Tensor {
        check(rank >= 1, "row: needs at least one axis, got shape \(shape)")
        check(i >= 0 && i < shape[0], "row \(i): out of range for shape \(shape)")
        let width = count / Swift.max(shape[0], 1)
        return Tensor(shape: Array(shape.dropFirst()), scalars: Array(scalars[(i * width)..<((i + 1) * width)]))
    }

    /// Rows `range` of a matrix (a slice along axis 0), as a new tensor.
    public func rows(_ range: Range<Int>) -> Tensor {
        check(rank >= 1, "rows: needs at least one axis, got shape \(shape)")
        check(range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "rows \(range): out of range for shape \(shape)")
        let width = count / Swift.max(shape[0], 1)
        var newShape = shape
        newShape[0] = range.count
        return Tensor(shape: newShape,
                      scalars: Array(scalars[(range.lowerBound * width)..<(range.upperBound * width)]))
    }

    /// The rows at the given indices, in that order (a gather along axis 0; used for mini-batches).
    public func rows(at indices: [Int]) -> Tensor {
        check(rank >= 1, "rows(at:): needs at least one axis, got shape \(shape)")
        let width = count / Swift.max(shape[0], 1)
        var result = [Double]()
        result.reserveCapacity(indices.count * width)
        for i in indices {
            check(i >= 0 && i < shape[0], "rows(at:): index \(i) out of range for shape \(shape)")
            result.append(contentsOf: scalars[(i * width)..<((i + 1) * width)])
        }
        var newShape = shape
        newShape[0] = indices.count
        return Tensor(shape: newShape, scalars: result)
    }

    /// Element `columns[i]` of every row i of a matrix `[m, n]`, as a column `[m, 1]`: the
    /// Q-values of the actions taken, Q(sᵢ, aᵢ), from Q(sᵢ, ·). PyTorch's `q.gather(1, a)`.
    public func gathering(columns: [Int]) -> Tensor {
        check(rank == 2 && columns.count == shape[0],
              "gathering(columns:): needs a matrix and one column per row, got shape \(shape) and \(columns.count) columns")
        let n = shape[1]
        return Tensor(shape: [shape[0], 1], scalars: columns.enumerated().map { i, j in
            check(j >= 0 && j < n, "gathering(columns:): column \(j) out of range for shape \(shape)")
            return scalars[i * n + j]
        })
    }

    /// The adjoint of `gathering(columns:)`: a zero matrix `[m, width]` whose row i holds this
    /// column's element i at `columns[i]`. It carries ∂L/∂Q(sᵢ, aᵢ) back to the full output
    /// Q(sᵢ, ·); the actions not taken get 0, having had no target.
    public func scattering(columns: [Int], width: Int) -> Tensor {
        check(shape == [columns.count, 1], "scattering(columns:width:): needs a column [\(columns.count), 1], got \(shape)")
        var result = Tensor.zeros([columns.count, width])
        result.withUnsafeMutableBufferPointer { r in
            for (i, j) in columns.enumerated() {
                check(j >= 0 && j < width, "scattering(columns:width:): column \(j) out of range 0..<\(width)")
                r[i * width + j] = scalars[i]
            }
        }
        return result
    }

    /// Column `j` of a matrix as a vector.
    public func column(_ j: Int) -> Tensor {
        check(rank == 2, "column: needs a matrix, got shape \(shape)")
        check(j >= 0 && j < shape[1], "column \(j): out of range for shape \(shape)")
        return Tensor((0..<shape[0]).map { scalars[$0 * shape[1] + j] })
    }

    /// Stacks tensors of one shape along a new first axis: vectors become the rows of a matrix.
    public init(stacking parts: [Tensor]) {
        guard let first = parts.first else {
            self.init(shape: [0], scalars: [])
            return
        }
        for part in parts {
            check(part.shape == first.shape, "stack: shapes \(first.shape) and \(part.shape) differ")
        }
        self.init(shape: [parts.count] + first.shape, scalars: parts.flatMap(\.scalars))
    }

    /// Joins tensors along an existing axis; all other extents must agree.
    /// `axis: 0` appends rows, `axis: 1` appends columns of matrices.
    public init(concatenating parts: [Tensor], alongAxis axis: Int = 0) {
        check(!parts.isEmpty, "concatenate: no tensors given")
        let first = parts[0]
        check(axis >= 0 && axis < first.rank, "concatenate: axis \(axis) for shape \(first.shape)")
        for part in parts {
            var a = part.shape, b = first.shape
            check(a.count == b.count, "concatenate: shapes \(first.shape) and \(part.shape) differ in rank")
            a[axis] = 0
            b[axis] = 0
            check(a == b, "concatenate along axis \(axis): shapes \(first.shape) and \(part.shape) differ")
        }
        let outer = first.shape[..<axis].reduce(1, *)
        var result = [Double]()
        result.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for o in 0..<outer {
            for part in parts {
                let block = part.shape[axis...].reduce(1, *)
                result.append(contentsOf: part.scalars[(o * block)..<((o + 1) * block)])
            }
        }
        var shape = first.shape
        shape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
        self.init(shape: shape, scalars: result)
    }
}
