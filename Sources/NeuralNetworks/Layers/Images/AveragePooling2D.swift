import TensorCore

/// Average pooling: each channel is cut into f × f windows (stride s, default f) and each
/// window is replaced by its mean. No parameters.
///
/// Backward: every pixel of a window contributed 1/f² of its output, so it receives 1/f² of
/// that output's gradient (summed over the windows it belongs to). Padding counts as zeros
/// and the divisor is always f², PyTorch's `nn.AvgPool2d` default (`count_include_pad=True`).
public struct AveragePooling2D: PoolingLayer {
    /// The windows: input shape, f, s and p.
    public let window: SlidingWindow
    private var cachedBatchSize = 0
    private var inputWasVector = false

    /// Average pooling over `size` × `size` windows moved by `stride` (default: `size`).
    public init(input: ImageShape, size: Int, stride: Int? = nil, padding: Int = 0) {
        window = Self.windows(input, size: size, stride: stride, padding: padding, layer: "AveragePooling2D")
    }

    public var kind: String { "AveragePooling2D" }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let (x, isVector) = batch(input)
        let y = pool(x)
        return isVector ? y.reshaped([outputShape.count]) : y
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let (x, isVector) = batch(input)
        cachedBatchSize = x.shape[0]
        inputWasVector = isVector
        let y = pool(x)
        return isVector ? y.reshaped([outputShape.count]) : y
    }

    /// Spreads each output's gradient evenly, 1/f² to each pixel of its window.
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        let m = cachedBatchSize
        let g = batchGradient(outputGradient, batchSize: m)
        guard needsInputGradient else { return nil }
        var dx = Tensor.zeros([m, inputShape.count])
        let scale = 1 / Double(window.size * window.size)
        dx.withUnsafeMutableBufferPointer { d in
            g.withUnsafeBufferPointer { gy in
                visitWindows(batchSize: m) { output, pixel in d[pixel] += scale * gy[output] }
            }
        }
        return inputWasVector ? dx.reshaped([inputShape.count]) : dx
    }

    /// The mean of every window.
    private func pool(_ x: Tensor) -> Tensor {
        let m = x.shape[0]
        var y = Tensor.zeros([m, outputShape.count])
        let scale = 1 / Double(window.size * window.size)
        y.withUnsafeMutableBufferPointer { out in
            x.withUnsafeBufferPointer { input in
                visitWindows(batchSize: m) { output, pixel in out[output] += scale * input[pixel] }
            }
        }
        return y
    }
}
