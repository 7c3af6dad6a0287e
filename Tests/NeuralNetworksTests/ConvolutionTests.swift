import NeuralNetworks
import TensorCore
import Testing

/// One random convolution problem: sizes, a batch, filters and biases.
struct ConvolutionCase: CustomStringConvertible {
    let input: ImageShape
    let filters: Int, size: Int, stride: Int, padding: Int, batch: Int

    var description: String { "m = \(batch), \(input) → \(filters) filters \(size) × \(size), s = \(stride), p = \(padding)" }

    /// Random shapes from a seeded generator; the window always fits.
    static func random(_ count: Int, seed: UInt64) -> [ConvolutionCase] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let size = g.int(in: 1...4), padding = g.int(in: 0...2)
            let height = g.int(in: Swift.max(1, size - 2 * padding)...7)
            let width = g.int(in: Swift.max(1, size - 2 * padding)...7)
            return ConvolutionCase(input: ImageShape(channels: g.int(in: 1...3), height: height, width: width),
                                   filters: g.int(in: 1...4), size: size, stride: g.int(in: 1...3),
                                   padding: padding, batch: g.int(in: 1...3))
        }
    }
}

/// The definition, six loops deep: y[s, o, oy, ox] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] · x[s, c, oy·st + i − p, ox·st + j − p].
func naiveConvolution(_ x: Tensor, _ w: Tensor, _ b: Tensor, input: ImageShape, stride: Int, padding: Int) -> Tensor {
    let (m, filters, f) = (x.shape[0], w.shape[0], w.shape[2])
    let outH = (input.height + 2 * padding - f) / stride + 1, outW = (input.width + 2 * padding - f) / stride + 1
    var y = Tensor.zeros([m, filters * outH * outW])
    for s in 0..<m {
        for o in 0..<filters {
            for oy in 0..<outH {
                for ox in 0..<outW {
                    var sum = b[o]
                    for c in 0..<input.channels {
                        for i in 0..<f {
                            for j in 0..<f {
                                let row = oy * stride + i - padding, column = ox * stride + j - padding
                                guard row >= 0, row < input.height, column >= 0, column < input.width else { continue }
                                sum += w[index: [o, c, i, j]] * x[s, (c * input.height + row) * input.width + column]
                            }
                        }
                    }
                    y[s, (o * outH + oy) * outW + ox] = sum
                }
            }
        }
    }
    return y
}

/// The backward pass by the same loops: every product w·x in the forward sum sends δ·x to ∂w and δ·w to ∂x.
func naiveConvolutionGradients(_ x: Tensor, _ w: Tensor, delta: Tensor, input: ImageShape, stride: Int, padding: Int)
    -> (dx: Tensor, dw: Tensor, db: Tensor) {
    let (m, filters, f) = (x.shape[0], w.shape[0], w.shape[2])
    let outH = (input.height + 2 * padding - f) / stride + 1, outW = (input.width + 2 * padding - f) / stride + 1
    var dx = Tensor.zeros(x.shape), dw = Tensor.zeros(w.shape), db = Tensor.zeros([filters])
    for s in 0..<m {
        for o in 0..<filters {
            for oy in 0..<outH {
                for ox in 0..<outW {
                    let d = delta[s, (o * outH + oy) * outW + ox]
                    db[o] += d
                    for c in 0..<input.channels {
                        for i in 0..<f {
                            for j in 0..<f {
                                let row = oy * stride + i - padding, column = ox * stride + j - padding
                                guard row >= 0, row < input.height, column >= 0, column < input.width else { continue }
                                let pixel = (c * input.height + row) * input.width + column
                                dw[index: [o, c, i, j]] += d * x[s, pixel]
                                dx[s, pixel] += d * w[index: [o, c, i, j]]
                            }
                        }
                    }
                }
            }
        }
    }
    return (dx, dw, db)
}

/// The largest |aᵢ − bᵢ|. Tensors of different shapes fail the calling test (the issue names
/// both shapes and points at the caller) and give +∞, so a `< tolerance` check fails too.
func maxAbsDifference(_ a: Tensor, _ b: Tensor, sourceLocation: SourceLocation = #_sourceLocation) -> Double {
    guard a.shape == b.shape else {
        Issue.record("shapes differ: \(a.shape) vs \(b.shape)", sourceLocation: sourceLocation)
        return .infinity
    }
    return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
}

@Suite struct ConvolutionTests {
    /// The notes' 6 × 6 image and vertical-edge filter (seed 000, lines 1452–1465).
    static let notesImage: Tensor = Tensor(shape: [1, 36], scalars: [
        4, 9, 2, 5, 8, 3,  5, 6, 2, 4, 0, 3,  2, 4, 5, 4, 5, 2,
        5, 6, 5, 4, 7, 8,  5, 7, 7, 9, 2, 1,  5, 8, 5, 3, 8, 4])
    static let verticalEdge = Tensor(shape: [1, 1, 3, 3], scalars: [1, 0, -1, 1, 0, -1, 1, 0, -1])

    @Test("notes (000:1478): the first output of the 6 × 6 example is 2; the whole 4 × 4 map")
    func notesExample() {
        let layer = Convolution2D(input: ImageShape(channels: 1, height: 6, width: 6),
                                  weights: Self.verticalEdge, bias: [0])
        let y = layer(Self.notesImage)
        #expect(layer.outputShape == ImageShape(channels: 1, height: 4, width: 4))
        #expect(abs(y[0, 0] - 2) < 1e-12)
        // Worked out independently (NumPy, sum of the 3 × 3 products at each position).
        let expected: [Double] = [2, 6, -4, 5,  0, 4, 0, -1,  -5, 0, 3, 6,  -2, 5, 0, 3]
        #expect(maxAbsDifference(y, Tensor(shape: [1, 16], scalars: expected)) < 1e-12)
    }

    @Test("output size ⌊(n + 2p − f)/s⌋ + 1, the dimension problem of notes (003:468–471)")
    func outputSizes() {
        #expect(SlidingWindow.outputSize(inputSize: 32, size: 5) == 28)
        #expect(SlidingWindow.outputSize(inputSize: 32, size: 5, padding: 2) == 32)
        #expect(SlidingWindow.outputSize(inputSize: 32, size: 1) == 32)
        #expect(SlidingWindow.outputSize(inputSize: 7, size: 3, stride: 2) == 3)
        #expect(SlidingWindow.outputSize(inputSize: 8, size: 3, stride: 2) == 3)   // rounded down: the last column is never reached
        var g = SeededGenerator(seed: 10)
        let ten = Convolution2D(input: ImageShape(channels: 3, height: 32, width: 32), filters: 10, kernelSize: 5,
                                padding: 2, using: &g)
        #expect(ten.outputShape == ImageShape(channels: 10, height: 32, width: 32))
        #expect(ten.weights.count == 750 && ten.parameterCount == 760)
        #expect(Convolution2D.parameterCount(inputChannels: 3, filters: 10, kernelSize: 5, bias: false) == 750)
        #expect(Convolution2D.parameterCount(inputChannels: 3, filters: 10, kernelSize: 5) == ten.parameterCount)
    }

    @Test("forward = the six-loop definition, on 40 random shapes with stride and padding")
    func forwardMatchesNaiveLoops() {
        var g = SeededGenerator(seed: 11)
        for c in ConvolutionCase.random(40, seed: 1) {
            let layer = Convolution2D(input: c.input, filters: c.filters, kernelSize: c.size, stride: c.stride,
                                      padding: c.padding, biasInitializer: .uniform(-1...1), using: &g)
            let x = Tensor.normal([c.batch, c.input.count], using: &g)
            let naive = naiveConvolution(x, layer.weights, layer.bias, input: c.input, stride: c.stride, padding: c.padding)
            let y = layer(x)
            #expect(y.shape == [c.batch, layer.outputShape.count], "\(c)")
            #expect(maxAbsDifference(y, naive) < 1e-12, "\(c)")
        }
    }

    @Test("backward = the same loops run backwards, on 40 random shapes")
    func backwardMatchesNaiveLoops() {
        var g = SeededGenerator(seed: 12)
        for c in ConvolutionCase.random(40, seed: 2) {
            var layer = Convolution2D(input: c.input, filters: c.filters, kernelSize: c.size, stride: c.stride,
                                      padding: c.padding, using: &g)
            let x = Tensor.normal([c.batch, c.input.count], using: &g)
            let delta = Tensor.normal([c.batch, layer.outputShape.count], using: &g)
            _ = layer.forward(x)
            let dx = layer.backward(delta)
            let naive = naiveConvolutionGradients(x, layer.weights, delta: delta, input: c.input, stride: c.stride, padding: c.padding)
            #expect(maxAbsDifference(dx, naive.dx) < 1e-12, "∂x \(c)")
            #expect(maxAbsDifference(layer.weightGradient, naive.dw) < 1e-12, "∂W \(c)")
            #expect(maxAbsDifference(layer.biasGradient, naive.db) < 1e-12, "∂b \(c)")
        }
    }

    @Test("backward agrees with central differences for x, W and b, on 15 random shapes")
    func backwardMatchesCentralDifferences() {
        var g = SeededGenerator(seed: 13)
        for c in ConvolutionCase.random(15, seed: 3) {
            var layer = Convolution2D(input: c.input, filters: c.filters, kernelSize: c.size, stride: c.stride,
                                      padding: c.padding, biasInitializer: .uniform(-1...1), using: &g)
            let x = Tensor.normal([c.batch, c.input.count], using: &g)
            let upstream = Tensor.normal([c.batch, layer.outputShape.count], using: &g)
            // L = Σ upstream ⊙ y (cubed, so the loss is not linear in every input), ∂L/∂y = 3 upstream ⊙ y².
            func loss(_ l: Convolution2D, _ input: Tensor) -> Double { (upstream * l(input) * l(input) * l(input)).sum() }
            let y = layer.forward(x)
            let dx = layer.backward(upstream * y * y * 3)
            let frozen = layer
            let checks = [
                checkGradient(label: "x", at: x, analyticGradient: dx) { loss(frozen, $0) },
                checkGradient(label: "W", at: layer.weights, analyticGradient: layer.weightGradient) { w in
                    var copy = frozen
                    copy.weights = w
                    return loss(copy, x)
                },
                checkGradient(label: "b", at: layer.bias, analyticGradient: layer.biasGradient) { b in
                    var copy = frozen
                    copy.bias = b
                    return loss(copy, x)
                },
            ]
            for check in checks { #expect(check.passes(tolerance: 1e-6), "\(c): \(check)") }
        }
    }

    @Test("im2col and col2im are adjoint: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩")
    func im2colAdjoint() {
        var g = SeededGenerator(seed: 14)
        for c in ConvolutionCase.random(20, seed: 4) {
            let window = SlidingWindow(input: c.input, size: c.size, stride: c.stride, padding: c.padding)
            let x = Tensor.normal([c.batch, c.input.count], using: &g)
            let columns = im2col(x, window: window)
            #expect(columns.shape == [c.input.channels * c.size * c.size, c.batch * window.positions])
            let probe = Tensor.normal(columns.shape, using: &g)
            let left = (columns * probe).sum(), right = (x * col2im(probe, window: window, batchSize: c.batch)).sum()
            #expect(abs(left - right) < 1e-10 * Swift.max(1, abs(left)), "\(c)")
        }
    }

    @Test("a single vector gives a vector; accumulate adds the gradients; zeroGradients clears them")
    func vectorsAndAccumulation() {
        var g = SeededGenerator(seed: 15)
        let shape = ImageShape(channels: 2, height: 5, width: 4)
        var layer = Convolution2D(input: shape, filters: 3, kernelSize: 3, padding: 1, using: &g)
        let x = Tensor.normal([shape.count], using: &g)
        let y = layer.forward(x)
        #expect(y.shape == [3 * 5 * 4])
        #expect(maxAbsDifference(y, layer(x.reshaped([1, shape.count])).reshaped([60])) == 0)
        let delta = Tensor.normal([60], using: &g)
        let dx = layer.backward(delta)
        #expect(dx.shape == [shape.count])
        let once = layer.weightGradient
        layer.backward(delta, accumulate: true)
        #expect(maxAbsDifference(layer.weightGradient, once * 2) < 1e-12)
        layer.zeroGradients()
        #expect(layer.weightGradient.scalars.allSatisfy { $0 == 0 } && layer.biasGradient.scalars.allSatisfy { $0 == 0 })
    }

    @Test("conv → ReLU → max pool → dense in a Sequential: every parameter passes the gradient check")
    func sequentialGradientCheck() {
        var g = SeededGenerator(seed: 16)
        let image = ImageShape(channels: 2, height: 6, width: 6)
        let conv = Convolution2D(input: image, filters: 3, kernelSize: 3, padding: 1,
                                 biasInitializer: .uniform(-0.5...0.5), using: &g)
        let pool = MaxPooling2D(input: conv.outputShape, size: 2)
        let network = Sequential([conv, ActivationLayer(.tanh), pool,
                                  Dense(inputs: pool.outputShape.count, outputs: 4, using: &g)])
        #expect(network.inputCount == 72 && network.outputCount == 4)
        let x = Tensor.normal([3, 72], using: &g)
        let target = oneHot([0, 3, 1], count: 4)
        for result in network.checkGradients(loss: .categoricalCrossEntropyWithLogits, input: x, target: target) {
            #expect(result.passes(tolerance: 1e-6), "\(result)")
        }
    }

    @Test("a split batch (two cores) gives the unsplit outputs and, to rounding, the same gradients")
    func splitBatches() {
        var g = SeededGenerator(seed: 17)
        let image = ImageShape(channels: 1, height: 8, width: 8)
        let conv = Convolution2D(input: image, filters: 4, kernelSize: 3, padding: 1, using: &g)
        let pool = MaxPooling2D(input: conv.outputShape, size: 2)
        var whole = Sequential([conv, ActivationLayer(.relu), pool, Dense(inputs: pool.outputShape.count, outputs: 10, using: &g)])
        var split = whole
        split.splitBatchesFrom = 4
        let x = Tensor.uniform([16, 64], in: 0...1, using: &g)
        let target = oneHot((0..<16).map { $0 % 10 }, count: 10)
        #expect(maxAbsDifference(whole.predict(x), split.predict(x)) == 0)
        whole.computeGradients(input: x, target: target, loss: .categoricalCrossEntropyWithLogits)
        split.computeGradients(input: x, target: target, loss: .categoricalCrossEntropyWithLogits)
        for (a, b) in zip(whole.gradients, split.gradients) { #expect(maxAbsDifference(a, b) < 1e-12) }
    }
}
