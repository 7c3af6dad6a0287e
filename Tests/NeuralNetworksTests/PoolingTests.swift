import NeuralNetworks
import TensorCore
import Testing

/// Pooling by its definition: `reduce` over the real pixels of each window (padding skipped).
func naivePooling(_ x: Tensor, input: ImageShape, size f: Int, stride s: Int, padding p: Int,
                  _ reduce: ([Double]) -> Double) -> Tensor {
    let outH = (input.height + 2 * p - f) / s + 1, outW = (input.width + 2 * p - f) / s + 1
    var y = Tensor.zeros([x.shape[0], input.channels * outH * outW])
    for sample in 0..<x.shape[0] {
        for c in 0..<input.channels {
            for oy in 0..<outH {
                for ox in 0..<outW {
                    var values: [Double] = []
                    for i in 0..<f {
                        for j in 0..<f {
                            let row = oy * s + i - p, column = ox * s + j - p
                            if row >= 0, row < input.height, column >= 0, column < input.width {
                                values.append(x[sample, (c * input.height + row) * input.width + column])
                            }
                        }
                    }
                    y[sample, (c * outH + oy) * outW + ox] = reduce(values)
                }
            }
        }
    }
    return y
}

@Suite struct PoolingTests {
    /// The 4 × 4 grid of the notes' pooling tables (seed 000, lines 1510–1513 and 1520–1523).
    static let notesGrid = Tensor(shape: [1, 16], scalars: [4, 9, 2, 5, 5, 6, 2, 4, 2, 4, 5, 4, 5, 6, 8, 4])
    static let grid = ImageShape(channels: 1, height: 4, width: 4)

    @Test("notes (000:1515–1516): max pooling 2 × 2 gives 9 5 / 6 8")
    func notesMaxPooling() {
        let y = MaxPooling2D(input: Self.grid, size: 2)(Self.notesGrid)
        #expect(y == Tensor(shape: [1, 4], scalars: [9, 5, 6, 8]))
    }

    @Test("notes (000:1525–1526): average pooling gives 6, 3.25, 4.25, 5.25 (the notes round to 6.0 3.3 / 4.3 5.3)")
    func notesAveragePooling() {
        let y = AveragePooling2D(input: Self.grid, size: 2)(Self.notesGrid)
        #expect(maxAbsDifference(y, Tensor(shape: [1, 4], scalars: [6, 3.25, 4.25, 5.25])) < 1e-12)
    }

    @Test("max pooling backward sends each gradient to its window's arg-max, nothing elsewhere")
    func maxBackwardToArgMax() {
        var layer = MaxPooling2D(input: Self.grid, size: 2)
        _ = layer.forward(Self.notesGrid)
        let dx = layer.backward(Tensor(shape: [1, 4], scalars: [1, 2, 3, 4]))
        // Winners: 9 at (0,1), 5 at (0,3), 6 at (3,1), 8 at (3,2).
        #expect(dx == Tensor(shape: [1, 16], scalars: [0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 0]))
    }

    @Test("ties go to the first maximum in reading order, as in PyTorch")
    func maxTies() {
        var layer = MaxPooling2D(input: ImageShape(channels: 1, height: 2, width: 2), size: 2)
        _ = layer.forward(Tensor(shape: [1, 4], scalars: [1, 7, 7, 7]))
        #expect(layer.backward(Tensor(shape: [1, 1], scalars: [1])) == Tensor(shape: [1, 4], scalars: [0, 1, 0, 0]))
    }

    @Test("forward = the definition on 40 random shapes (stride, padding, channels), max and average")
    func forwardMatchesNaive() {
        var g = SeededGenerator(seed: 21)
        for c in ConvolutionCase.random(40, seed: 5) {
            let padding = Swift.min(c.padding, c.size / 2)
            guard c.size <= Swift.min(c.input.height, c.input.width) + 2 * padding else { continue }
            let x = Tensor.normal([c.batch, c.input.count], using: &g)
            let maxLayer = MaxPooling2D(input: c.input, size: c.size, stride: c.stride, padding: padding)
            let averageLayer = AveragePooling2D(input: c.input, size: c.size, stride: c.stride, padding: padding)
            let f2 = Double(c.size * c.size)
            #expect(maxAbsDifference(maxLayer(x), naivePooling(x, input: c.input, size: c.size, stride: c.stride,
                                                                padding: padding) { $0.max()! }) == 0, "\(c)")
            #expect(maxAbsDifference(averageLayer(x), naivePooling(x, input: c.input, size: c.size, stride: c.stride,
                                                                    padding: padding) { $0.reduce(0, +) / f2 }) < 1e-12, "\(c)")
        }
    }

    @Test("backward agrees with central differences on 20 random shapes, overlapping windows included")
    func backwardMatchesCentralDifferences() {
        var g = SeededGenerator(seed: 22)
        for c in ConvolutionCase.random(20, seed: 6) {
            let padding = Swift.min(c.padding, c.size / 2)
            guard c.size <= Swift.min(c.input.height, c.input.width) + 2 * padding else { continue }
            // Distinct values 0.01 apart (a thousand steps of 1e-5), so that no step changes a window's winner.
            let x = Tensor(shape: [c.batch, c.input.count],
                           scalars: g.shuffled((0..<(c.batch * c.input.count)).map { Double($0) * 0.01 }))
            let layers: [any Layer] = [MaxPooling2D(input: c.input, size: c.size, stride: c.stride, padding: padding),
                                       AveragePooling2D(input: c.input, size: c.size, stride: c.stride, padding: padding)]
            for var layer in layers {
                let upstream = Tensor.normal([c.batch, layer.outputWidth!], using: &g)
                _ = layer.forward(x)
                let dx = layer.backward(upstream)
                let frozen = layer
                // An upstream entry near 0 gives a derivative near 0, where rounding (~1e-11) dominates: measure against 1e-4.
                let result = checkGradient(label: "\(layer.kind) x", at: x, analyticGradient: dx, tiny: 1e-4) {
                    (upstream * frozen($0)).sum()
                }
                #expect(result.passes(tolerance: 1e-6), "\(c): \(result)")
            }
        }
    }

    @Test("padding never wins a max pool; the average pool divides by f² with padding counted as 0")
    func padding() {
        let shape = ImageShape(channels: 1, height: 2, width: 2)
        let x = Tensor(shape: [1, 4], scalars: [-1, -2, -3, -4])
        let maxPooled = MaxPooling2D(input: shape, size: 2, stride: 1, padding: 1)(x)
        #expect(maxPooled == Tensor(shape: [1, 9], scalars: [-1, -1, -2, -1, -1, -2, -3, -3, -4]))
        let averaged = AveragePooling2D(input: shape, size: 2, stride: 2, padding: 1)(x)
        #expect(averaged == Tensor(shape: [1, 4], scalars: [-0.25, -0.5, -0.75, -1]))
    }
}
