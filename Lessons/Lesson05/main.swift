// Lesson 05 — Vanishing and exploding signals, and Xavier and He initialization.
//
// Why a deep network multiplies its signals, forwards and backwards, by a long product of
// layers; why such products explode or vanish; the sigmoid's small derivative; how Xavier's
// and He's weight scales keep the product near one; a 50-layer experiment, a 30-layer training
// race, residual blocks, and swish. Run it with `swift run Lesson05`; the exercises are in
// `Exercises/Lesson05.swift`.
//
// Sources: main lecture (seed 000) lines 1180–1310; Berkeley handouts (seed 003) lines 432–437
// and 499–646; short course (seed 004) lines 1028–1080.

import Foundation
import LessonRuntime
import NeuralNetworks
import TensorCore

let notebook = Notebook(
    title: "Lesson 05 · Vanishing and exploding signals; Xavier and He initialization",
    summary: "Why deep products blow up or die out, and how to scale initial weights so they do not.")
let quick = notebook.options.quick

notebook.prose("""
    You will learn: why a product of many numbers, or of many matrices, almost always \
    explodes or vanishes; why back-propagation is exactly such a product; why the sigmoid \
    makes it worse; the variance argument behind Xavier initialization and the factor 2 \
    that He added for ReLU networks; what happens to activations and gradients in a \
    50-layer network under four initializations; how the initialization decides whether a \
    30-layer network trains at all; why residual blocks let gradients through; and what \
    swish looks like next to ReLU.
    """)

/// log₁₀ of every value, for plots on a logarithmic scale.
func log10Values(_ values: [Double]) -> [Double] { values.map { log10($0) } }

/// A number with about three significant digits, in powers of ten when it is very large or small.
func short(_ value: Double) -> String {
    guard value != 0, value.isFinite else { return formatNumber(value) }
    var exponent = Int(floor(log10(abs(value))))
    if exponent >= -2 && exponent < 4 { return formatNumber(value, digits: max(0, 2 - exponent)) }
    var mantissa = formatNumber(value / pow(10, Double(exponent)), digits: 2)
    if mantissa == "10" || mantissa == "-10" {
        exponent += 1
        mantissa = formatNumber(value / pow(10, Double(exponent)), digits: 2)
    }
    return "\(mantissa)e\(exponent)"
}

/// "mean ± standard error" of a Monte Carlo estimate.
func describe(_ estimate: MonteCarloEstimate, digits: Int = 4) -> String {
    "\(formatNumber(estimate.mean, digits: digits)) ± \(formatNumber(estimate.standardError, digits: digits))"
}

// MARK: - 1. Long products

notebook.section("Long products")
notebook.prose("""
    Multiply n numbers that are all at least 3/2 (and positive): the product is at least \
    1.5ⁿ. Multiply n numbers between 0 and 2/3: it is at most (2/3)ⁿ. For n = 100 both \
    bounds are extreme. The notes round each to one significant digit:
    """)
let grow = pow(1.5, 100.0), shrink = pow(2.0 / 3.0, 100.0)
notebook.compare("1.5¹⁰⁰", notes: 4e17, at: .notes("000", 1182), written: "4 · 10¹⁷", computed: grow, tolerance: 0.5e17,
                 note: "one significant digit of 4.07e17")
notebook.compare("(2/3)¹⁰⁰", notes: 2e-18, at: .notes("000", 1183), written: "2 · 10⁻¹⁸", computed: shrink, tolerance: 0.5e-18,
                 note: "one significant digit of 2.46e-18")
notebook.prose("""
    Both roundings keep the right exponent and the right leading digit, but they hide a \
    small inconsistency: 1.5 and 2/3 are reciprocals, so the exact products multiply to 1, \
    while the rounded ones give 4·10¹⁷ × 2·10⁻¹⁸ = 0.8. The second is closer to 2.5·10⁻¹⁸.
    """)
notebook.check("1.5¹⁰⁰ · (2/3)¹⁰⁰ differs from 1 by \(formatNumber(abs(grow * shrink - 1), digits: 2)) (rounding error only)",
               abs(grow * shrink - 1) < 1e-12)

// MARK: - 2. Products of random numbers

notebook.section("Products of random numbers")
notebook.prose("""
    Now draw the factors at random. The notes say a mean above one makes the product blow \
    up and a mean below one makes it die out. The expectation of the product is indeed \
    μⁿ, but the typical product follows another number. Write the product as \
    exp(Σ ln Xᵢ): the exponent is a sum of n independent terms, so it grows like \
    n·E[ln X] with a spread of only √n. What decides is the sign of E[ln X], the log of \
    the geometric mean, not the mean. Since ln is concave, E[ln X] < ln E[X], and a mean \
    a little above one can hide a geometric mean below one.

    Three uniform distributions, 100 factors per product, many products each. For \
    U[a, b] the exact value is E[ln X] = (b ln b − b − a ln a + a)/(b − a).
    """)
let factorCount = 100
let productTrials = quick ? 2000 : 4000
let factorRanges: [(name: String, range: ClosedRange<Double>)] = [
    ("U[0.5, 2.5]", 0.5...2.5), ("U[0.2, 1.2]", 0.2...1.2), ("U[0, 2.2]", 0...2.2),
]
/// E[ln X] for X uniform on [a, b] (a ≥ 0; a·ln a is 0 at a = 0).
func expectedLog(_ range: ClosedRange<Double>) -> Double {
    let (a, b) = (range.lowerBound, range.upperBound)
    let aLogA = a > 0 ? a * log(a) : 0
    return (b * log(b) - b - aLogA + a) / (b - a)
}
var productRows: [[String]] = []
var productPaths = LinePlot(title: "One product per distribution, factor by factor",
                            xLabel: "number of factors n", yLabel: "log₁₀ of the product")
var surprisingFractionAboveOne = MonteCarloEstimate([0, 1])
var productGenerator = notebook.generator("random products")
for (name, range) in factorRanges {
    var logProducts: [Double] = []
    var aboveOne: [Double] = []
    for trial in 0..<productTrials {
        var logProduct = 0.0
        var path: [Double] = [0]
        for _ in 0..<factorCount {
            logProduct += log10(productGenerator.uniform(in: range))
            if trial == 0 { path.append(logProduct) }
        }
        if trial == 0 { productPaths.add(name, y: path) }
        logProducts.append(logProduct)
        aboveOne.append(logProduct > 0 ? 1 : 0)
    }
    let estimate = MonteCarloEstimate(logProducts)
    let fraction = MonteCarloEstimate(aboveOne)
    if range.lowerBound == 0 { surprisingFractionAboveOne = fraction }
    let predicted = Double(factorCount) * expectedLog(range) / log(10)
    productRows.append([name, formatNumber((range.lowerBound + range.upperBound) / 2),
                        formatNumber(exp(expectedLog(range)), digits: 4), formatNumber(predicted, digits: 2),
                        describe(estimate, digits: 2), formatNumber(fraction.mean, digits: 4)])
    notebook.check("\(name): mean log₁₀ product \(describe(estimate, digits: 2)) agrees with n·E[log₁₀ X] = "
                   + "\(formatNumber(predicted, digits: 2)) within 4 standard errors", estimate.agrees(with: predicted))
}
notebook.table(["factors", "mean", "geom. mean", "n·E[log₁₀ X]", "log₁₀ product", "share > 1"],
               rows: productRows)
notebook.show(productPaths)
// The exponent of U[0, 2.2] products: Σ ln Xᵢ = 100 ln 2.2 − G with G ~ Gamma(100, 1), so
// P(product > 1) = P(G < 100 ln 2.2), a Poisson tail: 1 − e^{−t} Σ_{k<100} tᵏ/k!.
let threshold = Double(factorCount) * log(2.2)
var poissonTerm = exp(-threshold), poissonSum = 0.0
for k in 0..<factorCount {
    poissonSum += poissonTerm
    poissonTerm *= threshold / Double(k + 1)
}
let exactShareAboveOne = 1 - poissonSum
notebook.prose("""
    For U[0, 2.2] the mean is 1.1, yet the geometric mean is 2.2/e ≈ 0.809 and a typical \
    product of 100 factors is near 0.809¹⁰⁰ ≈ \(short(exp(Double(factorCount) * expectedLog(0...2.2)))). Exactly, the share of products above \
    1 is \(formatNumber(exactShareAboveOne, digits: 4)) (a Gamma tail); the simulation finds \
    \(describe(surprisingFractionAboveOne, digits: 4)). The expectation 1.1¹⁰⁰ ≈ 13 781 is \
    carried by a handful of enormous products that a simulation almost never meets.
    """)
notebook.check("share of U[0, 2.2] products above 1 agrees with the exact \(formatNumber(exactShareAboveOne, digits: 4)) within 4 s.e.",
               surprisingFractionAboveOne.agrees(with: exactShareAboveOne))
notebook.slip("random factors with mean 1.1", notes: "product blows up", at: .notes("000", 1184),
              correct: "typically ≈ \(short(exp(Double(factorCount) * expectedLog(0...2.2))))",
              why: "the sign of E[ln X] decides, not whether the mean exceeds 1")

// MARK: - 3. Products of random matrices

notebook.section("Products of random matrices")
notebook.prose("""
    Matrices behave the same way. Take a unit vector x in ℝⁿ and multiply it by 100 \
    independent n × n matrices with N(0, s²/n) entries. Each multiplication scales the \
    squared length by an independent factor (s²/n)·χ²ₙ (a Gaussian matrix has no preferred \
    direction), so log₁₀‖Wₖ⋯W₁x‖ is again a sum of independent steps. Each step has mean \
    log₁₀ s + ½(ψ(n/2) − ln(n/2))/ln 10, where ψ is the digamma function; the second term is \
    a small pull towards zero, about −0.0034 for n = 64.
    """)
let matrixWidth = 64, matrixDepth = 100, matrixTrials = 20
/// ψ(x) by its asymptotic series, accurate to about 1e-12 for x ≥ 10.
func digamma(_ x: Double) -> Double {
    let x2 = x * x
    return log(x) - 1 / (2 * x) - 1 / (12 * x2) + 1 / (120 * x2 * x2) - 1 / (252 * x2 * x2 * x2)
}
var matrixPlot = LinePlot(title: "‖Wₖ⋯W₁x‖ for n = \(matrixWidth): one product per scale s",
                          xLabel: "number of matrices k", yLabel: "log₁₀ ‖Wₖ⋯W₁x‖")
var matrixRows: [[String]] = []
var matrixGenerator = notebook.generator("random matrix products")
for scale in [0.8, 1.0, 1.25] {
    var finalLogNorms: [Double] = []
    for trial in 0..<matrixTrials {
        var x = Tensor.normal([1, matrixWidth], using: &matrixGenerator)
        x /= x.norm()
        var path = [0.0]
        var logNorm = 0.0
        for _ in 0..<matrixDepth {
            let w = Tensor.normal([matrixWidth, matrixWidth],
                                  standardDeviation: scale / Double(matrixWidth).squareRoot(), using: &matrixGenerator)
            x = matmul(x, w)
            // Renormalise after each step and keep the log, so nothing overflows.
            let norm = x.norm()
            logNorm += log10(norm)
            x /= norm
            path.append(logNorm)
        }
        if trial == 0 { matrixPlot.add("s = \(formatNumber(scale))", y: path) }
        finalLogNorms.append(logNorm)
    }
    let estimate = MonteCarloEstimate(finalLogNorms)
    let perStep = log10(scale) + 0.5 * (digamma(Double(matrixWidth) / 2) - log(Double(matrixWidth) / 2)) / log(10)
    let predicted = Double(matrixDepth) * perStep
    matrixRows.append([formatNumber(scale), formatNumber(predicted, digits: 2), describe(estimate, digits: 2),
                       formatNumber(estimate.standardDeviation, digits: 2)])
    notebook.check("s = \(formatNumber(scale)): log₁₀‖W₁₀₀⋯W₁x‖ = \(describe(estimate, digits: 2)) over \(matrixTrials) products "
                   + "agrees with \(formatNumber(predicted, digits: 2)) within 4 s.e.", estimate.agrees(with: predicted))
}
notebook.table(["s", "predicted log₁₀ norm", "measured (± s.e.)", "spread of one product"], rows: matrixRows)
notebook.show(matrixPlot)
notebook.prose("""
    Scaling every factor by 0.8 or 1.25 moves the result by ten orders of magnitude in \
    either direction; s = 1 is the knife edge where the product merely wanders. Special \
    structure escapes the rule: an orthogonal matrix keeps every length, so a product of \
    100 random signed permutations leaves ‖x‖ exactly where it was.
    """)
do {
    var generator = notebook.generator("signed permutations")
    var x = Tensor.normal([matrixWidth], using: &generator)
    let before = x.norm()
    for _ in 0..<matrixDepth {
        let permutation = generator.permutation(matrixWidth)
        x = Tensor(permutation.map { (generator.bernoulli(0.5) ? -1.0 : 1.0) * x[$0] })
    }
    notebook.check("100 signed permutations: ‖x‖ = \(formatNumber(before)) before and \(formatNumber(x.norm())) after",
                   abs(x.norm() - before) < 1e-12 * before)
}

// MARK: - 4. Back-propagation is a product

notebook.section("Back-propagation is such a product")
notebook.prose("""
    Recall the errors δˡ = ∂C/∂zˡ of back-propagation. The error of unit j in layer l collects the \
    errors of the layer above through the weights that leave unit j, times the local slope:
    """)
notebook.formula("""
    δⱼˡ = σ′(zⱼˡ) · Σₖ wₖⱼˡ⁺¹ δₖˡ⁺¹,   in vectors:   δˡ = σ′(zˡ) ⊙ (wˡ⁺¹)ᵀ δˡ⁺¹
    ∂C/∂wⱼₖˡ = δⱼˡ aₖˡ⁻¹,               ∂C/∂bⱼˡ = δⱼˡ
    """)
notebook.slip("∂C/∂bⱼˡ (equation 4)", notes: "δₖˡ", at: .notes("000", 1203), correct: "δⱼˡ",
              why: "the bias of unit j receives unit j's own error")
notebook.prose("""
    Without activation functions (σ′ = 1) the recursion is a plain product of transposed \
    weight matrices, applied to the output error δᴸ:
    """)
notebook.formula("δ¹ = (w²)ᵀ (w³)ᵀ ⋯ (wᴸ)ᵀ δᴸ")
notebook.slip("the linear product", notes: "δ⁰ = (w¹)ᵀ⋯(wᴸ⁻¹)ᵀδˡ", at: .notes("000", 1223), correct: "δ¹ = (w²)ᵀ⋯(wᴸ)ᵀδᴸ",
              why: "each step goes from δˡ⁺¹ to δˡ through wˡ⁺¹, starting at the output δᴸ")
do {
    // A linear network of L = 6 layers: back-propagation against the explicit product.
    let depth = 6
    var generator = notebook.generator("linear back-propagation")
    var linear = Sequential((0..<depth).map { _ in
        Dense(inputs: 5, outputs: 5, activation: .identity, weightInitializer: .lecunNormal, using: &generator)
    })
    _ = linear.forward(Tensor.normal([1, 5], using: &generator))
    let outputError = Tensor.normal([1, 5], using: &generator)   // δᴸ, as a row
    var backpropagated = outputError
    for l in stride(from: depth - 1, through: 1, by: -1) { backpropagated = linear.layers[l].backward(backpropagated) }
    // The library stores W = wᵀ ([inputs, outputs]), so (wˡ)ᵀδ as a column is δ·(Wˡ)ᵀ as a row.
    var product = outputError
    for l in stride(from: depth - 1, through: 1, by: -1) { product = matmul(product, linear[dense: l].weights, transposeB: true) }
    let gap = (backpropagated - product).map(abs).max()
    notebook.check("a 6-layer linear network: back-propagated δ¹ equals (w²)ᵀ⋯(w⁶)ᵀδ⁶ (largest gap \(formatNumber(gap, digits: 1)))",
                   gap < 1e-12)
}
notebook.prose("""
    So gradients inherit everything said about products: with weights a little too large \
    they explode, a little too small and they vanish, exponentially in the depth. The notes \
    call the exploding case easy because Adam shrinks large gradients on its own. Adam's \
    step m̂/(√v̂ + ε) does not care about the size of the gradient at all: after one step on \
    a gradient g it is g/(|g| + ε), as close to ±1 for g = 10³ as for g = 10⁻⁶ (ε = 10⁻⁸):
    """)
let adamEpsilon = 1e-8
/// The first Adam step direction m̂/(√v̂ + ε) for a gradient g (m̂ = g and √v̂ = |g| after one step).
func firstAdamStep(_ gradient: Double) -> Double { gradient / (abs(gradient) + adamEpsilon) }
notebook.results(["Adam's first step for g = 10³": firstAdamStep(1e3),
                  "Adam's first step for g = 10⁻⁶": firstAdamStep(1e-6)], digits: 4)
notebook.check("Adam scales a tiny gradient up as much as it scales a large one down (both steps within 1% of 1)",
               abs(firstAdamStep(1e3) - 1) < 0.01 && abs(firstAdamStep(1e-6) - 1) < 0.01)
notebook.slip("why exploding gradients are easy", notes: "ADAM does this automatically", at: .notes("000", 1225),
              correct: "clipping or rescaling does it",
              why: "Adam normalises every gradient, small ones up as much as large ones down; what makes "
                + "explosion the easier problem is that a large gradient still points the right way and "
                + "can be clipped")
notebook.prose("""
    So a vanished gradient is not hopeless because it is small: a tiny gradient still has a \
    direction, and Adam would rescale it. What is lost is its signal: once the gradient of a \
    deep layer is far below the noise of the mini-batch estimate and the rounding of the \
    arithmetic, its direction is noise, and no rescaling brings the information back. The \
    cure is to start from weights for which the product is neither large nor small, and to \
    take small steps so that training has no reason to leave that regime.
    """)

// MARK: - 5. The sigmoid's derivative

notebook.section("The sigmoid's derivative is small")
notebook.prose("""
    With activations, each step of the product also multiplies by σ′(zˡ). For the sigmoid \
    σ′ = σ(1 − σ), a product of two numbers that sum to 1, so it is at most ¼, reached at \
    z = 0; in both tails it goes to 0 like e⁻|ᶻ|. A unit that is saturated, |z| large, \
    passes almost no gradient back, and ten sigmoid layers scale a gradient by at most \
    4⁻¹⁰ ≈ 10⁻⁶ before the weights are even counted.
    """)
let sigmoidGrid = Tensor.linspace(from: -8, to: 8, count: quick ? 161 : 321).scalars
var sigmoidPlot = LinePlot(title: "The sigmoid and its derivative", xLabel: "z", yLabel: "value")
sigmoidPlot.add("σ(z)", x: sigmoidGrid, y: sigmoidGrid.map { Activation.sigmoid($0) })
sigmoidPlot.add("σ′(z)", x: sigmoidGrid, y: sigmoidGrid.map { Activation.sigmoid.derivative($0) })
sigmoidPlot.add("tanh′(z)", x: sigmoidGrid, y: sigmoidGrid.map { Activation.tanh.derivative($0) })
notebook.show(sigmoidPlot)
let largestSlope = sigmoidGrid.map { Activation.sigmoid.derivative($0) }.max()!
notebook.check("σ′ on the grid never exceeds ¼ (largest \(formatNumber(largestSlope)), at z = 0)",
               largestSlope <= 0.25 && Activation.sigmoid.derivative(0) == 0.25)
var slopeRows: [[String]] = []
for z in [0.0, 2, 5, 10] {
    slopeRows.append([formatNumber(z)] + [Activation.sigmoid, .tanh, .relu].map {
        formatNumber($0.derivative(z), digits: 4)
    })
}
notebook.table(["z", "σ′(z)", "tanh′(z)", "ReLU′(z)"], rows: slopeRows)
notebook.prose("""
    tanh is better in the middle (slope 1 at 0) but saturates just the same. ReLU′ is \
    exactly 1 for every active unit, so an active path passes gradients through undamped. \
    Hence the practice: ReLUs (or relatives) in the body of the network, and a sigmoid at \
    most once, at the output, where a probability is wanted.
    """)

// MARK: - 6. Xavier initialization

notebook.section("Xavier initialization")
notebook.prose("""
    Which weights make the product neither grow nor shrink? Consider one layer y = wx \
    without bias, where x has W independent entries of mean 0 and equal variance, and the \
    weights are independent of x and of each other with mean 0. Then every yᵢ has mean 0, \
    two different outputs are uncorrelated (E[yᵢyₖ] = Σⱼ E[wᵢⱼ]E[wₖⱼ]E[xⱼ²] = 0), and
    """)
notebook.formula("E[yᵢ²] = Σⱼ E[wᵢⱼ²] E[xⱼ²] = W · Var(w) · E[xⱼ²]")
notebook.prose("""
    So Var(w) = 1/W keeps E[yᵢ²] = E[xⱼ²]. The notes draw w = √3·U[−1/√W, 1/√W], a uniform \
    distribution on some [−a, a]; since U[−a, a] has variance a²/3, the factor √3 is exactly \
    what makes the variance 1/W. For W = 256:
    """)
let xavierWidth = 256
let xavierBound = (3 / Double(xavierWidth)).squareRoot()
notebook.result("a for W = 256", xavierBound)
var xavierGenerator = notebook.generator("Xavier weight draws")
let weightDraws = Tensor.uniform([quick ? 100_000 : 400_000], in: -xavierBound...xavierBound, using: &xavierGenerator)
let weightVariance = MonteCarloEstimate(weightDraws.scalars.map { $0 * $0 })
notebook.check("Var(w) from \(weightDraws.count) draws: \(describe(weightVariance, digits: 7)), "
               + "agrees with 1/256 = \(formatNumber(1 / 256.0, digits: 7)) within 4 s.e.",
               weightVariance.agrees(with: 1 / Double(xavierWidth)))
notebook.prose("""
    Now the claim itself, by Monte Carlo: for each trial a fresh 256 × 256 weight matrix \
    and a fresh batch of 32 inputs with N(0, 1) entries, and the ratio E‖y‖²/E‖x‖² over \
    the batch. The trials are independent, so their mean comes with a standard error, and \
    the claim passes when it lies within 4 standard errors of the theory.
    """)
let ratioTrials = quick ? 100 : 200
var ratioRows: [[String]] = []
var ratioEstimates: [String: MonteCarloEstimate] = [:]
for (label, initializer, outputs, theory) in [
    ("√3·U[±1/√W], 256 → 256", Initializer.lecunUniform, 256, 1.0),
    ("N(0, 1/W), 256 → 256", Initializer.lecunNormal, 256, 1.0),
    ("√3·U[±1/√W], 256 → 128", Initializer.lecunUniform, 128, 0.5),
] {
    let estimate = MonteCarloEstimate(secondMomentRatios(initializer: initializer, inputs: xavierWidth, outputs: outputs,
                                                         trials: ratioTrials, batch: 32, throughReLU: false,
                                                         seed: notebook.seed("second-moment ratio \(label)")))
    ratioEstimates[label] = estimate
    ratioRows.append([label, formatNumber(theory), describe(estimate), formatNumber(estimate.standardDeviation, digits: 4)])
    notebook.check("\(label): E‖y‖²/E‖x‖² = \(describe(estimate)) agrees with \(formatNumber(theory)) within 4 s.e.",
                   estimate.agrees(with: theory))
}
notebook.table(["weights", "theory", "measured (± s.e.)", "spread per trial"], rows: ratioRows)
notebook.prose("""
    The normal form N(0, 1/W) of the Berkeley handout does the same job. The last row is a \
    layer from width 256 to width 128: each output still has E[yᵢ²] = E[xⱼ²], but there are \
    half as many outputs, so the squared norm halves. The notes' conclusion \
    E‖y‖² = E‖x‖² needs a square layer; in general the ratio is W_out/W_in.
    """)
notebook.slip("E‖y‖² against E‖x‖², 256 → 128", notes: "E‖y‖² = E‖x‖²", at: .notes("000", 1239), correct: "ratio 0.5 (measured \(formatNumber(ratioEstimates["√3·U[±1/√W], 256 → 128"]!.mean, digits: 3)))",
              why: "the variance is kept per entry; the norms agree only for square layers")

// The zero-mean and uncorrelated-outputs parts of the claim.
var outputMeans: [Double] = []
var outputCorrelations: [Double] = []
var outputGenerator = notebook.generator("Xavier outputs")
for _ in 0..<ratioTrials {
    let weights = Initializer.lecunUniform.tensor([xavierWidth, xavierWidth], using: &outputGenerator)
    let y = matmul(Tensor.normal([32, xavierWidth], using: &outputGenerator), weights)
    let meanSquare = y.scalars.reduce(0) { $0 + $1 * $1 } / Double(y.count)
    outputMeans.append(y.mean() / meanSquare.squareRoot())
    outputCorrelations.append((0..<32).reduce(0) { $0 + y[$1, 0] * y[$1, 1] } / 32 / meanSquare)
}
let meanEstimate = MonteCarloEstimate(outputMeans)
let correlationEstimate = MonteCarloEstimate(outputCorrelations)
notebook.check("outputs have mean 0: E[yᵢ]/rms(y) = \(describe(meanEstimate)) agrees with 0 within 4 s.e.",
               meanEstimate.agrees(with: 0))
notebook.check("outputs are uncorrelated: E[y₁y₂]/E[y²] = \(describe(correlationEstimate)) agrees with 0 within 4 s.e.",
               correlationEstimate.agrees(with: 0))
notebook.prose("""
    A word on names. Glorot and Bengio (2010), the paper the notes cite, balance the forward \
    and the backward pass and use Var(w) = 2/(W_in + W_out). Var(w) = 1/W_in, the notes' \
    scheme, is usually called LeCun initialization; the two agree whenever W_in = W_out, as \
    in the square layers here. The library has both: `.xavierUniform` (Glorot's) and \
    `.lecunUniform` (the notes').
    """)
notebook.slip("the scheme Var(w) = 1/W", notes: "Xavier (Glorot 2010)", at: .notes("000", 1254), correct: "LeCun; Glorot uses 2/(W_in + W_out)",
              why: "the names differ unless the layer is square")

// MARK: - 7. He initialization: the factor 2 for ReLU

notebook.section("Why Xavier is not enough for ReLU: He initialization")
notebook.prose("""
    The derivation treated the layer as linear. In a ReLU network the input of layer l + 1 \
    is xˡ = max(yˡ, 0), which is not centred. If yˡ is symmetric about 0, half of its \
    mass is cut away and the other half kept, so
    """)
notebook.formula("E[max(y, 0)²] = ½ E[y²]     (y symmetric about 0)")
notebook.prose("""
    Checked by Monte Carlo for three symmetric distributions (each estimate is the mean of \
    ratios over independent batches of 1 000 draws), and for one that is not symmetric:
    """)
var halfRows: [[String]] = []
var halfChecks: [(String, MonteCarloEstimate, Double)] = []
var halfGenerator = notebook.generator("ReLU second moments")
for (label, draw, theory) in [
    ("N(0, 1)", { (g: inout SeededGenerator) in g.normal() }, 0.5),
    ("U[−1, 1]", { (g: inout SeededGenerator) in g.uniform(in: -1...1) }, 0.5),
    ("±1 with equal odds", { (g: inout SeededGenerator) in g.bernoulli(0.5) ? 1.0 : -1.0 }, 0.5),
    // For N(μ, 1): E[max(y, 0)²] = (μ² + 1)Φ(μ) + μφ(μ), divided by E[y²] = μ² + 1.
    ("N(0.5, 1), not symmetric", { (g: inout SeededGenerator) in g.normal(mean: 0.5) },
     (1.25 * 0.5 * erfc(-0.5 / 2.0.squareRoot()) + 0.5 * exp(-0.125) / (2 * Double.pi).squareRoot()) / 1.25),
] as [(String, (inout SeededGenerator) -> Double, Double)] {
    let estimate = MonteCarloEstimate(reluSecondMomentShares(trials: quick ? 100 : 200, using: &halfGenerator, draw))
    halfChecks.append((label, estimate, theory))
    halfRows.append([label, formatNumber(theory, digits: 4), describe(estimate)])
}
notebook.table(["y", "theory", "E[max(y,0)²]/E[y²] (± s.e.)"], rows: halfRows)
for (label, estimate, theory) in halfChecks {
    notebook.check("\(label): \(describe(estimate)) agrees with \(formatNumber(theory, digits: 4)) within 4 s.e.",
                   estimate.agrees(with: theory))
}
notebook.prose("""
    Following the same steps as before, Var(yᵢˡ⁺¹) = W · E[w²] · E[(xⱼˡ)²] = W · E[w²] · ½E[(yⱼˡ)²]. \
    The second moment of the ReLU's output appears here, E[(xⱼˡ)²], not the square of its \
    mean; the notes' formula writes E[(x_j)^l]^2, which reads as the latter, and the two \
    differ by a factor π for a Gaussian y:
    """)
notebook.slip("E[(xⱼ)²] for x = max(y, 0), y ~ N(0, 1)", notes: "E[(x_j)^l]^2", at: .notes("000", 1305), correct: "E[(xⱼˡ)²] = 0.5 for y ~ N(0, 1)",
              why: "the variance argument needs the second moment; the squared mean (E[xⱼ])² is 1/(2π) ≈ 0.159")
notebook.prose("""
    Keeping the pre-activations' second moment constant therefore needs ½ W E[w²] = 1, i.e. \
    Var(w) = 2/W: twice Xavier's. This is He initialization (He et al., 2015), e.g. \
    N(0, 2/W) or U[±√(6/W)]. The same Monte Carlo as before, now through a ReLU: z ~ N(0, 1), \
    then y = max(z, 0)·w, and the ratio E‖y‖²/E‖z‖² for a square layer of width 256:
    """)
var reluRows: [[String]] = []
for (label, initializer, theory) in [("Xavier, N(0, 1/W)", Initializer.lecunNormal, 0.5),
                                     ("He, N(0, 2/W)", Initializer.heNormal, 1.0)] {
    let estimate = MonteCarloEstimate(secondMomentRatios(initializer: initializer, inputs: xavierWidth, outputs: xavierWidth,
                                                         trials: ratioTrials, batch: 32, throughReLU: true,
                                                         seed: notebook.seed("ReLU ratio \(label)")))
    reluRows.append([label, formatNumber(theory), describe(estimate)])
    notebook.check("through a ReLU, \(label): ratio \(describe(estimate)) agrees with \(formatNumber(theory)) within 4 s.e.",
                   estimate.agrees(with: theory))
}
notebook.table(["weights", "theory", "E‖yˡ⁺¹‖²/E‖yˡ‖² (± s.e.)"], rows: reluRows)
notebook.prose("""
    A factor ½ per layer looks harmless, but over 50 layers it is 2⁻⁵⁰ ≈ 10⁻¹⁵, which the \
    next experiment shows.
    """)

// MARK: - 8. Fifty layers deep

notebook.section("Fifty layers deep: activations and gradients")
let deepWidth = quick ? 128 : 256, deepLayers = 50, deepBatch = quick ? 128 : 256
notebook.prose("""
    The classic experiment: a batch of \(deepBatch) inputs with N(0, 1) entries goes through \
    \(deepLayers) layers of weights (a network of \(deepLayers + 1) layers, counting the input) of width \(deepWidth), without \
    biases, for four weight scales: N(0, 1), \
    N(0, 0.01²) (standard deviation 0.01), Xavier N(0, 1/W) and He N(0, 2/W). All four use \
    the same Gaussian draws, rescaled, so only the scale differs. A gradient with N(0, 1) \
    entries then goes back from the top. Each run uses the library's batched `matmul`.
    """)
var deepGenerator = notebook.generator("fifty layers")
let baseWeights = (0..<deepLayers).map { _ in Tensor.normal([deepWidth, deepWidth], using: &deepGenerator) }
let deepInput = Tensor.normal([deepBatch, deepWidth], using: &deepGenerator)
let topGradient = Tensor.normal([deepBatch, deepWidth], using: &deepGenerator)
let scales: [(name: String, scale: Double)] = [
    ("N(0, 1)", 1), ("N(0, 0.01²)", 0.01),
    ("Xavier", 1 / Double(deepWidth).squareRoot()), ("He", (2 / Double(deepWidth)).squareRoot()),
]
var deepSignals: [String: [LayerSignal]] = [:]
for activation in [Activation.relu, .tanh] {
    let activationPlot = LinePlot(title: "\(activation.name): activation spread per layer",
                                  xLabel: "layer l", yLabel: "log₁₀ std of aˡ")
    var gradientPlot = LinePlot(title: "\(activation.name), Xavier and He only: back-propagated gradient per layer",
                                xLabel: "layer l", yLabel: "log₁₀ ‖∂L/∂aˡ⁻¹‖")
    var rows: [[String]] = []
    var spreadSeries: [PlotSeries] = []
    for (name, scale) in scales {
        let network = Sequential(baseWeights.map {
            Dense(weights: $0 * scale, bias: .zeros([deepWidth]), activation: activation)
        })
        let signals = network.signals(input: deepInput, outputGradient: topGradient)
        deepSignals["\(activation.name) \(name)"] = signals
        let layerNumbers = (1...deepLayers).map(Double.init)
        spreadSeries.append(PlotSeries(name, x: layerNumbers, y: log10Values(signals.map(\.activationStandardDeviation))))
        if scale < 1 && scale > 0.01 {
            gradientPlot.add(name, x: layerNumbers, y: log10Values(signals.map(\.inputGradientNorm)))
        }
        rows.append([name] + [1, 25, 50].map { short(signals[$0 - 1].activationStandardDeviation) }
                    + [short(signals[deepLayers - 1].inputGradientNorm), short(signals[0].inputGradientNorm),
                       short(signals[0].weightGradientNorm)])
    }
    notebook.prose("""
        \(activation.name) layers. The spread of the activations aˡ after layers 1, 25 and 50; the \
        back-propagated gradient just below the top layer (‖∂L/∂a⁴⁹‖) and at the input \
        (‖∂L/∂a⁰‖); the weight gradient of the first layer:
        """)
    notebook.table(["weights", "std a¹", "std a²⁵", "std a⁵⁰", "‖∂L/∂a⁴⁹‖", "‖∂L/∂a⁰‖", "‖∂L/∂W¹‖"], rows: rows)
    // All four scales, then a zoom on Xavier and He, whose lines share one row at full scale.
    var zoomPlot = LinePlot(title: "\(activation.name), Xavier and He only: activation spread per layer",
                            xLabel: "layer l", yLabel: "log₁₀ std of aˡ")
    // One panel per scale on a shared y range: on one axis the saturated N(0, 1) tanh series
    // and the small-scale series would hide others.
    let spreadValues = spreadSeries.flatMap(\.y).filter(\.isFinite)
    let spreadRange = (spreadValues.min() ?? -1).rounded(.down)...(spreadValues.max() ?? 1).rounded(.up)
    var panels: [LinePlot] = []
    for series in spreadSeries {
        var panel = LinePlot(title: "\(activation.name), \(series.name)", width: 38, height: 11, yRange: spreadRange)
        panel.add("log₁₀ std of aˡ", x: series.x, y: series.y)
        panels.append(panel)
        if series.name == "Xavier" || series.name == "He" { zoomPlot.add(series.name, x: series.x, y: series.y) }
    }
    notebook.verbatim("")
    notebook.verbatim("  \(activationPlot.title ?? ""), l = 1 … \(deepLayers):")
    notebook.show(panels: Array(panels[0..<2]))
    notebook.show(panels: Array(panels[2..<4]))
    notebook.show(zoomPlot)
    notebook.show(gradientPlot)
}
/// The per-layer factor of the pre-activations' second moment, as a geometric mean over the
/// 49 layer-to-layer steps, with its standard error (the steps are nearly independent).
func perLayerFactor(_ signals: [LayerSignal]) -> MonteCarloEstimate {
    MonteCarloEstimate((1..<signals.count).map {
        log(signals[$0].preActivationSecondMoment / signals[$0 - 1].preActivationSecondMoment)
    })
}
notebook.prose("""
    For ReLU layers the theory of section 7 predicts that each layer multiplies the \
    pre-activations' second moment by W·s²/2: 128W/256 for N(0, 1), tiny for 0.01, ½ for \
    Xavier and 1 for He. Measured as the mean of ln(E[(zˡ⁺¹)²]/E[(zˡ)²]) over the 49 steps, \
    with its standard error. At a finite width W the factor of one step is random, with \
    mean W·s²/2 but a variance of about 5/W (relative), and the logarithm of a random \
    factor averages slightly below the logarithm of its mean, by about half that variance, \
    2.5/W; the checks allow for this drift.
    """)
var factorRows: [[String]] = []
for (name, scale) in scales {
    let estimate = perLayerFactor(deepSignals["ReLU \(name)"]!)
    let rawTheory = log(Double(deepWidth) * scale * scale / 2)
    let theory = abs(rawTheory) < 1e-12 ? 0 : rawTheory
    let signals = deepSignals["ReLU \(name)"]!
    let overall = signals[deepLayers - 1].preActivationSecondMoment / signals[0].preActivationSecondMoment
    factorRows.append([name, formatNumber(theory, digits: 4), describe(estimate), short(overall)])
    // Finite width adds a drift of about −2.5/W per layer (the spread of the ReLU's output).
    let drift = -2.5 / Double(deepWidth)
    notebook.check("ReLU \(name): ln factor \(describe(estimate)) agrees with ln(W s²/2) = \(formatNumber(theory, digits: 4)) "
                   + "within 4 s.e. + |finite-width drift \(formatNumber(drift, digits: 4))|",
                   abs(estimate.mean - theory) <= 4 * estimate.standardError + abs(drift))
}
notebook.table(["ReLU, weights", "ln(W s²/2)", "mean ln factor (± s.e.)", "E[(z⁵⁰)²]/E[(z¹)²]"], rows: factorRows)
let heOverall = deepSignals["ReLU He"]!.last!.preActivationSecondMoment / deepSignals["ReLU He"]!.first!.preActivationSecondMoment
let xavierOverall = deepSignals["ReLU Xavier"]!.last!.preActivationSecondMoment / deepSignals["ReLU Xavier"]!.first!.preActivationSecondMoment
do {
    // The 49 steps are nearly independent, so ln(E[(z⁵⁰)²]/E[(z¹)²]) = Σ steps has a standard
    // deviation of about s·√49, where s is the spread of one step measured above.
    let steps = perLayerFactor(deepSignals["ReLU He"]!)
    let expected = Double(deepLayers - 1) * (-2.5 / Double(deepWidth))
    let band = 4 * steps.standardDeviation * Double(deepLayers - 1).squareRoot()
    notebook.check("He: ln E[(z⁵⁰)²]/E[(z¹)²] = \(formatNumber(log(heOverall), digits: 2)) lies within 4·s·√49 = "
                   + "\(formatNumber(band, digits: 2)) of the finite-width drift \(formatNumber(expected, digits: 2))",
                   abs(log(heOverall) - expected) <= band)
}
notebook.check("Xavier loses more than 10 orders of magnitude over 50 ReLU layers (ratio \(formatNumber(xavierOverall, digits: 3)))",
               xavierOverall < 1e-10)
let tanhLarge = deepSignals["Tanh N(0, 1)"]!, tanhXavier = deepSignals["Tanh Xavier"]!
let reluXavier = deepSignals["ReLU Xavier"]!, reluHe = deepSignals["ReLU He"]!
notebook.prose("""
    With N(0, 1) weights the ReLU signal explodes by a factor √(W/2) ≈ \(formatNumber((Double(deepWidth) / 2).squareRoot(), digits: 1)) \
    per layer in standard deviation, and the 0.01 scale shrinks it by a factor \
    \(formatNumber(0.01 * (Double(deepWidth) / 2).squareRoot(), digits: 3)) per layer: the products of section 3 again, \
    forwards and backwards alike. With Xavier the ReLU activations lose a factor √2 per \
    layer, and so does the gradient on its way down (from \(formatNumber(reluXavier[deepLayers - 1].inputGradientNorm, digits: 3)) \
    to \(formatNumber(reluXavier[0].inputGradientNorm, digits: 3))); He keeps both level (from \(formatNumber(reluHe[deepLayers - 1].inputGradientNorm, digits: 3)) \
    to \(formatNumber(reluHe[0].inputGradientNorm, digits: 3))).

    tanh behaves differently. N(0, 1) weights drive every unit into saturation: the \
    activations sit near ±1 (std \(formatNumber(tanhLarge[deepLayers - 1].activationStandardDeviation, digits: 3)) at layer 50), which \
    looks healthy, yet each unit is nearly a sign function of its input, and the few \
    units that are not saturated, multiplied by weights of size 1, make the gradient grow from \
    \(formatNumber(tanhLarge[deepLayers - 1].inputGradientNorm, digits: 3)) to \(formatNumber(tanhLarge[0].inputGradientNorm, digits: 3)) on the way down. Xavier suits \
    tanh, which is linear near 0, better: the activations shrink only slowly (std \
    \(formatNumber(tanhXavier[deepLayers - 1].activationStandardDeviation, digits: 3)) at layer 50) and the gradient stays within a factor \
    \(formatNumber(max(tanhXavier[0].inputGradientNorm / tanhXavier[deepLayers - 1].inputGradientNorm, tanhXavier[deepLayers - 1].inputGradientNorm / tanhXavier[0].inputGradientNorm), digits: 2)) from top to bottom.
    """)
notebook.prose("""
    The short course says ReLU does not have the vanishing-gradient problem at all, since \
    its slope is 1 wherever it is active. That removes the activation's factor from the \
    product, not the weights' factors, and the measurements above show what is left:
    """)
notebook.slip("ReLU and vanishing gradients", notes: "ReLU does not have this problem", at: .notes("004", 1048),
              correct: "ReLU′ = 1 removes σ′'s factor; weights still shrink it",
              why: """
                With Xavier weights the gradient of the \(deepLayers)-layer ReLU network \
                above falls from \(formatNumber(reluXavier[deepLayers - 1].inputGradientNorm, digits: 3)) to \
                \(formatNumber(reluXavier[0].inputGradientNorm, digits: 3)) on its way down, and a unit whose \
                input is negative passes none back (its slope is 0, as 004:1048 itself \
                says). He's factor 2 is what keeps a ReLU network's gradient level.
                """)

// MARK: - 9. Training a deep network

notebook.section("Training a 30-layer ReLU network")
let study = quick ? InitializationStudy.quick : InitializationStudy.standard
notebook.prose("""
    Does it matter for learning? A plain network of \(study.hiddenLayers) ReLU layers of width \
    \(study.width) learns t(x₁, x₂) = sin(πx₁)·cos(πx₂) from \(study.sampleCount) points, with mini-batches \
    of \(study.batchSize), SGD with momentum (η = \(formatNumber(study.learningRate)), μ = \(formatNumber(study.momentum))) \
    and \(study.steps) steps. Three runs differ only in the weights: Xavier \
    (√3·U[±1/√W], the notes' form), He (the same draws times √2) and a bad scale N(0, 0.01²). \
    Same data, same mini-batches.
    """)
let trainingRuns: [(name: String, initializer: Initializer)] = [
    ("Xavier", .lecunUniform), ("He", .heUniform), ("N(0, 0.01²)", .normal(standardDeviation: 0.01)),
]
var progress = ProgressBar("training 3 networks", total: 3 * study.steps)
var histories: [String: [Double]] = [:]
for (index, run) in trainingRuns.enumerated() {
    histories[run.name] = study.train(weightInitializer: run.initializer, seed: notebook.seed("30-layer training")) { step in
        if step % 50 == 0 { progress.advance(to: index * study.steps + step) }
    }
}
progress.finish()
var lossPlot = LinePlot(title: "Training loss of a \(study.hiddenLayers)-layer ReLU network",
                        xLabel: "SGD step", yLabel: "log₁₀ training loss")
let evaluationSteps = (0...(study.steps / study.evaluationInterval)).map { Double($0 * study.evaluationInterval) }
for run in trainingRuns { lossPlot.add(run.name, x: evaluationSteps, y: log10Values(histories[run.name]!)) }
notebook.show(lossPlot)
notebook.table(["weights", "loss at start", "loss after \(study.steps) steps"], rows: trainingRuns.map {
    [$0.name, formatNumber(histories[$0.name]!.first!, digits: 4), formatNumber(histories[$0.name]!.last!, digits: 5)]
})
let heFinal = histories["He"]!.last!, xavierFinal = histories["Xavier"]!.last!
let badHistory = histories["N(0, 0.01²)"]!
notebook.check("He ends at least 10 times lower than Xavier (\(formatNumber(heFinal, digits: 5)) vs \(formatNumber(xavierFinal, digits: 5)))",
               heFinal * 10 < xavierFinal)
notebook.check("the 0.01 scale does not learn: its loss stays within 5% of where it started",
               badHistory.last! > 0.95 * badHistory.first!)
let xavierStuck = xavierFinal > 0.9 * histories["Xavier"]!.first!
notebook.prose("""
    \(xavierStuck ? "(The Xavier and N(0, 0.01²) curves lie on top of each other.) " : "")The He network \
    starts learning at once. In the Xavier network each of the \(study.hiddenLayers) ReLU layers \
    halves the signal's second moment, so the output hardly depends on the input and the \
    gradients of the lower layers are tiny: it sits on the plateau of predicting the mean, \
    loss ≈ ½Var(t) ≈ 0.125, \(xavierStuck ? "for the whole budget" : "far longer than He does"). The \
    0.01 network is stuck there for good. Yet the Xavier and He weights are the same random \
    numbers, a factor √2 apart.
    """)

// MARK: - 10. Residual blocks

notebook.section("Residual blocks let the gradient through")
notebook.prose("""
    The Berkeley handout asks how skip connections (ResNet) fight vanishing gradients. A \
    residual block adds its input to the output of two layers:
    """)
notebook.formula("y = σ(W₂ σ(W₁x) + x)")
notebook.prose("""
    Take first the handout's version without the outer σ, y = W₂ReLU(W₁x) + x. With \
    δ = ∂L/∂y and the mask m = 1[W₁x > 0], the chain rule gives
    """)
notebook.formula("∂L/∂x = δ + W₁ᵀ (m ⊙ W₂ᵀ δ)")
notebook.prose("""
    The first term is the skip connection: δ arrives at x unchanged, whatever W₁ and W₂ \
    are. Stacking blocks adds such identity paths, so the gradient at the bottom contains \
    the gradient at the top plus corrections, instead of a product of many factors. The \
    library's `ResidualBlock` implements the block (with an outer activation, ReLU by \
    default); its backward pass against central differences:
    """)
do {
    var generator = notebook.generator("residual block check")
    var block = ResidualBlock(width: 6, outputActivation: .identity, weightInitializer: .heNormal, using: &generator)
    let x = Tensor.normal([3, 6], using: &generator)
    let upstream = Tensor.normal([3, 6], using: &generator)
    _ = block.forward(x)
    let analytic = block.backward(upstream)
    let result = checkGradient(label: "∂L/∂x", at: x, analyticGradient: analytic) { (block($0) * upstream).sum() }
    notebook.check("ResidualBlock ∂L/∂x matches central differences (max relative error \(formatNumber(result.maxRelativeError, digits: 1)))",
                   result.passes(tolerance: 1e-6))
}
let residualWidth = 64, residualBlocks = 20
notebook.prose("""
    Now the gradient per layer in two networks built from the same \(2 * residualBlocks) weight \
    matrices of width \(residualWidth), drawn with Xavier's N(0, 1/W), i.e. too small for ReLU: \
    a plain stack of \(2 * residualBlocks) ReLU layers, and \(residualBlocks) residual blocks \
    y = ReLU(W₂ReLU(W₁x) + x). A gradient with N(0, 1) entries enters at the top; we record \
    ‖∂L/∂x‖ at the input of every block (every second layer of the plain stack).
    """)
var residualGenerator = notebook.generator("residual stack")
let residualWeights = (0..<(2 * residualBlocks)).map { _ in
    Initializer.lecunNormal.tensor([residualWidth, residualWidth], using: &residualGenerator)
}
let residualInput = Activation.relu(Tensor.normal([64, residualWidth], using: &residualGenerator))
let residualTop = Tensor.normal([64, residualWidth], using: &residualGenerator)
var plainStack = Sequential(residualWeights.map { Dense(weights: $0, bias: .zeros([residualWidth]), activation: .relu) })
_ = plainStack.forward(residualInput)
var plainNorms: [Double] = []   // ‖∂L/∂x‖ at the input of layers 2k (k = 0 … blocks − 1)
var gradient = residualTop
for l in stride(from: 2 * residualBlocks - 1, through: 0, by: -1) {
    gradient = plainStack.layers[l].backward(gradient)
    if l % 2 == 0 { plainNorms.append(gradient.norm()) }
}
plainNorms.reverse()
var blocks = (0..<residualBlocks).map { k in
    ResidualBlock(inner: Dense(weights: residualWeights[2 * k], bias: .zeros([residualWidth]), activation: .relu),
                  outer: Dense(weights: residualWeights[2 * k + 1], bias: .zeros([residualWidth]), activation: .identity))
}
var signal = residualInput
for k in blocks.indices { signal = blocks[k].forward(signal) }
var residualNorms: [Double] = []
gradient = residualTop
for k in blocks.indices.reversed() {
    gradient = blocks[k].backward(gradient)
    residualNorms.append(gradient.norm())
}
residualNorms.reverse()
var residualPlot = LinePlot(title: "‖∂L/∂x‖ at the input of each block (top gradient ‖δ‖ = \(formatNumber(residualTop.norm(), digits: 1)))",
                            xLabel: "block (1 = input side)", yLabel: "log₁₀ ‖∂L/∂x‖")
let blockNumbers = (1...residualBlocks).map(Double.init)
residualPlot.add("plain stack", x: blockNumbers, y: log10Values(plainNorms))
residualPlot.add("residual blocks", x: blockNumbers, y: log10Values(residualNorms))
notebook.show(residualPlot)
notebook.results([
    "‖δ‖ entering at the top": residualTop.norm(),
    "plain: ‖∂L/∂x‖ at the input": plainNorms[0],
    "residual: ‖∂L/∂x‖ at the input": residualNorms[0],
], digits: 4)
notebook.check("the plain stack's input gradient is over 1000 times smaller than the top gradient",
               plainNorms[0] * 1000 < residualTop.norm())
notebook.check("the residual stack's input gradient is at least as large as the top gradient",
               residualNorms[0] >= residualTop.norm())
notebook.prose("""
    Same weights, same depth: in the plain stack every layer multiplies the gradient by \
    about 1/√2, and \(2 * residualBlocks) layers leave \(formatNumber(plainNorms[0] / residualTop.norm(), digits: 2)) of it (2⁻²⁰ ≈ 1e-6 by the \
    theory). Through the blocks it arrives whole and even grows, by a factor \
    \(formatNumber(residualNorms[0] / residualTop.norm(), digits: 2)) here, because each block adds its branch to the identity path. \
    Real ResNets keep that growth in check with batch normalization or a small initial \
    scale on W₂. The point is structural: a block adds δ back at every step instead of \
    multiplying it by a weight matrix, so depth alone cannot make it vanish.
    """)

// MARK: - 11. Swish

notebook.section("Swish, briefly")
notebook.prose("""
    ReLU is the default, but not the last word. Swish, f(x) = x·σ(x), looks like ReLU far \
    from 0 (σ(x) → 1 on the right, x·σ(x) → 0 on the left) and differs near 0: it is smooth \
    (f′(0) = ½ instead of a jump from 0 to 1) and not monotone, dipping below zero for \
    negative x before rising. Some networks train a little better with it.
    """)
let swishGrid = Tensor.linspace(from: -5, to: 3, count: quick ? 81 : 161).scalars
var swishPlot = LinePlot(title: "Swish and ReLU", xLabel: "x", yLabel: "f(x)")
swishPlot.add("swish x·σ(x)", x: swishGrid, y: swishGrid.map { Activation.swish($0) })
swishPlot.add("ReLU", x: swishGrid, y: swishGrid.map { Activation.relu($0) })
notebook.show(swishPlot)
// The minimum of swish: f′(x) = σ(x)(1 + x(1 − σ(x))) = 0, by Newton's method on f′.
var swishMinimum = -1.0
for _ in 0..<50 {
    let h = 1e-5
    let slope = Activation.swish.derivative(swishMinimum)
    let curvature = (Activation.swish.derivative(swishMinimum + h) - Activation.swish.derivative(swishMinimum - h)) / (2 * h)
    swishMinimum -= slope / curvature
}
notebook.results([
    "swish′(0)": Activation.swish.derivative(0),
    "argmin of swish": swishMinimum,
    "min of swish": Activation.swish(swishMinimum),
], digits: 4)
notebook.check("swish is not monotone: it has a minimum \(formatNumber(Activation.swish(swishMinimum), digits: 4)) < 0 at x = \(formatNumber(swishMinimum, digits: 4))",
               Activation.swish(swishMinimum) < 0 && abs(Activation.swish.derivative(swishMinimum)) < 1e-10)

// MARK: - Recap

notebook.recap([
    "A product of n factors grows or shrinks like exp(n·E[ln X]): the geometric mean decides, not the mean.",
    "Back-propagation multiplies by (wˡ⁺¹)ᵀ and σ′(zˡ) at every layer, so gradients explode or vanish with depth.",
    "σ′ ≤ ¼ and saturates; use ReLUs in the body and a sigmoid at most at the output.",
    "Xavier: Var(w) = 1/W keeps E[yᵢ²] = E[xⱼ²] for a linear layer; √3·U[±1/√W] and N(0, 1/W) both have it.",
    "He: a ReLU halves the second moment of a symmetric input, so ReLU layers need Var(w) = 2/W.",
    "Over 50 ReLU layers He keeps the signal level; with Xavier its second moment falls by 2⁻⁴⁹; N(0, 1) and N(0, 0.01²) are off by about 10¹⁰⁰.",
    "Residual blocks pass δ to their input unchanged, so gradients reach the bottom of deep stacks.",
    "The notes' 8 slips: Adam does not make exploding gradients easy (it rescales tiny ones too), ∂C/∂bⱼ = δⱼ, δ¹ = (w²)ᵀ⋯(wᴸ)ᵀδᴸ, E[x²] not E[x]², mean > 1 is not enough, E‖y‖² = E‖x‖² only for square layers, 1/W is LeCun's scale, ReLU still needs the right weight scale against vanishing gradients.",
])
notebook.exercises(lesson: "Lesson05", [
    "xavierBound — the half-width a of the notes' uniform initialization for a width W",
    "heStandardDeviation — the standard deviation of He's normal initialization",
    "activationVariances — the variance of the activations after every layer of a deep network",
    "residualInputGradient — ∂L/∂x for y = W₂ReLU(W₁x) + x",
])
notebook.finish()
