extension Tensor {
    /// A tensor of independent uniform draws from `range`.
    public static func uniform(_ shape: [Int], in range: ClosedRange<Double>,
                               using generator: inout SeededGenerator) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Double]()
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(generator.uniform(in: range)) }
        return Tensor(shape: shape, scalars: values)
    }

    /// A tensor of independent normal draws N(mean, standardDeviation²).
    public static func normal(_ shape: [Int], mean: Double = 0, standardDeviation: Double = 1,
                              using generator: inout SeededGenerator) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Double]()
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(generator.normal(mean: mean, standardDeviation: standardDeviation)) }
        return Tensor(shape: shape, scalars: values)
    }
}
