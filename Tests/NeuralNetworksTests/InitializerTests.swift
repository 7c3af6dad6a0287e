import NeuralNetworks
import TensorCore
import Testing

@Suite struct InitializerTests {
    static func variance(_ t: Tensor) -> Double {
        let mean = t.mean()
        return t.map { ($0 - mean) * ($0 - mean) }.mean()
    }

    @Test func xavierUniformBoundAndVariance() {
        var generator = SeededGenerator(seed: 1)
        let w = Initializer.xavierUniform.tensor([400, 600], using: &generator)
        let bound = (6.0 / 1000).squareRoot()
        #expect(w.max() <= bound && w.min() >= -bound)
        #expect(w.max() > 0.99 * bound && w.min() < -0.99 * bound)
        // Sampling error of the variance of 240,000 uniform draws is about 0.2 %.
        #expect(abs(Self.variance(w) / (2.0 / 1000) - 1) < 0.01)
        #expect(abs(w.mean()) < 0.001)
    }

    @Test func normalSchemesHaveTheirVariance() {
        var generator = SeededGenerator(seed: 2)
        let cases: [(Initializer, Double)] = [
            (.heNormal, 2.0 / 500), (.heUniform, 2.0 / 500), (.xavierNormal, 2.0 / 800),
            (.lecunNormal, 1.0 / 500), (.lecunUniform, 1.0 / 500), (.normal(standardDeviation: 0.1), 0.01),
        ]
        for (initializer, expected) in cases {
            let w = initializer.tensor([500, 300], using: &generator)
            // 150,000 normal draws: the variance's relative standard error is √(2/n) ≈ 0.4 %.
            #expect(abs(Self.variance(w) / expected - 1) < 0.02, "\(initializer.name)")
        }
    }

    @Test func constantsAndDeterminism() {
        var generator = SeededGenerator(seed: 3)
        #expect(Initializer.zeros.tensor([2, 3], using: &generator) == .zeros([2, 3]))
        #expect(Initializer.constant(0.1).tensor([4], using: &generator) == Tensor(shape: [4], repeating: 0.1))
        let u = Initializer.uniform(-0.5...0.5).tensor([1000], using: &generator)
        #expect(u.max() <= 0.5 && u.min() >= -0.5)
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        #expect(Initializer.heNormal.tensor([3, 3], using: &a) == Initializer.heNormal.tensor([3, 3], using: &b))
    }
}
