// Lesson 03 — Softmax and cross-entropy, and a real digit classifier.
//
// Why a classifier outputs one number per class, how softmax turns those numbers into
// probabilities, why the right way to grade a probability is its logarithm, the gradient
// p − eₖ that makes cross-entropy so easy to train, and a network that reads handwritten
// digits. Run it with `swift run Lesson03`; the exercises are in `Exercises/Lesson03.swift`.
//
// Sources: main lecture (seed 000) lines 590–800; Harvard lecture 10 (seed 001) lines
// 250–600; Berkeley handouts (seed 003) lines 140–170 and 398–437; short course (seed 004)
// lines 785–860 and 1354–1430.

import Datasets
import Foundation
import LessonRuntime
import NeuralNetworks
import TensorCore

let epochsOption = Option("epochs", default: 40, quick: 10, atLeast: 1, help: "training epochs of the digit classifier")
let hiddenOption = Option("hidden", default: 256, atLeast: 1, help: "hidden units of the digit classifier")
let notebook = Notebook(
    title: "Lesson 03 · Softmax, cross-entropy and a digit classifier",
    summary: "How a network says which class, how sure it is, and how to grade it.",
    flags: [epochsOption, hiddenOption])
let quick = notebook.options.quick

notebook.prose("""
    You will learn: why class labels are written as one-hot vectors; what softmax does, \
    why it is called that and how to compute it without overflow; why grading a reported \
    probability by its logarithm keeps the forecaster honest; the cross-entropy loss and its gradient p − eₖ, checked by finite \
    differences; binary cross-entropy, maximum likelihood and the KL divergence; how to \
    count a model's parameters; and, at the end, a network that reads handwritten digits.
    """)

// MARK: - 1. One-hot labels

notebook.section("One-hot labels")
notebook.prose("""
    A digit classifier has ten possible answers. We could train a network with one output \
    and ask it to produce 0, 1, …, 9, but the notes argue for ten outputs instead: the \
    label k becomes the vector eₖ with a 1 in place k and 0 elsewhere, its one-hot code.
    """)
notebook.table(["label", "one-hot code"],
               rows: [0, 1, 2, 9].map { label in
                   ["\(label)", oneHot([label], classes: 10).scalars.map { String(Int($0)) }.joined(separator: " ")]
               })
notebook.prose("""
    Why is that easier to learn? Think of the layer just before the output, and suppose \
    four of its units have learned to detect a brow, an eye, a wheel and a number plate. \
    Telling a face from a car is then one comparison: brow + eye against wheel + plate. \
    With one output per class, each output is a plain weighted sum of those features: \
    score(face) = brow + eye and score(car) = wheel + plate, and the larger score wins. \
    With a single output that must say 9 for a face and 6 for a car, the last layer has \
    to turn the same comparison into a jump from 6 to 9, which a weighted sum cannot do: \
    the best linear fit lands between the codes whenever the evidence is mixed.
    """)
// Pictures described by (brow, eye, wheel, plate) detector outputs, and what they show.
let pictures: [(features: [Double], isFace: Bool)] = [
    ([1, 1, 0, 0], true), ([0.9, 0.4, 0, 0], true), ([0.6, 1, 0.3, 0], true), ([0.2, 0.9, 0, 0.1], true),
    ([0, 0, 1, 1], false), ([0, 0.1, 0.8, 0.3], false), ([0.3, 0, 0.4, 0.9], false), ([0, 0.2, 1, 0], false),
]
let scoreLayer = Dense(weights: [[1, 0], [1, 0], [0, 1], [0, 1]], bias: [0, 0])   // columns: face, car
// The single-number code: the least-squares linear map from the features (and 1) to 9 or 6.
let design = Tensor(pictures.map { $0.features + [1] })
let codes = Tensor(pictures.map { [$0.isFace ? 9.0 : 6.0] })
/// Solves the square system A w = r by Gaussian elimination with partial pivoting.
func solve(_ a: Tensor, _ r: Tensor) -> Tensor {
    let n = a.shape[0]
    var m = (0..<n).map { i in (0..<n).map { a[i, $0] } + [r[i]] }
    for column in 0..<n {
        let pivot = (column..<n).max { abs(m[$0][column]) < abs(m[$1][column]) }!
        m.swapAt(column, pivot)
        for row in 0..<n where row != column {
            let factor = m[row][column] / m[column][column]
            for k in column...n { m[row][k] -= factor * m[column][k] }
        }
    }
    return Tensor((0..<n).map { m[$0][n] / m[$0][$0] })
}
// The normal equations XᵀX w = Xᵀc of least squares.
let codeWeights = solve(matmul(design, design, transposeA: true), matmul(design, codes, transposeA: true).reshaped([5]))
var featureRows: [[String]] = []
var oneHotRight = 0, codeExact = 0
for picture in pictures {
    let scores = scoreLayer(Tensor(picture.features))
    let saysFace = scores[0] > scores[1]
    if saysFace == picture.isFace { oneHotRight += 1 }
    let code = dot(Tensor(picture.features + [1]), codeWeights)
    if abs(code - (picture.isFace ? 9 : 6)) < 0.5 { codeExact += 1 }
    featureRows.append(picture.features.map { formatNumber($0) } + [picture.isFace ? "face" : "car",
        formatNumber(scores[0], digits: 2), formatNumber(scores[1], digits: 2), saysFace ? "face" : "car",
        formatNumber(code, digits: 3)])
}
notebook.table(["brow", "eye", "wheel", "plate", "truth", "s(face)", "s(car)", "argmax", "1-output fit"],
               rows: featureRows)
notebook.check("two outputs with fixed weights classify all \(pictures.count) pictures (\(oneHotRight) right)",
               oneHotRight == pictures.count)
notebook.check("the best one-output linear fit is within ±0.5 of 9 or 6 on only \(codeExact) of \(pictures.count)",
               codeExact < pictures.count)
let thresholdRight = pictures.filter { picture in
    (dot(Tensor(picture.features + [1]), codeWeights) > 7.5) == picture.isFace
}.count
notebook.check("yet the same fit, read with a threshold at 7.5, classifies all \(pictures.count) (\(thresholdRight) right)",
               thresholdRight == pictures.count)
notebook.prose("""
    So with two classes the single output loses nothing: its values miss the codes, but a \
    threshold halfway between them sorts every picture, exactly as the comparison of two \
    scores does (one output and a threshold is the same as two outputs and their \
    difference). The case for one output per class starts at three classes. A single \
    number has to put the classes in an order, and a weighted sum only moves along it: \
    with the code 5, 6, 7, the classes 5 and 7 can only be told apart by passing through \
    6, and a network unsure between a 5 and a 7 is pushed to answer 6. Ten separate \
    outputs make no such claim, and any two classes can share a boundary.

    Three classes in numbers. Suppose the layer below has found one useful feature, the \
    width of the ink: narrow for a 1, middling for a 7, wide for a 0 (eight made-up \
    images of each, widths 1, 2 and 3 give or take 0.35). A single output asked for the \
    digit itself must go from 1 up to 7 and down to 0 as the width grows, and a weighted \
    sum of one feature is a straight line in it. Four models, each read off as the nearest \
    code or the largest output:
    """)
// Ink widths: 8 per class around 1 (digit 1), 2 (digit 7) and 3 (digit 0); no randomness.
let threeDigits = [1, 7, 0]
func inkWidth(ofClass c: Int, image i: Int) -> Double { Double(c + 1) - 0.35 + 0.1 * Double(i) }
let inkWidths: [Double] = (0..<3).flatMap { (c: Int) -> [Double] in (0..<8).map { inkWidth(ofClass: c, image: $0) } }
let inkClasses: [Int] = (0..<3).flatMap { (c: Int) -> [Int] in Array(repeating: c, count: 8) }   // 0, 1, 2 = digits 1, 7, 0
let inkDesign = Tensor(inkWidths.map { (width: Double) -> [Double] in [width, 1] })
/// The classes read off the line a·width + b fitted by least squares to `codes` (class c has
/// code `codes[c]`): each point gets the class whose code is nearest to the line's value.
func lineAnswers(codes: [Double]) -> [Int] {
    let targets = Tensor(inkClasses.map { [codes[$0]] })
    let line = solve(matmul(inkDesign, inkDesign, transposeA: true), matmul(inkDesign, targets, transposeA: true).reshaped([2]))
    return inkWidths.map { width in
        let value = line[0] * width + line[1]
        return codes.indices.min { abs(codes[$0] - value) < abs(codes[$1] - value) }!
    }
}
func wrong(_ answers: [Int]) -> Int { zip(answers, inkClasses).filter { $0 != $1 }.count }
let digitCodes = threeDigits.map(Double.init)
let leastSquaresAnswers = lineAnswers(codes: digitCodes)
let leastSquaresErrors = wrong(leastSquaresAnswers)
// Any line with any two thresholds is monotone in the width, so along the sorted widths its
// answers read (in the order of the code values) low…low mid…mid high…high, or the reverse.
// Trying every pair of cut points gives the fewest errors any single linear output can make.
let codesInOrder = digitCodes.indices.sorted { digitCodes[$0] < digitCodes[$1] }   // classes by code value
var fewestLineErrors = Int.max
for reversed in [false, true] {
    let order = reversed ? Array(codesInOrder.reversed()) : codesInOrder
    for first in 0...inkWidths.count {
        for second in first...inkWidths.count {
            let answers = inkWidths.indices.map { $0 < first ? order[0] : $0 < second ? order[1] : order[2] }
            fewestLineErrors = min(fewestLineErrors, wrong(answers))
        }
    }
}
let orderedCodeErrors = wrong(lineAnswers(codes: [0, 1, 2]))
// Three outputs, one per class: softmax and cross-entropy, full-batch gradient descent from zero.
var threeOutputs = Sequential([Dense(weights: .zeros([1, 3]), bias: .zeros([3]))])
var threeOutputSGD = SGD(learningRate: 0.5)
var unusedShuffle = notebook.generator("three classes")   // one full batch: nothing is shuffled
let centredWidths = Tensor(inkWidths.map { [$0 - 2] })
for _ in 0..<2_000 {
    threeOutputs.trainClassifierEpoch(inputs: centredWidths, labels: inkClasses, batchSize: inkWidths.count,
                                      optimizer: &threeOutputSGD, using: &unusedShuffle)
}
let oneHotErrors = wrong(threeOutputs.predictClasses(centredWidths))
notebook.table(["model", "outputs", "wrong of \(inkWidths.count)"], rows: [
    ["least-squares line to the digit (1, 7, 0)", "1", "\(leastSquaresErrors)"],
    ["best line, best two thresholds", "1", "\(fewestLineErrors)"],
    ["least-squares line to 0, 1, 2 in width order", "1", "\(orderedCodeErrors)"],
    ["one-hot, softmax and cross-entropy", "3", "\(oneHotErrors)"],
])
notebook.check("any one output coded 1, 7, 0 gets ≥ \(fewestLineErrors) wrong, a whole class",
               fewestLineErrors == inkWidths.count / 3)
notebook.check("least squares: \(leastSquaresErrors) wrong; three one-hot outputs: \(oneHotErrors) wrong",
               leastSquaresErrors >= fewestLineErrors && oneHotErrors == 0)
let readsAllAsOne = Set(leastSquaresAnswers) == [0]
notebook.prose("""
    The least-squares line is nearly flat\(readsAllAsOne ? " and reads every image as the digit 1" : ""). Even the \
    best line with the best two thresholds gives up a whole class: along the width its \
    answers can only rise through the codes 0, 1, 7 or fall through them, while the truth \
    goes 1, 7, 0. Numbering the classes 0, 1, 2 in the order of the width cures it, but \
    only because we chose the numbers to suit the feature; a network must find such an \
    order by itself, and for ten digits and many features there need not be one. The \
    three outputs need no order at all: each class gets its own line, and the largest one \
    wins on every image.
    """)

// MARK: - 2. Softmax

notebook.section("Softmax")
notebook.prose("""
    Ten outputs z₁ … z₁₀ are ten arbitrary real numbers. We want to read them as \
    probabilities, so they must be positive and add up to one. Softmax does both: \
    exponentiate, then divide by the total.
    """)
notebook.formula("softmax(z)ᵢ = e^(zᵢ) / (e^(z₁) + e^(z₂) + … + e^(zₖ))")
notebook.prose("""
    Unlike the activations of Lesson 01, softmax is not applied to each number on its \
    own: every output depends on all the inputs through the denominator. Adding the same \
    constant to every zᵢ multiplies top and bottom by the same factor and changes nothing.

    Why "soft max"? Divide the inputs by a temperature T before the softmax. As T falls, \
    the largest input takes more and more of the probability, and in the limit the \
    output is the one-hot code of the argmax: a hard max. At high temperature the output \
    flattens towards uniform. Here z = [1, 2, 3]:
    """)
let temperatureInputs: Tensor = [1, 2, 3]
var temperatureRows: [[String]] = []
for temperature in [100.0, 10, 1, 0.5, 0.2, 0.05] {
    let p = softmax(temperatureInputs / temperature)
    temperatureRows.append([formatNumber(temperature)] + p.scalars.map { formatNumber($0, digits: 4) })
}
notebook.table(["T", "p₁", "p₂", "p₃"], rows: temperatureRows)
let cold = softmax(temperatureInputs / 0.05), hot = softmax(temperatureInputs / 100)
notebook.check("at T = 0.05 softmax is within 1e-8 of the one-hot argmax [0, 0, 1]",
               (cold - Tensor([0, 0, 1])).scalars.allSatisfy { abs($0) < 1e-8 })
notebook.check("at T = 100 every probability is within 0.01 of 1/3",
               hot.scalars.allSatisfy { abs($0 - 1.0 / 3) < 0.01 })

notebook.prose("""
    Computing it: e^z overflows a Double once z passes about 709.8. With z = [1000, 1001] \
    the textbook formula divides infinity by infinity. The cure is the invariance above: \
    subtract the largest input first, so that every exponent is at most 0 and the \
    largest term is exactly 1.
    """)
let bigLogits: [Double] = [1000, 1001]
let naive = bigLogits.map { exp($0) / bigLogits.map { exp($0) }.reduce(0, +) }
let shifted = softmax(Tensor(bigLogits))
notebook.result("naive e^z / Σ e^z on [1000, 1001]", "[\(naive.map { formatNumber($0) }.joined(separator: ", "))]")
notebook.result("shifted, e^(z − max z) / Σ", shifted, digits: 6)
notebook.check("naive: NaN; shifted: [0.268941, 0.731059] = [σ(−1), σ(1)]",
               naive.allSatisfy(\.isNaN) && abs(shifted[0] - 0.2689414213699951) < 1e-12
                   && abs(shifted[1] - Activation.sigmoid(1)) < 1e-12)

// MARK: - 3. Grading a forecast

notebook.section("How to grade a probability")
notebook.prose("""
    If the network answers with probabilities, how should it be penalised? The notes \
    answer with a story about an exam. Each question has answers A and B, and you may hand \
    in a distribution (q, 1 − q) instead of one letter. Suppose the grader gives you the \
    probability you put on the right answer: q points if A is right, 1 − q if B is. You \
    believe A is right with probability 3/4. What should you hand in?
    """)
let belief = 0.75
func linearScore(_ q: Double) -> Double { q }
func expectedScore(_ rule: (Double) -> Double, belief p: Double, report q: Double) -> Double {
    p * rule(q) + (1 - p) * rule(1 - q)
}
notebook.compare("honest (3/4, 1/4): 10/16", notes: 10.0 / 16, at: .notes("000", 727), written: "10/16", computed: expectedScore(linearScore, belief: belief, report: 0.75),
                 tolerance: 1e-12)
notebook.compare("all-in (1, 0): 12/16", notes: 12.0 / 16, at: .notes("000", 729), written: "12/16", computed: expectedScore(linearScore, belief: belief, report: 1),
                 tolerance: 1e-12)
notebook.prose("""
    The honest answer earns 5/8 on average and the exaggerated one 3/4, so this grading \
    rewards lying. Which rule f, paying f(q) for probability q on the right answer, makes \
    honesty the best policy? With belief p you maximise
    """)
notebook.formula("E(q) = p f(q) + (1 − p) f(1 − q),   E′(q) = p f′(q) − (1 − p) f′(1 − q)")
notebook.prose("""
    and we want the maximum at q = p for every p, so p f′(p) = (1 − p) f′(1 − p) must hold \
    for all p. The notes take the simplest way to satisfy it: make p f′(p) a constant C. \
    Then f′(p) = C/p and f(p) = C log p + D. Asking for a full point at certainty, \
    f(1) = 1, and none for a coin flip, f(1/2) = 0, fixes the constants (logarithm to \
    base 2):
    """)
// f(1) = C·log₂1 + D = D = 1;  f(½) = −C + D = 0.
let offsetD = 1.0
let scaleC = offsetD / -log2(0.5)
notebook.compare("D from f(1) = 1", notes: 1, at: .notes("000", 714), computed: offsetD, tolerance: 0)
notebook.compare("C from f(1/2) = 0", notes: 1, at: .notes("000", 714), computed: scaleC, tolerance: 1e-15)
func logScore(_ q: Double) -> Double { 1 + log2(q) }
func quadraticScore(_ q: Double) -> Double { 1 - 2 * (1 - q) * (1 - q) }   // Brier: 1 − Σ (qᵢ − yᵢ)²
notebook.result("f(3/4) = 1 + log₂(3/4)", logScore(0.75))
notebook.prose("""
    Now the exam again, numerically. For several beliefs p, search q on a grid of 10,001 \
    points for the report with the highest expected score, under three rules: linear \
    f(q) = q, logarithmic f(q) = 1 + log₂ q, and the quadratic (Brier) rule \
    f(q) = 1 − (1 − q)² − (0 − (1 − q))² = 1 − 2(1 − q)², which charges the squared \
    distance between the report and the one-hot truth.
    """)
let reportGrid = (0...10_000).map { Double($0) / 10_000 }
/// The grid's report with the highest expected score (the first on ties).
func bestReport(_ rule: (Double) -> Double, belief p: Double) -> Double {
    reportGrid[argmax(reportGrid.map { expectedScore(rule, belief: p, report: $0) })]
}
let beliefs = [0.1, 0.3, 0.5, 0.75, 0.9]
var honestyRows: [[String]] = []
var linearExtreme = true, logHonest = true, quadraticHonest = true
for p in beliefs {
    let (l, g, s) = (bestReport(linearScore, belief: p), bestReport(logScore, belief: p), bestReport(quadraticScore, belief: p))
    linearExtreme = linearExtreme && (p == 0.5 || l == 0 || l == 1)
    logHonest = logHonest && abs(g - p) < 1e-9
    quadraticHonest = quadraticHonest && abs(s - p) < 1e-9
    honestyRows.append([formatNumber(p), formatNumber(l), formatNumber(g), formatNumber(s)])
}
notebook.table(["belief p", "best q: linear", "best q: log", "best q: quadratic"], rows: honestyRows)
notebook.check("linear scoring: the best report is 0 or 1 (at p = 1/2 every q ties)", linearExtreme)
notebook.check("under log scoring the best report is q = p for every belief", logHonest)
notebook.check("under quadratic scoring the best report is also q = p", quadraticHonest)

var scorePlot = LinePlot(title: "Expected score when you believe p = 3/4", xLabel: "reported q", yLabel: "E[points]",
                         yRange: -0.5...1)
let plotReports = Tensor.linspace(from: 0.02, to: 0.98, count: quick ? 49 : 97).scalars
for (name, rule) in [("linear", linearScore), ("log", logScore), ("quadratic", quadraticScore)]
    as [(String, (Double) -> Double)] {
    scorePlot.add(name, x: plotReports, y: plotReports.map { expectedScore(rule, belief: belief, report: $0) })
}
notebook.show(scorePlot)
notebook.prose("""
    The linear curve climbs all the way to q = 1; the other two peak at q = 3/4. The notes' \
    condition p f′(p) = (1 − p) f′(1 − p) explains it: for f(q) = q it reads p = 1 − p, \
    true only at p = 1/2; for the quadratic rule f′(q) = 4(1 − q) and both sides equal \
    4p(1 − p). A constant p f′(p) is one way to meet the condition, not the only one, so \
    the notes' conclusion that the grader must pay the logarithm goes too far for this \
    two-answer exam:
    """)
notebook.slip("honest rules", notes: "log only", at: .notes("000", 743...751), correct: "log, quadratic",
              why: "p f′(p) = C suffices but is not needed")
notebook.prose("""
    The notes open this topic with the squared distance as a cost: a network that says \
    (3/4, 1/4) when the answer is the first class pays (3/4 − 1)² + (1/4 − 0)², which is \
    the quadratic rule's 1 − f(3/4). They call it a poor choice, but the table above has \
    just shown that it is honest. Its real weakness lies elsewhere: it is bounded (at most \
    2), so a confident wrong answer costs little more than a hesitant one, while the log \
    score's cost grows without limit.
    """)
let squaredCost = (Tensor([0.75, 0.25]) - Tensor([1, 0])).map { $0 * $0 }.sum()
notebook.compare("(3/4 − 1)² + (1/4 − 0)²", lesson: 0.125, computed: squaredCost, tolerance: 1e-15)
notebook.compare("… = 1 − quadratic score f(3/4)", lesson: 0.125, computed: 1 - quadraticScore(0.75), tolerance: 1e-15)
notebook.slip("the squared cost for a distribution", notes: "not a great choice", at: .notes("000", 644),
              correct: "honest, like the log score",
              why: "the quadratic (Brier) rule makes q = p the best report, as the table shows; its drawback "
                + "is only that it is bounded")
notebook.prose("""
    The notes' exam also has a three-answer question, 1 + 1 = ?, answered with 80 % on 2, \
    15 % on 3 and 5 % on 4. The linear grader pays the probability put on the right \
    answer; the log and quadratic rules pay:
    """)
let examReport = [0.8, 0.15, 0.05], examTruth = [1.0, 0, 0]
notebook.compare("linear grade of (0.8, 0.15, 0.05)", notes: 0.8, at: .notes("000", 646...654),
                 computed: zip(examReport, examTruth).map { $0 * $1 }.reduce(0, +), tolerance: 1e-15)
notebook.compare("log grade 1 + log₂ 0.8", lesson: 1 + log2(0.8), computed: logScore(0.8), tolerance: 1e-15)
let examQuadratic = 1 - zip(examReport, examTruth).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
notebook.compare("quadratic grade 1 − (0.2² + 0.15² + 0.05²)", lesson: 0.935, computed: examQuadratic, tolerance: 1e-12)
notebook.prose("""
    What does single out the logarithm: with three or more answers, it is the only honest \
    rule (up to scaling and shifting) whose pay depends on the probability of the \
    right answer alone. The quadratic \
    rule also looks at how the rest of the probability is spread. A classifier's loss \
    should depend only on the probability of the true class, and that is the log.
    """)

// MARK: - 4. Cross-entropy

notebook.section("Cross-entropy")
notebook.prose("""
    Training minimises a loss, so flip the sign of the log score. With logits z, \
    probabilities p = softmax(z) and true class k, the cross-entropy loss is
    """)
notebook.formula("C = −ln pₖ = −zₖ + ln Σᵢ e^(zᵢ)")
notebook.prose("""
    (natural log from here on; the base only rescales the loss). For a one-hot target y \
    it is the same as −Σⱼ yⱼ ln pⱼ, the form the Harvard notes write down. Its values:
    """)
var entropyRows: [[String]] = []
for pk in [1.0, 0.9, 0.5, 0.1, 0.01, 1e-6, 0] {
    entropyRows.append([formatNumber(pk), formatNumber(-log(pk), digits: 4)])
}
notebook.table(["pₖ", "−ln pₖ"], rows: entropyRows)
notebook.check("−ln pₖ ≥ 0 on (0, 1], = 0 only at pₖ = 1, and +∞ at pₖ = 0",
               (1...1000).allSatisfy { -log(Double($0) / 1000) >= 0 } && -log(1.0) == 0 && -log(0.0) == .infinity)
notebook.prose("""
    The short course's example (004:781–782): a prediction of 0.2 when the truth is 1. Its \
    cross-entropy is −ln 0.2 = ln 5, the row for pₖ = 0.2 that the table skips:
    """)
notebook.compare("−ln 0.2 = ln 5, binary cross-entropy", lesson: log(5.0),
                 computed: Loss.binaryCrossEntropy.value(prediction: [0.2], target: [1]), tolerance: 1e-12)
notebook.prose("""
    A loss of zero needs full confidence in the right answer. A probability of exactly \
    zero on the right answer costs an infinite loss, and if that answer has any chance of \
    being right, the expected loss is infinite too: the log score punishes ruling out \
    anything that can happen, so the model learns to keep a little probability on every \
    class. Mathematically softmax never outputs 0, but in floating point it can: \
    e^(−800) underflows. That is why the library computes the loss from the logits with \
    the log-sum-exp form above rather than taking ln of a softmax.
    """)
let extremeLogits: Tensor = [0, -800]
notebook.result("softmax([0, −800])", softmax(extremeLogits), digits: 6)
notebook.result("ln softmax([0, −800])₂", log(softmax(extremeLogits)[1]))
notebook.result("logSoftmax([0, −800])₂", logSoftmax(extremeLogits)[1])
notebook.check("logSoftmax keeps the finite −800 where ln(softmax) gives −∞",
               logSoftmax(extremeLogits)[1] == -800 && log(softmax(extremeLogits)[1]) == -.infinity)

// MARK: - 5. The gradient p − eₖ

notebook.section("The gradient of cross-entropy")
notebook.prose("""
    Backpropagation needs ∂C/∂zⱼ at the last layer; everything below it works as before. \
    The notes differentiate the quotient e^(zₖ)/Σ e^(zᵢ) in two cases. The log-sum-exp \
    form is quicker: ∂(−zₖ)/∂zⱼ is −1 when j = k and 0 otherwise, and \
    ∂ ln Σᵢ e^(zᵢ)/∂zⱼ = e^(zⱼ)/Σᵢ e^(zᵢ) = pⱼ. So
    """)
notebook.formula("∂C/∂zⱼ = pⱼ − [j = k],   i.e.   ∇_z C = p − eₖ")
notebook.prose("""
    Before they start, the notes' setup uses one letter for two things. The last layer's \
    outputs are z₁, …, z_k, the vector of exponentials then ends at e^(zₙ), and k is also \
    the true label:
    """)
notebook.slip("length of the softmax vector", notes: "(e^(z₁), …, e^(zₙ)) with label k", at: .notes("000", 771),
              correct: "(e^(z₁), …, e^(z_K)), label k ≤ K",
              why: """
                000:769 gives the last layer k outputs z₁ … z_k and 000:773 makes k the right \
                label, so the same letter counts the classes and names one of them, and the \
                vector stops at n. With K outputs, j = 1, …, K at 000:776, and k for the \
                label, every formula of the derivation reads as intended.
                """)
notebook.prose("""
    The notes reach pⱼ for j ≠ k and pₖ − 1 for j = k, the same result, and leave \
    themselves a note to double-check it. Here is the check: central differences \
    (C(z + h eⱼ) − C(z − h eⱼ)) / 2h with h = 10⁻⁵, at z = [1, 2, 0.5, −1] with true \
    class k = 2 (the second entry).
    """)
let logits: Tensor = [1, 2, 0.5, -1]
let trueClass = 1
let probabilities = softmax(logits)
let analyticLogitGradient = probabilities - oneHot([trueClass], classes: 4).reshaped([4])
func crossEntropy(_ z: Tensor, _ k: Int) -> Double { -logSoftmax(z)[k] }
let logitCheck = checkGradient(label: "∂C/∂z", at: logits, analyticGradient: analyticLogitGradient) {
    crossEntropy($0, trueClass)
}
var gradientRows: [[String]] = []
for j in 0..<4 {
    var plus = logits, minus = logits
    plus[j] += 1e-5
    minus[j] -= 1e-5
    let numeric = (crossEntropy(plus, trueClass) - crossEntropy(minus, trueClass)) / 2e-5
    gradientRows.append(["\(j + 1)", formatNumber(logits[j]), formatNumber(probabilities[j], digits: 6),
                         formatNumber(analyticLogitGradient[j], digits: 8), formatNumber(numeric, digits: 8)])
}
notebook.table(["j", "zⱼ", "pⱼ", "pⱼ − [j = k]", "finite difference"], rows: gradientRows)
notebook.check("p − eₖ matches central differences (worst relative error \(formatNumber(logitCheck.maxRelativeError, digits: 1)) < 1e-8)",
               logitCheck.passes(tolerance: 1e-8))
notebook.prose("""
    The sign makes sense: gradient descent moves against the gradient, raising the true \
    class's logit by 1 − pₖ and lowering every other logit by its probability. The \
    components add up to zero, and the push fades as pₖ approaches 1.

    The same calculation, one level down: the Jacobian of softmax itself. Differentiating \
    pᵢ = e^(zᵢ)/Σ gives ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ), where δᵢⱼ is 1 if i = j and 0 otherwise: \
    a positive diagonal pᵢ(1 − pᵢ), like the sigmoid's σ(1 − σ), and negative entries \
    −pᵢpⱼ elsewhere. Checked entry by entry:
    """)
var worstJacobianError = 0.0
var jacobian = Tensor.zeros([4, 4])
for i in 0..<4 {
    for j in 0..<4 {
        jacobian[i, j] = probabilities[i] * ((i == j ? 1 : 0) - probabilities[j])
        var plus = logits, minus = logits
        plus[j] += 1e-5
        minus[j] -= 1e-5
        let numeric = (softmax(plus)[i] - softmax(minus)[i]) / 2e-5
        worstJacobianError = max(worstJacobianError, abs(numeric - jacobian[i, j]))
    }
}
notebook.result("∂p/∂z at z = [1, 2, 0.5, −1]", jacobian, digits: 5)
notebook.check("pᵢ(δᵢⱼ − pⱼ) matches central differences (worst error \(formatNumber(worstJacobianError, digits: 1)) < 1e-9)",
               worstJacobianError < 1e-9)

notebook.prose("""
    Put a linear layer underneath: z = Wx + b, with W of shape [classes, inputs] as in the \
    Berkeley handout, and the loss L = −ln p_y(Wx + b) for the true class y. Write \
    δ = p − e_y for the gradient at z. The chain rule through zᵢ = Σⱼ Wᵢⱼ xⱼ + bᵢ gives
    """)
notebook.formula("""
    ∂L/∂b = δ                  (shape [classes])
    ∂L/∂W = δ xᵀ               (outer product, shape [classes, inputs])
    ∂L/∂x = Wᵀ δ               (shape [inputs]; passed on to the layer below)
    """)
var linearGenerator = notebook.generator("linear-softmax layer")
let linearWeights = Tensor.normal([3, 4], using: &linearGenerator)
let linearBias = Tensor.normal([3], using: &linearGenerator)
let linearInput = Tensor.normal([4], using: &linearGenerator)
let linearLabel = 2
func linearLoss(_ w: Tensor, _ b: Tensor, _ x: Tensor) -> Double {
    -logSoftmax(matmul(w, x.reshaped([x.count, 1])).reshaped([w.shape[0]]) + b)[linearLabel]
}
let linearDelta = softmax(matmul(linearWeights, linearInput.reshaped([4, 1])).reshaped([3]) + linearBias)
    - oneHot([linearLabel], classes: 3).reshaped([3])
let linearChecks = [
    checkGradient(label: "∂L/∂W", at: linearWeights, analyticGradient: outer(linearDelta, linearInput)) {
        linearLoss($0, linearBias, linearInput)
    },
    checkGradient(label: "∂L/∂b", at: linearBias, analyticGradient: linearDelta) {
        linearLoss(linearWeights, $0, linearInput)
    },
    checkGradient(label: "∂L/∂x", at: linearInput,
                  analyticGradient: matmul(linearWeights, linearDelta.reshaped([3, 1]), transposeA: true).reshaped([4])) {
        linearLoss(linearWeights, linearBias, $0)
    },
]
notebook.table(["gradient", "entries", "worst relative error"],
               rows: linearChecks.map { [$0.label, "\($0.elementCount)", formatNumber($0.maxRelativeError, digits: 2)] })
notebook.check("on a random 3 × 4 layer all three match central differences to 1e-7",
               linearChecks.allSatisfy { $0.passes(tolerance: 1e-7) })

// MARK: - 6. Binary cross-entropy, likelihood and KL

notebook.section("Binary cross-entropy, likelihood and KL divergence")
notebook.prose("""
    With two classes the probabilities are (p, 1 − p), a one-hot target is (y, 1 − y) \
    with y ∈ {0, 1}, and cross-entropy becomes the binary cross-entropy
    """)
notebook.formula("L = −[y ln p + (1 − y) ln(1 − p)]")
notebook.prose("""
    A two-class softmax is a sigmoid in disguise: softmax(z₁, z₂)₁ = 1/(1 + e^(z₂ − z₁)) = \
    σ(z₁ − z₂). One sigmoid output and binary cross-entropy therefore do the same job as \
    two softmax outputs and categorical cross-entropy.
    """)
var binaryAgrees = true
var binaryGenerator = notebook.generator("binary cross-entropy")
for _ in 0..<100 {
    let (z1, z2) = (binaryGenerator.uniform(in: -5...5), binaryGenerator.uniform(in: -5...5))
    let y = binaryGenerator.bernoulli(0.5) ? 1.0 : 0.0
    let p = softmax(Tensor([z1, z2]))[0]
    let binary = Loss.binaryCrossEntropy.value(prediction: Tensor([p]), target: Tensor([y]))
    let categorical = Loss.categoricalCrossEntropyWithLogits.value(prediction: Tensor([z1, z2]), target: Tensor([y, 1 - y]))
    binaryAgrees = binaryAgrees && abs(p - Activation.sigmoid(z1 - z2)) < 1e-12 && abs(binary - categorical) < 1e-9
}
notebook.check("100 random pairs: softmax₁ = σ(z₁ − z₂), binary CE = two-class CE",
               binaryAgrees)
notebook.prose("""
    The Harvard notes list the losses side by side. Two entries slip. The vector squared \
    error sums over the wrong index (i, which already names the example, where the terms \
    use j). And for a vector output \
    they define the "absolute error" as (Σⱼ (ŷⱼ − yⱼ)²)^½, which is the Euclidean length \
    of the error, not the sum of absolute values Σⱼ |ŷⱼ − yⱼ| that the name (and Keras's \
    mean absolute error) stands for. For an error of (3, −4):
    """)
let errorVector: Tensor = [3, -4]
notebook.slip("squared error of a vector", notes: "Σ_{i=1}^M (ŷⱼ − yⱼ)²", at: .notes("001", 456),
              correct: "Σ_{j=1}^M (ŷⱼ − yⱼ)²",
              why: "the sum runs over the M output components j; i already names the example (the superscript (i))")
notebook.slip("absolute error of a vector", notes: "(Σⱼ (ŷⱼ − yⱼ)²)^½", at: .notes("001", 476),
              correct: "Σⱼ |ŷⱼ − yⱼ|", why: "their formula is the Euclidean length, not the sum of |·|")
let absoluteErrorSum = Loss.meanAbsoluteError.value(prediction: errorVector, target: [0, 0])
notebook.results(["the notes' formula on (3, −4): the length": errorVector.norm(),
                  "Σⱼ |ŷⱼ − yⱼ| on (3, −4)": absoluteErrorSum])
notebook.compare("Σⱼ |ŷⱼ − yⱼ| on (3, −4) = 3 + 4", lesson: 7, computed: absoluteErrorSum, tolerance: 1e-12)

notebook.prose("""
    Where does cross-entropy come from, besides the exam? From maximum likelihood. A model \
    gives each training example the probability q(yᵢ | xᵢ) of its label. The likelihood \
    of the data is the product of these over the m examples; its logarithm is a sum, and \
    dividing by −m turns "maximise the likelihood" into "minimise the mean of −ln q(yᵢ | xᵢ)": \
    exactly the mean cross-entropy.
    """)
notebook.prose("""
    The short course tells this story for a density p_model(x; θ), and in doing so hangs \
    the model's parameters on the data's distribution too:
    """)
notebook.slip("the data-generating distribution", notes: "p_data(x; θ)", at: .notes("004", 811),
              correct: "p_data(x)",
              why: """
                The data come from nature, not from the model: only p_model depends on θ. \
                That is why the log p_data term of the KL divergence (004:830–832) can be \
                dropped when minimising over θ. 004:812 repeats the slip.
                """)
notebook.prose("""
    And a third reading. Let p̂ be the empirical distribution of the labels. The mean loss \
    of a model q that ignores the input is the cross-entropy H(p̂, q) = −Σ p̂ ln q, and
    """)
notebook.formula("""
    H(p̂, q) = H(p̂) + KL(p̂ ‖ q),   where
    H(p̂) = −Σ p̂ ln p̂   and   KL(p̂ ‖ q) = Σ p̂ ln(p̂ / q) ≥ 0
    """)
notebook.prose("""
    H(p̂) depends on the data alone, so minimising cross-entropy is minimising the KL \
    divergence from the data to the model, and the minimum is reached at q = p̂. Take ten \
    labels, six A, three B and one C, so p̂ = (0.6, 0.3, 0.1), and train three logits by \
    gradient descent on the mean cross-entropy, using the gradient p − p̂ from section 5:
    """)
let empirical: Tensor = [0.6, 0.3, 0.1]
let labelsABC = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2]
var freeLogits = Tensor.zeros([3])
var klHistory: [Double] = []
func klDivergence(_ p: Tensor, _ q: Tensor) -> Double {
    zip(p.scalars, q.scalars).reduce(0) { $0 + ($1.0 == 0 ? 0 : $1.0 * log($1.0 / $1.1)) }
}
for _ in 0..<(quick ? 300 : 600) {
    let (loss, gradient) = Loss.categoricalCrossEntropyWithLogits.evaluate(
        prediction: Tensor(stacking: labelsABC.map { _ in freeLogits }), target: oneHot(labelsABC, classes: 3))
    _ = loss
    freeLogits.add(gradient.sum(alongAxis: 0), scaledBy: -1)
    klHistory.append(klDivergence(empirical, softmax(freeLogits)))
}
let learned = softmax(freeLogits)
let empiricalEntropy = -empirical.scalars.reduce(0) { $0 + $1 * log($1) }
let finalCrossEntropy = -zip(empirical.scalars, learned.scalars).reduce(0) { $0 + $1.0 * log($1.1) }
notebook.result("learned q", learned, digits: 6)
notebook.results(["H(p̂)": empiricalEntropy, "H(p̂, q)": finalCrossEntropy,
                  "KL(p̂ ‖ q)": klDivergence(empirical, learned)])
notebook.check("q has converged to p̂ = (0.6, 0.3, 0.1) within 1e-6", (learned - empirical).scalars.allSatisfy { abs($0) < 1e-6 })
notebook.check("H(p̂, q) = H(p̂) + KL(p̂ ‖ q) to 1e-12",
               abs(finalCrossEntropy - (empiricalEntropy + klDivergence(empirical, learned))) < 1e-12)
var klPlot = LinePlot(title: "KL(p̂ ‖ q) while the logits learn", xLabel: "step", yLabel: "KL")
klPlot.add("KL", y: Array(klHistory.prefix(quick ? 60 : 120)))
notebook.show(klPlot)

// MARK: - 7. Counting parameters

notebook.section("Counting parameters: model summaries")
notebook.prose("""
    A dense layer from n inputs to u units has n·u weights and u biases. The Harvard notes \
    print Keras summaries of three models; the library's `summary()` prints the same kind \
    of table. First, 900 inputs, a hidden layer of 16 ReLUs and one output (a regression \
    model):
    """)
var summaryGenerator = notebook.generator("parameter counts")
let regressionModel = Sequential([
    Dense(inputs: 900, outputs: 16, activation: .relu, using: &summaryGenerator),
    Dense(inputs: 16, outputs: 1, activation: .relu, using: &summaryGenerator),
])
notebook.verbatim(regressionModel.summary())
notebook.compare("Dense(16) on 900 inputs: 900·16 + 16", notes: 14416, at: .notes("001", 275), computed: regressionModel.layers[0].parameterCount)
notebook.compare("Dense(1) on 16 inputs: 16·1 + 1", notes: 17, at: .notes("001", 276), computed: regressionModel.layers[1].parameterCount)
notebook.prose("""
    For two classes the notes swap the last layer for Dense(2, softmax). The library's \
    dense layers have element-wise activations only, so the last layer stays linear and \
    the softmax lives in the loss (`categoricalCrossEntropyWithLogits`); the count is the \
    same because softmax has no parameters.
    """)
let twoClassModel = Sequential([
    Dense(inputs: 900, outputs: 16, activation: .relu, using: &summaryGenerator),
    Dense(inputs: 16, outputs: 2, activation: .identity, using: &summaryGenerator),
])
notebook.compare("Dense(2) on 16 inputs: 16·2 + 2", notes: 34, at: .notes("001", 312), computed: twoClassModel.layers[1].parameterCount)
notebook.compare("total of the two-class model", notes: 14450, at: .notes("001", 313), computed: twoClassModel.parameterCount)
notebook.prose("""
    The last model is the classic MNIST classifier: 784 pixels, two hidden layers of 512 \
    ReLUs, ten outputs, with dropout after each hidden layer. Dropout zeroes a random \
    fraction of the units during training and has no parameters (Keras lists it with 0), \
    so it cannot change the count. The library has no Dropout layer; the summary below is \
    the same network without it.
    """)
let mnistModel = Sequential(layerSizes: [784, 512, 512, 10], hiddenActivation: .relu, outputActivation: .identity,
                            using: &summaryGenerator)
notebook.verbatim(mnistModel.summary())
notebook.compare("784·512 + 512", notes: 401920, at: .notes("001", 581), computed: mnistModel.layers[0].parameterCount)
notebook.compare("512·512 + 512", notes: 262656, at: .notes("001", 583), computed: mnistModel.layers[1].parameterCount)
notebook.compare("512·10 + 10", notes: 5130, at: .notes("001", 585), computed: mnistModel.layers[2].parameterCount)
notebook.compare("total", notes: 669706, at: .notes("001", 587), computed: mnistModel.parameterCount)

// MARK: - 8. A real classifier: handwritten digits

notebook.section("A real classifier: handwritten digits")
let (rawImages, digitLabels) = try Digits.load()
notebook.prose("""
    MNIST's 70,000 images of 28 × 28 pixels (the notes count only its 60,000 training \
    images) would make this lesson slow, so we use its \
    small cousin, shipped with this package: the optical-recognition digits of Alpaydin \
    and Kaynak (UCI, 1998), in the version distributed with scikit-learn. There are \
    \(digitLabels.count) images of 8 × 8 pixels. Each pixel counts the ink in a 4 × 4 block \
    of a 32 × 32 scan, so it is a whole number from 0 to 16. One of each digit:
    """)

/// Draws 8 × 8 images side by side, two characters per pixel, with a caption under each.
func drawDigits(_ images: [Tensor], captions: [String]) -> String {
    let ramp: [Character] = [" ", "░", "▒", "▓", "█"]
    let width = 18   // 16 columns of pixels and a gap: four images fit in 80 columns
    var lines: [String] = []
    for row in 0..<Digits.side {
        var line = ""
        for image in images {
            var cell = ""
            for column in 0..<Digits.side {
                let value = image[row * Digits.side + column]
                let shade = ramp[min(4, Int((value / Digits.maximumPixel * 4).rounded()))]
                cell += String(repeating: shade, count: 2)
            }
            line += "  " + cell.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        lines.append(line)
    }
    lines.append(captions.map { "  " + $0.padding(toLength: width, withPad: " ", startingAt: 0) }.joined())
    return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
}
let firstOfEach = (0..<10).map { digit in digitLabels.firstIndex(of: digit)! }
for group in [0..<4, 4..<8, 8..<10] {
    notebook.verbatim(drawDigits(firstOfEach[group].map { rawImages.row($0) },
                                 captions: firstOfEach[group].map { "label \(digitLabels[$0])" }))
}

notebook.slip("images in MNIST", notes: "60,000", at: .notes("000", 795), correct: "70,000 (60,000 + 10,000)",
              why: """
                60,000 is MNIST's training set; the database adds 10,000 test images, and the \
                99 % recognition rate of LeCun et al. (000:796) is measured on those.
                """)

let hiddenUnits = notebook.options[hiddenOption]
let epochs = notebook.options[epochsOption]
let batchSize = 32
let learningRate = 0.001
let testFraction = 0.2
notebook.prose("""
    The recipe. Scale the pixels to [0, 1]. Shuffle the \(digitLabels.count) images with the \
    seeded generator and hold out \(Int(testFraction * 100)) % as a test set the network never \
    trains on. The network is 64 → \(hiddenUnits) ReLU → 10 linear outputs (the logits); the \
    loss is softmax cross-entropy, averaged over mini-batches of \(batchSize); the optimizer \
    is Adam with learning rate \(formatNumber(learningRate)), gradient descent with a step \
    size adapted per weight from running averages of the gradient and its square; He \
    initialisation (Lesson 05 explains why). We train for \(epochs) epochs, each one pass over the shuffled training set.
    """)
var splitGenerator = notebook.generator("digit split")
let split = trainTestSplit(count: digitLabels.count, testFraction: testFraction, using: &splitGenerator)
let pixels = rawImages / Digits.maximumPixel
let trainImages = pixels.rows(at: split.train), testImages = pixels.rows(at: split.test)
let trainLabels = split.train.map { digitLabels[$0] }, testLabels = split.test.map { digitLabels[$0] }
var weightGenerator = notebook.generator("digit classifier weights")
var classifier = Sequential(layerSizes: [Digits.pixelCount, hiddenUnits, 10], hiddenActivation: .relu,
                            outputActivation: .identity, weightInitializer: .heUniform, using: &weightGenerator)
notebook.verbatim(classifier.summary(name: "digits"))
notebook.results(["training images": Double(trainLabels.count), "test images": Double(testLabels.count)], digits: 0)

var adam = Adam(learningRate: learningRate)
var trainingLosses: [Double] = [], testLosses: [Double] = [], testAccuracies: [Double] = []
var progress = ProgressBar("training", total: epochs)
var batchGenerator = notebook.generator("digit mini-batches")
var trainingClock = Stopwatch()
var epochSeconds = 0.0
for _ in 1...epochs {
    var epochClock = Stopwatch()
    classifier.trainClassifierEpoch(inputs: trainImages, labels: trainLabels, batchSize: batchSize,
                                    optimizer: &adam, using: &batchGenerator)
    epochSeconds += epochClock.seconds
    epochClock.restart()
    // The training loss is measured after the epoch on the whole training set, like the test loss.
    trainingLosses.append(classifier.crossEntropy(inputs: trainImages, labels: trainLabels))
    testLosses.append(classifier.crossEntropy(inputs: testImages, labels: testLabels))
    testAccuracies.append(accuracy(predicted: classifier.predictClasses(testImages), actual: testLabels))
    progress.advance(metric: "test accuracy \(formatNumber(100 * testAccuracies.last!, digits: 3)) %")
}
progress.finish()
report(String(format: "training: %.2f s in all, %.1f ms per epoch (training steps only)",
                     trainingClock.seconds, 1000 * epochSeconds / Double(epochs)))

var curve = LinePlot(title: "Learning curve: mean cross-entropy after each epoch", xLabel: "epoch", yLabel: "loss")
let epochAxis = (1...epochs).map(Double.init)
curve.add("training set", x: epochAxis, y: trainingLosses)
curve.add("test set", x: epochAxis, y: testLosses)
notebook.show(curve)
let shownEpochs = Array(Set([1, 2, 3, 5] + stride(from: 10, through: epochs, by: 10) + [epochs])).filter { $0 <= epochs }.sorted()
notebook.table(["epoch", "training loss", "test loss", "test accuracy"],
               rows: shownEpochs.map { e in
                   ["\(e)", formatNumber(trainingLosses[e - 1], digits: 4), formatNumber(testLosses[e - 1], digits: 4),
                    formatNumber(100 * testAccuracies[e - 1], digits: 4) + " %"]
               })
let finalAccuracy = testAccuracies.last!
let predictions = classifier.predictClasses(testImages)
let mistakes = predictions.indices.filter { predictions[$0] != testLabels[$0] }
notebook.result("test accuracy", "\(formatNumber(100 * finalAccuracy, digits: 4)) % (\(testLabels.count - mistakes.count) of \(testLabels.count))")
let target = quick ? 0.93 : 0.97
notebook.check("test accuracy ≥ \(Int(target * 100)) % (the lesson's target for \(quick ? "--quick" : "the default run"))",
               finalAccuracy >= target)
notebook.check("the training loss fell from \(formatNumber(trainingLosses.first!, digits: 3)) to \(formatNumber(trainingLosses.last!, digits: 3))",
               trainingLosses.last! < trainingLosses.first! / 2)
let testLossFalls = zip(testLosses, testLosses.dropFirst()).filter { $1 < $0 }.count
notebook.result("epochs after which the test loss fell", "\(testLossFalls) of \(epochs - 1)")
notebook.prose("""
    Both losses fall, but not together: after the last epoch the test loss is \
    \(formatNumber(testLosses.last! / trainingLosses.last!, digits: 2)) times the training loss. The network fits the \
    \(trainLabels.count) images it trains on better than images it has never seen. \
    \(testLossFalls == epochs - 1 ? "That gap is not yet overfitting: the test loss fell at every epoch, so each epoch still taught the network something that carries over to new images." : "A gap alone is not overfitting; it becomes overfitting when the test loss rises while the training loss keeps falling, as it did here after \(epochs - 1 - testLossFalls) of the epochs.") \
    Overfitting is when that gap grows while the test loss turns upward, and dropout (the \
    layer of the MNIST model above) is one way to delay it.

    Which digits are confused with which? The confusion matrix counts, for each true \
    digit (row), how often each answer (column) was given. The diagonal holds the right \
    answers; everything off it is a mistake.
    """)
let confusion = confusionMatrix(predicted: predictions, actual: testLabels, classes: 10)
notebook.table(["true ↓ said →"] + (0..<10).map(String.init) + ["right"],
               rows: (0..<10).map { digit in
                   ["\(digit)"] + confusion[digit].map { $0 == 0 ? "·" : "\($0)" }
                       + ["\(formatNumber(100 * Double(confusion[digit][digit]) / Double(max(1, confusion[digit].reduce(0, +))), digits: 3)) %"]
               })
notebook.check("the diagonal of the confusion matrix sums to the \(testLabels.count - mistakes.count) right answers",
               (0..<10).map { confusion[$0][$0] }.reduce(0, +) == testLabels.count - mistakes.count)
let shownMistakes = Array(mistakes.prefix(4))
if !shownMistakes.isEmpty {
    let testProbabilities = softmax(classifier.predict(testImages))
    notebook.prose("""
        \(shownMistakes.count == mistakes.count ? "The" : "The first \(shownMistakes.count) of the") \(mistakes.count) test \
        images the network got wrong, each captioned "true digit as answer, probability of the answer":
        """)
    notebook.verbatim(drawDigits(shownMistakes.map { rawImages.row(split.test[$0]) },
                                 captions: shownMistakes.map { i in
                                     "\(testLabels[i]) as \(predictions[i]), \(Int((100 * testProbabilities[i, predictions[i]]).rounded())) %"
                                 }))
    let answerProbabilities = testLabels.indices.map { testProbabilities[$0, predictions[$0]] }
    let wrongProbabilities = mistakes.map { answerProbabilities[$0] }
    let rightProbabilities = testLabels.indices.filter { predictions[$0] == testLabels[$0] }.map { answerProbabilities[$0] }
    notebook.results([
        "mean probability of the answer, right answers": rightProbabilities.reduce(0, +) / Double(max(1, rightProbabilities.count)),
        "mean probability of the answer, mistakes": wrongProbabilities.reduce(0, +) / Double(max(1, wrongProbabilities.count)),
    ], digits: 3)
    let confidentMistakes = wrongProbabilities.filter { $0 > 0.9 }.count
    notebook.result("mistakes made with more than 90 % probability", "\(confidentMistakes) of \(mistakes.count)")
    notebook.prose("""
        At 8 × 8 some of these would puzzle a person too. The averages above say how sure the \
        network was when it erred compared with when it was right; the count of mistakes made \
        at over 90 % shows that a high probability is no guarantee of a right answer.
        """)
}

// MARK: - Recap

notebook.recap([
    "A class label becomes a one-hot vector; one output per class keeps the last layer a simple weighted sum.",
    "softmax(z)ᵢ = e^(zᵢ)/Σ e^(zⱼ) turns logits into probabilities; a low temperature makes it an argmax.",
    "Subtract max z before exponentiating: [1000, 1001] gives [0.269, 0.731] instead of NaN.",
    "Linear scoring rewards overconfidence; the log score is honest, and the quadratic one too.",
    "The notes' 7 slips: the quadratic cost is honest too (000:644 and 000:743–751 say otherwise), the vector squared error sums over j, not i, the vector 'absolute error' is a length, not Σ|·|, the data's distribution p_data(x) does not depend on the model's θ, the softmax vector has K entries and k is the label, and MNIST has 70,000 images.",
    "Cross-entropy −ln pₖ has gradient p − eₖ with respect to the logits, checked here by finite differences.",
    "Minimising cross-entropy is maximum likelihood, and minimising KL from the data to the model.",
    "Parameter counts: 14,416, 17, 34 and 669,706, as in the notes; dropout adds none.",
    "A 64–\(hiddenUnits)–10 network reads the 8 × 8 digits with \(formatNumber(100 * finalAccuracy, digits: 4)) % test accuracy.",
])
notebook.exercises(lesson: "Lesson03", [
    "stableLogSoftmax — ln softmax(z) without overflow",
    "crossEntropyGradient — ∂C/∂z for one example",
    "linearSoftmaxGradients — ∂L/∂W, ∂L/∂b and ∂L/∂x of −ln p_y(Wx + b)",
    "expectedScore — the expected points of a reported distribution under a scoring rule",
    "confusionMatrix — count true class against prediction",
])
notebook.finish()
