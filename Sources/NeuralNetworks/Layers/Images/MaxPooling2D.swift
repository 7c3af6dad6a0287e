import TensorCore

/// Max pooling: each channel is cut into f × f windows (stride s, default f) and each window
/// is replaced by its largest value. No parameters.
///
/// Backward: only the arg-max of each window influenced the output, so ∂L/∂y of a window goes
/// to that one pixel and every other pixel of the window gets 0; a pixel that wins several
/// overlapping windows receives the sum. Ties go to the first maximum in reading order (row by
/// row), and padding counts as −∞ (it can never win): both as in PyTorch's `nn.MaxPool2d`, which
/// also requires p ≤ f/2 so that every window holds at least one real pixel.
public struct MaxPooling2D: PoolingLayer {
    /// The windows: input shape, f, s and p.
    public let window: SlidingWindow
    /// For every output of the last `forward`, the index within its input row of the arg-max.
    private var cachedWinners: [Int32] = []
    private var cachedBatchSize = 0
    private var inputWasVector = false

    /// Max pooling over `size` × `size` windows moved by `stride` (default: `size`, windows that
    /// do not overlap) on images of shape `input`.
    public init(input: ImageShape, size: Int, stride: Int? = nil, padding: Int = 0) {
        window = Self.windows(input, size: size, stride: stride, padding: padding, layer: "MaxPooling2D")
    }

    public var kind: String { "MaxPooling2D" }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let (x, isVector) = batch(input)
        let y = pool(x).output
        return isVector ? y.reshaped([outputShape.count]) : y
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let (x, isVector) = batch(input)
        let (y, winners) = pool(x)
        cachedWinners = winners
        cachedBatchSize = x.shape[0]
        inputWasVector = isVector
        return isVector ? y.reshaped([outputShape.count]) : y
    }

    /// Routes each output's gradient to the pixel that won its window.
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        let m = cachedBatchSize, outCount = outputShape.count, inCount = inputShape.count
        let g = batchGradient(outputGradient, batchSize: m)
        guard needsInputGradient else { return nil }
        var dx = Tensor.zeros([m, inCount])
        dx.withUnsafeMutableBufferPointer { d in
            g.withUnsafeBufferPointer { gy in
                for sample in 0..<m {
                    for k in 0..<outCount {
                        d[sample * inCount + Int(cachedWinners[sample * outCount + k])] += gy[sample * outCount + k]
                    }
                }
            }
        }
        return inputWasVector ? dx.reshaped([inCount]) : dx
    }

    /// The pooled batch and, for each output, the row index of its window's maximum (the first
    /// in reading order on a tie; a NaN wins, so that it propagates).
    private func pool(_ x: Tensor) -> (output: Tensor, winners: [Int32]) {
        let m = x.shape[0], (inCount, outCount) = (inputShape.count, outputShape.count)
        var winners = [Int32](repeating: -1, count: m * outCount)
        var values = [Double](repeating: -.infinity, count: m * outCount)
        x.withUnsafeBufferPointer { input in
            values.withUnsafeMutableBufferPointer { best in
                winners.withUnsafeMutableBufferPointer { winner in
                    visitWindows(batchSize: m) { output, pixel in
                        let value = input[pixel]
                        if value > best[output] || winner[output] < 0 || value.isNaN {
                            best[output] = value
                            winner[output] = Int32(pixel % inCount)
                        }
                    }
                }
            }
        }
        return (Tensor(shape: [m, outCount], scalars: values), winners)
    }
}
