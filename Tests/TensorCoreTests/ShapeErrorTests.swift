import Testing
import TensorCore

// A shape mistake must stop the process (a precondition), with a message naming the operation
// and both shapes. Exit tests run the body in a child process, so the trap is observable.

@Test func mismatchedMatmulStops() async {
    await #expect(processExitsWith: .failure) {
        _ = matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
    }
}

@Test func capturedValuesReachTheExitTest() async {
    let inner = 4
    let shape = [2, 3]
    await #expect(processExitsWith: .failure) { [inner = inner as Int, shape = shape as [Int]] in
        _ = matmul(Tensor.zeros(shape), Tensor.zeros([inner, 5]))
    }
}

@Test func preconditionMessageIsCaptured() async throws {
    let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        _ = matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
    }
    let text = String(decoding: result.standardErrorContent, as: UTF8.self)
    #expect(text.contains("matmul: [2, 3] × [4, 5]: inner dimensions 3 and 4 differ"), "\(text)")
}

@Test func capturedTensorsReachTheExitTest() async {
    let a: Tensor = [[1, 2, 3], [4, 5, 6]]
    let b: Tensor = [[1, 2], [3, 4]]
    await #expect(processExitsWith: .failure) { [a = a as Tensor, b = b as Tensor] in
        _ = matmul(a, b)
    }
    await #expect(processExitsWith: .success) { [a = a as Tensor] in
        _ = matmul(a, a, transposeB: true)
    }
}

@Test func matmulIntoTooSmallBufferStopsWithTheSizes() async throws {
    let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        let a = [Double](repeating: 1, count: 6), b = [Double](repeating: 1, count: 12)
        var c = [Double](repeating: 0, count: 7)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in matmul(pa, pb, into: pc, m: 2, n: 4, k: 3) }
            }
        }
    }
    let text = String(decoding: result.standardErrorContent, as: UTF8.self)
    #expect(text.contains("matmul(into:): [2, 3] × [3, 4] → [2, 4] needs buffers of 6, 12 and 8 elements, got 6, 12 and 7"), "\(text)")
}
