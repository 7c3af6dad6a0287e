/// The course's only source of randomness: xoshiro256** seeded through SplitMix64.
///
/// The same seed gives the same sequence on every platform and every Swift version, because
/// every conversion (to a double in [0, 1), to an index, to a normal draw) is defined here
/// rather than borrowed from the standard library, whose algorithms may change. It also
/// conforms to `RandomNumberGenerator`, but prefer its own methods for reproducible results.
///
/// Reference: Blackman and Vigna, "Scrambled linear pseudorandom number generators" (2021).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// A second normal draw kept from the last Box–Muller pair.
    private var spareNormal: Double?

    /// Creates a generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        // SplitMix64 spreads any seed, even 0, over the 256 bits of state.
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
        spareNormal = nil
    }

    /// The generator of the named stream `stream` under `seed`: `SeededGenerator(seed:
    /// SeededGenerator.seed(seed, stream: stream))`.
    ///
    /// Streams with different names are unrelated sequences, so code that asks for its own
    /// stream by name ("replay sampling") gets the same numbers whatever ran before it.
    public init(seed: UInt64, stream: String) {
        self.init(seed: SeededGenerator.seed(seed, stream: stream))
    }

    /// The seed of the named stream `stream` under `seed`, the same on every platform and run.
    ///
    /// The name is hashed with 64-bit FNV-1a over its UTF-8 bytes (not with Swift's `Hasher`,
    /// which is seeded differently in every process), and the hash and the seed are combined
    /// through SplitMix64's finaliser twice, so that nearby seeds and similar names give
    /// unrelated streams.
    public static func seed(_ seed: UInt64, stream: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return mix(mix(seed &+ 0x9E37_79B9_7F4A_7C15) ^ hash)
    }

    /// SplitMix64's output function: a bijection of 64-bit words with good avalanche.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform draw from [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform draw from `[low, high)`.
    public mutating func uniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }

    /// A uniform integer in `0..<upperBound`, without modulo bias (Lemire's method).
    public mutating func index(below upperBound: Int) -> Int {
        check(upperBound > 0, "index(below:): upper bound must be positive, got \(upperBound)")
        let bound = UInt64(upperBound)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return Int(product.high)
    }

    /// A uniform integer in a closed range, such as a die roll `int(in: 1...6)`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + index(below: range.upperBound - range.lowerBound + 1)
    }

    /// A normal draw N(mean, standardDeviation²) by the Box–Muller transform.
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return mean + standardDeviation * spare
        }
        var u = uniform()
        while u == 0 { u = uniform() }
        let v = uniform()
        let radius = (-2 * log(u)).squareRoot()
        let angle = 2 * Double.pi * v
        spareNormal = radius * sin(angle)
        return mean + standardDeviation * radius * cos(angle)
    }

    /// True with probability `p`.
    public mutating func bernoulli(_ p: Double) -> Bool {
        uniform() < p
    }

    /// Shuffles an array in place (Fisher–Yates).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, index(below: i + 1))
        }
    }

    /// A shuffled copy of an array.
    public mutating func shuffled<T>(_ array: [T]) -> [T] {
        var copy = array
        shuffle(&copy)
        return copy
    }

    /// The numbers `0..<n` in random order (a random permutation, for mini-batches).
    public mutating func permutation(_ n: Int) -> [Int] {
        shuffled(Array(0..<n))
    }

    /// An index drawn with the given probabilities (they need not be normalised, only ≥ 0).
    public mutating func sampleIndex(probabilities: [Double]) -> Int {
        let total = probabilities.reduce(0, +)
        check(total > 0 && probabilities.allSatisfy { $0 >= 0 },
                     "sampleIndex: probabilities must be non-negative with a positive sum, got \(probabilities)")
        var target = uniform() * total
        for (i, p) in probabilities.enumerated() {
            target -= p
            if target < 0 { return i }
        }
        return probabilities.lastIndex { $0 > 0 }!
    }
}

