import TensorCore

/// A 2-D convolutional layer, as deep-learning libraries define it: a cross-correlation of the
/// image with F learned filters, plus one bias per filter, with zero padding and a stride.
///
/// y[o, oy, ox] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] · x[c, oy·s + i − p, ox·s + j − p]
///
/// (x is 0 outside the image). Nothing is flipped: a true convolution would read W[o, c, f−1−i,
/// f−1−j]. This is PyTorch's `nn.Conv2d(C, F, f, stride: s, padding: p)` with the same weight
/// layout `[F, C, f, f]`, the same NCHW order inside a row and the same output size
/// ⌊(n + 2p − f) / s⌋ + 1, and Keras's `Conv2D` with `padding="same"`/`"valid"` for p = (f−1)/2 / 0
/// at stride 1. No activation is applied: put an `ActivationLayer` after it.
///
/// Computation: the forward pass is im2col and then **one** `matmul`, W `[F, C·f·f]` times the
/// columns `[C·f·f, m·P]` of the whole batch; the backward pass is two more products on the
/// columns remembered by `forward`:
/// - ∂L/∂W = Δ · columnsᵀ (for each filter, a cross-correlation of the input with ∂L/∂y),
/// - ∂L/∂b = Σ of Δ over positions and samples,
/// - ∂L/∂x = col2im(Wᵀ · Δ) (a full convolution of ∂L/∂y with the filters),
/// where Δ `[F, m·P]` is ∂L/∂y reordered filter-major.
public struct Convolution2D: WeightedLayer {
    /// Where the filters visit the input: its shape, f, s and p.
    public let window: SlidingWindow
    /// W, shape `[filters, channels, f, f]` (PyTorch's layout).
    public var weights: Tensor
    /// b, shape `[filters]`: one bias per output channel.
    public var bias: Tensor
    /// ∂L/∂W from the last `backward`, shape `[filters, channels, f, f]`.
    public var weightGradient: Tensor
    /// ∂L/∂b from the last `backward`, shape `[filters]`.
    public var biasGradient: Tensor

    /// im2col of the last `forward`'s input, `[C·f·f, m·P]`.
    private var cachedColumns: Tensor?
    /// The batch size of the last `forward`, and whether it was a single vector.
    private var cachedBatchSize = 0
    private var inputWasVector = false

    /// A layer with the given filters `[filters, channels, f, f]` and biases `[filters]`, sliding
    /// over images of shape `input` with `stride` and zero `padding`.
    public init(input: ImageShape, weights: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0) {
        check(weights.rank == 4 && weights.shape[1] == input.channels && weights.shape[2] == weights.shape[3],
              "Convolution2D: weights must be [filters, \(input.channels), f, f] for \(input.channels) input channels, got \(weights.shape)")
        check(bias.shape == [weights.shape[0]],
              "Convolution2D: bias \(bias.shape) does not match weights \(weights.shape); expected [\(weights.shape[0])]")
        self.window = SlidingWindow(input: input, size: weights.shape[2], stride: stride, padding: padding)
        self.weights = weights
        self.bias = bias
        self.weightGradient = .zeros(weights.shape)
        self.biasGradient = .zeros(bias.shape)
    }

    /// `filters` filters of `kernelSize` × `kernelSize` over all input channels, weights drawn by
    /// `weightInitializer` with fan-in C·f·f and fan-out F·f·f (as Keras and PyTorch count them),
    /// biases by `biasInitializer`.
    public init(input: ImageShape, filters: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                weightInitializer: Initializer = .xavierUniform, biasInitializer: Initializer = .zeros,
                using generator: inout SeededGenerator) {
        check(filters > 0 && kernelSize > 0,
              "Convolution2D: filters (\(filters)) and kernel size (\(kernelSize)) must be positive")
        let fanIn = input.channels * kernelSize * kernelSize, fanOut = filters * kernelSize * kernelSize
        self.init(input: input,
                  weights: weightInitializer.tensor([filters, input.channels, kernelSize, kernelSize],
                                                    fanIn: fanIn, fanOut: fanOut, using: &generator),
                  bias: biasInitializer.tensor([filters], fanIn: fanIn, fanOut: fanOut, using: &generator),
                  stride: stride, padding: padding)
    }

    /// The trainable numbers of a convolution from C to F channels with f × f filters:
    /// C·f·f·F weights, plus F biases when `bias` is true. It does not depend on the image size,
    /// which is why a convolution is cheap in parameters (003:470 asks for it without biases).
    public static func parameterCount(inputChannels: Int, filters: Int, kernelSize: Int, bias: Bool = true) -> Int {
        inputChannels * kernelSize * kernelSize * filters + (bias ? filters : 0)
    }

    /// F, the number of filters (output channels).
    public var filterCount: Int { weights.shape[0] }
    /// The shape of the input images.
    public var inputShape: ImageShape { window.input }
    /// The shape of the output: F × outputHeight × outputWidth.
    public var outputShape: ImageShape {
        ImageShape(channels: filterCount, height: window.outputHeight, width: window.outputWidth)
    }
    public var kind: String { "Conv2D" }
    public var inputWidth: Int? { inputShape.count }
    public var outputWidth: Int? { outputShape.count }

    /// y = W ⋆ x + b without remembering anything (inference).
    ///
    /// Shapes: `[m, C·H·W] → [m, F·H′·W′]`, or `[C·H·W] → [F·H′·W′]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let (x, isVector) = asBatch(input)
        let y = output(columns: im2col(x, window: window), batchSize: x.shape[0])
        return isVector ? y.reshaped([outputShape.count]) : y
    }

    /// y = W ⋆ x + b, remembering im2col(x) for `backward` (training).
    public mutating func forward(_ input: Tensor) -> Tensor {
        let (x, isVector) = asBatch(input)
        let columns = im2col(x, window: window)
        cachedColumns = columns
        cachedBatchSize = x.shape[0]
        inputWasVector = isVector
        let y = output(columns: columns, batchSize: x.shape[0])
        return isVector ? y.reshaped([outputShape.count]) : y
    }

    /// Back-propagates ∂L/∂y `[m, F·H′·W′]`: stores ∂L/∂W and ∂L/∂b and returns ∂L/∂x
    /// `[m, C·H·W]` (nil when `needsInputGradient` is false).
    public mutating func backward(_ outputGradient: Tensor, accumulate: Bool, needsInputGradient: Bool) -> Tensor? {
        check(cachedColumns != nil, "Convolution2D.backward: call forward(_:) first")
        let m = cachedBatchSize, positions = window.positions
        let g = outputGradient.rank == 1 ? outputGradient.reshaped([1, outputGradient.count]) : outputGradient
        check(g.shape == [m, outputShape.count],
              "Convolution2D.backward: output gradient \(outputGradient.shape) does not match the forward output [\(m), \(outputShape.count)]")
        let delta = toFilterMajor(g, filters: filterCount, batchSize: m, positions: positions)
        let dW = matmul(delta, cachedColumns!, transposeB: true).reshaped(weights.shape)
        let db = delta.sum(alongAxis: 1)
        storeGradients(weights: dW, bias: db, accumulate: accumulate)
        guard needsInputGradient else { return nil }
        let columnGradient = matmul(filterMatrix, delta, transposeA: true)
        let dx = col2im(columnGradient, window: window, batchSize: m)
        return inputWasVector ? dx.reshaped([inputShape.count]) : dx
    }

    // parameters, gradients, their names, visiting and zeroing: `WeightedLayer`.

    /// W as the matrix `[F, C·f·f]` whose rows are the flattened filters.
    public var filterMatrix: Tensor { weights.reshaped([filterCount, window.patchLength]) }

    /// W · columns + b, reordered to one image per row.
    private func output(columns: Tensor, batchSize m: Int) -> Tensor {
        toBatchMajor(matmul(filterMatrix, columns), adding: bias, batchSize: m, positions: window.positions)
    }

    /// The input as a matrix `[m, C·H·W]`, and whether it was a single vector.
    private func asBatch(_ input: Tensor) -> (Tensor, Bool) {
        if input.rank == 1 {
            check(input.count == inputShape.count,
                  "Convolution2D: input \(input.shape) does not match the layer's \(inputShape) image (\(inputShape.count) numbers)")
            return (input.reshaped([1, inputShape.count]), true)
        }
        check(input.rank == 2 && input.shape[1] == inputShape.count,
              "Convolution2D: input \(input.shape) does not match the layer's \(inputShape) images; expected [m, \(inputShape.count)]")
        return (input, false)
    }
}
