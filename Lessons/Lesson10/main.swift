// Lesson 10 — Convolution and pooling, by hand and as layers, and a digit reader with about a
// thousand weights.
//
// Why an image should not be flattened before the first layer sees it; the notes' 6 × 6 example
// worked entry by entry; cross-correlation against true convolution; output sizes with padding
// and stride; a convolution as a sparse matrix and as one matrix product after im2col; its
// backward pass; max and average pooling and their backward passes; shift equivariance; and a
// small convolutional network on Lesson 03's 8 × 8 digits. Run it with `swift run Lesson10`;
// the exercises are in `Exercises/Lesson10.swift`.
//
// Sources: main lecture (seed 000) lines 1437–1540; Berkeley handouts (seed 003) lines 438–520.

import Datasets
import Foundation
import LessonRuntime
import NeuralNetworks
import TensorCore

let runsOption = Option("runs", default: 5, quick: 3, atLeast: 2, help: "training runs (seeds) of the digit study")
let epochsOption = Option("epochs", default: 30, quick: 12, atLeast: 1, help: "epochs of the convolutional digit reader")
let notebook = Notebook(
    title: "Lesson 10 · Convolution and pooling",
    summary: "Filters that slide over an image, pooling that summarises it, and a digit "
        + "reader with about a thousand weights.",
    flags: [runsOption, epochsOption])
let quick = notebook.options.quick
let runs = notebook.options[runsOption]
let cnnEpochs = notebook.options[epochsOption]

notebook.prose("""
    You will learn: why a network for images should know which pixels are neighbours; how a \
    filter slides over an image, worked entry by entry on the notes' 6 × 6 example; why \
    deep-learning "convolution" is really cross-correlation; the output size \
    ⌊(n + 2p − f)/s⌋ + 1; a convolution as a sparse matrix with shared weights, and as one \
    matrix product after im2col; its backward pass, which is two more convolutions; max and \
    average pooling; why a convolution is shift equivariant rather than invariant; and a \
    convolutional network of 810 weights that reads the 8 × 8 digits of Lesson 03.
    """)

/// Formats a matrix given as rows, as a table with row and column numbers.
func matrixTable(_ rows: [[Double]], digits: Int = 0) -> Table {
    Table([""] + rows[0].indices.map { "\($0)" },
          rows: rows.enumerated().map { ["\($0.offset)"] + $0.element.map { formatNumber($0, digits: digits) } })
}
/// 138357544 → "138,357,544".
func grouped(_ n: Int) -> String {
    let digits = String(n)
    return digits.enumerated().map { ($0.offset > 0 && (digits.count - $0.offset) % 3 == 0 ? "," : "") + String($0.element) }.joined()
}
/// The rows of an image stored flat in `values` (height × width, row by row).
func rowsOf(_ values: [Double], width: Int) -> [[Double]] {
    stride(from: 0, to: values.count, by: width).map { Array(values[$0..<($0 + width)]) }
}

// MARK: - 1. Images are not vectors

notebook.section("Why an image is not a vector")
notebook.prose("""
    Lessons 03 to 08 fed an image to a dense layer as one long vector: the 8 × 8 digits \
    became 64 numbers, and every hidden unit had its own weight for every pixel. The order \
    of those 64 numbers meant nothing to the network; shuffling the pixels the same way in \
    every image would have trained just as well. Yet the order carries the most useful fact \
    about a picture: which pixels touch. In a flattened 28 × 28 MNIST image, pixel (r, c) \
    is entry 28r + c, so the neighbours of an entry are 1 and 28 places away:
    """)
let mnistSide = 28
let neighbours = [23, 458].map { entry -> [String] in
    let (r, c) = (entry / mnistSide, entry % mnistSide)
    let around = [(r, c - 1), (r, c + 1), (r - 1, c), (r + 1, c)]
        .filter { $0.0 >= 0 && $0.0 < mnistSide && $0.1 >= 0 && $0.1 < mnistSide }.map { "\($0.0 * mnistSide + $0.1)" }
    return ["\(entry)", "(\(r), \(c))", around.joined(separator: ", ")]
}
notebook.table(["entry", "pixel (row, column)", "entries of its neighbours"], rows: neighbours)
notebook.prose("""
    The notes use entries 23 and 458 as their example of two entries a network would have \
    to discover are neighbours (000:1439); on a 28-pixel-wide grid they are 16 rows apart, \
    which only shows how invisible the layout is in the vector. A dense network can learn \
    such relations from data, and it can learn that a 3 shifted to the right is still a 3 \
    by seeing many shifted 3s; the notes' remedy is to build both into the architecture \
    instead: look at small neighbourhoods, and use the same weights everywhere.
    """)

// MARK: - 2. The notes' 6 × 6 example

notebook.section("A filter sliding over the notes' 6 × 6 image")
let notesImage: [Double] = [4, 9, 2, 5, 8, 3,  5, 6, 2, 4, 0, 3,  2, 4, 5, 4, 5, 2,
                            5, 6, 5, 4, 7, 8,  5, 7, 7, 9, 2, 1,  5, 8, 5, 3, 8, 4]
let verticalEdge: [Double] = [1, 0, -1,  1, 0, -1,  1, 0, -1]
let sixBySix = ImageShape(channels: 1, height: 6, width: 6)
let edgeLayer = Convolution2D(input: sixBySix, weights: Tensor(shape: [1, 1, 3, 3], scalars: verticalEdge), bias: [0])
notebook.prose("""
    The lecture's example is a 6 × 6 grey image and a 3 × 3 filter whose columns are 1, 0 \
    and −1: it responds where the image is brighter on the left than on the right, a \
    vertical edge. The input and the filter, row by row, as the notes print them:
    """)
for row in 0..<6 {
    let text = notesImage[(6 * row)..<(6 * row + 6)].map { formatNumber($0, digits: 0) }.joined(separator: " ")
    notebook.compare("input row \(row)", notes: text, at: .notes("000", 1452 + row), computed: text)
}
for row in 0..<3 {
    let text = verticalEdge[(3 * row)..<(3 * row + 3)].map { formatNumber($0, digits: 0) }.joined(separator: " ")
    notebook.compare("filter row \(row)", notes: text, at: .notes("000", 1463 + row), computed: text)
}
notebook.compare("n_H × n_W", notes: "6 × 6", at: .notes("000", 1459), computed: "\(sixBySix.height) × \(sixBySix.width)")
notebook.compare("filter size f", notes: 3, at: .notes("000", 1471), computed: edgeLayer.window.size)
notebook.compare("stride s", notes: 1, at: .notes("000", 1472), computed: edgeLayer.window.stride)
notebook.compare("padding p", notes: 0, at: .notes("000", 1473), computed: edgeLayer.window.padding)
notebook.prose("""
    Place the filter on the top-left 3 × 3 corner of the image, multiply the nine pairs of \
    numbers that lie on top of each other, and add them up. That is one output. The nine \
    products, row by row:
    """)
// y[0, 0] = Σᵢ Σⱼ w[i, j] · x[i, j]: the nine products of the top-left window.
var products: [String] = []
var firstOutput = 0.0
for i in 0..<3 {
    var line: [String] = []
    for j in 0..<3 {
        let (pixel, weight) = (notesImage[i * 6 + j], verticalEdge[i * 3 + j])
        firstOutput += pixel * weight
        line.append("\(formatNumber(pixel, digits: 0))·(\(formatNumber(weight, digits: 0)))")
    }
    products.append(line.joined(separator: " + "))
}
notebook.formula(products.joined(separator: "\n+ ") + "\n= \(formatNumber(firstOutput, digits: 0))")
let edgeMap = edgeLayer(Tensor(shape: [1, 36], scalars: notesImage))
notebook.compare("first output, by hand", notes: 2, at: .notes("000", 1478), computed: firstOutput, digits: 0)
notebook.compare("first output, Convolution2D", notes: 2, at: .notes("000", 1480), computed: edgeMap.scalars[0], digits: 0)
notebook.prose("""
    Then the window moves one pixel to the right (the stride) and the same nine weights \
    are used again; after four positions it has reached the right edge, goes back to the \
    left and one row down (000:1488–1498). Four positions across and four down make a \
    4 × 4 output, which the notes do not print. Here it is, computed by the library's \
    Convolution2D layer:
    """)
notebook.show(matrixTable(rowsOf(edgeMap.scalars, width: 4)))
notebook.prose("""
    The large entries mark where bright pixels sit left of darker ones: 6 in row 0, where \
    the 9, 6, 4 of column 1 face the 5, 4, 4 of column 3.
    """)

notebook.prose("""
    What the lecture, PyTorch and every other deep-learning library call a convolution does \
    not flip the filter: it is a cross-correlation, y[i, j] = Σ w[a, b]·x[i + a, j + b]. \
    The convolution of mathematics and signal processing reads the filter backwards, \
    y[i, j] = Σ w[a, b]·x[i − a, j − b], which amounts to rotating the filter by 180° \
    first. For this filter the rotation swaps the 1s and the −1s, so every output changes \
    sign:
    """)
let flippedLayer = Convolution2D(input: sixBySix, weights: Tensor(shape: [1, 1, 3, 3], scalars: verticalEdge.reversed()), bias: [0])
let trueConvolution = flippedLayer(Tensor(shape: [1, 36], scalars: notesImage))
notebook.compare("first entry of the true convolution", lesson: -2, computed: trueConvolution.scalars[0])
notebook.check("the true convolution is −1 times the cross-correlation at all 16 positions",
               zip(trueConvolution.scalars, edgeMap.scalars).allSatisfy { $0 == -$1 })
notebook.prose("""
    For a learned filter the difference does not matter: the network learns the flipped \
    weights just as easily. It matters when you compare with a textbook formula, or load \
    weights trained by a library that flips (few do).
    """)

// MARK: - 3. Output sizes

notebook.section("Output sizes: padding, stride, channels")
notebook.prose("""
    Along a side of n pixels, an f-wide window that starts at the edge and moves s pixels at \
    a time fits ⌊(n − f)/s⌋ + 1 times. Padding adds p zeros on each side first, so
    """)
notebook.formula("output size = ⌊(n + 2p − f) / s⌋ + 1")
notebook.prose("""
    A filter always spans all input channels (a 5 × 5 filter on an RGB image is 5 × 5 × 3 \
    numbers), and each filter gives one output channel. The Berkeley handout's dimension \
    problem (003:464–471), worked out by the formula and checked by running the layer on a \
    random 32 × 32 × 3 image:
    """)
var shapeGenerator = notebook.generator("dimension problem image")
let rgb = ImageShape(channels: 3, height: 32, width: 32)
let rgbImage = Tensor.uniform([1, rgb.count], in: 0...1, using: &shapeGenerator)
struct DimensionProblem { let question: String, filters: Int, size: Int, padding: Int }
let problems = [
    DimensionProblem(question: "1. one 5 × 5 × 3 filter, s = 1, p = 0", filters: 1, size: 5, padding: 0),
    DimensionProblem(question: "2. the same, zero-padded by 2", filters: 1, size: 5, padding: 2),
    DimensionProblem(question: "3. ten such filters, p = 2", filters: 10, size: 5, padding: 2),
    DimensionProblem(question: "4. a 1 × 1 convolution (ten filters)", filters: 10, size: 1, padding: 0),
]
var problemRows: [[String]] = []
var shapesAgree = true
for problem in problems {
    let side = SlidingWindow.outputSize(inputSize: 32, size: problem.size, padding: problem.padding)
    let layer = Convolution2D(input: rgb, filters: problem.filters, kernelSize: problem.size, padding: problem.padding,
                              using: &shapeGenerator)
    let output = layer(rgbImage)
    shapesAgree = shapesAgree && output.shape == [1, side * side * problem.filters] && layer.outputShape.height == side
    let weights = Convolution2D.parameterCount(inputChannels: 3, filters: problem.filters, kernelSize: problem.size, bias: false)
    problemRows.append([problem.question, "\(side) × \(side) × \(problem.filters)", "\(weights)", "\(layer.parameterCount)"])
}
notebook.table(["problem", "output", "weights", "with biases"], rows: problemRows)
notebook.check("every output shape from the formula is the shape the layer produces", shapesAgree)
notebook.compare("problem 3: parameters without biases", lesson: 750,
                 computed: Double(Convolution2D.parameterCount(inputChannels: 3, filters: 10, kernelSize: 5, bias: false)), digits: 0)
notebook.prose("""
    Problem 3's answer, 10 · 5 · 5 · 3 = 750 weights (760 with one bias per filter), does \
    not depend on the image size: the same filters would serve a 1000 × 1000 image. A dense \
    layer from the 32 × 32 × 3 input to a 32 × 32 × 10 output would need \
    \(grouped(3072 * 10240)) weights.

    A 1 × 1 convolution keeps the height and width and mixes the channels: at every pixel \
    it applies the same dense layer to that pixel's C channel values. The check below runs \
    both on a random 3 × 4 × 4 image with two filters:
    """)
var oneByOneGenerator = notebook.generator("one by one convolution")
let smallImage = ImageShape(channels: 3, height: 4, width: 4)
let oneByOne = Convolution2D(input: smallImage, filters: 2, kernelSize: 1, biasInitializer: .uniform(-1...1), using: &oneByOneGenerator)
let smallInput = Tensor.normal([1, smallImage.count], using: &oneByOneGenerator)
let perPixelDense = Dense(weights: oneByOne.weights.reshaped([2, 3]).transposed(), bias: oneByOne.bias)
// Each pixel's channel vector (x[0, y, x], x[1, y, x], x[2, y, x]) through the dense layer.
let pixelVectors = Tensor(shape: [16, 3], scalars: (0..<16).flatMap { pixel in (0..<3).map { smallInput.scalars[$0 * 16 + pixel] } })
let densePerPixel = perPixelDense(pixelVectors)      // [16 pixels, 2 filters]
let convolved = oneByOne(smallInput)                  // [1, 2 · 16], channel-major
let oneByOneGap = (0..<16).flatMap { pixel in (0..<2).map { abs(densePerPixel[pixel, $0] - convolved[0, $0 * 16 + pixel]) } }.max()!
notebook.check("the 1 × 1 convolution equals a dense 3 → 2 layer applied at each of the 16 pixels (to 1e-12)", oneByOneGap < 1e-12)

// MARK: - 4. Convolution as a matrix, and im2col

notebook.section("A convolution is a matrix product")
notebook.prose("""
    A convolution is linear in its input, so it is multiplication by some matrix. The \
    handout's problem 5 (003:477–481): a 1-D input x ∈ ℝ⁴, zero-padded by one on each end \
    to x̄ ∈ ℝ⁶, and a filter w ∈ ℝ³. Each output is one window, so row i of the matrix \
    holds w₁ w₂ w₃ starting at column i and zeros elsewhere:
    """)
let paddedLength = 6, filterLength = 3, outputLength = paddedLength - filterLength + 1
// W[i, i + j] = w[j]: the filter, shifted one column further in each row.
var bandRows = [[String]](repeating: [String](repeating: "0", count: paddedLength), count: outputLength)
for i in 0..<outputLength { for j in 0..<filterLength { bandRows[i][i + j] = "w\(["₁", "₂", "₃"][j])" } }
notebook.verbatim(bandRows.map { "      [ " + $0.map { $0.padding(toLength: 3, withPad: " ", startingAt: 0) }.joined() + "]" }.joined(separator: "\n"))
notebook.result("shape of W", "\(outputLength) × \(paddedLength) (ℝ^{4×6}, as the handout says)")
notebook.prose("""
    In two dimensions the same holds, with a larger and sparser matrix. Below is the matrix \
    of the notes' vertical-edge filter on a 4 × 4 image padded by one pixel: 16 inputs, 16 \
    outputs. It is built by feeding the layer the 16 unit images (one pixel 1, the rest 0): \
    column k of the matrix is the layer's output for unit image k.
    """)
let fourByFour = ImageShape(channels: 1, height: 4, width: 4)
let paddedEdge = Convolution2D(input: fourByFour, weights: edgeLayer.weights, bias: [0], padding: 1)
let unitImages = Tensor.identity(16)
let columns = paddedEdge(unitImages)   // row k = the output for unit image k = column k of the matrix
let convolutionMatrix = columns.transposed()
notebook.show(HeatMap(convolutionMatrix, title: "the 16 × 16 matrix of the 3 × 3 edge filter (p = 1): blank −1, ▒ 0, █ 1",
                      range: -1...1))
let nonzero = convolutionMatrix.scalars.filter { $0 != 0 }.count
notebook.results(["entries": 256, "nonzero entries": Double(nonzero),
                  "distinct nonzero values": Double(Set(convolutionMatrix.scalars.filter { $0 != 0 }).count)], digits: 0)
notebook.prose("""
    Of 256 entries only \(nonzero) are nonzero, and they take just two values, 1 and −1: \
    each row is the same filter moved to another place (the middle column of the filter is \
    0 and never shows). A dense layer from 16 to 16 pixels could put any number in each of \
    the 256 places; the convolution is that dense layer with most weights forced to 0 and \
    the rest tied together. That is why it is less expressive than a dense layer (003:485), \
    and why it needs so much less data.

    The sparse matrix is a bad way to compute a convolution. The library uses im2col \
    instead (003:487): copy the pixels under every window position into one column of a \
    matrix, then multiply by the filters, one filter per row. For the notes' image, the 16 \
    windows become 16 columns of 9 numbers:
    """)
let notesColumns = im2col(Tensor(shape: [1, 36], scalars: notesImage), window: edgeLayer.window)
notebook.show(matrixTable(rowsOf(notesColumns.scalars, width: 16)))
let viaMatmul = matmul(edgeLayer.filterMatrix, notesColumns)
notebook.prose("""
    Row r of this 9 × 16 matrix is pixel (r / 3, r mod 3) of every window; column 0 is the \
    top-left window, whose numbers gave the 2 above. The filter as a 1 × 9 row times this \
    matrix gives all 16 outputs in one product. A batch of m images of C channels gives a \
    C·f·f × m·P matrix (P positions per image) and F filters give an F × C·f·f matrix, so a \
    whole batch through a whole layer is one call of the matrix-product kernel, the same \
    blocked kernel the dense layers use.
    """)
notebook.check("filter row × im2col = the 16 outputs of Convolution2D", viaMatmul.scalars == edgeMap.scalars)

// MARK: - 5. The backward pass

notebook.section("The backward pass of a convolution")
notebook.prose("""
    The handout's problem 6 (003:493–495) takes the 1-D case without padding: x ∈ ℝ⁴, \
    w ∈ ℝ³ and y = x ⋆ w ∈ ℝ², that is y₁ = w₁x₁ + w₂x₂ + w₃x₃ and \
    y₂ = w₁x₂ + w₂x₃ + w₃x₄. Given g = ∂L/∂y, the chain rule adds up every product that \
    contains a weight or an input:
    """)
notebook.formula("""
    ∂L/∂wⱼ = Σᵢ gᵢ · x_{i+j−1}      (x cross-correlated with g)
    ∂L/∂xₖ = Σᵢ gᵢ · w_{k−i+1}      (g convolved with w, "full": g padded by 2)
    """)
notebook.prose("""
    So the weight gradient is again a sliding window, this time with the output gradient as \
    the filter, and the input gradient is a true (flipped) convolution of the output \
    gradient with the filter, padded so that each xₖ meets every weight it was multiplied \
    by. A worked example:
    """)
let x1D: [Double] = [1, -2, 3, 0.5], w1D: [Double] = [0.5, -1, 2], g1D: [Double] = [1, -3]
/// y = x ⋆ w without padding: yᵢ = Σⱼ wⱼ·x_{i+j}.
func crossCorrelate1D(_ x: [Double], _ w: [Double]) -> [Double] {
    (0...(x.count - w.count)).map { i in w.indices.reduce(0) { $0 + w[$1] * x[i + $1] } }
}
/// L = g · (x ⋆ w), whose gradient is the one we want.
@MainActor
func loss1D(_ x: [Double], _ w: [Double]) -> Double { zip(g1D, crossCorrelate1D(x, w)).reduce(0) { $0 + $1.0 * $1.1 } }
// ∂L/∂w = x ⋆ g (a window of length 2 sliding over x), ∂L/∂x = full convolution of g with w.
let weightGradient1D = crossCorrelate1D(x1D, g1D)
let paddedGradient = [0, 0] + g1D + [0, 0]
let inputGradient1D = crossCorrelate1D(paddedGradient, w1D.reversed())
let numericW1D = numericGradient(at: Tensor(w1D)) { loss1D(x1D, $0.scalars) }
let numericX1D = numericGradient(at: Tensor(x1D)) { loss1D($0.scalars, w1D) }
notebook.results(["y₁": crossCorrelate1D(x1D, w1D)[0], "y₂": crossCorrelate1D(x1D, w1D)[1]], digits: 4)
notebook.result("x = (1, −2, 3, 0.5), w = (0.5, −1, 2), g = (1, −3): ∂L/∂w", Tensor(weightGradient1D))
notebook.result("∂L/∂x", Tensor(inputGradient1D))
notebook.check("both agree with central differences (to 1e-8)",
               zip(weightGradient1D, numericW1D.scalars).allSatisfy { abs($0 - $1) < 1e-8 }
               && zip(inputGradient1D, numericX1D.scalars).allSatisfy { abs($0 - $1) < 1e-8 })
notebook.slip("what problem 6 asks for", notes: "with respect to x and y", at: .notes("003", 495),
              correct: "with respect to x and w",
              why: """
                ∇_y L is what the problem gives; the unknowns are the gradients with respect \
                to the input x and the filter w, the two things y was computed from.
                """)
notebook.prose("""
    The same two facts hold in 2-D for every channel, and they are what Convolution2D's \
    backward pass computes (as two more matrix products on the im2col columns). To see \
    them, run the notes' 6 × 6 image through the edge filter, take a random output \
    gradient δ (4 × 4), and compute both gradients a second way, with the layer itself: \
    ∂L/∂W is the image cross-correlated with δ used as a 4 × 4 filter, and ∂L/∂x is δ, \
    padded by 2, cross-correlated with the filter rotated by 180°.
    """)
var deltaGenerator = notebook.generator("output gradient")
let delta = Tensor.normal([1, 16], using: &deltaGenerator)
var trainingEdge = edgeLayer
_ = trainingEdge.forward(Tensor(shape: [1, 36], scalars: notesImage))
let layerInputGradient = trainingEdge.backward(delta)
let weightsAsCorrelation = Convolution2D(input: sixBySix, weights: delta.reshaped([1, 1, 4, 4]), bias: [0])(
    Tensor(shape: [1, 36], scalars: notesImage))
let inputAsConvolution = Convolution2D(input: ImageShape(channels: 1, height: 4, width: 4),
                                       weights: Tensor(shape: [1, 1, 3, 3], scalars: verticalEdge.reversed()),
                                       bias: [0], padding: 2)(delta)
notebook.show(panels: [
    HeatMap(rowsOf(trainingEdge.weightGradient.scalars, width: 3), title: "∂L/∂W (3 × 3)"),
    HeatMap(rowsOf(layerInputGradient.scalars, width: 6), title: "∂L/∂x (6 × 6)"),
])
let weightGap = zip(weightsAsCorrelation.scalars, trainingEdge.weightGradient.scalars).map { abs($0 - $1) }.max()!
let inputGap = zip(inputAsConvolution.scalars, layerInputGradient.scalars).map { abs($0 - $1) }.max()!
notebook.check("∂L/∂W = x ⋆ δ (to 1e-12)", weightGap < 1e-12)
notebook.check("∂L/∂x = δ padded by 2, ⋆ the rotated filter (to 1e-12)", inputGap < 1e-12)
let frozenEdge = trainingEdge
let edgeInputCheck = checkGradient(label: "x", at: Tensor(shape: [1, 36], scalars: notesImage),
                                   analyticGradient: layerInputGradient) { (delta * frozenEdge($0)).sum() }
let edgeWeightCheck = checkGradient(label: "W", at: trainingEdge.weights, analyticGradient: trainingEdge.weightGradient) { w in
    var copy = frozenEdge
    copy.weights = w
    return (delta * copy(Tensor(shape: [1, 36], scalars: notesImage))).sum()
}
notebook.check("both agree with central differences (largest relative error below 1e-7)",
               edgeInputCheck.passes(tolerance: 1e-7) && edgeWeightCheck.passes(tolerance: 1e-7))

// MARK: - 6. Pooling

notebook.section("Pooling")
notebook.prose("""
    A pooling layer shrinks each channel by summarising every f × f block (usually 2 × 2, \
    stride 2) in one number: the largest (max pooling) or the mean (average pooling). It \
    has no weights. The notes pool a 4 × 4 grid:
    """)
let poolGrid: [Double] = [4, 9, 2, 5,  5, 6, 2, 4,  2, 4, 5, 4,  5, 6, 8, 4]
for row in 0..<4 {
    let text = poolGrid[(4 * row)..<(4 * row + 4)].map { formatNumber($0, digits: 0) }.joined(separator: " ")
    notebook.compare("grid row \(row)", notes: text, at: .notes("000", 1510 + row), computed: text)
}
notebook.prose("""
    (The grid is the top-left corner of the 6 × 6 image above, except one number: its last \
    row reads 5 6 8 4 where the image has 5 6 5 4.)
    """)
let grid = ImageShape(channels: 1, height: 4, width: 4)
var maxPool = MaxPooling2D(input: grid, size: 2)
var averagePool = AveragePooling2D(input: grid, size: 2)
let gridTensor = Tensor(shape: [1, 16], scalars: poolGrid)
let maxPooled = maxPool.forward(gridTensor), averagePooled = averagePool.forward(gridTensor)
let blockNames = ["top left", "top right", "bottom left", "bottom right"]
for (k, name) in blockNames.enumerated() {
    notebook.compare("max, \(name)", notes: [9.0, 5, 6, 8][k], at: .notes("000", 1515 + k / 2), computed: maxPooled.scalars[k], digits: 0)
}
for (k, name) in blockNames.enumerated() {
    let printed = [6.0, 3.3, 4.3, 5.3][k]
    let exact = averagePooled.scalars[k]
    notebook.compare("average, \(name)", notes: printed, at: .notes("000", 1525 + k / 2), computed: exact,
                     tolerance: 0.05, digits: 2, note: exact == printed.rounded() ? nil : "exact \(formatNumber(exact, digits: 2)), rounded up")
}
let roundedAverages = averagePooled.scalars.filter { $0 != ($0 * 10).rounded() / 10 }.count
notebook.prose("""
    Only 24/4 = 6 is exact in that table. The other \(roundedAverages) averages, 13/4 = 3.25, 17/4 = \
    4.25 and 21/4 = 5.25, are printed rounded to one decimal (up, at the half). Rounding to \
    the digits shown is not a mistake, but 3.3 · 4 = 13.2 is not a sum of whole numbers, a \
    hint that the table rounds.

    Backward. Only the winner of each max-pooling block affected the output, so the \
    gradient of each output goes to its block's arg-max and every other pixel gets 0. Every \
    pixel of an average-pooling block contributed a quarter, so each gets a quarter of its \
    block's gradient. With ∂L/∂y = (1, 2, 3, 4) for the four blocks:
    """)
let upstreamPool = Tensor(shape: [1, 4], scalars: [1, 2, 3, 4])
let maxPoolGradient = maxPool.backward(upstreamPool), averagePoolGradient = averagePool.backward(upstreamPool)
notebook.show(matrixTable(rowsOf(maxPoolGradient.scalars, width: 4)))
notebook.show(matrixTable(rowsOf(averagePoolGradient.scalars, width: 4), digits: 2))
let frozenMax = maxPool, frozenAverage = averagePool
let maxPoolCheck = checkGradient(label: "x", at: gridTensor, analyticGradient: maxPoolGradient) { (upstreamPool * frozenMax($0)).sum() }
let averagePoolCheck = checkGradient(label: "x", at: gridTensor, analyticGradient: averagePoolGradient) {
    (upstreamPool * frozenAverage($0)).sum()
}
notebook.check("max pooling's gradient is nonzero only at 9, 5, 6 and 8, and both gradients agree with central differences",
               maxPoolGradient.scalars.filter { $0 != 0 }.count == 4 && maxPoolCheck.passes() && averagePoolCheck.passes())

// MARK: - 7. Shift equivariance

notebook.section("Shift equivariance, and a little invariance from pooling")
notebook.prose("""
    Move an image one pixel to the right. A convolution applies the same filter at every \
    position, so its output moves one pixel to the right too, away from the borders: \
    shifting and convolving commute. That property is called equivariance. Invariance \
    would mean the output does not change at all. Checked on all \
    1,797 digits with the edge filter (no padding, so the 8 × 8 digit gives a 6 × 6 map):
    """)
let (rawImages, digitLabels) = try Digits.load()
let digitPixels = rawImages / Digits.maximumPixel
let digitShape = ImageShape(channels: 1, height: 8, width: 8)
/// Each image moved one pixel to the right; the new left column is 0 (the right one falls off).
func shiftedRight(_ images: Tensor, shape: ImageShape) -> Tensor {
    var scalars = [Double](repeating: 0, count: images.count)
    for (index, value) in images.scalars.enumerated() where index % shape.width != shape.width - 1 {
        scalars[index + 1] = value
    }
    return Tensor(shape: images.shape, scalars: scalars)
}
let digitEdge = Convolution2D(input: digitShape, weights: edgeLayer.weights, bias: [0])
let featureMaps = ActivationLayer(.relu)(digitEdge(digitPixels))
let shiftedMaps = ActivationLayer(.relu)(digitEdge(shiftedRight(digitPixels, shape: digitShape)))
let mapShape = digitEdge.outputShape
var equivarianceGap = 0.0
for image in 0..<digitLabels.count {
    for row in 0..<mapShape.height {
        for column in 1..<mapShape.width {   // column 0 of the shifted map sees the new blank column
            let moved = shiftedMaps[image, row * mapShape.width + column]
            let original = featureMaps[image, row * mapShape.width + column - 1]
            equivarianceGap = max(equivarianceGap, abs(moved - original))
        }
    }
}
notebook.check("the map of the shifted digit is the map of the digit shifted, at all 1,797 × 6 × 5 positions away from the left border (to 1e-12)",
               equivarianceGap < 1e-12)
/// The fraction of entries that are equal (to 1e-12) in two tensors of the same shape.
func fractionUnchanged(_ a: Tensor, _ b: Tensor) -> Double {
    Double(zip(a.scalars, b.scalars).filter { abs($0 - $1) < 1e-12 }.count) / Double(a.count)
}
let mapPool = MaxPooling2D(input: mapShape, size: 2)
let unchangedMaps = fractionUnchanged(featureMaps, shiftedMaps)
let unchangedPooled = fractionUnchanged(mapPool(featureMaps), mapPool(shiftedMaps))
notebook.results(["feature-map values unchanged by the shift, %": 100 * unchangedMaps,
                  "after 2 × 2 max pooling, %": 100 * unchangedPooled], digits: 1)
notebook.check("max pooling leaves more outputs unchanged by a one-pixel shift than the feature map itself",
               unchangedPooled > unchangedMaps)
notebook.prose("""
    The feature map is not invariant: \(formatNumber(100 - 100 * unchangedMaps, digits: 1)) % of its values change \
    when the digit moves. After max pooling a value survives whenever the largest entry of \
    its block is still in the block after the move, and \(formatNumber(100 * unchangedPooled, digits: 1)) % survive: \
    pooling buys a little invariance to small shifts, and stacking convolution–pooling \
    stages buys more. The notes state it the other way round:
    """)
notebook.slip("what a convolutional layer is", notes: "shift invariant", at: .notes("000", 1532),
              correct: "shift equivariant",
              why: """
                their own next sentence (000:1533) says that shifting the image shifts the \
                output by the same pixel, which is equivariance; an invariant layer's output \
                would not move. Invariance is what the task has (a shifted 3 is still a 3, \
                000:1443) and what pooling and the final layers approximate.
                """)

// MARK: - 8. A convolutional digit reader

notebook.section("A digit reader with 810 weights")
notebook.prose("""
    The usual architecture (000:1537–1539): convolution, pooling, perhaps more of both, then \
    one or more dense layers. On the 8 × 8 digits a single stage is enough: eight 3 × 3 \
    filters without padding (8 × 6 × 6), ReLU, 2 × 2 max pooling (8 × 3 × 3 = 72 numbers), \
    and a dense layer to the 10 logits.
    """)
let splitTestFraction = 0.2
let reader = ImageShape(channels: 1, height: 8, width: 8)
/// The convolutional network of this section, its weights drawn from `generator`.
@MainActor
func digitReader(using generator: inout SeededGenerator) -> Sequential {
    let convolution = Convolution2D(input: reader, filters: 8, kernelSize: 3, weightInitializer: .heUniform, using: &generator)
    let pooling = MaxPooling2D(input: convolution.outputShape, size: 2)
    return Sequential([convolution, ActivationLayer(.relu), pooling,
                       Dense(inputs: pooling.outputShape.count, outputs: 10, using: &generator)])
}
var summaryGenerator = notebook.generator("digits CNN weights 1")
notebook.verbatim(digitReader(using: &summaryGenerator).summary(name: "digit_reader"))
notebook.prose("""
    (The summary prints each layer's output as one flat row: 288 = 8 × 6 × 6 and \
    72 = 8 × 3 × 3.) The convolution has 8 · 9 + 8 = 80 parameters and the dense layer \
    72 · 10 + 10 = 730. Lesson 03's 64–256–10 network has \
    \(grouped(64 * 256 + 256 + 256 * 10 + 10)).

    The recipe: pixels scaled to [0, 1], a seeded split with \(Int(splitTestFraction * 100)) % \
    held out for testing, softmax cross-entropy, mini-batches of 32, Adam with a step size \
    of 0.02 that falls linearly to 0 over \(cnnEpochs) epochs. The dense network gets Lesson 03's \
    recipe (Adam at 0.001, 40 epochs\(quick ? ", 10 with --quick" : "")). Each of the \(runs) runs \
    draws its own split, weights and batches (streams named by the run number), and both \
    networks see the same split in a run, so the two columns are paired.
    """)
/// One run's split of the digits.
struct DigitSplit { let trainImages: Tensor, testImages: Tensor, trainLabels: [Int], testLabels: [Int] }
@MainActor
func digitSplit(run: Int) -> DigitSplit {
    var generator = notebook.generator("digit split \(run)")
    let split = trainTestSplit(count: digitLabels.count, testFraction: splitTestFraction, using: &generator)
    return DigitSplit(trainImages: digitPixels.rows(at: split.train), testImages: digitPixels.rows(at: split.test),
                      trainLabels: split.train.map { digitLabels[$0] }, testLabels: split.test.map { digitLabels[$0] })
}
/// What one training run produced.
struct RunResult { let network: Sequential, accuracy: Double, seconds: Double }
var progress = ProgressBar("training", total: runs * 2)
/// Trains the convolutional reader on one run's split: η falls linearly from 0.02 to 0.02/E.
@MainActor
func trainReader(run: Int, on data: DigitSplit) -> RunResult {
    var weights = notebook.generator("digits CNN weights \(run)")
    var batches = notebook.generator("digits CNN batches \(run)")
    var network = digitReader(using: &weights)
    var adam = Adam(learningRate: 0.02)
    let clock = Stopwatch()
    for epoch in 0..<cnnEpochs {
        adam.learningRate = 0.02 * (1 - Double(epoch) / Double(cnnEpochs))
        network.trainClassifierEpoch(inputs: data.trainImages, labels: data.trainLabels, batchSize: 32,
                                     optimizer: &adam, using: &batches)
    }
    let seconds = clock.seconds
    return RunResult(network: network, accuracy: accuracy(predicted: network.predictClasses(data.testImages), actual: data.testLabels),
                     seconds: seconds)
}
/// Trains Lesson 03's 64–256–10 network (He uniform, Adam 0.001, batches of 32) on the same split.
@MainActor
func trainDense(run: Int, on data: DigitSplit) -> RunResult {
    var weights = notebook.generator("digits MLP weights \(run)")
    var batches = notebook.generator("digits MLP batches \(run)")
    var network = Sequential(layerSizes: [64, 256, 10], hiddenActivation: .relu, weightInitializer: .heUniform, using: &weights)
    var adam = Adam(learningRate: 0.001)
    let clock = Stopwatch()
    for _ in 0..<(quick ? 10 : 40) {
        network.trainClassifierEpoch(inputs: data.trainImages, labels: data.trainLabels, batchSize: 32,
                                     optimizer: &adam, using: &batches)
    }
    let seconds = clock.seconds
    return RunResult(network: network, accuracy: accuracy(predicted: network.predictClasses(data.testImages), actual: data.testLabels),
                     seconds: seconds)
}
var readers: [RunResult] = [], denses: [RunResult] = []
for run in 1...runs {
    let data = digitSplit(run: run)
    readers.append(trainReader(run: run, on: data))
    progress.advance(metric: "CNN run \(run): \(formatNumber(100 * readers.last!.accuracy, digits: 1)) %")
    denses.append(trainDense(run: run, on: data))
    progress.advance(metric: "dense run \(run): \(formatNumber(100 * denses.last!.accuracy, digits: 1)) %")
}
progress.finish()
let readerSeconds = readers.reduce(0) { $0 + $1.seconds }, denseSeconds = denses.reduce(0) { $0 + $1.seconds }
report(String(format: "training: CNN %.2f s for %d runs (%.2f s each), dense %.2f s",
                     readerSeconds, runs, readerSeconds / Double(runs), denseSeconds))
let testCount = digitSplit(run: 1).testLabels.count
notebook.table(["run", "CNN (810 weights)", "64–256–10 (19,210 weights)", "CNN − dense"],
               rows: (0..<runs).map { r in
                   ["\(r + 1)", formatNumber(100 * readers[r].accuracy, digits: 2) + " %",
                    formatNumber(100 * denses[r].accuracy, digits: 2) + " %",
                    formatNumber(100 * (readers[r].accuracy - denses[r].accuracy), digits: 2)]
               })
let readerAccuracy = MonteCarloEstimate(readers.map(\.accuracy))
let denseAccuracy = MonteCarloEstimate(denses.map(\.accuracy))
/// "97.83 ± 0.61 %": a mean and standard deviation over the runs, in percent.
@MainActor
func percent(_ estimate: MonteCarloEstimate) -> String {
    "\(formatNumber(100 * estimate.mean, digits: 2)) ± \(formatNumber(100 * estimate.standardDeviation, digits: 2)) %"
}
notebook.result("CNN test accuracy, mean ± sd over \(runs) runs", percent(readerAccuracy))
notebook.result("64–256–10 test accuracy, mean ± sd", percent(denseAccuracy))
notebook.result("CNN, worst and best run", "\(formatNumber(100 * readers.map(\.accuracy).min()!, digits: 2)) % and \(formatNumber(100 * readers.map(\.accuracy).max()!, digits: 2)) % (of \(testCount) test digits)")
let readerParameters = readers[0].network.parameterCount
let target = quick ? 0.95 : 0.97
notebook.check("the CNN has at most 1,000 parameters (\(readerParameters))", readerParameters <= 1000)
notebook.check("mean CNN test accuracy ≥ \(Int(target * 100)) % (the lesson's target for \(quick ? "--quick" : "the default run"))",
               readerAccuracy.mean >= target)
let denseWins = (0..<runs).filter { denses[$0].accuracy > readers[$0].accuracy }.count
let gapClear = abs(readerAccuracy.mean - denseAccuracy.mean) > readerAccuracy.standardDeviation + denseAccuracy.standardDeviation
notebook.prose("""
    With 24 times fewer parameters the convolutional network is \
    \(gapClear ? (readerAccuracy.mean > denseAccuracy.mean ? "clearly better" : "clearly worse") : "about as accurate"): the \
    difference of the means, \(formatNumber(100 * (readerAccuracy.mean - denseAccuracy.mean), digits: 2)) points, is \
    \(gapClear ? "larger" : "smaller") than the two standard deviations together, and the dense network \
    wins \(denseWins) of the \(runs) paired runs. The spread between runs comes mostly from the split: \
    \(testCount) test digits make one mistake worth \(formatNumber(100.0 / Double(testCount), digits: 2)) points. \
    The prior built into the convolution (local, shared filters) replaces most of what the \
    dense network spends 19,210 weights to learn.

    The eight filters of run 1 after training (each 3 × 3, blank = most negative, █ = most \
    positive, each on its own scale):
    """)
let learnedFilters = (readers[0].network.layers[0] as! Convolution2D).weights
for pair in stride(from: 0, to: 8, by: 2) {
    notebook.show(panels: (pair..<(pair + 2)).map { f in
        HeatMap(rowsOf(Array(learnedFilters.scalars[(9 * f)..<(9 * f + 9)]), width: 3), title: "filter \(f + 1)")
    }, gap: 6)
}
notebook.prose("""
    Look for edge and stroke detectors among them: a bright row or column beside a dark \
    one. At 3 × 3, on an image whose pixels are already 4 × 4 blocks of a scan, a filter \
    cannot be much more elaborate. Run the lesson with another --seed and the filters \
    change; compare how much the accuracy does.
    """)

// MARK: - 9. Famous architectures

notebook.section("Famous architectures, by parameter count")
notebook.prose("""
    The handout surveys four networks (003:499–509). Their parameter counts follow from their \
    layer shapes: a convolution from C to F channels with f × f filters has C·f·f·F weights \
    and F biases, a dense layer n·m + m, and the spatial sizes follow the formula above. The \
    shapes used here are the usual published ones (LeNet-5 as it is usually rebuilt, with \
    full connections between its convolutions; AlexNet on one GPU, as torchvision has it; \
    VGG-16; ResNet-152 with batch normalization's two parameters per channel).
    """)
/// A convolution with bias: C·f·f·F + F.
func conv(_ c: Int, _ f: Int, _ k: Int) -> Int { Convolution2D.parameterCount(inputChannels: c, filters: f, kernelSize: k) }
/// A dense layer with bias: n·m + m.
func dense(_ n: Int, _ m: Int) -> Int { n * m + m }
let side = SlidingWindow.outputSize
// LeNet-5: 32 → conv 5 → 28 → pool 2 → 14 → conv 5 → 10 → pool 2 → 5; 16·5·5 = 400 into 120–84–10.
let lenetSide = side(side(side(side(32, 5, 1, 0), 2, 2, 0), 5, 1, 0), 2, 2, 0)
let lenet = conv(1, 6, 5) + conv(6, 16, 5) + dense(16 * lenetSide * lenetSide, 120) + dense(120, 84) + dense(84, 10)
// AlexNet: 224 padded by 2 → conv 11 stride 4 → 55 → pool 3/2 → 27 → conv 5 p 2 → pool → 13 → 3 convs → pool → 6.
let alexSide = side(side(side(side(side(224, 11, 4, 2), 3, 2, 0), 5, 1, 2), 3, 2, 0), 3, 2, 0)
let alexConvolutions = conv(3, 64, 11) + conv(64, 192, 5) + conv(192, 384, 3) + conv(384, 256, 3) + conv(256, 256, 3)
let alexnet = alexConvolutions + dense(256 * alexSide * alexSide, 4096) + dense(4096, 4096) + dense(4096, 1000)
// VGG-16 and ResNet-152 from their published layer lists (NeuralNetworks' PublishedArchitectures).
let (vggConvolutions, vggDense) = (PublishedArchitectures.vgg16.convolutional, PublishedArchitectures.vgg16.dense)
let vgg = PublishedArchitectures.vgg16.total, resnet = PublishedArchitectures.resnet152.total
notebook.table(["network", "what the handout says about it", "parameters (lesson)"], rows: [
    ["LeNet-5", "conv and pooling, then dense; digits", grouped(lenet)],
    ["AlexNet", "bigger, deeper, ReLU, dropout, GPUs", grouped(alexnet)],
    ["VGG-16", "deeper, small convolutions", grouped(vgg)],
    ["ResNet-152", "skip connections", grouped(resnet)],
])
notebook.compare("VGG parameters, millions", notes: 138, at: .notes("003", 507), computed: Double(vgg) / 1e6, tolerance: 0.5, digits: 2)
notebook.compare("ResNet-152 parameters, millions", notes: 60, at: .notes("003", 509), computed: Double(resnet) / 1e6, tolerance: 0.5,
                 digits: 2)
notebook.slip("what VGG is made of", notes: "only convolutional operators stacked", at: .notes("003", 507),
              correct: "13 convolutions, 5 max-pooling layers and 3 dense layers",
              why: """
                VGG's point was to use only small 3 × 3 convolutions, but it ends in three \
                dense layers, and they hold \(grouped(vggDense)) of its \(grouped(vgg)) \
                parameters (\(formatNumber(100 * Double(vggDense) / Double(vgg), digits: 1)) %). The \
                convolutions alone have \(grouped(vggConvolutions)). ResNet has fewer \
                parameters mostly because it replaces those dense layers by global average \
                pooling.
                """)
notebook.slip("Python-style slices", notes: "x[0 : k − 1]", at: .notes("003", 450), correct: "x[0 : k] (and x[s : s + k])",
              why: """
                a Python slice excludes its end, so x[0 : k − 1] has k − 1 entries, one too \
                few for a filter of length k; the same holds for x[s : k − 1 + s] on the next line.
                """)

// MARK: - Recap

notebook.recap([
    "A convolutional layer slides F filters of C × f × f weights over the image: local, with the same weights everywhere. The notes' edge filter gives 2 at the first of the 4 × 4 positions.",
    "Libraries compute cross-correlation; true convolution flips the filter (here it turns 2 into −2).",
    "Output size ⌊(n + 2p − f)/s⌋ + 1 per side; parameters C·f·f·F + F, whatever the image size.",
    "As a matrix the convolution is sparse and weight-shared; the library computes it as im2col and one matrix product.",
    "Backward: ∂L/∂W = x ⋆ δ, ∂L/∂x = the full convolution of δ with the filter; max pooling routes δ to the arg-max, average pooling spreads it evenly.",
    "A convolution is shift equivariant, not invariant (000:1532); pooling adds a little invariance.",
    "810 weights read the 8 × 8 digits with \(percent(readerAccuracy)) test accuracy over \(runs) runs; Lesson 03's 19,210-weight network gets \(percent(denseAccuracy)).",
    "The notes' \(notebook.slips) slips: shift invariant (000:1532), ∇ with respect to y for w (003:495), VGG as convolutions only (003:507), Python slices one short (003:450).",
])
notebook.exercises(lesson: "Lesson10", [
    "crossCorrelation — one channel, with stride and zero padding",
    "outputSize — ⌊(n + 2p − f)/s⌋ + 1",
    "maxPoolingBackward — route each block's gradient to its arg-max",
    "filterGradient — ∂L/∂W of a one-channel convolution",
])
notebook.finish()
