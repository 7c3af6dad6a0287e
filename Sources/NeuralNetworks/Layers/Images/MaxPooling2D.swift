import TensorCore

/// Max pooling: each channel is cut into f × f windows (stride s, default f) and each window
/// is replaced by its largest value. No parameters.
///
/// Backward: only the arg-max of each window influenced the output, so ∂L/∂y of a window goes
/// to that one pixel and every other pixel of the window gets 0; a pixel that wins several
/// overlapping windows receives the sum. Ties go to the first maximum in reading order (row by
/// row), and padding counts as −∞ (it can never win): both as in PyTorch's `nn.MaxPool2d`, which
/// also requires p ≤ f/2 so that every window holds at least one real pixel.
public struct MaxPooling2D: Layer {
    /// The windows: input shape, f, s and p.
    public let window: SlidingWindow
    /// For every output of the last `forward`, the index within its input row of the arg-max.
    private var cachedWinners: [Int32] = []
    private var cachedBatchSize = 0
    private var inputWasVector = false

    /// Max pooling over `size` × `size` windows moved by `stride` (default: `size`, windows that
    /// do not overlap) on images of shape `input`.
    public init(input: ImageShape, size: Int, stride: Int? = nil, padding: Int = 0) {
        check(padding <= size / 2, "MaxPooling2D: padding \(padding) must be at most half the window size \(size)")
        window = SlidingWindow(input: input, size: size, stride: stride ?? size, padding: padding)
    }

    /// The shape of the input images.
    public var inputShape: ImageShape { window.input }
    /// C × outputHeight × outputWidth: the channels are pooled separately.
    public var outputShape: ImageShape {
        ImageShape(channels: inputShape.channels, height: window.outputHeight, width: window.outputWidth)
    }
    public var kind: String { "MaxPooling2D" }
    public var inputWidth: Int? { inputShape.count }
    public var outputWidth: Int? { outputShape.count }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let (x, isVector) = poolingBatch(input, window: window, layer: kind)
        let y = pool(x).output
        return isVector ? y.reshaped([outputShape.count]) : y
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let (x, isVector) = poolingBatch(input, window: window, layer: kind)
        let (y, winners) = pool(x)
        cachedWinners = winners
        cachedBatchSize = x.shape[0]
        inputWasVector = isVector
        return isVector ? y.reshaped([outputShape.count]) : y
    }

    /// Routes each output's gradient to the pixel that won its window.
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        check(cachedBatchSize > 0, "MaxPooling2D.backward: call forward(_:) first")
        let m = cachedBatchSize, outCount = outputShape.count, inCount = inputShape.count
        let g = outputGradient.rank == 1 ? outputGradient.reshaped([1, outputGradient.count]) : outputGradient
        check(g.shape == [m, outCount],
              "MaxPooling2D.backward: output gradient \(outputGradient.shape) does not match the forward output [\(m), \(outCount)]")
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

    /// The pooled batch and, for each output, the row index of its window's maximum.
    private func pool(_ x: Tensor) -> (output: Tensor, winners: [Int32]) {
        let m = x.shape[0], (inCount, outCount) = (inputShape.count, outputShape.count)
        let (height, width) = (inputShape.height, inputShape.width)
        let (f, s, p) = (window.size, window.stride, window.padding)
        let (outHeight, outWidth) = (window.outputHeight, window.outputWidth)
        var winners = [Int32](repeating: 0, count: m * outCount)
        var values = [Double](repeating: 0, count: m * outCount)
        x.withUnsafeBufferPointer { input in
            for sample in 0..<m {
                for channel in 0..<inputShape.channels {
                    let planeStart = sample * inCount + channel * height * width
                    for oy in 0..<outHeight {
                        for ox in 0..<outWidth {
                            var best = -Double.infinity, bestIndex = -1
                            for i in 0..<f {
                                let y = oy * s + i - p
                                guard y >= 0 && y < height else { continue }
                                for j in 0..<f {
                                    let column = ox * s + j - p
                                    guard column >= 0 && column < width else { continue }
                                    let value = input[planeStart + y * width + column]
                                    if value > best || bestIndex < 0 || value.isNaN {
                                        best = value
                                        bestIndex = channel * height * width + y * width + column
                                    }
                                }
                            }
                            let k = sample * outCount + (channel * outHeight + oy) * outWidth + ox
                            values[k] = best
                            winners[k] = Int32(bestIndex)
                        }
                    }
                }
            }
        }
        return (Tensor(shape: [m, outCount], scalars: values), winners)
    }

    public var parameters: [Tensor] {
        get { [] }
        set { check(newValue.isEmpty, "MaxPooling2D: pooling has no parameters, got \(newValue.count)") }
    }
    public var gradients: [Tensor] {
        get { [] }
        set { check(newValue.isEmpty, "MaxPooling2D: pooling has no gradients, got \(newValue.count)") }
    }
    public var parameterNames: [String] { [] }
    public mutating func visitParameters(_ body: (inout Tensor, Tensor) -> Void) {}
    public mutating func zeroGradients() {}
}

/// The input of a pooling layer as a matrix `[m, C·H·W]`, and whether it was a single vector.
func poolingBatch(_ input: Tensor, window: SlidingWindow, layer: String) -> (Tensor, Bool) {
    let width = window.input.count
    if input.rank == 1 {
        check(input.count == width, "\(layer): input \(input.shape) does not match the layer's \(window.input) image (\(width) numbers)")
        return (input.reshaped([1, width]), true)
    }
    check(input.rank == 2 && input.shape[1] == width,
          "\(layer): input \(input.shape) does not match the layer's \(window.input) images; expected [m, \(width)]")
    return (input, false)
}
