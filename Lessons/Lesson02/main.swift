// Lesson 02 — Backpropagation by hand, from one neuron to mini-batch SGD.
//
// How a network's weights are fitted: gradient descent on a squared error, the gradient of a
// network's output with respect to its weights, the four backpropagation equations, the notes'
// worked example number by number, a second notation with x₀ = 1 and no ½, several outputs,
// batch versus stochastic versus mini-batch descent, gradient checking, and the matrix-calculus
// warm-ups behind all of it. Run it with `swift run Lesson02`; the exercises are in
// `Exercises/Lesson02.swift`.
//
// Sources: main lecture (seed 000) lines 160–590; Harvard lecture 10 (seed 001) lines 396–863;
// KTH part 7 (seed 002) lines 437–515; Berkeley handouts (seed 003) lines 235–308, 398–437
// and 613–640.

import LessonRuntime
import NeuralNetworks
import TensorCore
let notebook = Notebook(
    title: "Lesson 02 · Backpropagation by hand",
    summary: "How a network's gradient is computed, checked, and used: from one neuron to mini-batch SGD.")
let quick = notebook.options.quick

notebook.prose("""
    You will learn: why fitting a network means minimising a squared error by gradient \
    descent; how to see a network's output as a function of its weights; the notation \
    aˡⱼ, zˡⱼ, wˡⱼₖ, bˡⱼ and the four equations of backpropagation; the notes' worked example, \
    every number recomputed; the same algorithm in a second notation; why several outputs \
    need only one backward pass; batch, stochastic and mini-batch gradient descent side by \
    side; and how to check any gradient with finite differences.
    """)

// MARK: - 1. Learning as fitting

notebook.section("Learning as fitting")
notebook.prose("""
    Fix an architecture: the layers, their widths, their activations. What is left free are \
    the weights and biases, which we collect in one vector w and write the network as f_w. \
    Given m examples (x₁, y₁), …, (x_m, y_m), where yᵢ is the label we want for input xᵢ, we \
    ask for weights that send every xᵢ close to its yᵢ. When no weights hit every label \
    exactly, "close" is measured by the mean squared error, with a ½ that will cancel a 2:
    """)
notebook.formula("C(w) = (1/2m) Σᵢ (f_w(xᵢ) − yᵢ)²")
notebook.prose("""
    The main lecture counts the examples with m when it introduces them and in every sum \
    over them, but in between it writes the fixed data set with n:
    """)
notebook.slip("the data set being fitted", notes: "(x₁, y₁), …, (x_n, y_n)", at: .notes("000", 173),
              correct: "(x₁, y₁), …, (x_m, y_m)",
              why: """
                000:165 introduces m points and the cost on the next line (000:175) \
                averages (1/2m) Σ_{i=1}^m over them; with n examples the sum would stop \
                short or run past the data. 000:547 repeats the n beside the same m-sums.
                """)
notebook.prose("""
    The tool is gradient descent. Its step is
    """)
notebook.formula("w ← w − α · (1/m) Σᵢ (f_w(xᵢ) − yᵢ) · ∂f_w(xᵢ)/∂w")
notebook.prose("""
    Two questions hide in it. First, every step visits the whole data set, which is \
    hopeless when m is in the millions (section 7). Second, and more basic: what is \
    ∂f_w(x)/∂w, the derivative of a network's output with respect to its weights? \
    Answering that is the job of backpropagation.
    """)

// MARK: - 2. The output as a function of the weights

notebook.section("The output as a function of the weights")
notebook.prose("""
    Usually we hold the weights still and vary the input. For training we do the opposite: \
    the input stays at one example, here x = [5, 6, 7], and the output of a single neuron \
    σ(w₁·5 + w₂·6 + w₃·7 + b) becomes a function of the four numbers (w₁, w₂, w₃, b). Its \
    gradient is σ′(z)·[5, 6, 7, 1], where z is the weighted sum and the 1 belongs to the \
    bias. Each line below is the library's backward pass through one Dense unit, started \
    with ∂out/∂out = 1.
    """)
let fixedInput: Tensor = [5, 6, 7]
/// The gradient of one unit's output with respect to (w₁, w₂, w₃, b), from `Dense.backward`.
func outputGradient(_ activation: Activation, at parameters: [Double]) -> [Double] {
    var unit = Dense(weights: Tensor(shape: [3, 1], scalars: Array(parameters.prefix(3))),
                     bias: Tensor([parameters[3]]), activation: activation)
    _ = unit.forward(fixedInput)
    unit.backward(Tensor([1.0]))
    return unit.weightGradient.scalars + unit.biasGradient.scalars
}
let parameterNames = ["w₁", "w₂", "w₃", "b"]

notebook.prose("Identity activation σ(u) = u: the output is linear in w, so its gradient is the same everywhere.")
var identityGradients: [[Double]] = []
var identityGenerator = notebook.generator("identity gradients")
for _ in 0..<5 { identityGradients.append(outputGradient(.identity, at: (0..<4).map { _ in identityGenerator.uniform(in: -3...3) })) }
for (i, name) in parameterNames.enumerated() {
    notebook.compare("identity: ∂out/∂\(name) (5 random w)", notes: [5.0, 6, 7, 1][i], at: .notes("000", 211...213),
                     computed: identityGradients.map { $0[i] }.max()!, tolerance: 1e-12)
}
notebook.check("the five gradients are identical", identityGradients.allSatisfy { $0 == identityGradients[0] })

notebook.prose("""
    σ(u) = u²/2 (a toy: no network uses it). Now the output is ½(5w₁ + 6w₂ + 7w₃ + b)² and \
    its gradient is (5w₁ + 6w₂ + 7w₃ + b)·[5, 6, 7, 1]. At w = [0, 0, 0, 2] the sum is 2. The \
    library has no such activation, so the chain rule is applied by hand and checked \
    with a central difference:
    """)
let halfSquareParameters: Tensor = [0, 0, 0, 2]
func halfSquareOutput(_ p: Tensor) -> Double {
    let u = p[0] * 5 + p[1] * 6 + p[2] * 7 + p[3]
    return u * u / 2
}
let uAtTwo = dot(Tensor(Array(halfSquareParameters.scalars.prefix(3))), fixedInput) + halfSquareParameters[3]
let halfSquareGradient = Tensor([5, 6, 7, 1]) * uAtTwo   // σ′(u) = u
for (i, name) in parameterNames.enumerated() {
    notebook.compare("u²/2 at [0, 0, 0, 2]: ∂out/∂\(name)", notes: [10.0, 12, 14, 2][i], at: .notes("000", 230),
                     computed: halfSquareGradient[i], tolerance: 1e-12)
}
let halfSquareCheck = checkGradient(at: halfSquareParameters, analyticGradient: halfSquareGradient, halfSquareOutput)
notebook.check("the chain rule agrees with central differences (relative error \(formatNumber(halfSquareCheck.maxRelativeError, digits: 1)))",
               halfSquareCheck.passes(tolerance: 1e-8))
notebook.slip("∇ of ½(5w₁ + 6w₂ + 7w₃ + b)²", notes: "(…)·[5, 6, 7]ᵀ", at: .notes("000", 228), correct: "(…)·[5, 6, 7, 1]ᵀ",
              why: "the bias is the fourth variable; the notes' own value [10, 12, 14, 2] has four entries")

notebook.prose("""
    ReLU σ(u) = max(u, 0): the weight space splits in two. Where 5w₁ + 6w₂ + 7w₃ + b > 0 the \
    unit is linear and the gradient is [5, 6, 7, 1]; where the sum is negative the output is \
    flat at 0 and so is the gradient. (The notes write the first region with "⇒ 0"; it \
    should read "> 0". On the boundary itself there is a kink and no derivative; the library, \
    like most, uses 0 there.)
    """)
let reluAtOnes = outputGradient(.relu, at: [1, 1, 1, 1])
let reluAtMinusOnes = outputGradient(.relu, at: [-1, -1, -1, -1])
for (i, name) in parameterNames.enumerated() {
    notebook.compare("ReLU at [1, 1, 1, 1]: ∂out/∂\(name)", notes: [5.0, 6, 7, 1][i], at: .notes("000", 245), computed: reluAtOnes[i], tolerance: 1e-12)
}
for (i, name) in parameterNames.enumerated() {
    notebook.compare("ReLU at [−1, −1, −1, −1]: ∂out/∂\(name)", notes: 0, at: .notes("000", 243...247), computed: reluAtMinusOnes[i], tolerance: 1e-12)
}

// MARK: - 3. Notation and the four equations

notebook.section("Notation and the four equations")
notebook.prose("""
    For a whole network we need names for everything. Layers are numbered from the input, \
    which is layer 1, to the output, layer L. Then:
    """)
notebook.bullets([
    "aˡⱼ is the output (activation) of unit j in layer l; the inputs are a¹;",
    "bˡⱼ is the bias of unit j in layer l;",
    "wˡⱼₖ is the weight that unit j of layer l puts on unit k of layer l − 1 (the receiving unit comes first);",
    "zˡⱼ = Σₖ wˡⱼₖ aˡ⁻¹ₖ + bˡⱼ is its weighted input, and aˡⱼ = σ(zˡⱼ).",
])
notebook.prose("""
    Stacked into vectors, and a matrix wˡ whose row j holds unit j's weights, the forward \
    pass is one line per layer:
    """)
notebook.formula("zˡ = wˡ aˡ⁻¹ + bˡ,   aˡ = σ(zˡ),   l = 2, …, L")
notebook.prose("""
    For one example the cost is Cⁱ = ½‖y − aᴸ‖², and the data-set cost averages them: \
    C = (1/m) Σᵢ Cⁱ. The trick of backpropagation is to track δˡⱼ = ∂Cⁱ/∂zˡⱼ, how sensitive \
    the cost is to each weighted input. The chain rule gives four equations:
    """)
notebook.formula("""
    (1)  δᴸ = (aᴸ − y) ⊙ σ′(zᴸ)
    (2)  δˡⱼ = Σₖ δˡ⁺¹ₖ wˡ⁺¹ₖⱼ σ′(zˡⱼ),  as matrices  δˡ = σ′(zˡ) ⊙ (wˡ⁺¹)ᵀ δˡ⁺¹
    (3)  ∂Cⁱ/∂wˡⱼₖ = δˡⱼ aˡ⁻¹ₖ,         as matrices  ∂Cⁱ/∂wˡ = δˡ (aˡ⁻¹)ᵀ
    (4)  ∂Cⁱ/∂bˡⱼ = δˡⱼ
    """)
notebook.prose("""
    Equation (1) starts at the output. Equation (2) carries the deltas one layer back: \
    zˡⱼ reaches the cost only through the weighted inputs zˡ⁺¹ₖ of the next layer, each \
    through the weight wˡ⁺¹ₖⱼ and the slope σ′(zˡⱼ). Equations (3) and (4) turn deltas into \
    what we actually want, the weight and bias derivatives: a weight wˡⱼₖ touches the cost \
    only through zˡⱼ, and ∂zˡⱼ/∂wˡⱼₖ = aˡ⁻¹ₖ. The forward pass must run first, because every \
    z and a is needed on the way back.
    """)
notebook.slip("(4) ∂Cⁱ/∂bˡⱼ", notes: "δˡₖ", at: .notes("000", 433), correct: "δˡⱼ",
              why: "bˡⱼ enters only zˡⱼ, with ∂zˡⱼ/∂bˡⱼ = 1; k is a free index on that side")
notebook.prose("""
    A second, smaller slip: the notes write ∂C/∂w = Σᵢ ∂Cⁱ/∂w. With C = (1/2m) Σᵢ ‖yᵢ − aᴸ(xᵢ)‖² \
    and Cⁱ = ½‖yᵢ − aᴸ(xᵢ)‖², C is the mean of the Cⁱ, so its gradient is the mean of \
    theirs: ∂C/∂w = (1/m) Σᵢ ∂Cⁱ/∂w. (Their update rule right after has the 1/m again, so \
    the step itself is right.) On four examples and a linear unit f(x) = w·x + b:
    """)
let fourInputs: Tensor = [[1, 2], [0, -1], [3, 1], [-2, 0.5]]
let fourLabels: Tensor = [[1], [0], [2], [-1]]
var linearUnit = Sequential([Dense(weights: [[0.5], [-0.25]], bias: [0.1], activation: .identity)])
linearUnit.computeGradients(input: fourInputs, target: fourLabels, loss: .halfSquaredError)
let meanGradient = linearUnit[dense: 0].weightGradient[0, 0]
var summedGradient = 0.0
for i in 0..<4 {
    var copy = linearUnit
    copy.computeGradients(input: fourInputs.rows(i..<(i + 1)), target: fourLabels.rows(i..<(i + 1)), loss: .halfSquaredError)
    summedGradient += copy[dense: 0].weightGradient[0, 0]
}
notebook.slip("∂C/∂w from the per-example gradients", notes: "Σᵢ ∂Cⁱ/∂w", at: .notes("000", 307),
              correct: "(1/m) Σᵢ ∂Cⁱ/∂w",
              why: "C averages the Cⁱ, so its gradient averages theirs; the plain sum is m times too large")
notebook.results([
    "∂C/∂w₁ by backprop on all four (the mean)": meanGradient,
    "Σᵢ ∂Cⁱ/∂w₁ (the notes' formula)": summedGradient,
], digits: 6)
notebook.compare("the sum over the mean is m", lesson: 4, computed: summedGradient / meanGradient, tolerance: 1e-12)

// MARK: - 4. The worked example

notebook.section("The worked example, number by number")
notebook.prose("""
    The notes run the four equations on a 4–2–2–1 network with every bias 0 and ReLU in \
    every layer, including the output. The input is x = [−1, 1, 1, 1] and the label y = 1. \
    Inputs are layer 1, so the first weight matrix is w² (the notes' slides call it W⁽¹⁾, but \
    their indices, such as w²₂₁, count the input layer):
    """)
notebook.formula("""
    w² = [[10, 1, 1, 1], [1, 1, 1, 1]]     (2 units × 4 inputs)
    w³ = [[1, 1], [1, 1]]
    w⁴ = [[1, 1]]
    """)
let workedTrace = BackpropagationTrace(
    weights: [[[10, 1, 1, 1], [1, 1, 1, 1]], [[1, 1], [1, 1]], [[1, 1]]],
    biases: [[0, 0], [0, 0], [0]],
    activations: [.relu, .relu, .relu],
    input: [-1, 1, 1, 1], label: [1])

notebook.prose("Forward pass: z² = w² x, then a² = ReLU(z²), and so on up to the output a⁴.")
notebook.compare("z²₁ = −10 + 1 + 1 + 1", notes: -7, at: .notes("000", 475), computed: workedTrace.z(2)[0], tolerance: 1e-12)
notebook.compare("z²₂ = −1 + 1 + 1 + 1", notes: 2, at: .notes("000", 475), computed: workedTrace.z(2)[1], tolerance: 1e-12)
notebook.compare("a²₁ = ReLU(−7)", notes: 0, at: .notes("000", 476), computed: workedTrace.a(2)[0], tolerance: 1e-12)
notebook.compare("a²₂ = ReLU(2)", notes: 2, at: .notes("000", 476), computed: workedTrace.a(2)[1], tolerance: 1e-12)
notebook.compare("z³₁", notes: 2, at: .notes("000", 486), computed: workedTrace.z(3)[0], tolerance: 1e-12)
notebook.compare("z³₂", notes: 2, at: .notes("000", 486), computed: workedTrace.z(3)[1], tolerance: 1e-12)
notebook.compare("a³₁", notes: 2, at: .notes("000", 488), computed: workedTrace.a(3)[0], tolerance: 1e-12)
notebook.compare("a³₂", notes: 2, at: .notes("000", 488), computed: workedTrace.a(3)[1], tolerance: 1e-12)
notebook.compare("output a⁴ = 2 + 2", notes: 4, at: .notes("000", 490), computed: workedTrace.output[0], tolerance: 1e-12)

notebook.prose("""
    Backward pass. The cost is ½(y − a⁴)², so ∂C/∂a⁴ = a⁴ − y. Since z⁴ = 4 > 0, the ReLU's \
    slope is 1 there and δ⁴ = ∂C/∂z⁴ is the same number (equation 1). Equation (2) then gives \
    δ³ⱼ = δ⁴₁ w⁴₁ⱼ σ′(z³ⱼ), and δ²ⱼ = (w³₁ⱼ δ³₁ + w³₂ⱼ δ³₂) σ′(z²ⱼ), where σ′(−7) = 0 switches \
    the first hidden unit off:
    """)
notebook.compare("∂C/∂a⁴ = 4 − 1", notes: 3, at: .notes("000", 495), computed: workedTrace.costGradient[0], tolerance: 1e-12)
notebook.compare("δ⁴₁ = ∂C/∂z⁴", notes: 3, at: .notes("000", 495...497), computed: workedTrace.delta(4)[0], tolerance: 1e-12)
notebook.compare("δ³₁", notes: 3, at: .notes("000", 501), computed: workedTrace.delta(3)[0], tolerance: 1e-12)
notebook.compare("δ³₂", notes: 3, at: .notes("000", 503), computed: workedTrace.delta(3)[1], tolerance: 1e-12)
notebook.compare("δ²₁ = (…)·σ′(−7)", notes: 0, at: .notes("000", 516), computed: workedTrace.delta(2)[0], tolerance: 1e-12)
notebook.compare("δ²₂ = (3·1 + 3·1)·σ′(2)", notes: 6, at: .notes("000", 518), computed: workedTrace.delta(2)[1], tolerance: 1e-12)
notebook.slip("weight in δ³₁ = δ⁴₁ · w", notes: "w⁴₄₁", at: .notes("000", 501), correct: "w⁴₁₁",
              why: "the subscripts name the receiving unit (unit 1 of layer 4) and then the sender; "
                + "there is no unit 4 in layer 4 (likewise w⁴₄₂ for δ³₂ is w⁴₁₂)")

notebook.prose("""
    Equation (3) turns deltas into weight derivatives: ∂C/∂w²ⱼ₁ = δ²ⱼ a¹₁, with a¹₁ = x₁ = −1.
    """)
notebook.compare("∂C/∂w²₁₁ = δ²₁ · a¹₁ = 0 · (−1)", notes: 0, at: .notes("000", 527), computed: workedTrace.weightGradient(2)[0, 0], tolerance: 1e-12)
notebook.compare("∂C/∂w²₂₁ = δ²₂ · a¹₁ = 6 · (−1)", notes: -6, at: .notes("000", 531), computed: workedTrace.weightGradient(2)[1, 0], tolerance: 1e-12)

// The network drawn with every number of the forward and backward pass on it: one box per
// unit (x for inputs; z, a and δ for the others), the weight matrix on each arrow.
/// A unit drawn as a box three lines high, `width` columns wide, with `text` inside.
func unitBox(_ text: String, width: Int) -> [String] {
    let inner = width - 2
    let padded = text + String(repeating: " ", count: max(0, inner - 2 - text.count))
    return ["┌" + String(repeating: "─", count: inner) + "┐", "│ " + padded + " │",
            "└" + String(repeating: "─", count: inner / 2) + "┬" + String(repeating: "─", count: inner - inner / 2 - 1) + "┘"]
}
/// Boxes side by side, each row indented by `indent` columns and separated by `gap`.
func boxRow(_ boxes: [[String]], indent: Int, gap: Int = 3) -> [String] {
    (0..<3).map { line in String(repeating: " ", count: indent) + boxes.map { $0[line] }.joined(separator: String(repeating: " ", count: gap)) }
}
func short(_ value: Double) -> String { formatNumber(value, digits: 3) }
var picture: [String] = ["", "  layer 1: the input x"]
picture += boxRow((0..<4).map { unitBox("x=\(short(workedTrace.a(1)[$0]))", width: 9) }, indent: 4)
picture.append("          ▼  w² = [[10, 1, 1, 1], [1, 1, 1, 1]]   (row j feeds unit j)")
for layer in 2...4 {
    let units = workedTrace.z(layer).count
    picture.append("  layer \(layer): ReLU" + (layer == 4 ? ", the output" : ""))
    picture += boxRow((0..<units).map { j in
        unitBox("z=\(short(workedTrace.z(layer)[j]))  a=\(short(workedTrace.a(layer)[j]))  δ=\(short(workedTrace.delta(layer)[j]))",
                width: 26)
    }, indent: 4)
    if layer == 2 { picture.append("          ▼  w³ = [[1, 1], [1, 1]]") }
    if layer == 3 { picture.append("          ▼  w⁴ = [[1, 1]]") }
}
picture.append("  label y = 1, cost ½(y − a⁴)² = \(short(workedTrace.cost)); ∂C/∂w²₂₁ = δ²₂ · x₁ = "
               + "\(short(workedTrace.delta(2)[1])) · (\(short(workedTrace.a(1)[0]))) = \(short(workedTrace.weightGradient(2)[1, 0]))")
notebook.prose("""
    The whole computation on one picture: the forward pass fills in z and a from the top \
    down, the backward pass fills in δ from the bottom up, and each weight's derivative is \
    the δ of the unit it feeds times the a of the unit it reads.
    """)
notebook.verbatim(picture.joined(separator: "\n"))

notebook.prose("""
    The notes stop at two weights. Here is the whole gradient, every weight and bias, laid \
    out like the weight matrices (row j = receiving unit j). Unit 1 of layer 2 is off, so \
    its row is all zeros: nothing it could change would move the output, for this input.
    """)
for l in 2...workedTrace.layerCount {
    notebook.result("∂C/∂w\(["", "", "²", "³", "⁴"][l])", workedTrace.weightGradient(l))
    notebook.result("∂C/∂b\(["", "", "²", "³", "⁴"][l])", workedTrace.biasGradient(l))
}
notebook.prose("""
    Two independent checks. The library's Dense layers (weights stored transposed, a batch of \
    one) must give the same numbers, and so must central differences of the cost, one \
    parameter at a time. No weighted input sits on ReLU's kink at 0 here, so the two sides \
    of each difference agree.
    """)
let workedNetwork = workedTrace.sequential()
var workedLibrary = workedNetwork
workedLibrary.computeGradients(input: Tensor([[-1, 1, 1, 1]]), target: Tensor([[1]]), loss: .halfSquaredError)
var largestLibraryGap = 0.0
for i in workedLibrary.layers.indices {
    let layer = workedLibrary[dense: i]
    largestLibraryGap = max(largestLibraryGap, (layer.weightGradient.transposed() - workedTrace.weightGradients[i]).scalars.map(abs).max()!)
    largestLibraryGap = max(largestLibraryGap, (layer.biasGradient - workedTrace.biasGradients[i]).scalars.map(abs).max()!)
}
notebook.check("the library's backward pass gives the same 19 derivatives (largest gap \(formatNumber(largestLibraryGap, digits: 1)))",
               largestLibraryGap < 1e-12)
let workedChecks = workedNetwork.checkGradients(loss: .halfSquaredError, input: Tensor([[-1, 1, 1, 1]]), target: Tensor([[1]]))
let workedWorst = workedChecks.map(\.maxRelativeError).max()!
notebook.check("central differences agree with every derivative (worst relative error \(formatNumber(workedWorst, digits: 1)))",
               workedWorst < 1e-8)

// MARK: - 5. A second notation

notebook.section("A second notation: x₀ = 1 and no ½")
notebook.prose("""
    The Harvard notes write the same algorithm differently, for a network with inputs \
    x₁, x₂, two ReLU hidden units u₁, u₂ and one ReLU output ŷ. The bias becomes an ordinary \
    weight w₀ on a constant input x₀ = 1 (and u₀ = 1), and the index order is sender first: \
    w⁽¹⁾ⱼₕ goes from input j to hidden unit h. The loss has no ½:
    """)
notebook.formula("""
    u_h = f(w⁽¹⁾₀ₕ + w⁽¹⁾₁ₕ x₁ + w⁽¹⁾₂ₕ x₂)
    ŷ = f(w⁽²⁾₀ + w⁽²⁾₁ u₁ + w⁽²⁾₂ u₂)
    L = (ŷ − y)²
    """)
notebook.prose("""
    Listing what the forward pass has already computed, the notes write hidden unit h's \
    weighted input with a summation index that its terms do not carry:
    """)
notebook.slip("weighted input of hidden unit h", notes: "Σ_{i=0}^n w⁽¹⁾ᵢₕ xⱼ", at: .notes("001", 773),
              correct: "Σ_{j=0}^n w⁽¹⁾ⱼₕ xⱼ",
              why: """
                The sum runs over the inputs j = 0, …, n, the index the terms carry; \
                001:767 writes it correctly.
                """)
notebook.prose("""
    Four lines earlier, the two derivatives the notes set out to compute have lost the ∂ \
    on top:
    """)
notebook.slip("the derivatives to compute", notes: "L(w)/∂w⁽²⁾ₕₘ and L(w)/∂w⁽¹⁾ⱼₕ", at: .notes("001", 769),
              correct: "∂L(w)/∂w⁽²⁾ₕₘ and ∂L(w)/∂w⁽¹⁾ⱼₕ",
              why: """
                As written each is L divided by a differential, not a partial derivative. \
                The ∂ may have been lost when the slides were turned into text, but the \
                line as it stands is wrong.
                """)
notebook.prose("""
    Their "errors" are derivatives with respect to outputs rather than weighted inputs: \
    ε⁽²⁾ = ∂L/∂ŷ = 2(ŷ − y), and ε⁽¹⁾ₕ = ∂L/∂u_h = ε⁽²⁾ f′(z⁽²⁾) w⁽²⁾ₕ. The weight derivatives \
    are then ∂L/∂w⁽²⁾ₕ = ε⁽²⁾ f′(z⁽²⁾) u_h and ∂L/∂w⁽¹⁾ⱼₕ = ε⁽¹⁾ₕ f′(z⁽¹⁾ₕ) xⱼ: the same δ as \
    before, written as ε·f′. The notes give no numbers, so here is one SGD step with numbers \
    of our choosing: x = (2, 1), y = 3, learning rate α = 0.05, and
    """)
notebook.formula("""
    w⁽¹⁾₀₁ = 0.5, w⁽¹⁾₁₁ = 1,  w⁽¹⁾₂₁ = −1      (into u₁)
    w⁽¹⁾₀₂ = −1,  w⁽¹⁾₁₂ = −1, w⁽¹⁾₂₂ = 0.5     (into u₂)
    w⁽²⁾₀ = 0.5,  w⁽²⁾₁ = 1,   w⁽²⁾₂ = 2        (into ŷ)
    """)
// Dense stores weights [inputs, outputs]: row j = input j, column h = hidden unit h, which is
// exactly the sender-first w⁽¹⁾ⱼₕ of these notes; the w₀ row becomes the bias.
func harvardStart() -> Sequential {
    Sequential([
        Dense(weights: [[1, -1], [-1, 0.5]], bias: [0.5, -1], activation: .relu),
        Dense(weights: [[1], [2]], bias: [0.5], activation: .relu),
    ])
}
var harvardNetwork = harvardStart()
let harvardInput: Tensor = [[2, 1]]
let harvardLabel: Tensor = [[3]]
let hiddenZ = matmul(harvardInput, harvardNetwork[dense: 0].weights) + harvardNetwork[dense: 0].bias
let hiddenU = harvardNetwork.layers[0](harvardInput)
let harvardPrediction = harvardNetwork.predict(harvardInput)[0, 0]
notebook.results([
    "z⁽¹⁾₁ = 0.5 + 1·2 − 1·1": hiddenZ[0, 0], "z⁽¹⁾₂ = −1 − 1·2 + 0.5·1": hiddenZ[0, 1],
    "u₁ = f(1.5)": hiddenU[0, 0], "u₂ = f(−2.5)": hiddenU[0, 1],
    "ŷ = f(0.5 + 1·1.5 + 2·0)": harvardPrediction,
    "ε⁽²⁾ = 2(ŷ − y)": 2 * (harvardPrediction - 3),
])
let harvardLoss = harvardNetwork.computeGradients(input: harvardInput, target: harvardLabel, loss: .squaredError)
// ∇L in the notes' order: w⁽¹⁾₀₁, w⁽¹⁾₁₁, w⁽¹⁾₂₁, w⁽¹⁾₀₂, w⁽¹⁾₁₂, w⁽¹⁾₂₂, w⁽²⁾₀, w⁽²⁾₁, w⁽²⁾₂.
func harvardGradient(_ network: Sequential) -> [Double] {
    let (hidden, output) = (network[dense: 0], network[dense: 1])
    return [hidden.biasGradient[0], hidden.weightGradient[0, 0], hidden.weightGradient[1, 0],
            hidden.biasGradient[1], hidden.weightGradient[0, 1], hidden.weightGradient[1, 1],
            output.biasGradient[0], output.weightGradient[0, 0], output.weightGradient[1, 0]]
}
let harvardNames = ["w⁽¹⁾₀₁", "w⁽¹⁾₁₁", "w⁽¹⁾₂₁", "w⁽¹⁾₀₂", "w⁽¹⁾₁₂", "w⁽¹⁾₂₂", "w⁽²⁾₀", "w⁽²⁾₁", "w⁽²⁾₂"]
let squaredGradient = harvardGradient(harvardNetwork)
// By hand: ε⁽²⁾ = −2, f′(z⁽²⁾) = 1, u = (1, 1.5, 0); ε⁽¹⁾ = −2·w⁽²⁾ = (−2, −4); x = (1, 2, 1).
let byHand: [Double] = [-2 * 1, -2 * 2, -2 * 1, 0, 0, 0, -2 * 1, -2 * 1.5, -2 * 0]
var harvardRows: [[String]] = []
let harvardState: [Double] = [0.5, 1, -1, -1, -1, 0.5, 0.5, 1, 2]
for i in 0..<9 {
    harvardRows.append([harvardNames[i], formatNumber(harvardState[i]), formatNumber(byHand[i]), formatNumber(squaredGradient[i]),
                        formatNumber(harvardState[i] - 0.05 * squaredGradient[i])])
}
notebook.table(["weight", "before", "∂L/∂w by hand", "∂L/∂w library", "after w − 0.05·∂L/∂w"], rows: harvardRows)
notebook.check("the hand computation and the library agree on all nine derivatives",
               zip(byHand, squaredGradient).allSatisfy { abs($0 - $1) < 1e-12 })
var sgdOptimizer = SGD(learningRate: 0.05)
sgdOptimizer.step(&harvardNetwork)
let lossAfterStep = Loss.squaredError.value(prediction: harvardNetwork.predict(harvardInput), target: harvardLabel)
notebook.check("one step lowers the loss from \(formatNumber(harvardLoss)) to \(formatNumber(lossAfterStep))", lossAfterStep < harvardLoss)
notebook.prose("""
    u₂ is off (z⁽¹⁾₂ = −2.5 < 0), so the three weights into it get no gradient, and neither \
    does w⁽²⁾₂, which multiplies u₂ = 0.

    The factor of 2. Without the ½, every derivative is exactly twice the one of the main \
    lecture's cost ½(ŷ − y)²; the direction is the same and only the effective learning rate \
    doubles. With the ½ and α = 0.1, the step would be exactly the one above; without the ½ \
    and α = 0.1, it would overshoot the label. The KTH notes (seed 002) also drop the ½ per example, δ⁽ᴸ⁾ = 2(x⁽ᴸ⁾ − Y)σ′(s⁽ᴸ⁾), \
    with the sender-first index order w⁽ℓ⁾ᵢⱼ of the Harvard notes.
    """)
var halfNetwork = harvardStart()
halfNetwork.computeGradients(input: harvardInput, target: harvardLabel, loss: .halfSquaredError)
let halfGradient = harvardGradient(halfNetwork)
notebook.check("∂(ŷ − y)²/∂w = 2 · ∂½(ŷ − y)²/∂w for all nine weights (e.g. \(formatNumber(squaredGradient[1])) = 2 · \(formatNumber(halfGradient[1])))",
               zip(squaredGradient, halfGradient).allSatisfy { abs($0 - 2 * $1) < 1e-12 })

var halfStepNetwork = harvardStart(), bigStepNetwork = harvardStart()
var halfStepOptimizer = SGD(learningRate: 0.1), bigStepOptimizer = SGD(learningRate: 0.1)
halfStepNetwork.computeGradients(input: harvardInput, target: harvardLabel, loss: .halfSquaredError)
halfStepOptimizer.step(&halfStepNetwork)
bigStepNetwork.computeGradients(input: harvardInput, target: harvardLabel, loss: .squaredError)
bigStepOptimizer.step(&bigStepNetwork)
notebook.check("with ½ and α = 0.1 the new weights equal those above",
               zip(halfStepNetwork.parameters, harvardNetwork.parameters).allSatisfy { ($0 - $1).scalars.allSatisfy { abs($0) < 1e-12 } })
let bigStepLoss = Loss.squaredError.value(prediction: bigStepNetwork.predict(harvardInput), target: harvardLabel)
notebook.check("without ½ and α = 0.1, ŷ jumps to \(formatNumber(bigStepNetwork.predict(harvardInput)[0, 0])) and the loss rises to \(formatNumber(bigStepLoss))",
               bigStepLoss > harvardLoss)

notebook.prose("""
    A warning about names in the same notes' list of losses: for a vector output they \
    define the absolute error as (Σⱼ (ŷⱼ − yⱼ)²)^½, the Euclidean length ‖ŷ − y‖ (the \
    "absolute error" of numerical analysis). Keras's mean_absolute_error, which the notes \
    list next, and the library's meanAbsoluteError instead sum (Keras: average) the \
    |ŷⱼ − yⱼ|. The two disagree as soon as there are two outputs; for ŷ − y = [3, −4]:
    """)
notebook.results([
    "‖ŷ − y‖ (the notes)": (9.0 + 16).squareRoot(),
    "Σⱼ |ŷⱼ − yⱼ| (meanAbsoluteError)": Loss.meanAbsoluteError.value(prediction: [3, -4], target: [0, 0]),
])

// MARK: - 6. Several outputs

notebook.section("Several outputs, one backward pass")
notebook.prose("""
    With k outputs the cost of one example is ½‖f_w(x) − y‖² = Σⱼ ½([f_w(x)]ⱼ − yⱼ)², a sum of \
    k costs. Its gradient is the sum of their k gradients, and each could be found by its \
    own backward pass. The notes ask whether k passes are really needed. They are not: the \
    backward pass is linear in the vector it starts from, so starting it once from the whole \
    vector δᴸ = (aᴸ − y) ⊙ σ′(zᴸ) adds the k passes up for free. Checked on an 8–16–16–4 \
    tanh network:
    """)
let multiSizes = [8, 16, 16, 4]
var multiGenerator = notebook.generator("several outputs")
var multiNetwork = Sequential(layerSizes: multiSizes, hiddenActivation: .tanh, outputActivation: .tanh, using: &multiGenerator)
let multiInput = Tensor.normal([1, 8], using: &multiGenerator)
let multiLabel = Tensor.normal([1, 4], using: &multiGenerator)
let multiPrediction = multiNetwork.forward(multiInput)
let fullError = multiPrediction - multiLabel                 // ∂C/∂aᴸ for all k outputs at once
multiNetwork.backward(fullError)
let onePassGradients = multiNetwork.gradients
var summedGradients = onePassGradients.map { Tensor.zeros($0.shape) }
for j in 0..<4 {
    var onlyOutputJ = Tensor.zeros([1, 4])
    onlyOutputJ[0, j] = fullError[0, j]                      // ∂/∂aᴸ of ½([f]ⱼ − yⱼ)² alone
    multiNetwork.backward(onlyOutputJ)
    for (i, g) in multiNetwork.gradients.enumerated() { summedGradients[i] += g }
}
let multiGap = zip(onePassGradients, summedGradients).map { ($0 - $1).scalars.map(abs).max()! }.max()!
notebook.check("one pass equals the sum of 4 single-output passes (largest gap \(formatNumber(multiGap, digits: 1)))", multiGap < 1e-12)
// Multiply–adds of one backward pass: per layer, δ·f′ (q), ∂C/∂W (p·q) and, except for the
// first layer, ∂C/∂a of the layer below (p·q).
var backwardCost = 0
for l in 1..<multiSizes.count {
    let (p, q) = (multiSizes[l - 1], multiSizes[l])
    backwardCost += q + p * q + (l > 1 ? p * q : 0)
}
let forwardCost = (1..<multiSizes.count).reduce(0) { $0 + multiSizes[$1 - 1] * multiSizes[$1] }
notebook.results([
    "multiply–adds of the forward pass": Double(forwardCost),
    "multiply–adds of one backward pass": Double(backwardCost),
    "… of 4 backward passes, one per output": Double(4 * backwardCost),
])
notebook.prose("""
    (The count, per layer with p inputs and q units: q products for δ ⊙ σ′, p·q for ∂C/∂W, \
    and p·q to pass the gradient down to the layer below, which the first layer skips.) \
    So the answer to the notes' question: one forward pass and one backward pass, whatever k \
    is. k separate passes would cost k times as much, here \(4 * backwardCost) instead of \
    \(backwardCost) multiply–adds for the backward part, and for nothing.
    """)

// MARK: - 7. Batch, stochastic and mini-batch gradient descent

notebook.section("Batch, stochastic and mini-batch gradient descent")
notebook.prose("""
    Back to the first problem: a gradient step needs the whole data set. ImageNet, for \
    instance, has about 14 million images (some 150 GB); a full pass per step would allow \
    very few steps. Stochastic gradient descent estimates the gradient from a random \
    sample instead:
    """)
notebook.formula("""
    batch GD:        w ← w − α ∇ (1/m) Σᵢ₌₁..ₘ Cⁱ(w)         1 step per pass
    SGD:             w ← w − α ∇ Cⁱ(w), i random             m steps per pass
    mini-batch SGD:  w ← w − α ∇ (1/s) Σᵢ∈B Cⁱ(w), |B| = s   m/s steps per pass
    """)
notebook.prose("""
    Five slips sit in the notes' pages on this step. The main lecture dates ImageNet to \
    2010, the year of the first challenge run on a subset of it; the data set itself was \
    published in 2009. The Harvard slides write the cost as a mean of losses L(prediction, \
    observed) but put the prediction in both places. The KTH slides run SGD on \
    E_l = |f_w(X_l) − Y_l|², but their step has no sign between w and α∇E_l(w); they \
    then ask how to compute E_l cheaply, although evaluating E_l is a single forward pass: \
    the costly part, which backpropagation answers, is its gradient. In their algorithm \
    the derivative also loses its second index.
    """)
notebook.slip("when ImageNet appeared", notes: "2010", at: .notes("000", 555), correct: "2009",
              why: """
                Deng et al. presented ImageNet at CVPR 2009; 2010 was the first ILSVRC, the \
                competition held on 1000 of its classes.
                """)
notebook.slip("second argument of L in J(w)", notes: "L(ŷ⁽ⁱ⁾(w), ŷ⁽ⁱ⁾)", at: .notes("001", 634),
              correct: "L(ŷ⁽ⁱ⁾(w), y⁽ⁱ⁾)",
              why: """
                A loss compares the prediction with the observed label y⁽ⁱ⁾, as 001:432 \
                defines it; the mini-batch formula at 001:697 repeats the slip.
                """)
notebook.slip("the SGD step of the KTH slides", notes: "w := w α ∇E_l(w)", at: .notes("002", 474),
              correct: "w := w − α ∇E_l(w)",
              why: """
                Without the minus the line is not an update at all; with it, it is a step \
                against the gradient of one sample's error. The sign may have been lost in \
                the text's extraction, but the line as written is wrong.
                """)
notebook.slip("what backpropagation makes cheap", notes: "computing E_l(w)", at: .notes("002", 476),
              correct: "computing ∇E_l(w)",
              why: """
                E_l(w) costs one forward pass; the SGD step at 002:474 needs ∇E_l(w), one \
                derivative per weight, and backpropagation delivers all of them in one \
                backward pass.
                """)
notebook.slip("derivative in the KTH algorithm", notes: "∂E_l/∂w_i^(ℓ)", at: .notes("002", 515),
              correct: "∂E_l/∂w_ij^(ℓ)",
              why: """
                Each weight joins node i of layer ℓ − 1 to node j of layer ℓ; the summary \
                at 002:501 gives ∂E_l/∂w_ij^(ℓ) = δ_j^(ℓ) x_i^(ℓ−1) with both indices.
                """)
notebook.prose("""
    Each estimate has the right expectation: a random example's gradient averages to the \
    full gradient. One pass over the data is an epoch, and every method computes the same \
    m per-example gradients in an epoch; they differ in how many steps they take with them \
    and how noisy each step is. The race below fits ŷ = w₁x₁ + w₂x₂ + b to 200 noisy \
    examples of y = 2x₁ − x₂ + 0.5, with correlated inputs so that the loss surface is a \
    tilted, elongated bowl. All three start at w₁ = −1, w₂ = 2, b = 0 and use the same \
    learning rate α = 0.05 and the library's Sequential, halfSquaredError and SGD.
    """)
let exampleCount = 200
var inputRows: [[Double]] = [], targetRows: [[Double]] = []
var dataGenerator = notebook.generator("regression data")
for _ in 0..<exampleCount {
    let x1 = dataGenerator.normal()
    let x2 = 0.8 * x1 + 0.6 * dataGenerator.normal()
    inputRows.append([x1, x2])
    targetRows.append([2 * x1 - x2 + 0.5 + 0.3 * dataGenerator.normal()])
}
let regressionInputs = Tensor(inputRows), regressionTargets = Tensor(targetRows)
func startingModel() -> Sequential {
    Sequential([Dense(weights: [[-1], [2]], bias: [0], activation: .identity)])
}
func fullLoss(_ model: Sequential) -> Double {
    Loss.halfSquaredError.value(prediction: model.predict(regressionInputs), target: regressionTargets)
}
// The best possible loss, for reference: full-batch descent run long enough to converge.
var bestModel = startingModel()
var bestOptimizer = SGD(learningRate: 0.5)
var bestGenerator = notebook.generator("least-squares fit")
for _ in 0..<2000 {
    bestModel.trainEpoch(inputs: regressionInputs, targets: regressionTargets, loss: .halfSquaredError,
                         batchSize: exampleCount, optimizer: &bestOptimizer, using: &bestGenerator)
}
let bestLoss = fullLoss(bestModel)
notebook.results([
    "least-squares w₁": bestModel[dense: 0].weights[0, 0], "least-squares w₂": bestModel[dense: 0].weights[1, 0],
    "least-squares b": bestModel[dense: 0].bias[0], "smallest possible loss": bestLoss,
], digits: 4)

let epochCount = 50   // the same in --quick: the whole race takes well under a second
let methods: [(name: String, batchSize: Int)] = [("batch GD", exampleCount), ("mini-batch (s = 20)", 20), ("SGD (s = 1)", 1)]
var lossCurves: [[Double]] = []
var weightPaths: [(w1: [Double], w2: [Double])] = []
var stepsPerEpoch: [Int] = []
var progress = ProgressBar("descent", total: methods.count * epochCount)
for method in methods {
    var model = startingModel()
    var optimizer = SGD(learningRate: 0.05)
    var methodGenerator = notebook.generator("descent shuffling")
    var curve = [fullLoss(model)]
    var path = (w1: [-1.0], w2: [2.0])
    var steps = 0
    let stopwatch = Stopwatch()
    for _ in 0..<epochCount {
        steps = model.trainEpoch(inputs: regressionInputs, targets: regressionTargets, loss: .halfSquaredError,
                                 batchSize: method.batchSize, optimizer: &optimizer, using: &methodGenerator) { current in
            path.w1.append(current[dense: 0].weights[0, 0])
            path.w2.append(current[dense: 0].weights[1, 0])
        }.steps
        curve.append(fullLoss(model))
        progress.advance(metric: "\(method.name): loss \(formatNumber(curve.last!, digits: 4))")
    }
    // Wall-clock time varies from run to run, so it goes to standard error only.
    Terminal.writeToStandardError("\(method.name): \(formatNumber(stopwatch.seconds / Double(epochCount) * 1e6, digits: 1)) µs per epoch\n")
    lossCurves.append(curve)
    weightPaths.append(path)
    stepsPerEpoch.append(steps)
}
progress.finish()

// What is left to gain, C − C_min, on a log scale: the last per cent above the minimum is
// exactly where the three methods differ.
// Points, not lines, so that each method has the same marker here and in the path plot below;
// both add the methods last to first, so batch GD's few points are drawn on top of SGD's many.
var lossPlot = ScatterPlot(title: "Loss above the minimum after each epoch", xLabel: "epoch", yLabel: "log₁₀ (C(w) − C_min)")
for (i, method) in methods.enumerated().reversed() {
    lossPlot.add(method.name, x: (0...epochCount).map(Double.init), y: lossCurves[i].map { log10(max($0 - bestLoss, 1e-8)) })
}
notebook.show(lossPlot)

var pathPlot = ScatterPlot(title: "The path of (w₁, w₂): every step of every method", xLabel: "w₁", yLabel: "w₂", height: 22)
for (i, method) in methods.enumerated().reversed() {
    pathPlot.add(method.name, x: weightPaths[i].w1, y: weightPaths[i].w2)
}
pathPlot.add("start", x: [-1], y: [2])
pathPlot.add("minimum", x: [bestModel[dense: 0].weights[0, 0]], y: [bestModel[dense: 0].weights[1, 0]])
notebook.show(pathPlot)

var raceRows: [[String]] = []
for (i, method) in methods.enumerated() {
    raceRows.append([method.name, "\(stepsPerEpoch[i])", "\(exampleCount)", formatNumber(lossCurves[i][1], digits: 4),
                     formatNumber(lossCurves[i][epochCount], digits: 4)])
}
notebook.table(["method", "steps per epoch", "example gradients per epoch", "loss after 1 epoch",
                "loss after \(epochCount)"], rows: raceRows)
let (batchCurve, miniCurve, sgdCurve) = (lossCurves[0], lossCurves[1], lossCurves[2])
notebook.check("after one epoch SGD is ahead of mini-batch, which is ahead of batch GD "
               + "(\(formatNumber(sgdCurve[1], digits: 4)) < \(formatNumber(miniCurve[1], digits: 4)) < \(formatNumber(batchCurve[1], digits: 4)))",
               sgdCurve[1] < miniCurve[1] && miniCurve[1] < batchCurve[1])
notebook.check("batch GD lowers the loss in every epoch", zip(batchCurve, batchCurve.dropFirst()).allSatisfy { $1 < $0 })
notebook.check("after \(epochCount) epochs mini-batch is within 5 % of the minimum (\(formatNumber(miniCurve.last!, digits: 4))), "
               + "batch GD still above twice it (\(formatNumber(batchCurve.last!, digits: 4)))",
               miniCurve.last! < 1.05 * bestLoss && batchCurve.last! > 2 * bestLoss)
// Epochs after which the loss on all examples went up instead of down.
let sgdRises = zip(sgdCurve, sgdCurve.dropFirst()).filter { $1 > $0 }.count
notebook.check("SGD does not settle: its loss went up after \(sgdRises) of its \(epochCount) epochs (batch GD's never did)",
               sgdRises > 0)
notebook.prose("""
    Per epoch, the many small steps win: batch GD has taken \(epochCount) steps when SGD has \
    taken \(epochCount * exampleCount). The first plot shows what is left to gain, \
    C − C_min, on a log scale: SGD drops furthest in the first epoch and then bounces, \
    mini-batch descends steadily with far less noise, and batch GD has barely started. \
    The price of SGD is noise. Each of its steps follows \
    one example, so its path wanders, and with a fixed α it never settles: it reaches the \
    neighbourhood of the minimum within an epoch and then jitters around it (a learning \
    rate that shrinks over time fixes that). Mini-batches sit in between: s = 20 averages \
    out most of the noise, still takes 10 steps per epoch, and ends at the minimum.

    Arithmetic is not time, though. All three do the same 200 example gradients per epoch, \
    but SGD does them as 200 separate tiny products and pays the overhead of each call 200 \
    times, while a batch is one matrix product that keeps the processor busy. That is why \
    mini-batches of 32 to 512 are the default in practice. The measured time per epoch of \
    each method is printed on standard error (timings differ between runs, so they stay \
    out of this text).
    """)

// MARK: - 8. Gradient checking

notebook.section("Gradient checking as a habit")
notebook.prose("""
    A backward pass written by hand is easy to get subtly wrong, and a wrong gradient often \
    still trains, only badly. The cure is cheap: compare it with a numerical derivative. \
    The central difference
    """)
notebook.formula("∂f/∂θᵢ ≈ (f(θ + h eᵢ) − f(θ − h eᵢ)) / 2h")
notebook.prose("""
    has an error of order h² (the one-sided (f(θ + h eᵢ) − f(θ))/h only of order h), and is \
    compared through the relative error |a − n| / max(|a|, |n|), which does not care about \
    the scale of the gradient. In double precision, below about 1e-7 is a pass; 1e-2 or more \
    is a bug. The step h must not be too small either: f is only known to about 1e-16 \
    relative, and dividing that rounding by 2h makes it grow. The table is for \
    f(θ) = sin(θ)·e^θ at θ = 0.7:
    """)
let smoothFunction = { (t: Double) in sin(t) * exp(t) }
let exactSlope = (cos(0.7) + sin(0.7)) * exp(0.7)
var stepRows: [[String]] = []
var centralErrors: [Double] = []
for exponent in [1, 3, 5, 7, 9, 11] {
    let h = pow(10, -Double(exponent))
    let central = (smoothFunction(0.7 + h) - smoothFunction(0.7 - h)) / (2 * h)
    let forward = (smoothFunction(0.7 + h) - smoothFunction(0.7)) / h
    // The relative error as defined above, |a − n| / max(|a|, |n|), to two significant figures.
    centralErrors.append(abs(central - exactSlope) / max(abs(central), abs(exactSlope)))
    stepRows.append(["1e-\(exponent)", formatSignificant(centralErrors.last!),
                     formatSignificant(abs(forward - exactSlope) / max(abs(forward), abs(exactSlope)))])
}
notebook.table(["h", "relative error, central", "relative error, one-sided"], rows: stepRows)
notebook.check("the central difference is best near h = 1e-5 (error \(formatNumber(centralErrors[2], digits: 1)))",
               centralErrors.indices.min { centralErrors[$0] < centralErrors[$1] } == 2)

notebook.prose("""
    What a bug looks like. Take the worked network of section 4 and a typical mistake: \
    forgetting the factor σ′(zˡ) in equation (2). For ReLU units that are on, σ′ = 1 and the \
    mistake is invisible; it shows where a unit is off. With the forgetful backward pass \
    the gradient of w² comes out as follows, beside central differences:
    """)
var forgetful = workedTrace.weights.map { Tensor.zeros($0.shape) }
do {
    // δ⁴ is right; δ³ and δ² skip the ⊙ σ′(z) of equation (2).
    let delta4 = workedTrace.delta(4)
    let delta3 = matmul(workedTrace.weights[2].transposed(), delta4.reshaped([1, 1])).reshaped([2])
    let delta2 = matmul(workedTrace.weights[1].transposed(), delta3.reshaped([2, 1])).reshaped([2])
    forgetful[0] = outer(delta2, workedTrace.a(1))
}
let workedW2Check = checkGradient(label: "w²", at: workedTrace.weights[0], analyticGradient: forgetful[0]) { w2 in
    BackpropagationTrace(weights: [w2, workedTrace.weights[1], workedTrace.weights[2]], biases: workedTrace.biases,
                         activations: workedTrace.activations, input: workedTrace.a(1), label: workedTrace.label).cost
}
notebook.result("forgetful ∂C/∂w²", forgetful[0])
notebook.result("the true ∂C/∂w²", workedTrace.weightGradient(2))
let subscriptDigits = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
let worstEntry = "w²" + subscriptDigits[workedW2Check.worstIndex / 4 + 1] + subscriptDigits[workedW2Check.worstIndex % 4 + 1]
notebook.check("the check catches it: relative error \(formatNumber(workedW2Check.maxRelativeError, digits: 2)) at \(worstEntry) "
               + "(analytic \(formatNumber(workedW2Check.analytic)), numeric \(formatNumber(workedW2Check.numeric)))",
               workedW2Check.maxRelativeError > 0.5)
notebook.prose("""
    A relative error of 1 is the signature of a derivative that should be 0 (or has the \
    wrong sign, which gives 2). A consistent factor such as 0.5 or 2 across every entry \
    points to a missing or doubled constant, such as the ½ of section 5.

    Now the library itself. Random networks of several depths and widths, with the given \
    activation in every hidden layer and a linear output, each with a batch of 4 random inputs and random targets, are checked parameter tensor \
    by parameter tensor. The table shows the worst, over the network's tensors, of the \
    tensor-wise relative error ‖a − n‖ / max(‖a‖, ‖n‖):
    """)
let activationsToCheck: [Activation] = [.sigmoid, .tanh, .relu, .leakyReLU(slope: 0.1), .elu(alpha: 1), .softplus, .swish, .identity]
let networkShapes: [[Int]] = quick ? [[3, 4, 1], [4, 6, 2], [5, 8, 8, 3]] : [[3, 4, 1], [4, 6, 2], [5, 8, 8, 3], [6, 10, 7, 5, 2]]
var checkRows: [[String]] = []
var worstTensorError = 0.0, worstElementError = 0.0, smallestDerivative = Double.infinity
var checkGenerator = notebook.generator("gradient checks")
for shape in networkShapes {
    var row = [shape.map(String.init).joined(separator: "–")]
    for activation in activationsToCheck {
        // Random biases too: with zero biases, a ReLU unit whose inputs are all 0 sits exactly
        // on the kink, and the two sides of a central difference disagree there.
        let network = Sequential((1..<shape.count).map { l in
            Dense(inputs: shape[l - 1], outputs: shape[l], activation: l == shape.count - 1 ? .identity : activation,
                  weightInitializer: .xavierNormal,
                  biasInitializer: .normal(standardDeviation: 0.5), using: &checkGenerator)
        })
        let input = Tensor.normal([4, shape[0]], using: &checkGenerator)
        let target = Tensor.normal([4, shape.last!], using: &checkGenerator)
        let worst = network.gradientAgreement(loss: .halfSquaredError, input: input, target: target)
            .map(\.relativeError).max()!
        let worstElement = network.checkGradients(loss: .halfSquaredError, input: input, target: target)
            .map(\.maxRelativeError).max()!
        var analytic = network
        analytic.computeGradients(input: input, target: target, loss: .halfSquaredError)
        for g in analytic.gradients { for v in g.scalars where v != 0 { smallestDerivative = min(smallestDerivative, abs(v)) } }
        worstTensorError = max(worstTensorError, worst)
        worstElementError = max(worstElementError, worstElement)
        row.append(formatNumber(worst, digits: 1))
    }
    checkRows.append(row)
}
notebook.table(["layer sizes"] + activationsToCheck.map(\.name), rows: checkRows)
notebook.check("every backward pass agrees with central differences to a relative error below 1e-6 "
               + "(worst \(formatNumber(worstTensorError, digits: 1)))", worstTensorError < 1e-6)
notebook.prose("""
    Entry by entry, with |a − n| / max(|a|, |n|), the worst of all these entries is \
    \(formatNumber(worstElementError, digits: 1)), larger than the tensor-wise figure. The \
    reason is the smallest derivatives: the smallest non-zero one in these networks is \
    \(formatNumber(smallestDerivative, digits: 1)) (gradients shrink on their way back through \
    saturating units, a theme of a later lesson), while a finite difference of a loss of \
    order 1 carries an absolute rounding noise near 1e-11. For such entries the \
    element-wise error measures the noise, not the backward pass; judge them against the \
    size of the whole gradient, as the tensor-wise error does.

    The biases are random as well. With all biases 0, a ReLU unit whose inputs are all 0 \
    has z = 0 exactly, on the kink, where a central difference averages the two slopes and \
    the backward pass picks one: a first version of this table did that and showed a \
    relative error of 1 for a perfectly good backward pass.
    """)

// MARK: - 9. Matrix calculus warm-ups

notebook.section("Matrix-calculus warm-ups")
notebook.prose("""
    The Berkeley handouts (seed 003) practise the calculus behind all of this with vectors \
    and matrices. Their convention: a gradient has the shape of the variable, and the \
    Jacobian of f: ℝⁿ → ℝᵐ is the n × m matrix with entries (∂f/∂x)ᵢⱼ = ∂fⱼ/∂xᵢ, so that the \
    chain rule reads ∂z/∂x = (∂y/∂x)(∂z/∂y). The handouts ask for formulas; here they are \
    with numbers, x = [1, −2, 3] and A = [[1, 0], [2, −1], [0, 3]] (3 × 2), each checked \
    against central differences.
    """)
let calcX: Tensor = [1, -2, 3]
let calcA: Tensor = [[1, 0], [2, -1], [0, 3]]
func squaredNorm(_ v: Tensor) -> Double { dot(v, v) }
func aTransposeX(_ a: Tensor, _ x: Tensor) -> Tensor { matmul(a, x.reshaped([x.count, 1]), transposeA: true).reshaped([a.shape[1]]) }
func agreesWithDifferences(_ analytic: Tensor, _ numeric: Tensor) -> Bool {
    GradientAgreement(label: "", analytic: analytic, numeric: numeric).relativeError < 1e-9
}

// ∇‖x‖² = 2x.
let gradSquaredNorm = 2 * calcX
notebook.result("∇ₓ ‖x‖² = 2x", gradSquaredNorm)
notebook.check("2x agrees with central differences", agreesWithDifferences(gradSquaredNorm, numericGradient(at: calcX, squaredNorm)))

// The Jacobian of Aᵀx: entry (i, j) is ∂(Aᵀx)ⱼ/∂xᵢ = Aᵢⱼ, so the Jacobian is A itself.
var numericJacobian = Tensor.zeros([3, 2])
for j in 0..<2 {
    let column = numericGradient(at: calcX) { aTransposeX(calcA, $0)[j] }
    for i in 0..<3 { numericJacobian[i, j] = column[i] }
}
notebook.result("∂(Aᵀx)/∂x = A", calcA)
notebook.check("the numeric Jacobian equals A", agreesWithDifferences(calcA, numericJacobian))

// ∇ₓ‖Aᵀx‖² = (∂y/∂x)(∂z/∂y) = A · 2Aᵀx.
let projected = aTransposeX(calcA, calcX)
let gradThroughA = 2 * matmul(calcA, projected.reshaped([2, 1])).reshaped([3])
notebook.result("y = Aᵀx", projected)
notebook.result("∇ₓ ‖Aᵀx‖² = 2AAᵀx", gradThroughA)
notebook.check("2AAᵀx agrees with central differences",
               agreesWithDifferences(gradThroughA, numericGradient(at: calcX) { squaredNorm(aTransposeX(calcA, $0)) }))

// ∇_A‖Aᵀx‖² = 2x(Aᵀx)ᵀ, an outer product with the shape of A.
let gradWithRespectToA = 2 * outer(calcX, projected)
notebook.result("∇_A ‖Aᵀx‖² = 2x(Aᵀx)ᵀ", gradWithRespectToA)
notebook.check("2x(Aᵀx)ᵀ agrees with central differences",
               agreesWithDifferences(gradWithRespectToA, numericGradient(at: calcA) { squaredNorm(aTransposeX($0, calcX)) }))
notebook.slip("problem 7 refers back to", notes: "problem 5", at: .notes("003", 303), correct: "problem 6",
              why: "‖Aᵀx‖² with respect to x is problem 6; problem 5 is the Jacobian of Aᵀx")
notebook.prose("""
    The last two results are the whole of a linear layer's backward pass in miniature: \
    the gradient with respect to the input goes back through A (the transpose of the map Aᵀ), and the \
    gradient with respect to the weights is an outer product of the input with the \
    upstream gradient, just like ∂C/∂wˡ = δˡ(aˡ⁻¹)ᵀ in section 3.

    One more from the handouts: a skip connection y = W₂ ReLU(W₁x) + x. With δ_y the \
    gradient of the loss with respect to y, the chain rule along both paths gives
    """)
notebook.formula("∂L/∂x = δ_y + W₁ᵀ (ReLU′(W₁x) ⊙ W₂ᵀ δ_y)")
var skipGenerator = notebook.generator("skip connection")
let skipW1 = Tensor.normal([3, 3], using: &skipGenerator), skipW2 = Tensor.normal([3, 3], using: &skipGenerator)
let skipX = Tensor.normal([3], using: &skipGenerator), skipUpstream = Tensor.normal([3], using: &skipGenerator)
func skipOutput(_ x: Tensor) -> Tensor {
    matmul(skipW2, Activation.relu(matmul(skipW1, x.reshaped([3, 1])))).reshaped([3]) + x
}
let skipMask = Activation.relu.derivative(matmul(skipW1, skipX.reshaped([3, 1])).reshaped([3]))
let skipGradient = skipUpstream
    + matmul(skipW1, (skipMask * matmul(skipW2, skipUpstream.reshaped([3, 1]), transposeA: true).reshaped([3])).reshaped([3, 1]),
             transposeA: true).reshaped([3])
notebook.check("on a random 3 × 3 example it agrees with central differences of L = δ_y · y",
               agreesWithDifferences(skipGradient, numericGradient(at: skipX) { dot(skipUpstream, skipOutput($0)) }))
notebook.prose("""
    The identity path adds δ_y unchanged, which is why deep networks with skip connections \
    keep a healthy gradient.

    Finally the handout's ReLU layer, forward and backward, on its 4 × 4 input x and \
    upstream gradient ∂L/∂y. Forward, y = max(x, 0) entry by entry; backward, \
    ∂L/∂x = ∂L/∂y ⊙ 1[x > 0]: the gradient passes where the input was positive and is \
    blocked where it was not.
    """)
let reluInput: Tensor = [[1.5, 2.2, 1.3, 6.7], [4.3, -0.3, -0.2, 4.9], [-4.5, 1.4, 5.5, 1.8], [0.1, -0.5, -0.1, 2.2]]
let reluUpstream: Tensor = [[4.5, 1.2, 2.3, 1.3], [-1.3, -6.3, 4.1, -2.9], [-0.5, 1.2, 3.5, 1.2], [-6.1, 0.5, -4.1, -3.2]]
let reluForward = Activation.relu(reluInput)
let reluBackward = reluUpstream * Activation.relu.derivative(reluInput)
notebook.prose("The handout's input and upstream gradient (003:627 and 003:631):")
notebook.result("x", reluInput, digits: 1)
notebook.result("∂L/∂y", reluUpstream, digits: 1)
notebook.result("y = ReLU(x)", reluForward, digits: 1)
notebook.result("∂L/∂x", reluBackward, digits: 1)
notebook.check("∂L/∂x agrees with central differences of L = Σ ∂L/∂y ⊙ ReLU(x) (no entry of x is near 0)",
               agreesWithDifferences(reluBackward, numericGradient(at: reluInput) { (reluUpstream * Activation.relu($0)).sum() }))
let blocked = reluInput.scalars.filter { $0 <= 0 }.count
notebook.check("\(blocked) of 16 entries are blocked, exactly those with x ≤ 0",
               zip(reluInput.scalars, reluBackward.scalars).allSatisfy { $0 > 0 || $1 == 0 })

// MARK: - Recap

notebook.recap([
    "Fitting a network is minimising C = (1/2m) Σ (f_w(xᵢ) − yᵢ)² over its weights, by gradient descent.",
    "For training, fix the input and read the output as a function of the weights: σ′(z)·[x, 1] for one unit.",
    "Backpropagation: δᴸ = (aᴸ − y) ⊙ σ′(zᴸ); δˡ = σ′(zˡ) ⊙ (wˡ⁺¹)ᵀδˡ⁺¹; ∂C/∂wˡⱼₖ = δˡⱼ aˡ⁻¹ₖ; ∂C/∂bˡⱼ = δˡⱼ.",
    "The worked example: output 4, δ² = [0, 6], ∂C/∂w²₂₁ = −6; every one of its 19 derivatives checked.",
    "Without the ½ every gradient doubles (ε = 2(ŷ − y)); with k outputs one backward pass suffices.",
    "SGD and mini-batches take many cheap noisy steps per epoch; batch GD one exact but expensive step.",
    "Check every hand-written gradient with central differences and a relative error; mind kinks and tiny entries.",
    "The notes' 13 slips: the data set has m examples, not n; ∂C/∂bˡⱼ is δˡⱼ (not δˡₖ); w⁴₄₁ is w⁴₁₁; "
        + "∂C/∂w is the mean, not the sum, of the ∂Cⁱ/∂w; "
        + "the u²/2 gradient needs its bias entry; problem 7 refers to problem 6; ImageNet is from 2009; "
        + "a loss compares ŷ with y, not with ŷ; the hidden unit's sum runs over j; ∂L/∂w needs its ∂; "
        + "the KTH step needs its minus; "
        + "backpropagation makes ∇E_l cheap, not E_l; ∂E_l/∂w needs both indices i and j.",
])
notebook.exercises(lesson: "Lesson02", [
    "denseBackward — the backward pass of a dense ReLU layer on a batch (∂W, ∂b, ∂x)",
    "networkGradient — every weight and bias derivative of a ReLU network, in the notes' notation",
    "centralDifference — a numerical gradient of any function of a vector",
    "miniBatchStep — one mini-batch SGD step for a linear model",
])
notebook.finish()
