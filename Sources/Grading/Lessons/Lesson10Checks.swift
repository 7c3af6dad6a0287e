import NeuralNetworks
import TensorCore

/// The checks that grade `Lesson10Answers`: the notes' 6 × 6 example first, then seeded random
/// cases. The expected values come from the library's `Convolution2D` and `MaxPooling2D`, which
/// are tested against the definitions and central differences in `NeuralNetworksTests`.
public enum Lesson10Checks {
    /// The exercises of Lesson10, in the order of `Exercises/Lesson10.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson10", name: "crossCorrelation", task: "one channel ⋆ a square filter, with stride and padding",
                 hints: ["The notes' 6 × 6 image with the vertical-edge filter (1 0 −1 in every row), s = 1, p = 0, gives a "
                         + "4 × 4 output starting 2, 6, −4, 5. Do not flip the filter.",
                         "Pad first: x̄ is (h + 2p) × (w + 2p) with zeros around. Output (i, j) is Σₐ Σ_b w[a][b]·x̄[i·s + a][j·s + b]; "
                         + "there are ⌊(h + 2p − f)/s⌋ + 1 rows of outputs."])
        { (answers: any Lesson10Answers.Type) in try checkCrossCorrelation(answers) },
        Exercise(lesson: "Lesson10", name: "outputSize", task: "⌊(n + 2p − f)/s⌋ + 1",
                 hints: ["32 pixels, a 5-pixel filter, s = 1: 28 without padding and 32 with p = 2 (003:468–469).",
                         "Padding adds p on both sides (2p in all); when s does not divide n + 2p − f, round down: the window "
                         + "never goes past the edge."])
        { (answers: any Lesson10Answers.Type) in try checkOutputSize(answers) },
        Exercise(lesson: "Lesson10", name: "maxPoolingBackward", task: "route each 2 × 2 block's gradient to its arg-max",
                 hints: ["For the notes' grid 4 9 2 5 / 5 6 2 4 / 2 4 5 4 / 5 6 8 4 and ∂L/∂y = (1, 2 / 3, 4), ∂L/∂x is 1 at the 9, "
                         + "2 at the 5 of row 0, 3 at the 6 of row 3, 4 at the 8, and 0 elsewhere.",
                         "Only the largest pixel of a block affected the output. On a tie, pick the first in reading order "
                         + "(row by row), as PyTorch does; every other pixel gets 0."])
        { (answers: any Lesson10Answers.Type) in try checkMaxPoolingBackward(answers) },
        Exercise(lesson: "Lesson10", name: "filterGradient", task: "∂L/∂w = x ⋆ ∂L/∂y",
                 hints: ["The filter is f × f with f = h − (rows of ∂L/∂y) + 1. Weight w[a][b] multiplied x[i + a][j + b] to make y[i][j].",
                         "So ∂L/∂w[a][b] = Σᵢ Σⱼ ∂L/∂y[i][j] · x[i + a][j + b]: the image cross-correlated with the output gradient."])
        { (answers: any Lesson10Answers.Type) in try checkFilterGradient(answers) },
    ]

    /// The notes' 6 × 6 image and vertical-edge filter (000:1452–1465).
    static let notesImage: [[Double]] = [[4, 9, 2, 5, 8, 3], [5, 6, 2, 4, 0, 3], [2, 4, 5, 4, 5, 2],
                                         [5, 6, 5, 4, 7, 8], [5, 7, 7, 9, 2, 1], [5, 8, 5, 3, 8, 4]]
    static let notesFilter: [[Double]] = [[1, 0, -1], [1, 0, -1], [1, 0, -1]]

    static func randomImage(_ generator: inout SeededGenerator, _ height: Int, _ width: Int) -> [[Double]] {
        (0..<height).map { _ in (0..<width).map { _ in (generator.normal() * 100).rounded() / 100 } }
    }

    static func tensor(_ rows: [[Double]]) -> Tensor { Tensor(shape: [1, rows.count * rows[0].count], scalars: rows.flatMap { $0 }) }
    static func rows(_ t: Tensor, width: Int) -> [[Double]] {
        stride(from: 0, to: t.count, by: width).map { Array(t.scalars[$0..<($0 + width)]) }
    }
    static func shape(_ rows: [[Double]]) -> ImageShape { ImageShape(channels: 1, height: rows.count, width: rows[0].count) }

    static func checkCrossCorrelation<A: Lesson10Answers>(_ answers: A.Type) throws {
        var cases: [(image: [[Double]], filter: [[Double]], stride: Int, padding: Int)] = [(notesImage, notesFilter, 1, 0)]
        var generator = SeededGenerator(seed: 1001)
        for _ in 0..<15 {
            let f = generator.int(in: 1...3), padding = generator.int(in: 0...2)
            let height = generator.int(in: max(1, f - 2 * padding)...6), width = generator.int(in: max(1, f - 2 * padding)...6)
            cases.append((randomImage(&generator, height, width), randomImage(&generator, f, f), generator.int(in: 1...3), padding))
        }
        for c in cases {
            let layer = Convolution2D(input: shape(c.image), weights: Tensor(shape: [1, 1, c.filter.count, c.filter.count],
                                                                              scalars: c.filter.flatMap { $0 }),
                                      bias: [0], stride: c.stride, padding: c.padding)
            let expected = rows(layer(tensor(c.image)), width: layer.outputShape.width)
            let got = try answers.crossCorrelation(image: c.image, filter: c.filter, stride: c.stride, padding: c.padding)
            try expectClose(got, expected, tolerance: 1e-9, what: "output",
                            input: "image \(format(c.image)), filter \(format(c.filter)), stride \(c.stride), padding \(c.padding)",
                            hint: c.stride > 1 || c.padding > 0
                                ? "pad with p zeros on every side, then move the window s pixels per step; there are ⌊(h + 2p − f)/s⌋ + 1 rows"
                                : "multiply the filter with the patch under it without flipping it (deep learning's convolution is a cross-correlation)")
        }
    }

    static func checkOutputSize<A: Lesson10Answers>(_ answers: A.Type) throws {
        var cases: [(n: Int, f: Int, s: Int, p: Int)] = [(32, 5, 1, 0), (32, 5, 1, 2), (32, 1, 1, 0), (8, 3, 2, 0), (7, 3, 2, 1)]
        var generator = SeededGenerator(seed: 1002)
        for _ in 0..<20 {
            let p = generator.int(in: 0...3), f = generator.int(in: 1...7)
            cases.append((generator.int(in: max(1, f - 2 * p)...40), f, generator.int(in: 1...4), p))
        }
        for c in cases {
            let expected = SlidingWindow.outputSize(inputSize: c.n, size: c.f, stride: c.s, padding: c.p)
            let got = try answers.outputSize(inputSize: c.n, filterSize: c.f, stride: c.s, padding: c.p)
            try expectEqual(got, expected, what: "output size", input: "n = \(c.n), f = \(c.f), s = \(c.s), p = \(c.p)",
                            hint: "(n + 2p − f)/s + 1, with the division rounded down (integer division does that for non-negative numbers)")
        }
    }

    static func checkMaxPoolingBackward<A: Lesson10Answers>(_ answers: A.Type) throws {
        var cases: [(image: [[Double]], gradient: [[Double]])] = [
            ([[4, 9, 2, 5], [5, 6, 2, 4], [2, 4, 5, 4], [5, 6, 8, 4]], [[1, 2], [3, 4]]),
            ([[1, 7], [7, 7]], [[1]]),   // a tie: the first 7 in reading order wins
        ]
        var generator = SeededGenerator(seed: 1003)
        for _ in 0..<12 {
            let (h, w) = (2 * generator.int(in: 1...4), 2 * generator.int(in: 1...4))
            // Small integers, so that ties happen.
            let image = (0..<h).map { _ in (0..<w).map { _ in Double(generator.int(in: 0...4)) } }
            cases.append((image, randomImage(&generator, h / 2, w / 2)))
        }
        for c in cases {
            var layer = MaxPooling2D(input: shape(c.image), size: 2)
            _ = layer.forward(tensor(c.image))
            let expected = rows(layer.backward(tensor(c.gradient)), width: c.image[0].count)
            let got = try answers.maxPoolingBackward(image: c.image, outputGradient: c.gradient)
            try expectClose(got, expected, tolerance: 1e-12, what: "∂L/∂x", input: "image \(format(c.image)), ∂L/∂y \(format(c.gradient))",
                            hint: "each block's gradient goes whole to one pixel, its largest (the first in reading order on a tie); the others get 0")
        }
    }

    static func checkFilterGradient<A: Lesson10Answers>(_ answers: A.Type) throws {
        var generator = SeededGenerator(seed: 1004)
        var cases: [(image: [[Double]], gradient: [[Double]])] = [(notesImage, randomImage(&generator, 4, 4))]
        for _ in 0..<12 {
            let f = generator.int(in: 1...3)
            let (h, w) = (generator.int(in: f...6), generator.int(in: f...6))
            cases.append((randomImage(&generator, h, w), randomImage(&generator, h - f + 1, w - f + 1)))
        }
        for c in cases {
            let f = c.image.count - c.gradient.count + 1
            var layer = Convolution2D(input: shape(c.image), weights: .zeros([1, 1, f, f]), bias: [0])
            _ = layer.forward(tensor(c.image))
            _ = layer.backward(tensor(c.gradient), accumulate: false, needsInputGradient: false)
            let expected = rows(layer.weightGradient, width: f)
            let got = try answers.filterGradient(image: c.image, outputGradient: c.gradient)
            try expectClose(got, expected, tolerance: 1e-9, what: "∂L/∂w", input: "image \(format(c.image)), ∂L/∂y \(format(c.gradient))",
                            hint: "∂L/∂w[a][b] = Σᵢ Σⱼ ∂L/∂y[i][j]·x[i + a][j + b]: slide the output gradient over the image, unflipped")
        }
    }
}
