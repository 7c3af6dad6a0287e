// Lesson 01 — The perceptron.
//
// One artificial neuron: what it computes, the activation functions it can use, how the
// perceptron rule teaches it OR and AND, why it can never learn XOR, and the two-layer
// network that can. Run it with `swift run Lesson01`; the exercises are in
// `Exercises/Lesson01.swift`.
//
// Sources: main lecture (seed 000) lines 1–160; short course (seed 004) lines 480–700 and
// 1153–1300; KTH part 7 (seed 002) lines 349–410; Harvard lecture 10 (seed 001) lines 200–240.

import LessonRuntime
import NeuralNetworks
import TensorCore

let notebook = Notebook(
    title: "Lesson 01 · The perceptron",
    summary: "What one artificial neuron computes, how it learns, and where it stops.")
let quick = notebook.options.quick

notebook.prose("""
    You will learn: what a perceptron computes; the common activation functions and \
    their derivatives; how neurons are stacked into a feed-forward network and what \
    depth, width and architecture mean; the perceptron learning rule, which learns OR \
    and AND; and why no single neuron can learn XOR while two layers can.
    """)

// MARK: - 1. Why learn the features?

notebook.section("Why learn the features?")
notebook.prose("""
    Linear value-function approximation writes V(s) ≈ w·φ(s), where a person designs the \
    feature vector φ(s). That person has to know, before any learning happens, which \
    aspects of a state matter for winning. For a hard game that knowledge is most of the \
    problem, and a learner can never be better than the features it was handed.

    A neural network replaces the hand-made φ with features that are themselves learned \
    from experience. The step away from linear approximation is small: after each linear \
    combination we apply a fixed non-linear function, and we feed such units into one \
    another. The next lessons stay with plain supervised learning; reinforcement learning \
    returns in Lesson 06.
    """)

// MARK: - 2. One neuron

notebook.section("One neuron")
notebook.prose("""
    A perceptron takes real inputs x₁ … xₙ and returns one real number:
    """)
notebook.formula("output = σ(w₁x₁ + w₂x₂ + … + wₙxₙ + b)")
notebook.prose("""
    The word comes from biology, and the short course motivates it with the brain's \
    numbers: slow units, about a millisecond per switch, yet a scene recognised in a tenth \
    of a second, so most of the work must happen in parallel across very many neurons. \
    How many is off by an order of magnitude:
    """)
notebook.slip("neurons in a human brain", notes: "∼ 10¹⁰", at: .notes("004", 497), correct: "≈ 8.6·10¹⁰, i.e. ∼ 10¹¹",
              why: "counts by isotropic fractionation (Azevedo et al., 2009) give about 86 billion neurons, "
                + "which rounds to 10¹¹ as an order of magnitude")
notebook.prose("""
    The wᵢ are its weights, b is its bias (another weight, on an input that is always 1), \
    and σ: ℝ → ℝ is the activation function. A popular choice is the rectified linear \
    unit, ReLU(z) = max(z, 0).

    Example one: weights [1, −1] and bias −1 give y = ReLU(x₁ − x₂ − 1). The notes' rule: \
    y is 0 whenever x₁ ≤ x₂ + 1 and equals x₁ − x₂ − 1 otherwise. The table checks the rule \
    against the neuron on a few points.
    """)

let reluNeuron = Neuron(weights: [1, -1], bias: -1, activation: .relu)
let samplePoints: [[Double]] = [[0, 0], [3, 1], [2, 1], [5, 0], [-1, -4], [1.5, 0], [0, 2]]
var ruleAgrees = 0
var reluRows: [[String]] = []
for point in samplePoints {
    let (x1, x2) = (point[0], point[1])
    let byRule = x1 <= x2 + 1 ? 0 : x1 - x2 - 1
    let byNeuron = reluNeuron.output(for: point)
    if byRule == byNeuron { ruleAgrees += 1 }
    reluRows.append([formatNumber(x1), formatNumber(x2), formatNumber(x1 - x2 - 1), formatNumber(byRule), formatNumber(byNeuron)])
}
notebook.table(["x₁", "x₂", "x₁ − x₂ − 1", "rule", "neuron"], rows: reluRows)
notebook.check("the rule and the neuron agree on all \(samplePoints.count) points", ruleAgrees == samplePoints.count)

notebook.prose("""
    Example two: the threshold activation, 1 when z > 0 and 0 otherwise, on x₁ + x₂. The \
    notes say the output is 1 when x₁ ≥ −x₂. That is off by the boundary: on the line \
    x₁ = −x₂ the sum is exactly 0, and the threshold of 0 is 0, so the right statement is \
    "1 when x₁ > −x₂". The points on the line below show it.
    """)
let thresholdNeuron = Neuron(weights: [1, 1], bias: 0, activation: .step)
var thresholdRows: [[String]] = []
for point in [[1.0, 1.0], [2, -1], [1, -1], [0, 0], [-3, 3], [-1, 0.5]] {
    let notesSay = point[0] >= -point[1] ? 1.0 : 0.0
    thresholdRows.append([formatNumber(point[0]), formatNumber(point[1]), formatNumber(notesSay),
                          formatNumber(thresholdNeuron.output(for: point))])
}
notebook.table(["x₁", "x₂", "notes' rule (≥)", "neuron"], rows: thresholdRows)
notebook.slip("threshold(x₁ + x₂) at (1, −1)", notes: 1, at: .notes("000", 53), correct: thresholdNeuron.output(for: [1, -1]),
              why: "the rule needs x₁ > −x₂, not x₁ ≥ −x₂")

notebook.prose("""
    The threshold jumps, so a small change of a weight can flip the output completely or \
    not change it at all; gradient-based learning needs something smoother. The sigmoid \
    σ(z) = 1 / (1 + e⁻ᶻ) is a smooth threshold, and σ(kz) approaches the step as the \
    steepness k grows.
    """)
let zs = Tensor.linspace(from: -4, to: 4, count: quick ? 81 : 161).scalars
var steepness = LinePlot(title: "σ(kz) approaches the threshold as k grows", xLabel: "z", yLabel: "output")
steepness.add("threshold", x: zs, y: zs.map { Activation.step($0) })
for k in [1.0, 3.0, 10.0] {
    steepness.add("σ(\(Int(k))z)", x: zs, y: zs.map { Activation.sigmoid(k * $0) })
}
notebook.show(steepness)

// MARK: - 3. A catalogue of activation functions

notebook.section("A catalogue of activation functions")
notebook.prose("""
    Many activation functions are in use. Each needs a derivative, because training will \
    follow gradients through it. The table lists the library's activations with a few \
    values, and checks every derivative against a central finite difference \
    (f(z + h) − f(z − h)) / 2h on a grid of 400 points that avoids the kinks at 0.
    """)
let grid = (0..<400).map { -4.0 + 8.0 * (Double($0) + 0.5) / 400 }
var catalogueRows: [[String]] = []
var worstDerivativeError = 0.0
for activation in Activation.catalogue {
    var error = 0.0
    for z in grid {
        let h = 1e-5
        let numeric = (activation(z + h) - activation(z - h)) / (2 * h)
        error = max(error, abs(numeric - activation.derivative(z)))
    }
    worstDerivativeError = max(worstDerivativeError, error)
    catalogueRows.append([activation.name, formatNumber(activation(-2), digits: 4),
                          formatNumber(activation(0), digits: 4), formatNumber(activation(2), digits: 4),
                          formatNumber(error, digits: 1)])
}
notebook.table(["activation", "formula"], rows: Activation.catalogue.map { [$0.name, $0.formula] })
notebook.table(["activation", "f(−2)", "f(0)", "f(2)", "max |f′ − numeric|"], rows: catalogueRows)
notebook.check("every derivative matches its finite difference to 1e-6 (worst: \(formatNumber(worstDerivativeError, digits: 1)))",
               worstDerivativeError < 1e-6)

notebook.prose("""
    Two derivatives can be written with the function's own value, which makes backward \
    passes cheap: σ′(z) = σ(z)(1 − σ(z)) and tanh′(z) = 1 − tanh²(z). Checked at the point \
    z = 0.7 against the library's derivatives:
    """)
let s = Activation.sigmoid(0.7), t = Activation.tanh(0.7)
notebook.check("σ′(0.7) = \(formatNumber(Activation.sigmoid.derivative(0.7))) = σ(1 − σ) = \(formatNumber(s * (1 - s)))",
               abs(Activation.sigmoid.derivative(0.7) - s * (1 - s)) < 1e-12)
notebook.check("tanh′(0.7) = \(formatNumber(Activation.tanh.derivative(0.7))) = 1 − tanh² = \(formatNumber(1 - t * t))",
               abs(Activation.tanh.derivative(0.7) - (1 - t * t)) < 1e-12)

let wide = Tensor.linspace(from: -4, to: 4, count: quick ? 81 : 161).scalars
var squashing = LinePlot(title: "Squashing functions", xLabel: "z", yLabel: "f(z)")
for activation in [Activation.sigmoid, .tanh, .softsign] {
    squashing.add(activation.name, x: wide, y: wide.map { activation($0) })
}
notebook.show(squashing)
notebook.prose("""
    The rectifiers agree with each other for z > 0 and the self-gated functions nearly agree     everywhere, so on one axis the later curves would hide the earlier ones. Each gets a     panel of its own, on the same axes:
    """)
/// One activation on a small panel; panels of a group share their y range.
func activationPanel(_ activation: Activation, yRange: ClosedRange<Double>) -> LinePlot {
    var panel = LinePlot(title: activation.name, width: 38, height: 11, yRange: yRange)
    panel.add(activation.name, x: wide, y: wide.map { activation($0) })
    return panel
}
let rectifiers = [Activation.relu, .leakyReLU(slope: 0.1), .elu(alpha: 1), .softplus]
for pair in stride(from: 0, to: rectifiers.count, by: 2) {
    notebook.show(panels: rectifiers[pair..<(pair + 2)].map { activationPanel($0, yRange: -1...4) })
}
notebook.show(panels: [Activation.swish, .mish].map { activationPanel($0, yRange: -1...4) })
notebook.show(panels: [activationPanel(.logSigmoid, yRange: -5...0)])
notebook.prose("""
    The notes' gallery also shows sinc(z) = sin(z)/z. It oscillates, so it is not monotone \
    and has many flat spots; it appears in galleries far more often than in networks, and \
    the library leaves it out.
    """)

// MARK: - 4. A neuron is a function of its inputs

notebook.section("A neuron is a function of its inputs")
notebook.prose("""
    Once the weights are fixed, a neuron is an ordinary function from inputs to an output. \
    Write f with the weights and then the bias as subscripts, so f₍₁,₂,₃,₈₎ has weights \
    [1, 2, 3] and bias 8. (The notes introduce this example with "weights [1, 1, 1, 1]" and \
    then change the subscripts; the last subscript is always the bias.) With ReLU, \
    f₍₁,₁,₁,₃₎(1, 1, 1) = ReLU(1 + 1 + 1 + 3), f₍₁,₁,₁,₀₎(−10, 0, 0) = ReLU(−10) and \
    f₍₁,₂,₃,₈₎(−3, −2, −1) = ReLU(−3 − 4 − 3 + 8) = ReLU(−2):
    """)
func reluOutput(_ parameters: [Double], _ input: [Double]) -> Double {
    Neuron(weights: Tensor(Array(parameters.dropLast())), bias: parameters.last!, activation: .relu).output(for: input)
}
notebook.compare("f₍₁,₁,₁,₃₎(1, 1, 1)", notes: 6, at: .notes("000", 157), computed: reluOutput([1, 1, 1, 3], [1, 1, 1]),
                 tolerance: 0)
notebook.compare("f₍₁,₁,₁,₀₎(−10, 0, 0)", notes: 0, at: .notes("000", 159), computed: reluOutput([1, 1, 1, 0], [-10, 0, 0]),
                 tolerance: 0)
notebook.compare("f₍₁,₂,₃,₈₎(−3, −2, −1)", notes: 0, at: .notes("000", 163), computed: reluOutput([1, 2, 3, 8], [-3, -2, -1]),
                 tolerance: 0)

notebook.prose("""
    The short course works one example with a sigmoid. Its bias is w₀ = 1, its weights \
    W = [3, −2] and its input X = [−1, 2], so z = w₀ + XᵀW = 1 − 3 − 4 = −6:
    """)
let sigmoidNeuron = Neuron(weights: [3, -2], bias: 1, activation: .sigmoid)
let zWorked = sigmoidNeuron.preActivation(for: [-1, 2])
notebook.compare("z = 1 + 3·(−1) − 2·2", notes: -6, at: .notes("004", 671), computed: zWorked, tolerance: 0)
notebook.compare("ŷ = σ(−6)", notes: 0.002, at: .notes("004", 671), computed: sigmoidNeuron.output(for: [-1, 2]), tolerance: 5e-4,
                 note: "rounded to one significant figure")
notebook.prose("""
    The notes print σ(−6) ≈ 0.002. The value is 0.0024726, which rounds to 0.002 at one \
    significant figure, so the notes' value is correct as far as it goes (0.00247 shows \
    three figures).

    The set where 1 + 3x₁ − 2x₂ = 0 is a line, and the neuron's output is above ½ on one \
    side of it and below ½ on the other. Any single neuron with a monotone activation \
    splits the plane this way: the heat map shows σ(1 + 3x₁ − 2x₂) over [−3, 3]².
    """)
let side = quick ? 24 : 48
var field = Tensor.zeros([side / 2, side])
for row in 0..<(side / 2) {
    for column in 0..<side {
        let x1 = -3 + 6 * (Double(column) + 0.5) / Double(side)
        let x2 = 3 - 6 * (Double(row) + 0.5) / Double(side / 2)
        field[row, column] = sigmoidNeuron.output(for: [x1, x2])
    }
}
notebook.show(HeatMap(field, title: "σ(1 + 3x₁ − 2x₂): x₁ from −3 (left) to 3, x₂ from 3 (top) to −3", range: 0...1))

// MARK: - 5. From neurons to networks

notebook.section("From neurons to networks")
notebook.prose("""
    A feed-forward network is a collection of neurons arranged in layers, where the outputs \
    of one layer are the inputs of the next and nothing flows backwards. By convention the \
    inputs count as a layer too. The vocabulary:

    • depth: the number of layers; • width of a layer: its number of neurons (the network \
    has a width when all layers share one); • architecture: the depth, the widths and the \
    activation functions together. Neurons are also called units.

    The notes' figure (lost in extraction) shows a network that maps six numbers to one. \
    Here is such a network with two hidden layers of four ReLUs, drawn and summarised:
    """)
notebook.verbatim("""
        input        hidden 1      hidden 2      output
        x₁ ─┐
        x₂ ─┤        ○ ○ ○ ○       ○ ○ ○ ○
        x₃ ─┼──────▶  (ReLU)  ───▶  (ReLU)  ───▶   ŷ
        x₄ ─┤        every input   every unit     one linear
        x₅ ─┤        feeds every   feeds every    unit
        x₆ ─┘        unit          unit

    """)
var generator = notebook.generator("six-input network")
let sixInputNetwork = Sequential([
    Dense(inputs: 6, outputs: 4, activation: .relu, using: &generator),
    Dense(inputs: 4, outputs: 4, activation: .relu, using: &generator),
    Dense(inputs: 4, outputs: 1, activation: .identity, using: &generator),
])
notebook.verbatim(sixInputNetwork.summary())
notebook.check("it has (6·4 + 4) + (4·4 + 4) + (4·1 + 1) = 53 parameters", sixInputNetwork.parameterCount == 53)
notebook.prose("""
    The short course writes a hidden unit of such a network as φⱼ(x) = f(a sum of its \
    weighted inputs), but uses j twice, for the unit and for the summation:
    """)
notebook.slip("hidden unit j of a feed-forward network", notes: "φⱼ(x) = f(Σ_{j=1}^M …)", at: .notes("004", 550),
              correct: "φⱼ(x) = f(Σᵢ wⱼᵢ xᵢ + bⱼ)",
              why: "inside the sum the index runs over the inputs i; j is fixed, it names the unit")
notebook.prose("""
    Counting the input layer, its depth is 4 and its hidden widths are 4. The Harvard notes \
    draw the smallest interesting case: two inputs, one hidden layer of two ReLUs and one \
    ReLU output, ŷ = f(w₀⁽²⁾ + w₁⁽²⁾u₁ + w₂⁽²⁾u₂). That shape returns at the end of this lesson.
    """)

// MARK: - 6. The perceptron learning rule

notebook.section("The perceptron learning rule")
notebook.prose("""
    How does a threshold neuron find its weights? The perceptron algorithm visits the \
    training samples one at a time. For a sample x with target t ∈ {0, 1} it computes the \
    output y and nudges every weight:
    """)
notebook.formula("wᵢ ← wᵢ − η (y − t) xᵢ        (the bias b has xᵢ = 1)")
notebook.prose("""
    If the output was right, y − t = 0 and nothing changes. If the neuron said 1 but should \
    have said 0, each weight moves against its input, lowering w·x + b for this sample; the \
    opposite mistake raises it. η is the learning rate. One pass over the samples is an \
    epoch; training stops after an epoch with no mistakes. Computing the outputs of n \
    neurons on m inputs costs O(mn) for one sample. An epoch does that, and the update, for \
    each of the N training samples, so T epochs cost O(T·N·m·n).

    The short course states the same output rule twice, once for training and once for \
    recall (using the trained neuron), and the second copy lost its sum:
    """)
notebook.slip("cost of training", notes: "O(T mn)", at: .notes("004", 1158), correct: "O(T·N·m·n)",
              why: "each of the T passes visits all N training samples, and each visit costs O(mn)")
notebook.slip("recall rule (3.6)", notes: "yⱼ = 1 if wᵢⱼxᵢ > 0", at: .notes("004", 1180), correct: "yⱼ = 1 if Σᵢ wᵢⱼxᵢ > 0",
              why: "the neuron compares the whole weighted sum with 0")
notebook.prose("""
    Two more slips in the same slides. The multi-layer version of the rule (the short \
    course's equation 4.11) updates the hidden weights with one index and the output \
    unit's letter; a hidden weight joins input ι to hidden unit ζ and moves by that hidden \
    unit's error. And the recipe for preparing inputs divides by the variance, which \
    leaves a feature measured in metres with units of 1/metre; the standard deviation \
    makes it unit-free:
    """)
notebook.slip("hidden-weight update (4.11)", notes: "v_ι ← v_ι − η δ_h(κ) x_ι", at: .notes("004", 1267),
              correct: "v_ιζ ← v_ιζ − η δ_h(ζ) x_ι",
              why: "a hidden weight has two indices, and its error is the hidden unit's δ_h(ζ); κ indexes the outputs")
notebook.slip("normalising an input", notes: "divide by the variance", at: .notes("004", 1305),
              correct: "divide by the standard deviation", why: "only then does every feature end with spread 1 and no units")

let booleanInputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
let learningRate = 0.25
for (name, targets) in [("OR", [0.0, 1, 1, 1]), ("AND", [0.0, 0, 0, 1])] {
    var perceptron = Perceptron(inputCount: 2)
    let history = perceptron.train(inputs: booleanInputs, targets: targets, learningRate: learningRate,
                                   maxEpochs: 50)
    var rows: [[String]] = []
    for (epoch, mistakes) in history.enumerated() { rows.append(["\(epoch + 1)", "\(mistakes)"]) }
    notebook.prose("\(name), starting from zero weights with η = \(formatNumber(learningRate)):")
    notebook.table(["epoch", "mistakes"], rows: rows)
    notebook.result("\(name): final weights", perceptron.weights)
    notebook.result("\(name): final bias", perceptron.bias)
    let outputs = booleanInputs.map { perceptron.output(for: $0) }
    notebook.check("\(name): every output equals its target", outputs == targets)
    let onTheLine = booleanInputs.filter { perceptron.activation(for: Tensor($0)) == 0 }
    notebook.check("\(name): \(onTheLine.count) training point\(onTheLine.count == 1 ? " lies" : "s lie") "
                   + "exactly on the learned line w·x + b = 0 (\(onTheLine.map { "(\(formatNumber($0[0])), \(formatNumber($0[1])))" }.joined(separator: ", ")))",
                   !onTheLine.isEmpty)
}
notebook.prose("""
    Look at the lines the rule found: each passes exactly through a training point, (0, 0) \
    for OR and (1, 0) for AND, where w·x + b = 0. Those points get output 0, as their targets \
    ask, only because the threshold is strict (1 if the sum is > 0). With ≥ the same weights \
    would get one point wrong. The rule stops at the first weights that make no mistake, \
    and nothing pushes the line away from the points; a margin would need another method.
    """)

/// The four Boolean inputs by target, and the line w₁x₁ + w₂x₂ + b = 0 drawn as points.
func decisionPanel(_ title: String, weights: (Double, Double), bias: Double, targets: [Double]) -> ScatterPlot {
    var panel = ScatterPlot(title: title, width: 24, height: 12, xRange: -1...2, yRange: -1...2)
    let (w1, w2) = weights
    let steps = Tensor.linspace(from: -1, to: 2, count: 61).scalars
    if w2 != 0 {
        panel.add("line", x: steps, y: steps.map { -(bias + w1 * $0) / w2 })
    } else if w1 != 0 {
        panel.add("line", x: steps.map { _ in -bias / w1 }, y: steps)
    } else {
        panel.add("line", x: [], y: [])
    }
    let zeros = booleanInputs.indices.filter { targets[$0] == 0 }, ones = booleanInputs.indices.filter { targets[$0] == 1 }
    panel.add("0", x: zeros.map { booleanInputs[$0][0] }, y: zeros.map { booleanInputs[$0][1] })
    panel.add("1", x: ones.map { booleanInputs[$0][0] }, y: ones.map { booleanInputs[$0][1] })
    return panel
}
notebook.prose("""
    The OR run again, epoch by epoch: the line w·x + b = 0 after each epoch (• marks the \
    line, × the target-0 input, + the target-1 inputs; a point on the line counts as 0):
    """)
do {
    var perceptron = Perceptron(inputCount: 2)
    var panels: [ScatterPlot] = []
    for epoch in 1...3 {
        perceptron.trainEpoch(inputs: booleanInputs, targets: [0, 1, 1, 1], learningRate: learningRate)
        let w = perceptron.weights
        panels.append(decisionPanel("after epoch \(epoch)", weights: (w[0], w[1]), bias: perceptron.bias,
                                    targets: [0, 1, 1, 1]))
        notebook.result("after epoch \(epoch): (w₁, w₂, b)",
                        "(\(formatNumber(w[0])), \(formatNumber(w[1])), \(formatNumber(perceptron.bias)))")
    }
    notebook.show(panels: panels)
    let finalMistakes = perceptron.trainEpoch(inputs: booleanInputs, targets: [0, 1, 1, 1], learningRate: learningRate)
    notebook.check("epoch 4 makes no mistake, so the line after epoch 3 is the final one", finalMistakes == 0)
}

// MARK: - 7. XOR: where one neuron fails

notebook.section("XOR: where a single neuron fails")
notebook.prose("""
    XOR is 1 when exactly one input is 1. Run the same rule on it and it never reaches an \
    epoch without mistakes:
    """)
let xorTargets: [Double] = [0, 1, 1, 0]
var xorPerceptron = Perceptron(inputCount: 2)
var xorRows: [[String]] = []
var startOfEpoch: [[Double]] = []   // (w₁, w₂, b) at the start of each epoch
var fewestMistakes = Int.max
for epoch in 1...6 {
    startOfEpoch.append(xorPerceptron.weights.scalars + [xorPerceptron.bias])
    let mistakes = xorPerceptron.trainEpoch(inputs: booleanInputs, targets: xorTargets, learningRate: learningRate)
    fewestMistakes = min(fewestMistakes, mistakes)
    xorRows.append(["\(epoch)"] + startOfEpoch.last!.map { formatNumber($0) } + ["\(mistakes)"])
}
notebook.table(["epoch", "w₁ at start", "w₂ at start", "b at start", "mistakes"], rows: xorRows)
notebook.check("no epoch is free of mistakes (the fewest in one epoch: \(fewestMistakes))", fewestMistakes > 0)
// The first epoch whose starting weights were seen before closes a cycle.
let repeatAt = startOfEpoch.indices.first { i in startOfEpoch[..<i].contains(startOfEpoch[i]) }
if let repeatAt, let firstSeen = startOfEpoch.firstIndex(of: startOfEpoch[repeatAt]) {
    let length = repeatAt - firstSeen
    notebook.prose("""
        Epoch \(repeatAt + 1) starts from exactly the weights that epoch \(firstSeen + 1) started from. \
        The rule is deterministic, so from then on it repeats the same \(length == 1 ? "epoch" : "\(length) epochs") \
        forever: the updates within \(length == 1 ? "an epoch" : "those epochs") cancel out, and the \
        mistakes never stop.
        """)
}
notebook.prose("""
    Why no weights can work: a threshold neuron outputs 1 exactly on one side of the line \
    w₁x₁ + w₂x₂ + b = 0. XOR would need
    """)
notebook.formula("(0,0) → 0: b ≤ 0      (1,0) → 1: w₁ + b > 0")
notebook.formula("(0,1) → 1: w₂ + b > 0  (1,1) → 0: w₁ + w₂ + b ≤ 0")
notebook.prose("""
    Adding the two middle conditions gives w₁ + w₂ + 2b > 0, so w₁ + w₂ + b > −b ≥ 0, which \
    contradicts the last one. The two classes of XOR are not linearly separable, and the \
    perceptron convergence theorem only promises to stop when they are.
    """)

// MARK: - 8. Two layers compute XOR

notebook.section("Two layers compute XOR")
notebook.prose("""
    Add one hidden layer of two ReLUs and XOR becomes easy. The first hidden unit counts the \
    active inputs, h₁ = ReLU(x₁ + x₂); the second fires only when both are on, \
    h₂ = ReLU(x₁ + x₂ − 1); the linear output takes ŷ = h₁ − 2h₂. The weights below are \
    chosen by hand, not learned.
    """)
let xorNetwork = Sequential([
    Dense(weights: [[1, 1], [1, 1]], bias: [0, -1], activation: .relu),
    Dense(weights: [[1], [-2]], bias: [0], activation: .identity),
])
var networkRows: [[String]] = []
var xorCorrect = 0
for (input, target) in zip(booleanInputs, xorTargets) {
    let hidden = xorNetwork.layers[0](Tensor(input))
    let output = xorNetwork.predict(Tensor(input)).scalars[0]
    if output == target { xorCorrect += 1 }
    networkRows.append([formatNumber(input[0]), formatNumber(input[1]), formatNumber(hidden[0]), formatNumber(hidden[1]),
                    formatNumber(output), formatNumber(target)])
}
notebook.table(["x₁", "x₂", "h₁", "h₂", "ŷ", "XOR"], rows: networkRows)
notebook.check("the network computes XOR exactly on all four inputs", xorCorrect == 4)
var hiddenPoints: [[Double]] = []
for input in booleanInputs { hiddenPoints.append(xorNetwork.layers[0](Tensor(input)).scalars) }
var inputPanel = ScatterPlot(title: "XOR in the inputs (x₁, x₂)", width: 38, height: 12, xRange: -0.5...2.5, yRange: -0.5...1.5)
var hiddenPanel = ScatterPlot(title: "XOR in the hidden layer (h₁, h₂)", width: 38, height: 12, xRange: -0.5...2.5,
                              yRange: -0.5...1.5)
let hiddenLine = Tensor.linspace(from: -0.5, to: 2.5, count: 61).scalars
hiddenPanel.add("h₁ − 2h₂ = ½", x: hiddenLine, y: hiddenLine.map { ($0 - 0.5) / 2 })
inputPanel.add("(no line works)", x: [], y: [])
for (panelIndex, points) in [booleanInputs, hiddenPoints].enumerated() {
    let zeros = points.indices.filter { xorTargets[$0] == 0 }, ones = points.indices.filter { xorTargets[$0] == 1 }
    var panel = panelIndex == 0 ? inputPanel : hiddenPanel
    panel.add("XOR 0", x: zeros.map { points[$0][0] }, y: zeros.map { points[$0][1] })
    panel.add("XOR 1", x: ones.map { points[$0][0] }, y: ones.map { points[$0][1] })
    if panelIndex == 0 { inputPanel = panel } else { hiddenPanel = panel }
}
notebook.show(panels: [inputPanel, hiddenPanel])
notebook.check("in hidden coordinates the line h₁ − 2h₂ = ½ separates the classes",
               zip(hiddenPoints, xorTargets).allSatisfy { point, target in (point[0] - 2 * point[1] > 0.5) == (target == 1) })
notebook.prose("""
    The hidden layer sends (0, 1) and (1, 0) to the same point (1, 0), and (1, 1) to (2, 1). \
    In these new coordinates the classes are separable, which is the whole trick: hidden \
    layers compute features in which the problem becomes easy. That a network can learn \
    such features by itself is the subject of the next lessons.

    The KTH slides claim more for multilayer perceptrons, networks of threshold units \
    sgn(w·x + b): that they can represent any function from ℝᵈ to {−1, 1}. A finite one \
    cannot. In the plane, each first-layer unit cuts along one line, finitely many lines \
    cut it into finitely many polygonal cells, and every later unit sees only which side \
    of each line the input is on, so the output is constant on every cell. The set where \
    it says 1 is a union of polygons; the inside of a circle is not one, so the \
    classifier "1 inside the unit circle" is out of reach and can only be approximated, \
    more closely with more lines.
    """)
notebook.slip("what threshold networks represent", notes: "any function of ℝᵈ to {−1, 1}", at: .notes("002", 370),
              correct: "any f whose regions are finite unions of polyhedra",
              why: """
                With finitely many threshold units the output is constant on each cell \
                cut out by the first layer's hyperplanes, so only regions bounded by \
                finitely many hyperplanes are represented exactly: every Boolean function \
                of {−1, 1}ᵈ, XOR included, but not a disc.
                """)

// MARK: - Recap

notebook.recap([
    "A perceptron computes σ(w·x + b): a weighted sum, a bias, and an activation function.",
    "Activations differ in shape and derivative; σ′ = σ(1 − σ) and tanh′ = 1 − tanh² are cheap.",
    "A network stacks layers of neurons; depth, widths and activations form its architecture.",
    "The perceptron rule w ← w − η(y − t)x learns any linearly separable target, such as OR and AND.",
    "XOR is not linearly separable: one neuron cycles forever, two ReLU layers solve it exactly.",
    "The notes' 8 slips: a brain has about 10¹¹ neurons, not 10¹⁰; the threshold rule needs > rather than ≥, a hidden unit's sum runs over i, not j, training costs O(T·N·m·n) rather than O(Tmn), the recall rule needs its Σ, the hidden update (4.11) its two indices and δ_h(ζ), inputs are scaled by the standard deviation, and a finite threshold network cannot represent every function of ℝᵈ to {−1, 1}. (σ(−6) ≈ 0.002 is only rounded.)",
])
notebook.exercises(lesson: "Lesson01", [
    "reluNeuron — a neuron's output max(w·x + b, 0)",
    "sigmoidDerivative — σ′ written with σ alone",
    "perceptronEpoch — one epoch of the perceptron rule",
    "xnorNetwork — weights of a 2–2–1 ReLU network for XNOR",
])
notebook.finish()
