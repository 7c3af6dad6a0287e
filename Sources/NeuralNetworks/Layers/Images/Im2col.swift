import TensorCore

/// im2col ("image to columns"): every window position of every image becomes one column.
///
/// For a batch `images` `[m, C·H·W]` (rows in `ImageShape` order) the result has shape
/// `[C·f·f, m·P]`, P = `window.positions`: column q = s·P + (oy · outputWidth + ox) holds the
/// patch under the window at output position (oy, ox) of sample s, and row r = (c · f + i) · f + j
/// holds its pixel (c, oy·stride + i − p, ox·stride + j − p), or 0 where that falls in the padding.
///
/// Why: with the filters as the rows of W `[F, C·f·f]`, the whole convolution of the batch is
/// the single product W · im2col(x) `[F, m·P]`, one call of the blocked `matmul` kernel
/// instead of six nested loops. The price is memory: every pixel is copied up to f² times.
public func im2col(_ images: Tensor, window: SlidingWindow) -> Tensor {
    check(images.rank == 2 && images.shape[1] == window.input.count,
          "im2col: images \(images.shape) do not match the window's input \(window.input); expected [m, \(window.input.count)]")
    let m = images.shape[0]
    let (channels, height, width) = (window.input.channels, window.input.height, window.input.width)
    let (f, s, p) = (window.size, window.stride, window.padding)
    let (outHeight, outWidth) = (window.outputHeight, window.outputWidth)
    let positions = outHeight * outWidth
    let columnCount = m * positions
    let result = [Double](unsafeUninitializedCapacity: window.patchLength * columnCount) { out, initialized in
        images.withUnsafeBufferPointer { x in
            for channel in 0..<channels {
                for i in 0..<f {
                    for j in 0..<f {
                        let row = out.baseAddress! + ((channel * f + i) * f + j) * columnCount
                        for sample in 0..<m {
                            let plane = x.baseAddress! + (sample * channels + channel) * height * width
                            let target = row + sample * positions
                            let (first, end) = window.columnRange(offset: j)
                            for oy in 0..<outHeight {
                                let y = oy * s + i - p
                                let line = target + oy * outWidth
                                guard y >= 0 && y < height && first < end else {
                                    line.initialize(repeating: 0, count: outWidth)
                                    continue
                                }
                                // Zeros left of the image, the pixels in between, zeros right of it.
                                line.initialize(repeating: 0, count: first)
                                let source = plane + y * width + first * s + j - p
                                if s == 1 {
                                    (line + first).initialize(from: source, count: end - first)
                                } else {
                                    for ox in first..<end { (line + ox).initialize(to: source[(ox - first) * s]) }
                                }
                                (line + end).initialize(repeating: 0, count: outWidth - end)
                            }
                        }
                    }
                }
            }
        }
        initialized = window.patchLength * columnCount
    }
    return Tensor(shape: [window.patchLength, columnCount], scalars: result)
}

/// col2im, the adjoint (transpose) of `im2col`: adds every entry of `columns` `[C·f·f, m·P]`
/// back onto the pixel it was copied from, giving `[m, C·H·W]`; entries from the padding are
/// dropped. A pixel that sat under several windows receives the sum of their entries, which is
/// exactly what a backward pass needs: ∂L/∂x = col2im(∂L/∂columns).
public func col2im(_ columns: Tensor, window: SlidingWindow, batchSize m: Int) -> Tensor {
    let positions = window.positions
    check(columns.rank == 2 && columns.shape[0] == window.patchLength && columns.shape[1] == m * positions,
          "col2im: columns \(columns.shape) do not match \(m) images under a \(window) window; expected [\(window.patchLength), \(m * positions)]")
    let (channels, height, width) = (window.input.channels, window.input.height, window.input.width)
    let (f, s, p) = (window.size, window.stride, window.padding)
    let (outHeight, outWidth) = (window.outputHeight, window.outputWidth)
    let columnCount = m * positions
    var images = Tensor.zeros([m, window.input.count])
    images.withUnsafeMutableBufferPointer { x in
        columns.withUnsafeBufferPointer { cols in
            for channel in 0..<channels {
                for i in 0..<f {
                    for j in 0..<f {
                        let row = cols.baseAddress! + ((channel * f + i) * f + j) * columnCount
                        for sample in 0..<m {
                            let plane = x.baseAddress! + (sample * channels + channel) * height * width
                            let source = row + sample * positions
                            let (first, end) = window.columnRange(offset: j)
                            for oy in 0..<outHeight {
                                let y = oy * s + i - p
                                guard y >= 0 && y < height else { continue }
                                let line = source + oy * outWidth
                                let target = plane + y * width + j - p
                                for ox in first..<end { target[ox * s] += line[ox] }
                            }
                        }
                    }
                }
            }
        }
    }
    return images
}

/// Reorders `[F, m·P]` (a product W · im2col(x): filter-major) into `[m, F·P]` (one image per
/// row, channel-major), the layout the next layer reads, adding `bias[f]` to every value of
/// filter f on the way; `toFilterMajor` is the inverse reordering.
func toBatchMajor(_ y: Tensor, adding bias: Tensor, batchSize m: Int, positions: Int) -> Tensor {
    let filters = bias.count
    let result = [Double](unsafeUninitializedCapacity: y.count) { out, initialized in
        y.withUnsafeBufferPointer { source in
            bias.withUnsafeBufferPointer { b in
                for filter in 0..<filters {
                    let offset = b[filter]
                    for sample in 0..<m {
                        let from = source.baseAddress! + (filter * m + sample) * positions
                        let to = out.baseAddress! + (sample * filters + filter) * positions
                        for q in 0..<positions { (to + q).initialize(to: from[q] + offset) }
                    }
                }
            }
        }
        initialized = y.count
    }
    return Tensor(shape: [m, filters * positions], scalars: result)
}

/// Reorders `[m, F·P]` into `[F, m·P]`: the inverse of `toBatchMajor`.
func toFilterMajor(_ y: Tensor, filters: Int, batchSize m: Int, positions: Int) -> Tensor {
    let result = [Double](unsafeUninitializedCapacity: y.count) { out, initialized in
        y.withUnsafeBufferPointer { source in
            for sample in 0..<m {
                for filter in 0..<filters {
                    let from = source.baseAddress! + (sample * filters + filter) * positions
                    (out.baseAddress! + (filter * m + sample) * positions).initialize(from: from, count: positions)
                }
            }
        }
        initialized = y.count
    }
    return Tensor(shape: [filters, m * positions], scalars: result)
}
