import Testing
import TensorCore

@Test func literalsBuildScalarsVectorsAndMatrices() {
    let v: Tensor = [1, 2, 3]
    #expect(v.shape == [3] && v.scalars == [1, 2, 3])
    let m: Tensor = [[1, 2], [3, 4]]
    #expect(m.shape == [2, 2] && m.scalars == [1, 2, 3, 4])
    let mixed: Tensor = [[1.5, 2], [3, 4.25]]
    #expect(mixed.scalars == [1.5, 2, 3, 4.25])
    let cube: Tensor = [[[1], [2]], [[3], [4]]]
    #expect(cube.shape == [2, 2, 1])
    #expect(m == Tensor([[1, 2], [3, 4]]))
    #expect(Tensor(scalar: 2).rank == 0 && Tensor(scalar: 2).scalar == 2)
    #expect(Tensor.identity(2) == [[1, 0], [0, 1]])
    #expect(Tensor.linspace(from: 0, to: 1, count: 5) == [0, 0.25, 0.5, 0.75, 1])
}

@Test func description() {
    let m: Tensor = [[1, 2], [3, 4]]
    #expect(m.description == "[[1.0, 2.0], [3.0, 4.0]]")
    #expect(Tensor([0.5, -1] as [Double]).description == "[0.5, -1.0]")
    #expect(Tensor(scalar: 3).description == "3.0")
    #expect("\(Tensor.zeros([2, 1, 1]))" == "[[[0.0]], [[0.0]]]")
}

@Test func subscripts() {
    var m: Tensor = [[1, 2, 3], [4, 5, 6]]
    #expect(m[1, 2] == 6)
    m[0, 1] = 9
    #expect(m.scalars == [1, 9, 3, 4, 5, 6])
    var v: Tensor = [1, 2]
    v[1] = 7
    #expect(v[1] == 7)
    var cube = Tensor.zeros([2, 3, 4])
    cube[index: [1, 2, 3]] = 5
    #expect(cube.scalars[23] == 5 && cube[index: [1, 2, 3]] == 5)
}

@Test func reshapeWithInferredExtent() {
    let t = Tensor(shape: [2, 6], scalars: (0..<12).map(Double.init))
    #expect(t.reshaped([3, 4]).shape == [3, 4])
    #expect(t.reshaped([-1, 3]).shape == [4, 3])
    #expect(t.reshaped([2, -1, 2]).shape == [2, 3, 2])
    #expect(t.reshaped([-1]).shape == [12])
    #expect(t.reshaped([4, -1]).scalars == t.scalars)
}

@Test func reshapeThatDoesNotFitStops() async {
    await #expect(processExitsWith: .failure) {
        _ = Tensor.zeros([2, 3]).reshaped([4, -1])
    }
}

@Test func transpose() {
    let m: Tensor = [[1, 2, 3], [4, 5, 6]]
    #expect(m.transposed() == [[1, 4], [2, 5], [3, 6]])
    #expect(m.transposed().transposed() == m)
    let v: Tensor = [1, 2]
    #expect(v.transposed() == v)
    // Larger than one 32 × 32 tile, with ragged edges.
    let big = Tensor(shape: [37, 45], scalars: (0..<(37 * 45)).map(Double.init))
    let bt = big.transposed()
    #expect(bt.shape == [45, 37] && bt[44, 36] == big[36, 44] && bt[3, 33] == big[33, 3])
}

@Test func rowsAndColumns() {
    let m: Tensor = [[1, 2], [3, 4], [5, 6]]
    #expect(m.row(1) == [3, 4])
    #expect(m.rows(1..<3) == [[3, 4], [5, 6]])
    #expect(m.rows(0..<0).shape == [0, 2])
    #expect(m.rows(at: [2, 0, 2]) == [[5, 6], [1, 2], [5, 6]])
    #expect(m.rows(at: []).shape == [0, 2])
    #expect(m.column(1) == [2, 4, 6])
    let cube = Tensor(shape: [2, 2, 2], scalars: (0..<8).map(Double.init))
    #expect(cube.row(1) == [[4, 5], [6, 7]])
}

@Test func stacking() {
    let rows = [Tensor([1, 2] as [Double]), Tensor([3, 4] as [Double]), Tensor([5, 6] as [Double])]
    #expect(Tensor(stacking: rows) == [[1, 2], [3, 4], [5, 6]])
    let matrices: [Tensor] = [[[1, 2]], [[3, 4]]]
    #expect(Tensor(stacking: matrices).shape == [2, 1, 2])
    #expect(Tensor(stacking: []).shape == [0])
}

@Test func concatenationAlongBothAxes() {
    let a: Tensor = [[1, 2], [3, 4]]
    let b: Tensor = [[5, 6]]
    let c: Tensor = [[7], [8]]
    #expect(Tensor(concatenating: [a, b]) == [[1, 2], [3, 4], [5, 6]])
    #expect(Tensor(concatenating: [a, c], alongAxis: 1) == [[1, 2, 7], [3, 4, 8]])
    #expect(Tensor(concatenating: [c, a, c], alongAxis: 1) == [[7, 1, 2, 7], [8, 3, 4, 8]])
    #expect(Tensor(concatenating: [[1, 2] as Tensor, [3] as Tensor]) == [1, 2, 3])
}

@Test func concatenatingMismatchedShapesStops() async {
    await #expect(processExitsWith: .failure) {
        let a: Tensor = [[1, 2], [3, 4]]
        let b: Tensor = [[5, 6, 7]]
        _ = Tensor(concatenating: [a, b])
    }
}
