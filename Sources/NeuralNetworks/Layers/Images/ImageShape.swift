import TensorCore

/// The shape of one image as the image layers see it: channels × height × width.
///
/// A batch is still a matrix with one sample per row (the `Layer` contract), so an image layer
/// reads each row of length `channels · height · width` as a flattened image in channel-major
/// order, PyTorch's NCHW: pixel (c, y, x) of a row sits at `(c · height + y) · width + x`.
/// An 8 × 8 grey-scale digit is `ImageShape(channels: 1, height: 8, width: 8)`, one row of 64.
public struct ImageShape: Sendable, Hashable, CustomStringConvertible {
    /// Feature maps (1 for grey-scale, 3 for RGB, one per filter after a convolution).
    public let channels: Int
    /// Rows of pixels.
    public let height: Int
    /// Columns of pixels.
    public let width: Int

    /// An image shape; all three extents must be positive.
    public init(channels: Int, height: Int, width: Int) {
        check(channels > 0 && height > 0 && width > 0,
              "ImageShape: channels, height and width must be positive, got \(channels) × \(height) × \(width)")
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Numbers per image: the row width of a batch.
    public var count: Int { channels * height * width }
    /// Pixels per channel (height · width).
    public var area: Int { height * width }

    /// "1 × 8 × 8" (channels × height × width).
    public var description: String { "\(channels) × \(height) × \(width)" }
}
