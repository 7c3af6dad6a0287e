import Testing
import TensorCore

/// [[1, 5, 3], [4, 2, 6]]
private let matrix: Tensor = [[1, 5, 3], [4, 2, 6]]
/// 0, 1, …, 23 as a 2 × 3 × 4 tensor: element [i, j, k] = 12i + 4j + k.
private let cube = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Double.init))

@Test func wholeTensorReductions() {
    #expect(matrix.sum() == 21)
    #expect(matrix.mean() == 3.5)
    #expect(matrix.max() == 6)
    #expect(matrix.min() == 1)
    #expect(matrix.argmax() == 5)
    #expect(cube.sum() == 276)
    #expect(Tensor([3, 4] as [Double]).norm() == 5)
}

@Test func matrixReductionsAlongEachAxis() {
    #expect(matrix.sum(alongAxis: 0) == [5, 7, 9])
    #expect(matrix.sum(alongAxis: 1) == [9, 12])
    #expect(matrix.mean(alongAxis: 0) == [2.5, 3.5, 4.5])
    #expect(matrix.mean(alongAxis: 1) == [3, 4])
    #expect(matrix.max(alongAxis: 0) == [4, 5, 6])
    #expect(matrix.max(alongAxis: 1) == [5, 6])
    #expect(matrix.min(alongAxis: 0) == [1, 2, 3])
    #expect(matrix.min(alongAxis: 1) == [1, 2])
    #expect(matrix.argmax(alongAxis: 0) == [1, 0, 1])
    #expect(matrix.argmax(alongAxis: 1) == [1, 2])
}

@Test func rank3ReductionsAlongEachAxis() {
    // Σᵢ (12i + 4j + k) = 12 + 2(4j + k)
    #expect(cube.sum(alongAxis: 0) == [[12, 14, 16, 18], [20, 22, 24, 26], [28, 30, 32, 34]])
    // Σⱼ (12i + 4j + k) = 36i + 12 + 3k
    #expect(cube.sum(alongAxis: 1) == [[12, 15, 18, 21], [48, 51, 54, 57]])
    // Σₖ (12i + 4j + k) = 48i + 16j + 6
    #expect(cube.sum(alongAxis: 2) == [[6, 22, 38], [54, 70, 86]])
    #expect(cube.mean(alongAxis: 1) == [[4, 5, 6, 7], [16, 17, 18, 19]])
    #expect(cube.max(alongAxis: 0) == Tensor(shape: [3, 4], scalars: (12..<24).map(Double.init)))
    #expect(cube.max(alongAxis: 2) == [[3, 7, 11], [15, 19, 23]])
    #expect(cube.min(alongAxis: 2) == [[0, 4, 8], [12, 16, 20]])
}

@Test func argmaxTiesGoToTheFirst() {
    let ties: Tensor = [[1, 3, 3], [2, 2, 1]]
    #expect(ties.argmax(alongAxis: 1) == [1, 0])
    #expect(ties.argmax(alongAxis: 0) == [1, 0, 0])
    let equalRows: Tensor = [[5, 1], [5, 1]]
    #expect(equalRows.argmax(alongAxis: 0) == [0, 0])
    #expect(Tensor([3, 1, 3] as [Double]).argmax() == 0)
    #expect(Tensor([7] as [Double]).argmax() == 0)
}

@Test func reductionOfAnUnknownAxisStops() async {
    await #expect(processExitsWith: .failure) {
        _ = Tensor.zeros([2, 3]).sum(alongAxis: 2)
    }
}
