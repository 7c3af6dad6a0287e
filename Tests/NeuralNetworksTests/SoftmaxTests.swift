import NeuralNetworks
import TensorCore
import Testing

@Suite struct SoftmaxTests {
    @Test func stableOnLargeLogits() {
        let p = softmax([1000, 1001])
        #expect(abs(p[0] - 0.2689414213699951) < 1e-12)
        #expect(abs(p[1] - 0.7310585786300049) < 1e-12)
        let logP = logSoftmax([1000, 1001])
        #expect(abs(logP[0] - (-1.3132616875182228)) < 1e-12)
        #expect(logSoftmax([0, -2000])[1] == -2000)
    }

    @Test func rowsSumToOne() {
        var generator = SeededGenerator(seed: 7)
        let logits = Tensor.normal([5, 4], standardDeviation: 30, using: &generator)
        let p = softmax(logits)
        #expect(p.shape == [5, 4])
        for total in p.sum(alongAxis: 1).scalars { #expect(abs(total - 1) < 1e-12) }
        #expect(p.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        // Each row is the softmax of that row alone, and log-softmax is its logarithm.
        for i in 0..<5 {
            #expect(softmax(logits.row(i)).isApproximatelyEqual(to: p.row(i), absoluteTolerance: 1e-15))
        }
        let logP = logSoftmax(logits)
        #expect(logP.map { exp($0) }.isApproximatelyEqual(to: p, absoluteTolerance: 1e-12))
    }
}
