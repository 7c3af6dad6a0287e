import Testing
import TensorCore

@Test func elementwiseArithmeticOnEqualShapes() {
    let a: Tensor = [[1, 2], [3, 4]]
    let b: Tensor = [[10, 20], [30, 40]]
    #expect(a + b == [[11, 22], [33, 44]])
    #expect(b - a == [[9, 18], [27, 36]])
    #expect(a * b == [[10, 40], [90, 160]])
    #expect(b / a == [[10, 10], [10, 10]])
    #expect(-a == [[-1, -2], [-3, -4]])
}

@Test func biasRowIsAddedToEveryRow() {
    let batch: Tensor = [[1, 2, 3], [4, 5, 6]]
    let bias: Tensor = [10, 20, 30]
    #expect(batch + bias == [[11, 22, 33], [14, 25, 36]])
    #expect(bias + batch == [[11, 22, 33], [14, 25, 36]])
    #expect(batch - bias == [[-9, -18, -27], [-6, -15, -24]])
    #expect(bias - batch == [[9, 18, 27], [6, 15, 24]])
    // A suffix of a rank-3 shape: one matrix broadcast over the first axis.
    let cube = Tensor(shape: [2, 2, 2], repeating: 1)
    let plane: Tensor = [[0, 1], [2, 3]]
    #expect((cube * plane).scalars == [0, 1, 2, 3, 0, 1, 2, 3])
}

@Test func scalarsBroadcastEverywhere() {
    let a: Tensor = [[1, 2], [3, 4]]
    #expect(a + 1 == [[2, 3], [4, 5]])
    #expect(1 - a == [[0, -1], [-2, -3]])
    #expect(a * 2 == [[2, 4], [6, 8]])
    #expect(2 * a == [[2, 4], [6, 8]])
    #expect(a / 2 == [[0.5, 1], [1.5, 2]])
    #expect(12 / a == [[12, 6], [4, 3]])
    #expect(a + Tensor(scalar: 10) == [[11, 12], [13, 14]])
    #expect(Tensor(scalar: 10) - a == [[9, 8], [7, 6]])
}

@Test func inPlaceVariants() {
    var a: Tensor = [[1, 2], [3, 4]]
    a += [10, 20] as Tensor
    #expect(a == [[11, 22], [13, 24]])
    a -= [[1, 2], [3, 4]] as Tensor
    #expect(a == [[10, 20], [10, 20]])
    a *= 2
    #expect(a == [[20, 40], [20, 40]])
    a /= [20, 40] as Tensor
    #expect(a == [[1, 1], [1, 1]])
    a += 1
    a -= 0.5
    a /= 0.5
    #expect(a == [[3, 3], [3, 3]])
    a *= Tensor(scalar: 2)
    #expect(a == [[6, 6], [6, 6]])
    var w: Tensor = [1, 2, 3]
    w.add([1, 1, 1], scaledBy: -0.5)
    #expect(w == [0.5, 1.5, 2.5])
}

@Test func mapApplyCombined() {
    var a: Tensor = [[1, -2], [-3, 4]]
    #expect(a.map { Swift.max($0, 0) } == [[1, 0], [0, 4]])
    #expect(a.combined(with: [10, 100]) { $0 * $1 } == [[10, -200], [-30, 400]])
    a.apply { $0 * $0 }
    #expect(a == [[1, 4], [9, 16]])
    #expect(a.isFinite)
    #expect(!(a / 0).isFinite)
    #expect(a.isApproximatelyEqual(to: a + 1e-12))
    #expect(!a.isApproximatelyEqual(to: a + 1e-3))
}

@Test func mismatchedShapesStopWithBothShapes() async throws {
    let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        _ = Tensor.zeros([2, 3]) + Tensor.zeros([2])
    }
    let text = String(decoding: result.standardErrorContent, as: UTF8.self)
    #expect(text.contains("add (+): [2, 3] and [2]: shapes differ and neither is a suffix of the other"), "\(text)")
}

@Test func inPlaceUpdateThatWouldGrowStops() async {
    await #expect(processExitsWith: .failure) {
        var bias = Tensor.zeros([3])
        bias += Tensor.zeros([2, 3])
    }
}
