import TensorCore

/// Where a square window visits an image: the geometry shared by convolution and pooling.
///
/// The image is padded with `padding` rows and columns on every side, then an f × f window
/// (f = `size`) starts at the top-left corner and moves `stride` pixels at a time, right then
/// down. Along a side of n pixels it stops at ⌊(n + 2p − f) / s⌋ + 1 places: the output size.
/// When s does not divide n + 2p − f the last pixels are never reached, and the size is rounded
/// down, as PyTorch and Keras do.
public struct SlidingWindow: Sendable, Hashable, CustomStringConvertible {
    /// The shape of the images it slides over.
    public let input: ImageShape
    /// f: the window covers f × f pixels of every channel.
    public let size: Int
    /// s: pixels moved per step, across and down.
    public let stride: Int
    /// p: rows and columns added on every side (zeros for a convolution).
    public let padding: Int

    /// A window of `size` × `size` pixels; it must fit in the padded image.
    public init(input: ImageShape, size: Int, stride: Int = 1, padding: Int = 0) {
        check(size > 0 && stride > 0 && padding >= 0,
              "SlidingWindow: size (\(size)) and stride (\(stride)) must be positive and padding (\(padding)) not negative")
        check(size <= Swift.min(input.height, input.width) + 2 * padding,
              "SlidingWindow: a \(size) × \(size) window does not fit in a \(input) image padded by \(padding)")
        self.input = input
        self.size = size
        self.stride = stride
        self.padding = padding
    }

    /// ⌊(n + 2p − f) / s⌋ + 1: the number of window positions along a side of n pixels.
    public static func outputSize(inputSize n: Int, size f: Int, stride s: Int = 1, padding p: Int = 0) -> Int {
        check(n > 0 && f > 0 && s > 0 && p >= 0 && f <= n + 2 * p,
              "SlidingWindow.outputSize: need n, f, s > 0, p ≥ 0 and f ≤ n + 2p, got n = \(n), f = \(f), s = \(s), p = \(p)")
        return (n + 2 * p - f) / s + 1
    }

    /// Rows of window positions.
    public var outputHeight: Int { Self.outputSize(inputSize: input.height, size: size, stride: stride, padding: padding) }
    /// Columns of window positions.
    public var outputWidth: Int { Self.outputSize(inputSize: input.width, size: size, stride: stride, padding: padding) }
    /// Window positions per channel (outputHeight · outputWidth).
    public var positions: Int { outputHeight * outputWidth }
    /// Numbers under one window across all channels: channels · f · f (a filter's length).
    public var patchLength: Int { input.channels * size * size }

    /// The output columns `first..<end` at which column `offset` of the window (input column
    /// ox·stride + offset − padding) lies inside the image; left and right of them it falls in
    /// the padding. im2col and col2im copy that run without testing every pixel.
    func columnRange(offset: Int) -> (first: Int, end: Int) {
        let shift = padding - offset   // input column = ox·stride − shift, which must be ≥ 0 …
        let first = shift <= 0 ? 0 : (shift + stride - 1) / stride
        let last = input.width - 1 + shift   // … and ≤ width − 1, i.e. ox·stride ≤ last
        let end = last < 0 ? 0 : Swift.min(outputWidth, last / stride + 1)
        return (Swift.min(first, end), end)
    }

    /// "3 × 3, stride 1, padding 0 on 1 × 6 × 6".
    public var description: String { "\(size) × \(size), stride \(stride), padding \(padding) on \(input)" }
}
