import TensorCore

/// A pooling layer: each channel is cut into windows (`window`: f × f, stride s, padding p) and
/// each window is replaced by one number. What pooling layers share is written once here: the
/// shapes, the check of the input, and the walk over the windows;
/// a pooling layer writes only what it computes in a window and how its gradient flows back.
public protocol PoolingLayer: ParameterFreeLayer {
    /// The windows: input shape, f, s and p.
    var window: SlidingWindow { get }
}

extension PoolingLayer {
    /// The shape of the input images.
    public var inputShape: ImageShape { window.input }
    /// C × outputHeight × outputWidth: the channels are pooled separately.
    public var outputShape: ImageShape {
        ImageShape(channels: inputShape.channels, height: window.outputHeight, width: window.outputWidth)
    }
    public var inputWidth: Int? { inputShape.count }
    public var outputWidth: Int? { outputShape.count }

    /// The windows of a pooling layer: `size` × `size` moved by `stride` (default: `size`, windows
    /// that do not overlap); `padding` must be at most half the window, as PyTorch requires, so
    /// that every window holds at least one pixel of the image.
    static func windows(_ input: ImageShape, size: Int, stride: Int?, padding: Int, layer: String) -> SlidingWindow {
        check(padding <= size / 2, "\(layer): padding \(padding) must be at most half the window size \(size)")
        return SlidingWindow(input: input, size: size, stride: stride ?? size, padding: padding)
    }

    /// ∂L/∂y as a matrix `[m, outputs]` after checking it against the last forward's batch of m.
    func batchGradient(_ outputGradient: Tensor, batchSize m: Int) -> Tensor {
        check(m > 0, "\(kind).backward: call forward(_:) first")
        let g = outputGradient.rank == 1 ? outputGradient.reshaped([1, outputGradient.count]) : outputGradient
        check(g.shape == [m, outputShape.count],
              "\(kind).backward: output gradient \(outputGradient.shape) does not match the forward output [\(m), \(outputShape.count)]")
        return g
    }

    /// The input as a matrix `[m, C·H·W]`, and whether it was a single vector `[C·H·W]`;
    /// stops with a message naming both shapes if it does not match the layer's images.
    func batch(_ input: Tensor) -> (Tensor, isVector: Bool) {
        let width = inputShape.count
        if input.rank == 1 {
            check(input.count == width, "\(kind): input \(input.shape) does not match the layer's \(inputShape) image (\(width) numbers)")
            return (input.reshaped([1, width]), true)
        }
        check(input.rank == 2 && input.shape[1] == width,
              "\(kind): input \(input.shape) does not match the layer's \(inputShape) images; expected [m, \(width)]")
        return (input, false)
    }

    /// Calls `body(output, pixel)` for every (output, input pixel inside its window) pair of a
    /// batch of m images, both as flat indices into their batch matrices. Outputs come in
    /// increasing order, and the pixels of a window in reading order (row by row); pixels in the
    /// padding are skipped.
    func visitWindows(batchSize m: Int, _ body: (_ output: Int, _ pixel: Int) -> Void) {
        let (inCount, outCount) = (inputShape.count, outputShape.count)
        let (height, width) = (inputShape.height, inputShape.width)
        let (f, s, p) = (window.size, window.stride, window.padding)
        let (outHeight, outWidth) = (window.outputHeight, window.outputWidth)
        for sample in 0..<m {
            for channel in 0..<inputShape.channels {
                let planeStart = sample * inCount + channel * height * width
                for oy in 0..<outHeight {
                    for ox in 0..<outWidth {
                        let output = sample * outCount + (channel * outHeight + oy) * outWidth + ox
                        for i in 0..<f {
                            let y = oy * s + i - p
                            guard y >= 0 && y < height else { continue }
                            for j in 0..<f {
                                let column = ox * s + j - p
                                if column >= 0 && column < width { body(output, planeStart + y * width + column) }
                            }
                        }
                    }
                }
            }
        }
    }
}
