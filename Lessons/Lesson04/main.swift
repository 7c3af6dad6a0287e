// Lesson 04 — Universal approximation: build the network by hand, then train one.
//
// Why a ReLU network can get as close as we like to any continuous function on a bounded
// domain: step functions, ReLU bumps, the three-layer network that adds them up, boxes in many
// dimensions, Cybenko's sigmoid version; then networks trained by gradient descent on the same
// targets, and on the Genz test functions in 2, 5 and 10 dimensions. Run it with
// `swift run Lesson04`; the exercises are in `Exercises/Lesson04.swift`.
//
// Sources: main lecture (seed 000) lines 1005–1180; KTH part 7 (seed 002) lines 385–410;
// short course (seed 004) lines 726–750, 1428–1455 and 2416–2450.

import LessonRuntime
import NeuralNetworks
import TensorCore

let notebook = Notebook(
    title: "Lesson 04 · Universal approximation",
    summary: "Build a ReLU network that approximates a function by hand, then let gradient descent find one.")
let quick = notebook.options.quick

notebook.prose("""
    You will learn: what it means for a network to approximate a function "to accuracy ε"; \
    how step functions, ReLU bumps and one weighted sum give a three-layer network that gets \
    as close as we want to any continuous function of one variable; how boxes and a max \
    extend this to many variables; what Cybenko's theorem says about sigmoids; how networks \
    trained by gradient descent compare with the hand-built ones; and what happens to \
    learned approximations as the dimension grows.
    """)

// MARK: - 1. The statement

notebook.section("The statement")
notebook.prose("""
    Fix a compact domain D ⊂ ℝⁿ (closed and bounded, such as a box) and a continuous \
    f: D → ℝ. A function g approximates f on D \
    to accuracy ε when the total absolute difference, integrated over D, is at most ε:
    """)
notebook.formula("∫_D |f(x) − g(x)| dx ≤ ε")
notebook.prose("""
    This is the L1 distance between f and g. It measures area between the two graphs, so a \
    tall error on a tiny set costs little; it does not promise that g is close to f at every \
    point.

    The theorem: take networks whose hidden units all use ReLU and whose single output unit \
    is linear. For every continuous f on D and every ε > 0, some such network approximates f \
    on D to accuracy ε. The proof below is constructive, so we can build the network and \
    measure its ε.

    The notes ask only for a bounded D. That is not enough with this measure of accuracy: \
    on D = (0, 1), f(x) = 1/x is continuous, every ReLU network is bounded on D (it is \
    continuous on [0, 1]), and ∫|1/x − g| is infinite for every g. On a compact D a \
    continuous f is bounded and the theorem holds; on a bounded D it holds for f whose \
    integral ∫|f| is finite.

    Every integral in this lesson is computed numerically with the composite midpoint rule: \
    cut the interval into N equal cells of width h and take h · Σ (integrand at the cell \
    midpoints). The rule is exact for a function that is linear on each cell, so for ReLU \
    networks whose kinks fall on cell edges it is exact up to rounding.
    """)
notebook.slip("domain of the theorem", notes: "a bounded domain", at: .notes("000", 1012),
              correct: "a compact domain (or f integrable)",
              why: "f = 1/x on (0, 1) is continuous on a bounded domain, yet ∫|f − g| = ∞ for every "
                + "ReLU network g")

// MARK: - 2. Step one: step functions

notebook.section("Step one: sums of simple functions")
notebook.prose("""
    The indicator 1[a,b](x) is 1 for x ∈ [a, b] and 0 elsewhere; call it a simple function. \
    A weighted sum of k of them, s(x) = c₁1[a₁,b₁](x) + … + c_k1[a_k,b_k](x), is a step \
    function. Cut the domain into k equal pieces and give each piece the value of f at its \
    midpoint: as k grows the steps hug the curve. Here f(x) = x² on [−1, 1]:
    """)
let square: (Double) -> Double = { $0 * $0 }
let plotXs = Tensor.linspace(from: -1, to: 1, count: quick ? 201 : 401).scalars
var stepPlot = LinePlot(title: "x² and its step approximations", xLabel: "x", yLabel: "y")
stepPlot.add("x²", x: plotXs, y: plotXs.map(square))
for k in [4, 16] {
    let steps = StepFunction(approximating: square, from: -1, to: 1, pieces: k)
    stepPlot.add("k = \(k)", x: plotXs, y: plotXs.map { steps($0) })
}
notebook.show(stepPlot)

let quadratureCells = quick ? 32_000 : 64_000
let pieceCounts = [4, 8, 16, 32]
var stepErrors: [Double] = []
for k in pieceCounts {
    let steps = StepFunction(approximating: square, from: -1, to: 1, pieces: k)
    stepErrors.append(Quadrature.l1Distance(from: -1, to: 1, cells: quadratureCells, square, { steps($0) }))
}
notebook.prose("""
    The L1 error ∫|x² − s(x)| dx by the midpoint rule with N = \(quadratureCells) cells. On \
    a piece of width h centred at m, x² − m² ≈ 2m(x − m), whose absolute value integrates to \
    |m|h²/2; summed over the pieces that is about (h/4)∫|2x| dx = h/2 = 1/k.
    """)
notebook.table(["pieces k", "L1 error", "1/k", "error · k"],
               rows: zip(pieceCounts, stepErrors).map { k, e in
                   [String(k), formatNumber(e, digits: 6), formatNumber(1 / Double(k), digits: 6),
                    formatNumber(e * Double(k), digits: 4)] })
notebook.check("the step error falls each time k doubles (\(stepErrors.map { formatNumber($0, digits: 4) }.joined(separator: " > ")))",
               zip(stepErrors, stepErrors.dropFirst()).allSatisfy { $0 > $1 })
notebook.check("and it halves: error · k stays within 5% of 1 for every k",
               zip(pieceCounts, stepErrors).allSatisfy { abs($1 * Double($0) - 1) < 0.05 })
notebook.prose("""
    The problem therefore breaks into pieces, one indicator at a time. If fᵢ is within δ of \
    1[aᵢ,bᵢ] in L1, \
    then Σ cᵢfᵢ is within δ·Σ|cᵢ| of s, by the triangle inequality. The notes write the bound \
    as δ·Σ cᵢ, without the absolute values; that is only right when every cᵢ ≥ 0. A \
    two-piece counterexample, with heights c = (1, −1) on [0, 1] and [1, 2] and the ReLU \
    bumps of the next section with Δ = 0.1 (each is 0.1 from its indicator):
    """)
let counterSteps = StepFunction(edges: [0, 1, 2], heights: [1, -1])
let counterNetwork = UniversalApproximation.stepNetwork(counterSteps, ramp: 0.1)
let counterError = Quadrature.l1Distance(counterNetwork, { counterSteps($0) }, from: -1, to: 3, cells: 40_000)
notebook.slip("bound on ∫|Σcᵢfᵢ − s|", notes: "δ Σᵢ cᵢ", at: .notes("000", 1045),
              correct: "δ Σᵢ |cᵢ|", why: "for c = (1, −1), δ = 0.1 the notes' bound is 0 and the right one 0.2; "
                + "the actual error is \(formatNumber(counterError, digits: 6)); a bound of 0 cannot hold")

// MARK: - 3. Step two: a simple function from four ReLUs

notebook.section("Step two: a simple function from four ReLUs")
notebook.prose("""
    Start from ReLU(x − a) = max(x − a, 0), a hinge at a. Subtract the same hinge moved right \
    by Δ and divide by Δ: the result is 0 before a, climbs with slope 1/Δ, and stays at 1 \
    after a + Δ. A smoothed step up. Do the same at b and subtract, and the step comes back \
    down:
    """)
notebook.formula("""
    bump(x) = ( max(x − a, 0) − max(x − a − Δ, 0)
              − max(x − b, 0) + max(x − b − Δ, 0) ) / Δ
    """)
notebook.prose("""
    The notes' version of this formula drops the ", 0" in the last max, once for \
    1[a₁,b₁] and once for 1[aᵢ,bᵢ]. Read literally, max(x − b − Δ) is just x − b − Δ, and the \
    "bump" for [1, 2] with Δ = 0.2 is −11 at x = 0 instead of 0:
    """)
let literal = { (x: Double) -> Double in
    (max(x - 1, 0) - max(x - 1.2, 0) - (max(x - 2, 0) - (x - 2.2))) / 0.2
}
notebook.slip("last term of the bump", notes: "max(x − b₁ − Δ)", at: .notes("000", 1062),
              correct: "max(x − b₁ − Δ, 0)",
              why: "without the 0 the term is the line x − b − Δ; the same slip is at 000:1154")
notebook.results(["bump for [1, 2], Δ = 0.2, at x = 0 as printed": literal(0),
                  "bump for [1, 2], Δ = 0.2, at x = 0 corrected": UniversalApproximation.reluBump(0, from: 1, to: 2, ramp: 0.2)])
notebook.prose("""
    The notes draw the bump for [1, 2] with Δ = 0.2, 0.1 and 0.05. Each one is a network with \
    four ReLU units and a linear output, (1, −1, −1, 1)/Δ:
    """)
let bumpXs = Tensor.linspace(from: 0.5, to: 2.5, count: quick ? 201 : 401).scalars
var bumpPlot = LinePlot(title: "ReLU bumps for 1[1,2]", xLabel: "x", yLabel: "y", yRange: -0.1...1.1)
bumpPlot.add("1[1,2]", x: bumpXs, y: bumpXs.map { $0 >= 1 && $0 <= 2 ? 1 : 0 })
let ramps = [0.2, 0.1, 0.05]
for delta in ramps {
    let network = UniversalApproximation.stepNetwork(StepFunction(edges: [1, 2], heights: [1]), ramp: delta)
    bumpPlot.add("Δ = \(formatNumber(delta))", x: bumpXs,
                 y: network.predict(Tensor(shape: [bumpXs.count, 1], scalars: bumpXs)).scalars)
}
notebook.show(bumpPlot)
notebook.prose("""
    Where is the bump wrong? Only on the two ramps. On [1, 1 + Δ] it rises linearly from 0 \
    to 1 while the indicator is 1: a triangle of area Δ/2. On [2, 2 + Δ] it falls from 1 to 0 \
    while the indicator is 0: another Δ/2. So the L1 distance is exactly Δ/2 + Δ/2 = Δ, and \
    it goes to zero with Δ. The midpoint rule on [0, 3] with cells of width 10⁻⁴ (every kink \
    on a cell edge) agrees:
    """)
var bumpErrors: [Double] = []
for delta in ramps {
    let error = Quadrature.l1Distance(from: 0, to: 3, cells: 30_000,
                                      { UniversalApproximation.reluBump($0, from: 1, to: 2, ramp: delta) },
                                      { $0 >= 1 && $0 <= 2 ? 1 : 0 })
    bumpErrors.append(error)
    notebook.compare("∫|bump − 1[1,2]| for Δ = \(formatNumber(delta))", lesson: delta, computed: error, tolerance: 1e-6)
}
notebook.check("the approximation is never exact: every error is positive", bumpErrors.allSatisfy { $0 > 0 })

// MARK: - 4. The explicit three-layer network

notebook.section("The explicit network: three layers")
notebook.prose("Put the two steps together. For a step function with k pieces:")
notebook.bullets([
    "layer 1 (1 → 4k units, ReLU) computes, for each piece, max(x − aᵢ, 0), max(x − aᵢ − Δ, 0), "
        + "max(x − bᵢ, 0) and max(x − bᵢ − Δ, 0): every weight is 1, the biases are the shifts;",
    "layer 2 (4k → k units) combines each group of four with weights (1, −1, −1, 1)/Δ into the bump "
        + "of [aᵢ, bᵢ]; a bump is never negative, so giving this layer a ReLU changes nothing and keeps "
        + "the form \"ReLU everywhere but the output\";",
    "layer 3 (k → 1, linear) adds the bumps with the heights cᵢ as weights.",
])
notebook.prose("""
    Here it is for x² with k = 8 pieces and Δ = h/10, where h = 2/k is a piece's width, built \
    from the library's Dense layers:
    """)
let pieces = 8
let builtSteps = StepFunction(approximating: square, from: -1, to: 1, pieces: pieces)
let builtRamp = 0.1 * 2 / Double(pieces)
let builtNetwork = UniversalApproximation.stepNetwork(builtSteps, ramp: builtRamp)
notebook.verbatim(builtNetwork.summary())
notebook.prose("""
    How many layers is that? This course counts the input as a layer, as the notes do when \
    they introduce networks (000:147), so the network above, with 3 layers of weights, has \
    4 layers. The notes' answer for this construction counts only the layers of weights:
    """)
notebook.slip("layers of the construction", notes: "3", at: .notes("000", 1107),
              correct: "\(builtNetwork.layers.count + 1) (input, 2 hidden, output)",
              why: "000:147 counts the input as a layer; 000:1107 and 000:1174 (\"four layers\" for the "
                + "n-dimensional version, 5 by that convention) do not")
notebook.check("the construction has 3 layers of weights, as the notes' count of 3 assumes", builtNetwork.layers.count == 3)
notebook.prose("""
    Does the network compute what its formula says, Σᵢ cᵢ·bumpᵢ(x)? At 1,000 random points \
    of [−1.2, 1.2]:
    """)
var pointGenerator = notebook.generator("bump network test points")
let randomXs = (0..<1000).map { _ in pointGenerator.uniform(in: -1.2...1.2) }
let networkOutputs = builtNetwork.predict(Tensor(shape: [1000, 1], scalars: randomXs)).scalars
var worstMismatch = 0.0
for (x, output) in zip(randomXs, networkOutputs) {
    var formulaValue = 0.0
    for i in 0..<pieces {
        formulaValue += builtSteps.heights[i]
            * UniversalApproximation.reluBump(x, from: builtSteps.edges[i], to: builtSteps.edges[i + 1], ramp: builtRamp)
    }
    worstMismatch = max(worstMismatch, abs(output - formulaValue))
}
notebook.check("network and formula agree to 1e-12 (largest difference \(formatNumber(worstMismatch, digits: 2)))",
               worstMismatch < 1e-12)

var networkPlot = LinePlot(title: "x², its 8 steps, and the ReLU network (Δ = h/10)", xLabel: "x", yLabel: "y")
networkPlot.add("x²", x: plotXs, y: plotXs.map(square))
networkPlot.add("steps", x: plotXs, y: plotXs.map { builtSteps($0) })
networkPlot.add("network", x: plotXs, y: builtNetwork.predict(Tensor(shape: [plotXs.count, 1], scalars: plotXs)).scalars)
notebook.show(networkPlot)

notebook.prose("""
    How big is it? Layer 1 has 4k weights and 4k biases, layer 2 a full 4k × k matrix plus k \
    biases, layer 3 k weights and one bias: 4k² + 10k + 1 numbers. Only about 13k of them \
    are non-zero (the column counts them): each bump reads just its own four units, the \
    biases of layers 2 and 3 are 0, and so is a layer-1 bias whose hinge sits at x = 0. A \
    dense layer stores the zeros anyway. The L1 error of the network (midpoint rule, N = \(quadratureCells) on [−1, 1]) \
    stays below the step error plus Δ·Σ|cᵢ|:
    """)
var sizeRows: [[String]] = []
var boundHolds = true
var builtErrors: [Double] = []
var nonZeroCounts: [Int] = []
for (k, stepError) in zip(pieceCounts, stepErrors) {
    let steps = StepFunction(approximating: square, from: -1, to: 1, pieces: k)
    let ramp = 0.1 * 2 / Double(k)
    let network = UniversalApproximation.stepNetwork(steps, ramp: ramp)
    let error = Quadrature.l1Distance(network, square, from: -1, to: 1, cells: quadratureCells)
    builtErrors.append(error)
    let bound = stepError + ramp * steps.heights.reduce(0) { $0 + abs($1) }
    boundHolds = boundHolds && error <= bound && network.parameterCount == UniversalApproximation.stepNetworkParameterCount(pieces: k)
    let nonZero = network.parameters.map { $0.scalars.filter { $0 != 0 }.count }.reduce(0, +)
    nonZeroCounts.append(nonZero)
    sizeRows.append([String(k), String(network.parameterCount), String(nonZero),
                     formatNumber(error, digits: 6), formatNumber(bound, digits: 6)])
}
notebook.table(["pieces k", "parameters", "non-zero", "network L1 error", "step error + Δ·Σ|cᵢ|"], rows: sizeRows)
notebook.check("every network has 4k² + 10k + 1 parameters and its error is within the bound", boundHolds)
notebook.check("the non-zero count is 13k − 2 for every k here (two layer-1 hinges sit at x = 0)",
               zip(pieceCounts, nonZeroCounts).allSatisfy { $1 == 13 * $0 - 2 })
notebook.prose("""
    The error falls like 1/k while the dense parameter count grows like k²: the construction \
    proves that an approximation exists, not that it is economical. Two remarks. Layers 2 and \
    3 are both linear maps of layer 1's output, so they could be merged into one, leaving a \
    single hidden layer of 4k ReLUs. And neighbouring pieces share an edge, so half of the \
    hinges are duplicates.
    """)

// MARK: - 5. Many dimensions

notebook.section("Many dimensions: boxes")
notebook.prose("""
    In n dimensions the simple functions are indicators of boxes [a₁, b₁] × … × [aₙ, bₙ], and \
    the box indicator is the product 1[a₁,b₁](x₁)·…·1[aₙ,bₙ](xₙ). A continuous f is again close \
    to a weighted sum of them. A ReLU network, however, is built from additions, constant \
    factors and max(·, 0) alone; no unit forms the product of two of its inputs. For values \
    in {0, 1} the product has a form without any product in it:
    """)
notebook.formula("1_A(x₁, …, xₙ) = max( Σᵢ 1[aᵢ,bᵢ](xᵢ) − (n − 1), 0 )")
var productMatches = true
for n in 1...4 {
    for mask in 0..<(1 << n) {
        let bits = (0..<n).map { Double((mask >> $0) & 1) }
        productMatches = productMatches && max(bits.reduce(0, +) - Double(n - 1), 0) == bits.reduce(1, *)
    }
}
notebook.check("max(Σ − (n − 1), 0) equals the product on every point of {0, 1}ⁿ for n = 1 … 4", productMatches)
notebook.prose("""
    The sum reaches n only when all n indicators are 1, and is at most n − 1 otherwise. Put \
    ReLU bumps in place of the indicators and the same formula gives a smooth-edged box. The \
    box [0.3, 0.7] × [0.2, 0.6] with Δ = 0.05, on [0, 1]²:
    """)
let boxLower = [0.3, 0.2], boxUpper = [0.7, 0.6]
let side = quick ? 24 : 36
var boxField = Tensor.zeros([side / 2, side])
for row in 0..<(side / 2) {
    for column in 0..<side {
        let x1 = (Double(column) + 0.5) / Double(side)
        let x2 = 1 - (Double(row) + 0.5) / Double(side / 2)
        boxField[row, column] = UniversalApproximation.boxIndicator([x1, x2], lower: boxLower, upper: boxUpper, ramp: 0.05)
    }
}
notebook.show(HeatMap(boxField, title: "box bump: x₁ from 0 (left) to 1, x₂ from 1 (top) to 0", range: 0...1))
let boxArea = 0.4 * 0.4
let boxNetworkAlone = UniversalApproximation.boxNetwork(lower: [boxLower], upper: [boxUpper], heights: [1], ramp: 0.05)
let boxError = Quadrature.l1Distance2D(boxNetworkAlone, { x in
    x[0] >= 0.3 && x[0] <= 0.7 && x[1] >= 0.2 && x[1] <= 0.6 ? 1 : 0 }, from: 0, to: 1, cells: 400)
notebook.result("∫∫|box bump − 1_A| (midpoint rule, 400 × 400 cells)", boxError)
notebook.prose("""
    The error lives in the ramps along the box's edges: strips of width Δ around a box of \
    area \(formatNumber(boxArea)), so it shrinks in proportion to Δ, just as in one dimension.

    The network now has four layers: the two layers of before, for every box and every \
    coordinate; a third layer of boxes, ReLU(Σᵢ bumpᵢ − (n − 1)); and a linear output \
    Σⱼ cⱼ·boxⱼ. For f(x₁, x₂) = x₁x₂² on [0, 1]² (the notes' x₁x₂²x₃³⋯ with n = 2), with \
    k × k equal boxes, heights f at the box centres, and Δ = h/10:
    """)
let productFunction: ([Double]) -> Double = { $0[0] * $0[1] * $0[1] }
var boxRows: [[String]] = []
var boxErrors: [Double] = []
var boxNetworkMatches = true
var boxPointGenerator = notebook.generator("box network test points")
for k in [2, 4, 8] {
    let h = 1 / Double(k)
    let (lower, upper, heights) = UniversalApproximation.unitSquareBoxes(perAxis: k, heightAt: productFunction)
    let network = UniversalApproximation.boxNetwork(lower: lower, upper: upper, heights: heights, ramp: h / 10)
    // The network against its formula Σⱼ cⱼ · box bumpⱼ(x) at random points.
    for _ in 0..<20 {
        let x = [boxPointGenerator.uniform(), boxPointGenerator.uniform()]
        var formulaValue = 0.0
        for b in heights.indices {
            formulaValue += heights[b] * UniversalApproximation.boxIndicator(x, lower: lower[b], upper: upper[b], ramp: h / 10)
        }
        boxNetworkMatches = boxNetworkMatches && abs(network.predict(Tensor(x))[0] - formulaValue) < 1e-12
    }
    let error = Quadrature.l1Distance2D(network, productFunction, from: 0, to: 1, cells: quick ? 160 : 320)
    boxErrors.append(error)
    boxRows.append([String(k), String(k * k), String(network.layers.count), String(network.parameterCount), formatNumber(error, digits: 5)])
}
notebook.table(["k per axis", "boxes", "weight layers", "parameters", "L1 error"], rows: boxRows)
notebook.compare("layers of weights, n-dimensional construction", notes: "four", at: .notes("000", 1174),
                 computed: boxNetworkAlone.layers.count == 4 ? "four" : String(boxNetworkAlone.layers.count),
                 note: "5 layers counting the input")
notebook.check("each network equals Σⱼ cⱼ·boxⱼ(x) at 20 random points", boxNetworkMatches)
notebook.check("the error falls as the boxes shrink", zip(boxErrors, boxErrors.dropFirst()).allSatisfy { $0 > $1 })
notebook.prose("""
    Look at the parameter column: kⁿ boxes, each with 4n hinges, and dense layers between \
    them. Halving the box width multiplies the box count by 2ⁿ. That price, paid in every \
    dimension at once, returns at the end of the lesson.
    """)

// MARK: - 6. Never exact; depth against width; Cybenko

notebook.section("Never exact; depth against width; sigmoids")
notebook.prose("""
    Every network above misses its target by a positive amount; the theorem only promises \
    that the miss can be made as small as we like, with enough units. It also says nothing \
    about depth being necessary. Cybenko (1989) showed that one hidden layer suffices, for \
    sigmoid units: every continuous f on [0, 1]ᵈ is approximated by sums of the form
    """)
notebook.formula("Σⱼ₌₁ᴺ αⱼ σ(wⱼᵀx + bⱼ)")
notebook.prose("""
    The KTH slides state this correctly and then, one slide on, read it as saying that f \
    can be represented by one hidden layer. Approximated is all it says, and for most f \
    nothing more is possible:
    """)
notebook.slip("what Cybenko's theorem gives", notes: "f can be represented", at: .notes("002", 397),
              correct: "f can be approximated to any ε > 0",
              why: """
                A finite sum of logistic sigmoids is analytic and bounded on all of ℝ. If it \
                equalled x² on [0, 1] it would equal x² everywhere, which is unbounded; so \
                x² on [0, 1] is approximated by such sums, never matched. 002:392 has the \
                theorem right.
                """)
notebook.prose("""
    The short course's summary of the same theorems leaves out the domain: every bounded \
    continuous function, it says, can be approximated by one hidden layer. Both Cybenko \
    and Hornik et al. approximate on a compact set such as [0, 1]ᵈ, and on all of ℝ the \
    statement fails. Take f(x) = sin x, bounded and continuous. A finite sum of sigmoids \
    tends to a constant c as x → ∞, and sin keeps returning to 1 and −1, so the error \
    max(|1 − c|, |1 + c|) ≥ 1 is reached again and again, however many units are used; a \
    ReLU network tends to a straight line and does no better.
    """)
notebook.slip("where the approximation holds", notes: "every bounded continuous function", at: .notes("004", 736),
              correct: "every continuous f on a compact set",
              why: """
                On ℝ, sin x is bounded and continuous, but every one-hidden-layer sigmoid \
                network approaches a constant as x → ∞, so sup |sin x − g(x)| ≥ 1 for all \
                of them. The theorems of 004:736's citations hold on compact sets, which \
                is also what 000:1012 needs.
                """)
notebook.prose("""
    His proof is not constructive: it does not say how large N must be, and N may have to \
    grow fast for a complicated f. The picture behind it is simple, though. A steep sigmoid \
    is almost a step, so two of them, σ(k(x − a)) − σ(k(x − b)), make a bump on [a, b]: a \
    1 → 2 → 1 network with sigmoid hidden units.
    """)
var sigmoidPlot = LinePlot(title: "sigmoid bumps σ(k(x − 1)) − σ(k(x − 2))", xLabel: "x", yLabel: "y", yRange: -0.1...1.1)
sigmoidPlot.add("1[1,2]", x: bumpXs, y: bumpXs.map { $0 >= 1 && $0 <= 2 ? 1 : 0 })
let steepnesses = [10.0, 30.0, 100.0]
var sigmoidRows: [[String]] = []
var sigmoidErrors: [Double] = []
for k in steepnesses {
    let network = UniversalApproximation.sigmoidBump(from: 1, to: 2, steepness: k)
    sigmoidPlot.add("k = \(Int(k))", x: bumpXs, y: network.predict(Tensor(shape: [bumpXs.count, 1], scalars: bumpXs)).scalars)
    let error = Quadrature.l1Distance(network, { $0 >= 1 && $0 <= 2 ? 1 : 0 }, from: -2, to: 5, cells: 70_000)
    sigmoidErrors.append(error)
    sigmoidRows.append([String(Int(k)), formatNumber(error, digits: 6), formatNumber(4 * 0.6931471805599453 / k, digits: 6)])
}
notebook.show(sigmoidPlot)
notebook.prose("""
    Near one edge the miss is |σ(kt) − 1[t ≥ 0]|, whose integral over all t is 2·ln 2 / k. Two \
    edges give about 4 ln 2 / k when they are far apart compared with 1/k. The L1 errors \
    (midpoint rule on [−2, 5], 70,000 cells):
    """)
notebook.table(["steepness k", "L1 error", "4 ln 2 / k"], rows: sigmoidRows)
notebook.check("the sigmoid bump's error is positive and within 1% of 4 ln 2 / k for k = 30 and 100",
               sigmoidErrors.allSatisfy { $0 > 0 }
               && zip(steepnesses, sigmoidErrors).dropFirst().allSatisfy { abs($1 / (4 * 0.6931471805599453 / $0) - 1) < 0.01 })
notebook.prose("""
    So both families tell the same story: narrower transitions, smaller error, never \
    zero. The notes add that a two-layer construction exists for ReLUs too, and that \
    results of this kind were once read as "one hidden layer is all you need", which \
    slowed the move to deep networks. What depth buys is economy. A ReLU network with one \
    input is piecewise linear, and one hidden layer of n units has at most n + 1 pieces. \
    Now compose the tent map t(x) = 2·ReLU(x) − 4·ReLU(x − ½), which folds [0, 1] onto \
    itself, L times: L hidden layers of two ReLUs each, and every fold doubles the number of \
    pieces. Counting the pieces of the library network on a grid of 4,096 cells:
    """)
var sawtoothRows: [[String]] = []
var sawtoothDoubles = true
for depth in 1...6 {
    let network = UniversalApproximation.sawtoothNetwork(depth: depth)
    let pieceCount = UniversalApproximation.linearPieces(of: network, from: 0, to: 1, cells: 4096)
    sawtoothDoubles = sawtoothDoubles && pieceCount == 1 << depth
    sawtoothRows.append([String(depth), String(2 * depth), String(pieceCount), String((1 << depth) - 1)])
}
notebook.table(["depth L", "hidden units", "linear pieces", "one hidden layer needs at least"], rows: sawtoothRows)
notebook.check("the depth-L sawtooth has exactly 2ᴸ pieces for every L shown", sawtoothDoubles)
var sawtoothPlot = LinePlot(title: "the tent map composed L times", xLabel: "x", yLabel: "y", height: 12)
let sawtoothXs = Tensor.linspace(from: 0, to: 1, count: 257).scalars
for depth in [1, 3] {
    sawtoothPlot.add("L = \(depth)", x: sawtoothXs, y: UniversalApproximation.sawtoothNetwork(depth: depth)
        .predict(Tensor(shape: [257, 1], scalars: sawtoothXs)).scalars)
}
notebook.show(sawtoothPlot)
notebook.prose("""
    Twelve units in six layers make 64 pieces; a single hidden layer needs at least 63 units for the \
    same function. This is the standard example (Telgarsky, 2016) of a function that is cheap \
    for a deep network and expensive for a shallow one.
    """)

// MARK: - 7. Learned versus built

notebook.section("Learned versus built")
notebook.prose("""
    The construction places every hinge by hand. Gradient descent can place them itself. \
    Train networks 1 → h → 1 (ReLU hidden layer, linear output, 3h + 1 parameters) on x² at \
    256 evenly spaced points of [−1, 1], full-batch Adam with learning rate 0.01, and measure \
    the same L1 error:
    """)
let trainingXs = Quadrature.midpoints(from: -1, to: 1, cells: 256)
let trainingInputs = Tensor(shape: [256, 1], scalars: trainingXs)
let trainingTargets = Tensor(shape: [256, 1], scalars: trainingXs.map(square))
let trainingSteps = quick ? 1500 : 4000
let hiddenWidths = [2, 4, 8, 16]
var learnedRows: [[String]] = []
var learnedErrors: [Double] = []
var learnedNetworks: [Sequential] = []
var progress = ProgressBar("Training 1 → h → 1 on x²", total: hiddenWidths.count)
var learnedGenerator = notebook.generator("learned networks")
for width in hiddenWidths {
    var network = Sequential(layerSizes: [1, width, 1], weightInitializer: .heUniform, using: &learnedGenerator)
    FunctionFitting.train(&network, inputs: trainingInputs, targets: trainingTargets, steps: trainingSteps, learningRate: 0.01)
    let error = Quadrature.l1Distance(network, square, from: -1, to: 1, cells: quadratureCells)
    learnedErrors.append(error)
    learnedNetworks.append(network)
    learnedRows.append(["learned, h = \(width)", String(network.parameterCount), String(network.parameterCount), formatNumber(error, digits: 5)])
    progress.advance()
}
progress.finish()
var comparisonRows: [[String]] = []
for (index, (k, error)) in zip(pieceCounts, builtErrors).enumerated() {
    comparisonRows.append(["built, k = \(k)", String(UniversalApproximation.stepNetworkParameterCount(pieces: k)),
                           String(nonZeroCounts[index]), formatNumber(error, digits: 5)])
}
notebook.table(["network", "parameters", "non-zero", "L1 error"], rows: learnedRows + comparisonRows)
var learnedPlot = LinePlot(title: "x² and networks trained by gradient descent", xLabel: "x", yLabel: "y")
learnedPlot.add("x²", x: plotXs, y: plotXs.map(square))
for (width, network) in zip(hiddenWidths, learnedNetworks) where width == 2 || width == 8 {
    learnedPlot.add("h = \(width)", x: plotXs, y: network.predict(Tensor(shape: [plotXs.count, 1], scalars: plotXs)).scalars)
}
notebook.show(learnedPlot)
let bestLearned = learnedErrors.min()!
let bestWidth = hiddenWidths[learnedErrors.firstIndex(of: bestLearned)!]
let built32 = builtErrors[pieceCounts.firstIndex(of: 32)!]
notebook.check("""
    the best trained network (h = \(bestWidth), \(3 * bestWidth + 1) parameters, error \
    \(formatNumber(bestLearned, digits: 4))) beats the built k = 32 network (4,417 parameters, \
    \(nonZeroCounts[pieceCounts.firstIndex(of: 32)!]) non-zero; error \(formatNumber(built32, digits: 4)))
    """, bestLearned < built32)
notebook.prose("""
    The trained networks win by a wide margin per parameter. They are not restricted to flat \
    steps: a ReLU network is piecewise linear, and with free hinges it interpolates x² by \
    chords, whose error can fall like 1/h² instead of the steps' 1/k. The construction is a \
    proof device, not a recipe. The price of learning is that nothing guarantees the result. \
    A hidden ReLU that is negative on every training input outputs 0 and receives a zero \
    gradient, so no optimizer step ever changes it: the unit is dead for good. The biases \
    start at 0, so every unit starts alive on half of [−1, 1]; a unit dies when a step \
    pushes it below 0 everywhere. How often? The same h = 2 training, with fresh initial \
    weights from other seeds:
    """)
let deadStudyCount = quick ? 5 : 10
/// The hidden units of a 1 → h → 1 network that are ≤ 0 on every training input.
func deadUnits(_ network: Sequential) -> Int {
    guard let hidden = network.layers[0] as? Dense else { return 0 }
    return (0..<hidden.outputCount).filter { j in
        trainingXs.allSatisfy { hidden.weights[0, j] * $0 + hidden.bias[j] <= 0 }
    }.count
}
var deadRows: [[String]] = []
var deadAtEnd = 0, deadStudyErrors: [Double] = []
for k in 0..<deadStudyCount {
    var deadGenerator = notebook.generator("h = 2 network \(k + 1)")
    var network = Sequential(layerSizes: [1, 2, 1], weightInitializer: .heUniform, using: &deadGenerator)
    FunctionFitting.train(&network, inputs: trainingInputs, targets: trainingTargets, steps: trainingSteps, learningRate: 0.01)
    let after = deadUnits(network)
    let error = Quadrature.l1Distance(network, square, from: -1, to: 1, cells: quadratureCells)
    if after > 0 { deadAtEnd += 1 }
    deadStudyErrors.append(error)
    deadRows.append(["\(k + 1)", "\(after)", formatNumber(error, digits: 5)])
}
notebook.table(["h = 2 network", "dead units after training", "L1 error"], rows: deadRows)
let stuckCount = deadStudyErrors.filter { $0 > 0.3 }.count
let goodErrors = deadStudyErrors.filter { $0 <= 0.3 }
notebook.prose("""
    \(stuckCount) of the \(deadStudyCount) networks ended with an L1 error above 0.3\(deadAtEnd > 0 ? " (\(deadAtEnd) of them with a dead unit, an h = 1 network in disguise)" : ""); \
    \(goodErrors.isEmpty ? "none got below it." : "the other \(goodErrors.count) reached \(formatNumber(goodErrors.min()!, digits: 4)) to \(formatNumber(goodErrors.max()!, digits: 4)).") \
    So the h = 2 row of the first table is one draw, not a property of width 2: the \
    initial weights decide whether gradient descent finds a good placement of the two \
    hinges or stalls in a poor one. \
    The construction has no such failure; it just needs many more units.
    """)

// MARK: - 8. The Genz test functions and the curse of dimensionality

notebook.section("The Genz functions: learning in 2, 5 and 10 dimensions")
notebook.prose("""
    The short course proposes an experiment. Genz (1987) designed families of test \
    functions on the unit cube [0, 1]ᵈ, each with a difficulty vector c and a location w:
    """)
notebook.formula(GenzFamily.allCases.map(\.formula).joined(separator: "\n"))
notebook.prose("""
    The parameters are drawn uniformly from [0, 1] with the seeded generator, then c is \
    rescaled so that Σ cᵢ = bⱼ, with bⱼ = 1.5, d, 1.85, 7.03, 20.4, 4.3 for f₁ … f₆, and w so \
    that Σ wᵢ = 1. For each function and dimension d, networks learn from n random points \
    and are scored by the mean and maximum of |network − f| on 1,000 uniform test points.

    Our networks: d → 32 → 32 → 1 with ReLU, He-uniform initial weights, full-batch Adam on \
    the half squared error, targets standardised with the training mean and standard \
    deviation. The n training points are the first n of one sample of 500, so a bigger n only \
    adds data.
    """)
let genzConfiguration = quick
    ? GenzStudy.Configuration(families: [.oscillatory, .cornerPeak, .gaussian], dimensions: [2, 5, 10],
                              sampleSizes: [10, 50, 500], hiddenWidths: [32, 32], steps: 800,
                              learningRate: 0.005, testPoints: 1000)
    : GenzStudy.Configuration(families: GenzFamily.allCases, dimensions: [2, 5, 10],
                              sampleSizes: [10, 50, 100, 500], hiddenWidths: [32, 32], steps: 2000,
                              learningRate: 0.005, testPoints: 1000)
notebook.prose(quick
    ? """
      This is the quick run: three of the six functions (f₁, f₃, f₄), n = 10, 50, 500 (no 100), \
      and 800 Adam steps per network instead of 2,000; the full run trains 72 networks.
      """
    : """
      The full run: all six functions, d = 2, 5, 10, n = 10, 50, 100, 500, 2,000 Adam steps \
      with learning rate 0.005 each: \(genzConfiguration.networkCount) networks. (--quick trains \
      27 networks: f₁, f₃, f₄ only, n = 10, 50, 500, 800 steps.)
      """)
var genzProgress = ProgressBar("Genz study", total: genzConfiguration.networkCount)
let genzEntries = GenzStudy(genzConfiguration).run(seed: notebook.seed("Genz study")) { entry in
    genzProgress.advance(metric: "\(entry.family.name), d = \(entry.dimension), n = \(entry.samples)")
}
genzProgress.finish()
let sizes = genzConfiguration.sampleSizes
func entry(_ family: GenzFamily, _ d: Int, _ n: Int) -> GenzStudy.Entry {
    genzEntries.first { $0.family == family && $0.dimension == d && $0.samples == n }!
}
var meanRows: [[String]] = []
var maxRows: [[String]] = []
for family in genzConfiguration.families {
    for d in genzConfiguration.dimensions {
        let first = entry(family, d, sizes[0])
        meanRows.append([family.name, String(d), formatNumber(first.spread, digits: 4)]
                        + sizes.map { formatNumber(entry(family, d, $0).meanError, digits: 4) })
        maxRows.append([family.name, String(d)] + sizes.map { formatNumber(entry(family, d, $0).maxError, digits: 3) })
    }
}
notebook.prose("""
    Mean absolute error on the test points, by number of training points n. The column "sd f" \
    is the standard deviation of f over the test points: a network that always answered the \
    average would have an error of that order.
    """)
notebook.table(["function", "d", "sd f"] + sizes.map { "n = \($0)" }, rows: meanRows)
notebook.prose("Maximum absolute error on the same test points:")
notebook.table(["function", "d"] + sizes.map { "n = \($0)" }, rows: maxRows)

// Relative mean error (error / sd f), averaged over the functions, per dimension.
var relativePlot = LinePlot(title: "mean error / sd f", xLabel: "log₁₀ n",
                            yLabel: "log₁₀ (average over functions)", width: 38, height: 16)
var relativeMaxPlot = LinePlot(title: "maximum error / sd f", xLabel: "log₁₀ n",
                               yLabel: "log₁₀ (average over functions)", width: 38, height: 16)
var averageRelative: [Int: [Double]] = [:]
for d in genzConfiguration.dimensions {
    averageRelative[d] = sizes.map { n in
        let relative = genzConfiguration.families.map { entry($0, d, n).meanError / max(entry($0, d, n).spread, 1e-300) }
        return relative.reduce(0, +) / Double(relative.count)
    }
    relativePlot.add("d = \(d)", x: sizes.map { log10(Double($0)) }, y: averageRelative[d]!.map { log10($0) })
    let averageMaxRelative = sizes.map { n in
        genzConfiguration.families.map { entry($0, d, n).maxError / max(entry($0, d, n).spread, 1e-300) }
            .reduce(0, +) / Double(genzConfiguration.families.count)
    }
    relativeMaxPlot.add("d = \(d)", x: sizes.map { log10(Double($0)) }, y: averageMaxRelative.map { log10($0) })
}
notebook.prose("""
    The exercise asks for a plot of the mean and of the maximum error against n. Both are \
    divided by the sd of f, so that functions of different size can be averaged:
    """)
notebook.show(panels: [relativePlot, relativeMaxPlot])
// The same ratio for the constant guess "the mean of the n = \(sizes[0]) training targets".
let constantRelative = genzConfiguration.dimensions.map { d in
    genzConfiguration.families.map { entry($0, d, sizes[0]).constantMeanError / max(entry($0, d, sizes[0]).spread, 1e-300) }
        .reduce(0, +) / Double(genzConfiguration.families.count)
}
notebook.prose("""
    The same numbers as a table, with one more column: the relative error of the constant \
    guess "the mean of the first \(sizes[0]) training targets", which learns nothing about \
    where the function is large.
    """)
notebook.table(["d"] + sizes.map { "n = \($0)" } + ["constant guess"],
               rows: genzConfiguration.dimensions.enumerated().map { index, d in
                   [String(d)] + averageRelative[d]!.map { formatNumber($0, digits: 3) } + [formatNumber(constantRelative[index], digits: 3)] })

let twoD = genzConfiguration.families.map { family in sizes.map { entry(family, 2, $0).meanError } }
notebook.check("d = 2: the mean error at n = \(sizes.last!) is below the error at n = \(sizes[0]) for every function",
               twoD.allSatisfy { $0.last! < $0.first! })
let twoDRelative = averageRelative[2]!
notebook.check("d = 2: the average relative error falls at every step of n (\(twoDRelative.map { formatNumber($0, digits: 3) }.joined(separator: " > ")))",
               zip(twoDRelative, twoDRelative.dropFirst()).allSatisfy { $0 > $1 })
let firstColumn = genzConfiguration.dimensions.map { averageRelative[$0]![0] }
notebook.check("""
    with n = \(sizes[0]) points the average relative error is larger in d = \(genzConfiguration.dimensions.last!) \
    than in d = 2 (\(formatNumber(firstColumn.last!, digits: 3)) against \(formatNumber(firstColumn[0], digits: 3)))
    """, firstColumn.last! > firstColumn[0])
notebook.prose("""
    What the table says. In d = 2 the average relative error drops from \
    \(formatNumber(twoDRelative[0], digits: 2)) with \(sizes[0]) points to \
    \(formatNumber(twoDRelative[1], digits: 2)) with \(sizes[1]), and more points keep helping. In d = 5 and 10 the same n \
    buys much less. Ten points in a ten-dimensional cube are far from each other and from \
    most test points, so each says little about the function between them: at d = \(genzConfiguration.dimensions.last!) \
    with n = \(sizes[0]) the network's relative error is \(formatNumber(averageRelative[genzConfiguration.dimensions.last!]![0], digits: 3)) \
    against \(formatNumber(constantRelative.last!, digits: 3)) for the constant guess\
    \(averageRelative[genzConfiguration.dimensions.last!]![0] > constantRelative.last! ? ", worse than not learning at all" : ""). \(quick
        ? "The corner peak in d = 10 needs a second look: it is almost constant (see its sd), "
            + "so its absolute errors are small whatever the network does. "
        : "Some entries need a second look: the corner peak and the product peak in d = 10 are almost "
            + "constant (see their sd), so their absolute errors are small whatever the network does, and "
            + "the discontinuous f₆ with Σ wᵢ = 1 is zero on most of the cube once d is large, because "
            + "x₁ ≤ w₁ and x₂ ≤ w₂ then cut out a small corner. ")\
    Maximum errors fall more slowly than mean errors (the check below compares the average \
    factor by which each falls from n = \(sizes.first!) to n = \(sizes.last!)): a network can be good on \
    average and still wrong near a peak, an edge, or a corner no training point visited.
    """)
// Geometric means, over every function and dimension, of error(first n) / error(last n).
var meanFactorLog = 0.0, maxFactorLog = 0.0
for family in genzConfiguration.families {
    for d in genzConfiguration.dimensions {
        meanFactorLog += log(entry(family, d, sizes.first!).meanError / entry(family, d, sizes.last!).meanError)
        maxFactorLog += log(entry(family, d, sizes.first!).maxError / entry(family, d, sizes.last!).maxError)
    }
}
let cases = Double(genzConfiguration.families.count * genzConfiguration.dimensions.count)
let (meanFactor, maxFactor) = (exp(meanFactorLog / cases), exp(maxFactorLog / cases))
notebook.check("""
    from n = \(sizes.first!) to n = \(sizes.last!) the mean error falls by a factor \(formatNumber(meanFactor, digits: 2)) \
    on average, the maximum error only by \(formatNumber(maxFactor, digits: 2))
    """, maxFactor < meanFactor)
notebook.prose("""

    This is the curse of dimensionality. A grid with 10 points per axis needs 10ᵈ points; \
    the short course prices that at one second per point:
    """)
let secondsPerPoint = 1.0
/// A duration in the largest unit that keeps it above 1: "16.7 min", "1.65 weeks", "3.17e12 years".
func describeDuration(_ seconds: Double) -> String {
    let units: [(String, Double)] = [("years", 365.25 * 86400), ("weeks", 7 * 86400), ("days", 86400),
                                     ("hours", 3600), ("min", 60), ("s", 1)]
    let (name, length) = units.first { seconds >= $0.1 } ?? ("s", 1)
    return formatNumber(seconds / length, digits: 3) + " " + name
}
var gridRows: [[String]] = []
for d in [1, 2, 3, 4, 5, 6, 20] {
    let points = pow(10, Double(d))
    gridRows.append([String(d), d < 7 ? formatNumber(points, digits: 0) : "1e\(d)", describeDuration(secondsPerPoint * points)])
}
notebook.table(["dimensions", "grid points", "time at 1 s per point"], rows: gridRows)
notebook.compare("d = 2: minutes", notes: 1.6, at: .notes("004", 2420), computed: 100 / 60, tolerance: 0.1, digits: 3, note: "1.67, truncated")
notebook.compare("d = 3: minutes", notes: 16, at: .notes("004", 2421), computed: 1000 / 60, tolerance: 1, digits: 3, note: "16.7, truncated")
notebook.compare("d = 4: hours", notes: 2.7, at: .notes("004", 2422), computed: 1e4 / 3600, tolerance: 0.1, digits: 3, note: "2.78, truncated")
notebook.compare("d = 5: days", notes: 1.1, at: .notes("004", 2423), computed: 1e5 / 86400, tolerance: 0.1, digits: 3, note: "1.16, truncated")
notebook.compare("d = 6: weeks", notes: 1.6, at: .notes("004", 2424), computed: 1e6 / (7 * 86400), tolerance: 0.1, digits: 3, note: "1.65, truncated")
let yearsFor20 = 1e20 / (365.25 * 86400)
notebook.compare("d = 20: trillion years", notes: 3, at: .notes("004", 2426), computed: yearsFor20 / 1e12, tolerance: 0.2, digits: 3)
let ageOfUniverse = 13.8e9
notebook.slip("d = 20: multiples of the age of the universe", notes: 240, at: .notes("004", 2426), correct: (yearsFor20 / ageOfUniverse).rounded(),
              why: "3.17 × 10¹² years over 13.8 × 10⁹ is 230; 240 needs an age of 13.2 × 10⁹ years")
notebook.prose("""
    A network does not need a grid, which is why it is used in high dimensions at all, but \
    the study above shows that it still needs more data as d grows. For reinforcement \
    learning the lesson is direct: a value function over a state with many variables cannot \
    be tabulated, and a network fitted from samples is only as good as the part of the state \
    space that the samples cover.
    """)

// MARK: - Recap

notebook.recap([
    "g approximates f to accuracy ε when ∫_D |f − g| ≤ ε; here every integral is a midpoint rule.",
    "Continuous f ≈ Σ cᵢ 1[aᵢ,bᵢ]; for x² on [−1, 1] the L1 error is about 1/k with k pieces.",
    "Four ReLUs make a bump for 1[a,b] whose L1 error is exactly Δ; a three-layer network adds k bumps.",
    "In n dimensions, box = max(Σ bumps − (n − 1), 0): no unit multiplies two inputs, yet this gives the product of 0/1 values.",
    "Cybenko: one hidden layer of sigmoids suffices, with no bound on its width; σ(k(x − a)) − σ(k(x − b)) is a bump.",
    "Depth buys economy: L layers of two ReLUs make 2ᴸ linear pieces; one hidden layer needs 2ᴸ − 1 units.",
    "Trained networks beat the construction by far per parameter; the construction proves existence only.",
    "Learned errors fall with n in d = 2 but far more slowly in d = 10: the curse of dimensionality.",
    "The notes' 7 slips: the domain must be compact (or f integrable); the bound needs Σ|cᵢ|; the bump formula's last max lacks ', 0'; the construction has 4 layers counting the input; Cybenko's sums approximate f, they do not represent it; a bounded continuous f on all of ℝ (sin x) cannot be approximated uniformly; 10²⁰ s is 230 universe ages, not 240.",
])
notebook.exercises(lesson: "Lesson04", [
    "reluBump — the four-ReLU bump for [a, b] with ramp Δ",
    "stepNetwork — the weights of a 1 → 4k → k → 1 network for a step function",
    "boxIndicator — the n-dimensional box bump without multiplication",
    "l1Distance — ∫|f − g| by the composite midpoint rule",
    "genzValue — one of the six Genz test functions",
])
notebook.finish()
