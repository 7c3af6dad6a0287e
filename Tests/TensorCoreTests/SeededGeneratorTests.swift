import Testing
import TensorCore

// Golden values: the first outputs of xoshiro256** seeded by SplitMix64, as printed by the
// authors' reference C code (xoshiro256starstar.c, splitmix64.c) compiled with gcc.

@Test func goldenOutputsMatchReferenceImplementation() {
    var zero = SeededGenerator(seed: 0)
    #expect((0..<5).map { _ in zero.next() } ==
            [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0,
             0x6AA5_94F1_262D_2D2C, 0xBBA5_AD4A_1F84_2E59])
    var fortyTwo = SeededGenerator(seed: 42)
    #expect((0..<5).map { _ in fortyTwo.next() } ==
            [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1,
             0xECB8_AD47_03B3_60A1, 0xFDE6_DC7F_E2EC_5E64])
    // uniform() keeps the top 53 bits.
    var again = SeededGenerator(seed: 42)
    #expect(again.uniform() == Double(UInt64(0x1578_0B2E_0C2E_C716) >> 11) * 0x1.0p-53)
}

@Test func sameSeedSameSequenceDifferentSeedsDiffer() {
    var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7), c = SeededGenerator(seed: 8)
    let sa = (0..<100).map { _ in a.next() }
    let sb = (0..<100).map { _ in b.next() }
    let sc = (0..<100).map { _ in c.next() }
    #expect(sa == sb)
    #expect(sa != sc)
    var n1 = SeededGenerator(seed: 3), n2 = SeededGenerator(seed: 3)
    #expect((0..<11).map { _ in n1.normal() } == (0..<11).map { _ in n2.normal() })
    #expect(Tensor.uniform([3, 4], in: -1...1, using: &n1) == Tensor.uniform([3, 4], in: -1...1, using: &n2))
}

/// Mean and (population) variance.
private func moments(_ xs: [Double]) -> (mean: Double, variance: Double) {
    let mean = xs.reduce(0, +) / Double(xs.count)
    return (mean, xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count))
}

@Test func uniformMomentsWithinFourStandardErrors() {
    var generator = SeededGenerator(seed: 1)
    let n = 100_000
    let xs = (0..<n).map { _ in generator.uniform() }
    #expect(xs.allSatisfy { $0 >= 0 && $0 < 1 })
    let (mean, variance) = moments(xs)
    // Var(U) = 1/12; Var((U − ½)²) = 1/80 − 1/144.
    #expect(abs(mean - 0.5) < 4 * (1.0 / 12 / Double(n)).squareRoot())
    #expect(abs(variance - 1.0 / 12) < 4 * ((1.0 / 80 - 1.0 / 144) / Double(n)).squareRoot())
    let ys = Tensor.uniform([n], in: -2...6, using: &generator).scalars
    #expect(ys.allSatisfy { $0 >= -2 && $0 < 6 })
    #expect(abs(moments(ys).mean - 2) < 4 * 8 * (1.0 / 12 / Double(n)).squareRoot())
}

@Test func normalMomentsWithinFourStandardErrors() {
    var generator = SeededGenerator(seed: 2)
    let n = 100_000
    let (mean, variance) = moments((0..<n).map { _ in generator.normal() })
    #expect(abs(mean) < 4 / Double(n).squareRoot())
    #expect(abs(variance - 1) < 4 * (2 / Double(n)).squareRoot())
    let scaled = moments(Tensor.normal([n], mean: 2, standardDeviation: 3, using: &generator).scalars)
    #expect(abs(scaled.mean - 2) < 4 * 3 / Double(n).squareRoot())
    #expect(abs(scaled.variance - 9) < 4 * 9 * (2 / Double(n)).squareRoot())
}

@Test func indexBelowIsInRangeAndUniform() {
    var generator = SeededGenerator(seed: 3)
    let n = 100_000, k = 10
    var counts = [Int](repeating: 0, count: k)
    for _ in 0..<n {
        let i = generator.index(below: k)
        #expect(i >= 0 && i < k)
        counts[i] += 1
    }
    // χ² with 9 degrees of freedom exceeds 27.9 with probability 0.001.
    let expected = Double(n) / Double(k)
    let chiSquare = counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    #expect(chiSquare < 27.9, "counts \(counts)")
    #expect((0..<100).allSatisfy { _ in generator.index(below: 1) == 0 })
    let rolls = (0..<1000).map { _ in generator.int(in: 1...6) }
    #expect(Set(rolls) == Set(1...6))
}

@Test func shuffleIsAPermutation() {
    var generator = SeededGenerator(seed: 4)
    let permutation = generator.permutation(100)
    #expect(permutation.sorted() == Array(0..<100))
    #expect(permutation != Array(0..<100))
    var letters = Array("abcdefghij")
    generator.shuffle(&letters)
    #expect(letters.sorted() == Array("abcdefghij"))
    #expect(generator.shuffled([5, 5, 1]).sorted() == [1, 5, 5])
    var empty = [Int]()
    generator.shuffle(&empty)
    #expect(empty.isEmpty)
}

@Test func sampleIndexFollowsTheProbabilities() {
    var generator = SeededGenerator(seed: 5)
    let weights = [1.0, 2, 0, 7]  // need not sum to one
    let n = 100_000
    var counts = [Int](repeating: 0, count: weights.count)
    for _ in 0..<n { counts[generator.sampleIndex(probabilities: weights)] += 1 }
    #expect(counts[2] == 0)
    for (i, w) in weights.enumerated() where w > 0 {
        let p = w / 10
        let standardError = (p * (1 - p) / Double(n)).squareRoot()
        #expect(abs(Double(counts[i]) / Double(n) - p) < 4 * standardError, "index \(i): \(counts)")
    }
    #expect(generator.sampleIndex(probabilities: [0, 0, 3]) == 2)
}

@Test func bernoulliFrequency() {
    var generator = SeededGenerator(seed: 6)
    let n = 100_000
    let hits = (0..<n).filter { _ in generator.bernoulli(0.3) }.count
    #expect(abs(Double(hits) / Double(n) - 0.3) < 4 * (0.3 * 0.7 / Double(n)).squareRoot())
    #expect(!(0..<100).contains { _ in generator.bernoulli(0) })
}
