// Lesson 08 — Optimizers: from gradient descent to Adam, and the notes' own Adam.
//
// Why gradient descent crawls along a narrow valley and how large its step may be; momentum
// as a moving average of gradients and its bias correction; heavy ball and Nesterov; step
// sizes per coordinate (AdaGrad, RMSProp, Adam); the main lecture's variant of Adam, which
// divides by the length of the whole gradient; where ε goes; and what mini-batch noise does to
// all of them on a real network. Run it with `swift run Lesson08`; the exercises are in
// `Exercises/Lesson08.swift`.
//
// Sources: main lecture (seed 000) lines 802–905; Berkeley handouts (seed 003) lines 309–396;
// short course (seed 004) lines 1017–1027.

import Datasets
import Foundation
import LessonRuntime
import NeuralNetworks
import TensorCore

let epochsOption = Option("epochs", default: 12, quick: 4, atLeast: 1, help: "epochs of every digits run")
let notebook = Notebook(
    title: "Lesson 08 · Optimizers: from gradient descent to Adam",
    summary: "Why plain gradient descent crawls along a narrow valley, and how momentum, "
        + "per-coordinate step sizes and Adam (two versions of it) change that.",
    flags: [epochsOption])
let quick = notebook.options.quick
let seed = notebook.options.seed
/// Epochs of every training run of the digits network (section 6); `--epochs 0` is refused while
/// parsing, before anything runs.
let epochs = notebook.options[epochsOption]

/// A generator for one named part of the lesson, derived from `--seed` and the name, so that a
/// section's random numbers do not depend on what ran before it (`Notebook.generator(_:)`).
func stream(_ name: String) -> SeededGenerator { SeededGenerator(seed: seed, stream: name) }

notebook.prose("""
    You will learn: why gradient descent zig-zags across a narrow valley and creeps along \
    it; the largest step that does not blow up (2 divided by the largest curvature); \
    momentum as an average of past gradients, its pull towards zero at the start and how \
    Adam corrects it; heavy ball and Nesterov, tuned by a small search; step sizes per \
    coordinate with AdaGrad, RMSProp and Adam; the main lecture's own Adam, which uses the \
    length of the whole gradient, and what it loses by that; where the ε belongs; and how \
    all of them fare with mini-batch noise on the digits network of Lesson 03.
    """)

// MARK: - 1. A narrow valley

notebook.section("Gradient descent in a narrow valley")
notebook.prose("""
    The Berkeley handout studies the simplest loss on which gradient descent goes wrong, \
    f(x) = a₁x₁² + a₂x₂² with a₂ much larger than a₁. We take a₁ = 1, a₂ = 100 and start \
    at (10, 1). The gradient is (2x₁, 200x₂), and one step of size η multiplies each \
    coordinate by its own factor:
    """)
notebook.formula("""
    x₁ ← (1 − 2η) x₁,      x₂ ← (1 − 200η) x₂
    """)
notebook.prose("""
    The numbers 2 and 200 are the curvatures (the eigenvalues of the Hessian). A coordinate \
    shrinks only when its factor lies strictly between −1 and 1, so the step must satisfy \
    η < 2/200 = 0.01. Just below that bound the steep coordinate x₂ flips sign every step \
    (the factor is near −1: a zig-zag), while the shallow coordinate x₁ shrinks by only \
    1 − 2η ≈ 0.98 per step. The ratio of the curvatures, the condition number κ = 100, is \
    what makes the problem slow: the step is limited by the steepest direction and the \
    progress by the flattest.
    """)

/// The valley f(x) = a₁x₁² + a₂x₂² of the Berkeley handout and its gradient (2a₁x₁, 2a₂x₂).
struct Valley {
    let a1: Double, a2: Double
    func value(_ x: Tensor) -> Double { a1 * x[0] * x[0] + a2 * x[1] * x[1] }
    func gradient(_ x: Tensor) -> Tensor { Tensor([2 * a1 * x[0], 2 * a2 * x[1]]) }
    /// The largest and smallest curvature: the eigenvalues 2a₂ and 2a₁ of the Hessian.
    var curvatures: (largest: Double, smallest: Double) { (2 * max(a1, a2), 2 * min(a1, a2)) }
}

/// How a run on the valley ended.
enum Outcome: Equatable {
    /// f fell below 10⁻⁶ after this many iterations.
    case reached(Int)
    /// f grew beyond 10¹⁰ · f(start) or stopped being a number.
    case diverged
    /// Neither happened within the iteration cap.
    case stalled

    var text: String {
        switch self {
        case .reached(let n): "\(n)"
        case .diverged: "diverges"
        case .stalled: "stalls"
        }
    }
    var iterations: Int? { if case .reached(let n) = self { n } else { nil } }
}

let valley = Valley(a1: 1, a2: 100)
let start: Tensor = [10, 1]
let goal = 1e-6
let iterationCap = 100_000

/// Iterates `step` from (10, 1) until f < 10⁻⁶, divergence, or `iterationCap` iterations.
/// `step` moves the point, given the gradient function (some methods evaluate it elsewhere).
/// The first `keep` iterates (start included) are returned as the path.
func descend(_ valley: Valley, keep: Int = 0,
             _ step: (inout Tensor, (Tensor) -> Tensor) -> Void) -> (outcome: Outcome, path: [Tensor]) {
    var x = start
    var path = keep > 0 ? [x] : []
    let ceiling = 1e10 * valley.value(start)
    for iteration in 1...iterationCap {
        step(&x, valley.gradient)
        if path.count < keep { path.append(x) }
        let f = valley.value(x)
        if !f.isFinite || f > ceiling { return (.diverged, path) }
        if f < goal { return (.reached(iteration), path) }
    }
    return (.stalled, path)
}

/// `descend` with a library optimizer: one parameter tensor, its gradient at the current point.
func descend(_ valley: Valley, keep: Int = 0, using optimizer: some Optimizer) -> (outcome: Outcome, path: [Tensor]) {
    var optimizer = optimizer
    return descend(valley, keep: keep) { x, gradient in
        optimizer.update(&x, gradient: gradient(x), slot: 0)
    }
}

let (largestCurvature, smallestCurvature) = valley.curvatures
let stableLimit = 2 / largestCurvature
notebook.results(["largest curvature 2a₂": largestCurvature, "smallest curvature 2a₁": smallestCurvature,
                  "condition number κ": largestCurvature / smallestCurvature, "largest stable step 2/λmax": stableLimit])

notebook.prose("""
    Now the experiment: for each step size, iterate until f < 10⁻⁶ and count. Because each \
    coordinate evolves on its own, the count can also be predicted exactly: after t steps \
    f = 100(1 − 2η)²ᵗ + 100(1 − 200η)²ᵗ, so the lesson also finds the first t at which that \
    formula drops below 10⁻⁶. The step 2/202 is the one that makes both factors equally \
    large in size (1 − 2η = −(1 − 200η)), the best possible worst factor.
    """)
/// The first t with 100(1 − 2η)²ᵗ + 100(1 − 200η)²ᵗ < 10⁻⁶, from the closed form; nil if none within the cap.
func predictedIterations(step eta: Double) -> Int? {
    let (r1, r2) = ((1 - 2 * eta) * (1 - 2 * eta), (1 - 200 * eta) * (1 - 200 * eta))
    var (p1, p2) = (1.0, 1.0)
    for t in 1...iterationCap {
        p1 *= r1
        p2 *= r2
        if 100 * p1 + 100 * p2 < goal { return t }
        if p2 > 1e10 { return nil }
    }
    return nil
}
let descentSteps: [(label: String, eta: Double)] = [
    ("0.001", 0.001), ("0.002", 0.002), ("0.005", 0.005), ("0.008", 0.008), ("0.009", 0.009),
    ("0.0099", 0.0099), ("2/202", 2.0 / 202), ("0.00999", 0.00999), ("0.01 = 2/λmax", 0.01),
    ("0.0101", 0.0101), ("0.011", 0.011),
]
var descentRows: [[String]] = []
var descentOutcomes: [Double: Outcome] = [:]
var closedFormAgrees = true
for (label, eta) in descentSteps {
    let outcome = descend(valley, using: SGD(learningRate: eta)).outcome
    descentOutcomes[eta] = outcome
    let predicted = predictedIterations(step: eta)
    closedFormAgrees = closedFormAgrees && predicted == outcome.iterations
    descentRows.append([label, formatNumber(1 - 2 * eta, digits: 4), formatNumber(1 - 200 * eta, digits: 4),
                        outcome.text, predicted.map(String.init) ?? "never"])
}
notebook.table(["step η", "factor of x₁", "factor of x₂", "iterations to f < 1e-6", "closed form"],
               rows: descentRows)
notebook.check("every count equals the closed-form prediction", closedFormAgrees)
notebook.check("η = 0.0101, just above 2/λmax, diverges", descentOutcomes[0.0101] == .diverged)
notebook.check("at η = 0.01 exactly, x₂ flips between +1 and −1 for ever, so f stays ≥ 100 (stalls)",
               descentOutcomes[0.01] == .stalled)
let bestDescent = descentSteps.compactMap { step in descentOutcomes[step.eta]?.iterations.map { ($0, step.label) } }.min { $0.0 < $1.0 }!
notebook.check("the fastest step is \(bestDescent.1) (\(bestDescent.0) iterations), below the edge; 0.00999 takes as long as 0.001",
               bestDescent.1 == "0.0099" && descentOutcomes[0.00999] == descentOutcomes[0.001])
notebook.prose("""
    The closer the step is to 0.01, the faster x₁ shrinks, until x₂'s factor approaches −1 \
    and x₂ stops shrinking: at 0.00999 its factor is −0.998, exactly as slow as x₁'s factor \
    0.998 at η = 0.001. The step 2/202 has the smallest worst factor, 99/101 ≈ 0.9802 in \
    size for both coordinates, yet it takes \(descentOutcomes[2.0 / 202]!.text) iterations against \
    \(descentOutcomes[0.0099]!.text) at 0.0099: there both halves of f (100 from x₁, 100 from x₂) \
    shrink at that slowest rate until the end, while at 0.0099 the x₂ half dies out a \
    little faster and only x₁'s half is left to shrink. The best rate in the long run is \
    not always the first across a finish line. The curve below shows the count over a \
    fine grid of steps.
    """)
let stepGrid = (1...39).map { 0.00025 * Double($0) } + [0.0099, 0.00995, 0.00999]
var stepCounts: [Double] = []
for eta in stepGrid {
    stepCounts.append(Double(descend(valley, using: SGD(learningRate: eta)).outcome.iterations ?? iterationCap))
}
var stepPlot = LinePlot(title: "Iterations to f < 1e-6 against the step η",
                        xLabel: "step η", yLabel: "log₁₀ iterations")
stepPlot.add("gradient descent", x: stepGrid, y: stepCounts.map { log10($0) })
notebook.show(stepPlot)

/// Points on the level sets f = c (ellipses), for a contour picture of the valley.
func contour(_ valley: Valley, levels: [Double], points: Int = 90) -> (x: [Double], y: [Double]) {
    var xs: [Double] = [], ys: [Double] = []
    for level in levels {
        for k in 0..<points {
            let angle = 2 * Double.pi * Double(k) / Double(points)
            xs.append((level / valley.a1).squareRoot() * cos(angle))
            ys.append((level / valley.a2).squareRoot() * sin(angle))
        }
    }
    return (xs, ys)
}
let levels = contour(valley, levels: [1, 10, 50, 100, 200])
var descentPicture = ScatterPlot(title: "The valley f = x₁² + 100x₂² (contours f = 1, 10, 50, 100, 200) and 40 steps",
                                 xLabel: "x₁", yLabel: "x₂", width: 76, height: 22, xRange: -11...11, yRange: -1.5...1.5)
descentPicture.add("contours", x: levels.x, y: levels.y)
for (name, eta) in [("η = 0.0099 (zig-zag)", 0.0099), ("η = 0.002 (creeps)", 0.002)] {
    let path = descend(valley, keep: 40, using: SGD(learningRate: eta)).path
    descentPicture.add(name, x: path.map { $0[0] }, y: path.map { $0[1] })
}
notebook.show(descentPicture)

// MARK: - 2. Momentum

notebook.section("Momentum: an average of past gradients")
notebook.prose("""
    The main lecture motivates momentum by noise: a mini-batch gradient is the true \
    gradient plus an error, and since the step is small the true gradient changes slowly, \
    so averaging recent gradients should cancel much of the error. It keeps an exponential \
    moving average v and steps along it:
    """)
notebook.formula("""
    vₜ = β vₜ₋₁ + (1 − β) gₜ,      wₜ₊₁ = wₜ − α vₜ,      v₀ = 0
    """)
notebook.prose("""
    Unrolling the recursion three times shows where every gradient ends up:
    """)
notebook.formula("""
    vₜ = βᵗ v₀ + (1 − β)βᵗ⁻¹ g₁ + (1 − β)βᵗ⁻² g₂ + … + (1 − β) gₜ
    """)
notebook.prose("""
    All the weights are positive and, with v₀ included, they add up to one: vₜ is a convex \
    combination of v₀ and the gradients, with weights that fall off geometrically into the \
    past. The weights of the gradients alone add up to 1 − βᵗ, so with v₀ = 0 the average \
    is too small at first. With β = 0.9:
    """)
let beta = 0.9
var weightRows: [[String]] = []
var weightSumsMatch = true
for t in [1, 2, 3, 5, 10, 20, 50, 100] {
    // The weights (1 − β)βᵗ⁻ⁱ of g₁ … gₜ, added one by one, against the closed form 1 − βᵗ.
    let sum = (1...t).reduce(0.0) { $0 + (1 - beta) * pow(beta, Double(t - $1)) }
    weightSumsMatch = weightSumsMatch && abs(sum - (1 - pow(beta, Double(t)))) < 1e-12
    weightRows.append(["\(t)", formatNumber(sum, digits: 6), formatNumber(pow(beta, Double(t)), digits: 6)])
}
notebook.table(["t", "weight on g₁ … gₜ", "weight βᵗ left on v₀"], rows: weightRows)
notebook.check("the gradients' weights add up to 1 − βᵗ at every t shown", weightSumsMatch)
notebook.slip("v is an average of the gradients alone",
     notes: "vₜ is a convex combination of all the gradients", at: .notes("000", 829),
     correct: "of v₀ and the gradients; the gradients' weights sum to 1 − βᵗ",
     why: """
        With v₀ = 0 the weights of g₁ … gₜ add up to 1 − βᵗ (0.1 at t = 1, 0.651 at \
        t = 10), not 1, as the notes themselves say five lines later (000:834). The \
        missing weight sits on v₀ = 0, which is exactly the bias towards zero.
        """)
notebook.prose("""
    There are three ways to live with the bias. Ignore it; it fades as βᵗ → 0. Start the \
    average at the first gradient, v₁ = g₁, which the lecturer says he would do. Or divide \
    by the missing weight, v̂ₜ = vₜ/(1 − βᵗ), which is what Adam's authors chose. With a \
    constant gradient g = 1 every step should be one unit; the library's \
    `AveragedMomentum` with each start rule gives these steps (divided by α):
    """)
var constantRows: [[String]] = []
var biasedSteps: [Double] = [], correctedSteps: [Double] = [], firstGradientSteps: [Double] = []
var averagers = ([.zero, .biasCorrected, .firstGradient] as [AveragedMomentum.Start]).map {
    AveragedMomentum(learningRate: 1, beta: beta, start: $0)
}
var positions = [Tensor([0.0]), Tensor([0.0]), Tensor([0.0])]
for t in 1...10 {
    var steps: [Double] = []
    for k in 0..<3 {
        let before = positions[k][0]
        averagers[k].update(&positions[k], gradient: Tensor([1.0]), slot: 0)
        steps.append(before - positions[k][0])
    }
    biasedSteps.append(steps[0])
    correctedSteps.append(steps[1])
    firstGradientSteps.append(steps[2])
    if [1, 2, 3, 5, 10].contains(t) {
        constantRows.append(["\(t)"] + steps.map { formatNumber($0, digits: 6) })
    }
}
notebook.table(["t", "v₀ = 0", "v̂ = v/(1 − βᵗ)", "v₁ = g₁"], rows: constantRows)
notebook.check("uncorrected steps are 1 − 0.9ᵗ (0.1, 0.19, 0.271, …)",
               biasedSteps.indices.allSatisfy { abs(biasedSteps[$0] - (1 - pow(0.9, Double($0 + 1)))) < 1e-12 })
notebook.check("bias-corrected and first-gradient steps are 1 at every t (to 1e-12)",
               (correctedSteps + firstGradientSteps).allSatisfy { abs($0 - 1) < 1e-12 })

notebook.prose("""
    How much noise does the average remove? Feed it g = 1 + z with z standard normal. Once \
    the start is forgotten, vₜ has variance (1 − β)²(1 + β² + β⁴ + …) = (1 − β)/(1 + β), so its \
    standard deviation is √(0.1/1.9) ≈ 0.229 instead of 1. Measured over 4,000 independent \
    runs of 100 steps:
    """)
var noiseGenerator = stream("momentum noise")
var averagedValues: [Double] = []
for _ in 0..<4_000 {
    var v = 0.0
    for _ in 0..<100 { v = beta * v + (1 - beta) * (1 + noiseGenerator.normal()) }
    averagedValues.append(v)
}
let averaged = MonteCarloEstimate(averagedValues)  // mean and sample standard deviation
let averagedMean = averaged.mean, averagedSpread = averaged.standardDeviation
notebook.results(["mean of v₁₀₀": averagedMean, "standard deviation of v₁₀₀": averagedSpread,
                  "√((1 − β)/(1 + β))": ((1 - beta) / (1 + beta)).squareRoot()], digits: 4)
notebook.check("the measured spread is within 5 % of 0.229", abs(averagedSpread / ((1 - beta) / (1 + beta)).squareRoot() - 1) < 0.05)

notebook.prose("""
    The same method appears in three notations in the sources. The Berkeley handout \
    (003:365) sums without the factor 1 − β: vₜ = m vₜ₋₁ + ∇L, θ ← θ − α vₜ, which it calls \
    the heavy-ball method. The short course's table (004:1022) writes it with positions \
    only: wₜ₊₁ = wₜ + μ(wₜ − wₜ₋₁) − η∇. And the lecture's average is the handout's sum \
    scaled by 1 − β, so step α on the average equals step α(1 − β) on the sum. Run all \
    three for 60 steps on the valley (β = m = μ = 0.9, handout step 0.001):
    """)
let heavyStep = 0.001, heavyMomentum = 0.9
var handoutForm = Momentum(learningRate: heavyStep, momentum: heavyMomentum)
var lectureForm = AveragedMomentum(learningRate: heavyStep / (1 - heavyMomentum), beta: heavyMomentum, start: .zero)
var (handoutPoint, lecturePoint, tablePoint, tablePrevious) = (start, start, start, start)
var largestGap = 0.0
for _ in 0..<60 {
    handoutForm.update(&handoutPoint, gradient: valley.gradient(handoutPoint), slot: 0)
    lectureForm.update(&lecturePoint, gradient: valley.gradient(lecturePoint), slot: 0)
    // 004:1022 on the page: wₜ₊₁ = wₜ + μ(wₜ − wₜ₋₁) − η∇f(wₜ), with w₋₁ = w₀.
    let next = tablePoint + heavyMomentum * (tablePoint - tablePrevious) - heavyStep * valley.gradient(tablePoint)
    (tablePrevious, tablePoint) = (tablePoint, next)
    largestGap = max(largestGap, (handoutPoint - lecturePoint).norm(), (handoutPoint - tablePoint).norm())
}
notebook.result("largest distance between the three paths", largestGap, digits: 15)
notebook.check("the three notations give the same iterates (to 1e-12)", largestGap < 1e-12)
notebook.prose("""
    The table credits this method to Qian (1999); it is older. Polyak introduced the heavy \
    ball in 1964, and Qian's paper analyses it. Note also that the handout's vₜ is a \
    weighted sum, not an average: its weights add up to 1/(1 − m), ten times the \
    gradient for m = 0.9, which is why its steps are ten times smaller than the lecture's.
    """)

notebook.prose("""
    Why does it help in the valley? Along x₁ the gradients all point the same way and add \
    up, so the steps grow up to 1/(1 − m) times; along x₂ they alternate in sign and \
    cancel. A small search over the step α and the momentum m (heavy ball, the handout's \
    form), counting iterations to f < 10⁻⁶:
    """)
let searchSteps = [0.001, 0.002, 0.003, 0.005, 0.01, 0.015, 0.02]
let searchMomenta = [0.5, 0.7, 0.8, 0.9, 0.95]
/// Runs a grid of (step, momentum) settings and prints the table; returns the best setting.
@MainActor
func gridSearch(_ name: String, _ run: (Double, Double) -> Outcome) -> (iterations: Int, step: Double, momentum: Double)? {
    var rows: [[String]] = []
    var best: (iterations: Int, step: Double, momentum: Double)?
    for step in searchSteps {
        var row = [formatNumber(step)]
        for momentum in searchMomenta {
            let outcome = run(step, momentum)
            row.append(outcome.text)
            if let n = outcome.iterations, n < best?.iterations ?? .max { best = (n, step, momentum) }
        }
        rows.append(row)
    }
    notebook.table(["\(name): step ↓ momentum →"] + searchMomenta.map { formatNumber($0) }, rows: rows)
    return best
}
let heavyBest = gridSearch("heavy ball") { step, momentum in
    descend(valley, using: Momentum(learningRate: step, momentum: momentum)).outcome
}!
notebook.result("best heavy ball", "\(heavyBest.iterations) iterations at α = \(formatNumber(heavyBest.step)), m = \(formatNumber(heavyBest.momentum))")
let polyakStep = 4 / pow(largestCurvature.squareRoot() + smallestCurvature.squareRoot(), 2)
let rootKappa = (largestCurvature / smallestCurvature).squareRoot()
let polyakMomentum = pow((rootKappa - 1) / (rootKappa + 1), 2)
let polyakOutcome = descend(valley, using: Momentum(learningRate: polyakStep, momentum: polyakMomentum)).outcome
notebook.formula("Polyak's tuning:  α = 4/(√λmax + √λmin)²,   m = ((√κ − 1)/(√κ + 1))²")
notebook.result("Polyak's tuning", "α = \(formatNumber(polyakStep, digits: 5)), m = \(formatNumber(polyakMomentum, digits: 4)): \(polyakOutcome.text) iterations")
notebook.check("the best heavy ball needs at least 5 times fewer iterations than the best plain step (\(bestDescent.0))",
               heavyBest.iterations * 5 <= bestDescent.0)
notebook.prose("""
    Polyak's formula gives the fastest rate in the long run, \
    (√κ − 1)/(√κ + 1) = 9/11 per step against 99/101 for gradient descent; over the first \
    few dozen steps a setting from the grid can still cross the finish line earlier. One \
    cell sits exactly on the edge of stability: α = 0.015, m = 0.5 puts an eigenvalue of \
    the iteration at −1, and it never settles.
    """)

notebook.prose("""
    Nesterov's method computes the gradient not at wₜ but where the momentum is about to \
    carry it, wₜ + μvₜ, and so corrects an overshoot one step earlier. In the form of \
    Sutskever, Martens, Dahl and Hinton (2013), which the short course's table intends:
    """)
notebook.formula("""
    vₜ₊₁ = μ vₜ − η ∇f(wₜ + μ vₜ),      wₜ₊₁ = wₜ + vₜ₊₁
    """)
notebook.prose("""
    The library's `NesterovLookAhead` hands out the look-ahead point, and the caller \
    evaluates the gradient there. `Momentum(nesterov: true)` is the same method written in \
    the variable φ = w + μv, which needs only the gradient at its own parameters (the form \
    deep-learning libraries use); its iterates should be exactly the look-ahead points. \
    Checked over 200 steps at η = 0.003, μ = 0.9:
    """)
var lookAheadForm = NesterovLookAhead(learningRate: 0.003, momentum: 0.9)
var shiftedForm = Momentum(learningRate: 0.003, momentum: 0.9, nesterov: true)
var (lookAheadPoint, shiftedPoint) = (start, start)
var nesterovGap = 0.0
for _ in 0..<200 {
    let ahead = lookAheadForm.lookAhead(lookAheadPoint, slot: 0)
    lookAheadForm.update(&lookAheadPoint, gradient: valley.gradient(ahead), slot: 0)
    shiftedForm.update(&shiftedPoint, gradient: valley.gradient(shiftedPoint), slot: 0)
    nesterovGap = max(nesterovGap, (lookAheadForm.lookAhead(lookAheadPoint, slot: 0) - shiftedPoint).norm())
}
notebook.result("largest |(w + μv) − φ| over 200 steps", nesterovGap, digits: 15)
notebook.check("the library's shifted form follows Sutskever's look-ahead points (to 1e-12)", nesterovGap < 1e-12)
let nesterovBest = gridSearch("Nesterov (look-ahead)") { step, momentum in
    var optimizer = NesterovLookAhead(learningRate: step, momentum: momentum)
    return descend(valley) { x, gradient in
        let ahead = optimizer.lookAhead(x, slot: 0)
        optimizer.update(&x, gradient: gradient(ahead), slot: 0)
    }.outcome
}!
notebook.result("best Nesterov", "\(nesterovBest.iterations) iterations at η = \(formatNumber(nesterovBest.step)), μ = \(formatNumber(nesterovBest.momentum))")
let shiftedAtBest = descend(valley, using: Momentum(learningRate: nesterovBest.step, momentum: nesterovBest.momentum,
                                                    nesterov: true)).outcome
notebook.result("library form at the same setting (it measures f at φ)", shiftedAtBest.text)

notebook.prose("""
    The short course's table prints Nesterov's method differently (004:1023): \
    wₜ₊₁ = wₜ + vₜ and vₜ₊₁ = μvₜ − η∇ℓ(wₜ − μvₜ). The gradient is taken behind the point \
    instead of ahead of it, and the position moves with the old velocity, so every \
    gradient reaches w one step late. Written out as printed, on the same grid:
    """)
let printedNesterovBest = gridSearch("004:1023 as printed") { step, momentum in
    var velocity = Tensor.zeros([2])
    return descend(valley) { w, gradient in
        let behind = w - momentum * velocity
        w = w + velocity                                        // wₜ₊₁ = wₜ + vₜ
        velocity = momentum * velocity - step * gradient(behind) // vₜ₊₁ = μvₜ − η∇ℓ(wₜ − μvₜ)
    }.outcome
}
notebook.slip("Nesterov's look-ahead",
     notes: "wᵗ⁺¹ = wᵗ + vₜ;  vₜ₊₁ = μvₜ − η∇ℓ(wᵗ − μvₜ)", at: .notes("004", 1023),
     correct: "vₜ₊₁ = μvₜ − η∇f(wₜ + μvₜ);  wₜ₊₁ = wₜ + vₜ₊₁",
     why: """
        The look-ahead point has the wrong sign and the position uses the old velocity. \
        As printed, the method reaches f < 10⁻⁶ in \
        \(printedNesterovBest.map { "\($0.iterations) iterations at best (η = \(formatNumber($0.step)), μ = \(formatNumber($0.momentum)))" } ?? "none of the settings") \
        and diverges in most cells of the grid; the right form needs \(nesterovBest.iterations).
        """)

// MARK: - 3. A step size for every coordinate

notebook.section("A step size for every coordinate: AdaGrad, RMSProp, Adam")
notebook.prose("""
    Momentum still uses one step size for both coordinates, and the steep one dictates it. \
    The other cure is to give each coordinate its own step: divide its gradient by a \
    running measure sₖ of how large that coordinate's gradients have been. In the valley \
    x₂'s gradients are 100 times larger than x₁'s, so x₂ gets a step 100 times smaller and \
    the two coordinates move at comparable speeds. The three classic rules, per coordinate \
    k (ε = 10⁻⁸ guards the division):
    """)
notebook.formula("""
    AdaGrad (Duchi et al. 2011):  sₖ ← sₖ + gₖ²
                                  θₖ ← θₖ − η gₖ / (√sₖ + ε)
    RMSProp (Hinton 2012):        sₖ ← ρ sₖ + (1 − ρ) gₖ²
                                  θₖ ← θₖ − η gₖ / (√sₖ + ε)
    Adam (Kingma and Ba 2015):    mₖ ← β₁mₖ + (1 − β₁) gₖ,   m̂ₖ = mₖ / (1 − β₁ᵗ)
                                  vₖ ← β₂vₖ + (1 − β₂) gₖ²,  v̂ₖ = vₖ / (1 − β₂ᵗ)
                                  θₖ ← θₖ − α m̂ₖ / (√v̂ₖ + ε)
    """)
notebook.prose("""
    AdaGrad's sum only grows, so its steps shrink for ever; RMSProp replaces the sum by a \
    moving average so the step can recover; Adam is RMSProp's denominator with momentum's \
    bias-corrected average on top (the paper's defaults: α = 10⁻³, β₁ = 0.9, β₂ = 0.999, \
    ε = 10⁻⁸). Below, each rule is also written out on the page, coordinate by coordinate, \
    and run for 300 steps on the valley beside the library's optimizer of the same name:
    """)
/// Runs a written-out rule and a library optimizer side by side on the valley for `steps`
/// steps and returns the largest distance between their points.
func largestDifference(_ steps: Int, library: some Optimizer,
                       writtenOut: (inout [Double], [Double], Int) -> Void) -> Double {
    var optimizer = library
    var (point, plain) = (start, start.scalars)
    var gap = 0.0
    for t in 1...steps {
        optimizer.update(&point, gradient: valley.gradient(point), slot: 0)
        writtenOut(&plain, valley.gradient(Tensor(plain)).scalars, t)
        gap = max(gap, (point - Tensor(plain)).norm())
    }
    return gap
}
let (adaStep, rmsStep, rho, adamStep, beta1, beta2, epsilon) = (0.5, 0.01, 0.9, 0.1, 0.9, 0.999, 1e-8)
var adaSum = [0.0, 0.0]
let adaGap = largestDifference(300, library: AdaGrad(learningRate: adaStep, epsilon: epsilon)) { theta, g, _ in
    for k in 0..<2 {
        adaSum[k] += g[k] * g[k]
        theta[k] -= adaStep * g[k] / (adaSum[k].squareRoot() + epsilon)
    }
}
var rmsAverage = [0.0, 0.0]
let rmsGap = largestDifference(300, library: RMSProp(learningRate: rmsStep, decay: rho, epsilon: epsilon)) { theta, g, _ in
    for k in 0..<2 {
        rmsAverage[k] = rho * rmsAverage[k] + (1 - rho) * g[k] * g[k]
        theta[k] -= rmsStep * g[k] / (rmsAverage[k].squareRoot() + epsilon)
    }
}
var (adamM, adamV) = ([0.0, 0.0], [0.0, 0.0])
let adamGap = largestDifference(300, library: Adam(learningRate: adamStep, beta1: beta1, beta2: beta2, epsilon: epsilon)) { theta, g, t in
    for k in 0..<2 {
        adamM[k] = beta1 * adamM[k] + (1 - beta1) * g[k]
        adamV[k] = beta2 * adamV[k] + (1 - beta2) * g[k] * g[k]
        let mHat = adamM[k] / (1 - pow(beta1, Double(t))), vHat = adamV[k] / (1 - pow(beta2, Double(t)))
        theta[k] -= adamStep * mHat / (vHat.squareRoot() + epsilon)
    }
}
notebook.results(["AdaGrad (η = 0.5): largest difference": adaGap, "RMSProp (η = 0.01, ρ = 0.9)": rmsGap,
                  "Adam (α = 0.1)": adamGap], digits: 15)
notebook.check("each written-out rule matches the library's optimizer over 300 steps (to 1e-12)",
               max(adaGap, rmsGap, adamGap) < 1e-12)

notebook.prose("""
    The first step shows the idea at once. From (10, 1) the gradient is (20, 200). Gradient \
    descent moves x₂ ten times further than x₁. AdaGrad's first step is η gₖ/|gₖ|: the same \
    length η in both coordinates. Adam's is α m̂/√v̂ = α gₖ/|gₖ|: also α in each. RMSProp's \
    first average holds only (1 − ρ)g², so its first step is η/√0.1 ≈ 3.16 η per coordinate.
    """)
/// The change of the point after one step of `optimizer` from (10, 1), divided by `scale`.
func firstStep(_ optimizer: some Optimizer, scale: Double) -> [Double] {
    var optimizer = optimizer
    var point = start
    optimizer.update(&point, gradient: valley.gradient(point), slot: 0)
    return ((start - point) / scale).scalars
}
let firstSteps: [(String, [Double])] = [
    ("gradient descent, η = 0.001", firstStep(SGD(learningRate: 0.001), scale: 0.001)),
    ("AdaGrad, η = 0.001", firstStep(AdaGrad(learningRate: 0.001), scale: 0.001)),
    ("RMSProp, η = 0.001", firstStep(RMSProp(learningRate: 0.001), scale: 0.001)),
    ("Adam, α = 0.001", firstStep(Adam(learningRate: 0.001), scale: 0.001)),
]
notebook.table(["first step from (10, 1)", "Δx₁ / step size", "Δx₂ / step size"],
               rows: firstSteps.map { [$0.0, formatNumber($0.1[0], digits: 6), formatNumber($0.1[1], digits: 6)] })
notebook.check("AdaGrad's and Adam's first steps have length ≈ the step size in each coordinate (to 1e-6)",
               (firstSteps[1].1 + firstSteps[3].1).allSatisfy { abs($0 - 1) < 1e-6 })
notebook.check("RMSProp's first step is 1/√(1 − ρ) = 3.1623 step sizes per coordinate",
               firstSteps[2].1.allSatisfy { abs($0 - 1 / 0.1.squareRoot()) < 1e-6 })

notebook.prose("""
    Now the race on the valley, over a few step sizes each (ρ = 0.9; Adam with β₁ = 0.9, \
    β₂ = 0.999):
    """)
let adaptiveSteps = [0.001, 0.01, 0.1, 1, 3]
var adaptiveRows: [[String]] = []
var adaptiveOutcomes: [String: [Outcome]] = [:]
for (name, make) in [("AdaGrad", { AdaGrad(learningRate: $0) as any Optimizer }),
                     ("RMSProp", { RMSProp(learningRate: $0) as any Optimizer }),
                     ("Adam", { Adam(learningRate: $0) as any Optimizer })] as [(String, (Double) -> any Optimizer)] {
    let outcomes = adaptiveSteps.map { descend(valley, using: make($0)).outcome }
    adaptiveOutcomes[name] = outcomes
    adaptiveRows.append([name] + outcomes.map(\.text))
}
notebook.table(["method ↓ step →"] + adaptiveSteps.map { formatNumber($0) }, rows: adaptiveRows)
notebook.check("RMSProp stalls at every step size tried", adaptiveOutcomes["RMSProp"]!.allSatisfy { $0 == .stalled })
notebook.check("Adam with the paper's α = 10⁻³ needs more than 10⁴ iterations",
               (adaptiveOutcomes["Adam"]![0].iterations ?? 0) > 10_000)
// Where RMSProp ends up: the smallest f over its last 1,000 of 20,000 steps, for two step sizes.
var rmsFloors: [Double] = []
for eta in [0.001, 0.01] {
    var optimizer = RMSProp(learningRate: eta)
    var point = start, floor = Double.infinity
    for t in 1...20_000 {
        optimizer.update(&point, gradient: valley.gradient(point), slot: 0)
        if t > 19_000 { floor = min(floor, valley.value(point)) }
    }
    rmsFloors.append(floor)
}
notebook.results(["RMSProp η = 0.001: lowest f in steps 19,001–20,000": rmsFloors[0],
                  "RMSProp η = 0.01: lowest f in steps 19,001–20,000": rmsFloors[1]], digits: 8)
notebook.check("RMSProp's floor grows like η²: ten times the step, \(formatNumber(rmsFloors[1] / rmsFloors[0], digits: 1)) times the floor",
               (50...200).contains(rmsFloors[1] / rmsFloors[0]))
notebook.check("AdaGrad at η = 3 (\(adaptiveOutcomes["AdaGrad"]![4].text) iterations) beats the best heavy ball (\(heavyBest.iterations))",
               (adaptiveOutcomes["AdaGrad"]![4].iterations ?? .max) < heavyBest.iterations)
notebook.prose("""
    Three lessons in one table. Adam's step is about α per coordinate whatever the size of \
    the gradient, so with α = 10⁻³ it needs at least 10,000 steps just to travel the \
    distance 10 along x₁: its default suits networks, where weights move by little, not \
    this problem. RMSProp has no momentum to cancel the zig-zag and its steps do not \
    shrink near the minimum, since g/√s stays near ±1 when the gradient is steady in \
    size: it ends up rattling around the minimum at a distance of about one step, and f \
    stays above 10⁻⁶, at a floor that grows like η². AdaGrad's shrinking \
    steps are what let it finish, and with a large η it is the fastest of all here.
    """)

notebook.prose("""
    The short course's table writes Adam in one line (004:1026) as \
    M⁽ᵐ⁾ₜ = [βₘM⁽ᵐ⁾ₜ₋₁ + (1 − βₘ)gᵐ]/(1 − βₘᵗ) for m = 1, 2 and a step η M⁽¹⁾/√(M⁽²⁾ + ε). \
    The bias correction has moved inside the recursion, so the corrected value is \
    carried to the next step and corrected again. Feed both versions a constant gradient \
    g = 1, for which the right answer is M⁽¹⁾ = M⁽²⁾ = 1 and a step of exactly one α:
    """)
var (tableFirst, tableSecond) = (0.0, 0.0)
var kbAdam = Adam(learningRate: 1)
var kbPoint = Tensor([0.0])
var tableRows: [[String]] = []
var tableStepRatios: [Int: Double] = [:], kbRatios: [Double] = []
var peakFirst = (value: 0.0, step: 0), overflowStep: Int?
for t in 1...400 {
    // 004:1026 as printed: the corrected value is fed back.
    tableFirst = (beta1 * tableFirst + (1 - beta1) * 1) / (1 - pow(beta1, Double(t)))
    tableSecond = (beta2 * tableSecond + (1 - beta2) * 1) / (1 - pow(beta2, Double(t)))
    let tableRatio = tableFirst / (tableSecond + epsilon).squareRoot()
    tableStepRatios[t] = tableRatio
    if tableFirst > peakFirst.value { peakFirst = (tableFirst, t) }
    if overflowStep == nil && tableSecond == .infinity { overflowStep = t }
    let before = kbPoint[0]
    kbAdam.update(&kbPoint, gradient: Tensor([1.0]), slot: 0)
    kbRatios.append(before - kbPoint[0])
    if [1, 2, 3, 5, 10, 20].contains(t) {
        tableRows.append(["\(t)", formatNumber(tableFirst, digits: 4), String(format: "%.4g", tableSecond),
                          String(format: "%.4g", tableRatio), formatNumber(kbRatios.last!, digits: 6)])
    }
}
notebook.table(["t", "M⁽¹⁾ as printed", "M⁽²⁾ as printed", "step/η as printed", "Kingma–Ba step/α"], rows: tableRows)
notebook.results(["largest M⁽¹⁾ as printed": peakFirst.value, "reached at t": Double(peakFirst.step),
                  "t at which M⁽²⁾ overflows to ∞": Double(overflowStep ?? 0)], digits: 1)
notebook.check("Kingma–Ba's step stays 1 for 400 steps (to 1e-7, the effect of ε)",
               kbRatios.allSatisfy { abs($0 - 1) < 1e-7 })
notebook.check("as printed, the step collapses: below 10⁻⁷ of its size by t = 10, and 0 once M⁽²⁾ overflows",
               tableStepRatios[10]! < 1e-7 && tableStepRatios[400]! == 0)
notebook.slip("Adam's bias correction",
     notes: "M⁽ᵐ⁾ₜ = [βₘM⁽ᵐ⁾ₜ₋₁ + (1 − βₘ)gᵐ] / (1 − βₘᵗ)", at: .notes("004", 1026),
     correct: "mₜ = β₁mₜ₋₁ + (1 − β₁)g, m̂ₜ = mₜ/(1 − β₁ᵗ) (likewise v)",
     why: """
        The corrected moments must not be fed back: as printed a constant gradient makes \
        M⁽¹⁾ climb to \(formatNumber(peakFirst.value, digits: 0)) at t = \(peakFirst.step) and M⁽²⁾ overflow at \
        t = \(overflowStep ?? 0), and the optimizer freezes.
        """)
notebook.slip("where Adam's ε goes",
     notes: "η M⁽¹⁾ / √(M⁽²⁾ + ε)", at: .notes("004", 1026),
     correct: "α m̂ / (√v̂ + ε)   (Kingma and Ba, Algorithm 1)",
     why: """
        Inside the root ε = 10⁻⁸ acts on gradients of size √ε = 10⁻⁴, ten thousand times \
        larger than intended; section 5 shows what that changes.
        """)
notebook.prose("""
    Two smaller points in the same table. RMSProp's line (004:1025) writes the old \
    average as A′ₜ₋₁ without the coordinate index i; it must be A′ᵢ,ₜ₋₁, one average per \
    coordinate, or the method is no longer per coordinate. And the table puts ε inside the \
    root for AdaGrad and RMSProp too; Duchi et al. add it outside. For those two the \
    difference is invisible at these gradient sizes.
    """)
notebook.slip("RMSProp's average per coordinate",
     notes: "A′ᵢ,ₜ = β·A′ₜ₋₁ + (1 − β)(∇wᵢ)²", at: .notes("004", 1025),
     correct: "A′ᵢ,ₜ = β·A′ᵢ,ₜ₋₁ + (1 − β)(∇wᵢ)²",
     why: "the index i is missing from the previous average.")

// MARK: - 4. The lecture's own Adam

notebook.section("The main lecture's Adam: one length for the whole gradient")
notebook.prose("""
    The main lecture reaches Adam by a different road. Besides averaging out noise, it \
    wants steps that are neither huge when the gradient is huge nor tiny when a saturated \
    unit makes it tiny, so it divides the averaged gradient by the gradient's length. Its \
    version (000:887–900), with the start values written v₀ and q₀:
    """)
notebook.formula("""
    vₜ = β₁vₜ₋₁ + (1 − β₁) gₜ,        v̂ₜ = vₜ / (1 − β₁ᵗ)
    qₜ = β₂qₜ₋₁ + (1 − β₂) ‖gₜ‖²,      q̂ₜ = qₜ / (1 − β₂ᵗ)
    wₜ₊₁ = wₜ − α v̂ₜ / √(q̂ₜ + ε)
    """)
notebook.compare("β₁", notes: 0.9, at: .notes("000", 902), computed: NormAdam().beta1, tolerance: 0)
notebook.compare("β₂", notes: 0.999, at: .notes("000", 902), computed: NormAdam().beta2, tolerance: 0)
notebook.prose("""
    The difference from Kingma and Ba is q: one number, the average squared length of the \
    whole gradient, where Adam keeps one average of gₖ² per coordinate. Every coordinate is \
    divided by the same √q̂, so the direction of the step is momentum's direction; only \
    its length is normalised. The first step from (10, 1) makes this concrete: v̂₁ = g₁ = \
    (20, 200) and q̂₁ = ‖g₁‖² = 40,400, so the step is α(20, 200)/201.0 = α(0.0995, 0.995), \
    the direction of gradient descent, where Kingma–Ba Adam steps α(1, 1).
    """)
var notesAdam = NormAdam(learningRate: 1)
var notesPoint = start
notesAdam.update(&notesPoint, gradient: valley.gradient(notesPoint), slot: 0)
let notesFirstStep = start - notesPoint
notebook.result("first step of the lecture's Adam, α = 1", notesFirstStep, digits: 6)
notebook.check("it is g₁/‖g₁‖ = (20, 200)/√40400 (to 1e-9)",
               abs(notesFirstStep[0] - 20 / 40400.0.squareRoot()) < 1e-9 && abs(notesFirstStep[1] - 200 / 40400.0.squareRoot()) < 1e-9)
notebook.slip("the start values",
     notes: "Initialize vₜ = 0, qₜ = 0", at: .notes("000", 887), correct: "v₀ = 0, q₀ = 0",
     why: "the recursion starts from the values at time 0, as 000:811 writes for plain momentum.")
notebook.slip("the name",
     notes: "this is ADAM (one scalar q = average of ‖g‖²)", at: .notes("000", 885),
     correct: "Adam averages gₖ² per coordinate",
     why: """
        With a single q the method is momentum with a normalised step length; the \
        per-coordinate scaling that the Berkeley handout credits Adam with (003:392, from \
        RMSProp) is gone. The comparisons below measure what that costs.
        """)

notebook.prose("""
    Where does per-coordinate scaling matter? Change the valley's steepness: \
    f = x₁² + κx₂² with κ = 1 (round), 100 (our valley) and 10,000, from (10, 1). For each, \
    the best α of {0.01, 0.1, 0.3, 1, 3} for both versions of Adam, and gradient descent \
    at its best step 2/(2 + 2κ):
    """)
let adamRates = [0.01, 0.1, 0.3, 1, 3]
var conditionRows: [[String]] = []
var conditionResults: [(kappa: Double, kingmaBa: Int, lecture: Int, descent: Int, kingmaBaRate: Double, lectureRate: Double)] = []
/// The smallest iteration count over the step sizes, with the step that achieved it.
func bestOver(_ rates: [Double], _ run: (Double) -> Outcome) -> (iterations: Int, rate: Double)? {
    rates.compactMap { rate in run(rate).iterations.map { ($0, rate) } }.min { $0.0 < $1.0 }
}
for kappa in [1.0, 100, 10_000] {
    let bowl = Valley(a1: 1, a2: kappa)
    let kingmaBa = bestOver(adamRates) { descend(bowl, using: Adam(learningRate: $0)).outcome }!
    let lecture = bestOver(adamRates) { descend(bowl, using: NormAdam(learningRate: $0)).outcome }!
    let descent = descend(bowl, using: SGD(learningRate: 2 / (2 + 2 * kappa))).outcome
    conditionResults.append((kappa, kingmaBa.iterations, lecture.iterations, descent.iterations ?? iterationCap,
                              kingmaBa.rate, lecture.rate))
    conditionRows.append([formatNumber(kappa), "\(kingmaBa.iterations) (α = \(formatNumber(kingmaBa.rate)))",
                          "\(lecture.iterations) (α = \(formatNumber(lecture.rate)))", descent.text])
}
notebook.table(["κ", "Kingma–Ba Adam", "lecture's Adam", "gradient descent"], rows: conditionRows)
notebook.check("from κ = 1 to 10⁴, Kingma–Ba Adam's best count grows by less than 2×",
               conditionResults[2].kingmaBa < 2 * conditionResults[0].kingmaBa)
notebook.check("the lecture's Adam needs over 10× more iterations at κ = 10⁴ than at κ = 1",
               conditionResults[2].lecture > 10 * conditionResults[0].lecture)
notebook.prose("""
    In the round bowl the two are alike (there is nothing to rescale). As the valley \
    narrows, the lecture's version slows down with gradient descent, while Kingma–Ba's \
    hardly notices: dividing each coordinate by its own gradient size undoes the \
    difference in curvature. The picture shows the first 60 steps of four methods on our \
    valley, each at its best setting from the tables above.
    """)
var racePicture = ScatterPlot(title: "First 60 steps on f = x₁² + 100x₂² from (10, 1)", xLabel: "x₁", yLabel: "x₂",
                              width: 76, height: 22, xRange: -11...11, yRange: -1.5...1.5)
racePicture.add("contours", x: levels.x, y: levels.y)
let racers: [(String, any Optimizer)] = [
    ("gradient descent η = 0.0099", SGD(learningRate: 0.0099)),
    ("heavy ball (best)", Momentum(learningRate: heavyBest.step, momentum: heavyBest.momentum)),
    ("Kingma–Ba Adam α = \(formatNumber(conditionResults[1].kingmaBaRate))", Adam(learningRate: conditionResults[1].kingmaBaRate)),
    ("lecture's Adam α = \(formatNumber(conditionResults[1].lectureRate))", NormAdam(learningRate: conditionResults[1].lectureRate)),
]
for (name, optimizer) in racers {
    let path = descend(valley, keep: 60, using: optimizer).path
    racePicture.add(name, x: path.map { $0[0] }, y: path.map { $0[1] })
}
notebook.show(racePicture)

notebook.prose("""
    All the methods on our valley (κ = 100) side by side, each at the best setting this \
    lesson tried for it:
    """)
/// The best entry of a row of the adaptive-methods table, as "iterations (step)".
@MainActor
func bestAdaptive(_ name: String) -> (text: String, setting: String) {
    let outcomes = adaptiveOutcomes[name]!
    guard let k = outcomes.indices.filter({ outcomes[$0].iterations != nil })
        .min(by: { outcomes[$0].iterations! < outcomes[$1].iterations! }) else {
        return ("stalls", "every step tried")
    }
    return (outcomes[k].text, "step \(formatNumber(adaptiveSteps[k]))")
}
let scoreboard: [[String]] = [
    ["gradient descent", "η = 0.0099", descentOutcomes[0.0099]!.text],
    ["heavy ball (003:365)", "α = \(formatNumber(heavyBest.step)), m = \(formatNumber(heavyBest.momentum))", "\(heavyBest.iterations)"],
    ["heavy ball, Polyak's tuning", "α = \(formatNumber(polyakStep, digits: 5)), m = \(formatNumber(polyakMomentum, digits: 4))", polyakOutcome.text],
    ["Nesterov (Sutskever et al.)", "η = \(formatNumber(nesterovBest.step)), μ = \(formatNumber(nesterovBest.momentum))", "\(nesterovBest.iterations)"],
    ["Nesterov, library form (f at φ)", "same", shiftedAtBest.text],
    ["Nesterov as printed (004:1023)",
     printedNesterovBest.map { "η = \(formatNumber($0.step)), μ = \(formatNumber($0.momentum))" } ?? "grid",
     printedNesterovBest.map { "\($0.iterations)" } ?? "diverges"],
    ["AdaGrad", bestAdaptive("AdaGrad").setting, bestAdaptive("AdaGrad").text],
    ["RMSProp", bestAdaptive("RMSProp").setting, bestAdaptive("RMSProp").text],
    ["Adam, the paper's α", "α = 0.001", adaptiveOutcomes["Adam"]![0].text],
    ["Adam (Kingma–Ba)", "α = \(formatNumber(conditionResults[1].kingmaBaRate))", "\(conditionResults[1].kingmaBa)"],
    ["the lecture's Adam", "α = \(formatNumber(conditionResults[1].lectureRate))", "\(conditionResults[1].lecture)"],
]
notebook.table(["method", "setting", "iterations to f < 1e-6"], rows: scoreboard)

// MARK: - 5. Where ε goes

notebook.section("Where the ε goes")
notebook.prose("""
    Dividing by the gradient's length fails when the gradient is zero, and a gradient that \
    should be zero often comes out as a tiny number through rounding. The lecture adds ε \
    to the length (000:873), so the step is g/(‖g‖ + ε), and claims that a gradient of \
    size 10⁻⁶ is still followed while one of size 10⁻¹⁰ is ignored. Its Adam, however, \
    puts ε under the root, √(q̂ + ε), which is the same as comparing ‖g‖² with ε, or ‖g‖ \
    with √ε = 10⁻⁴. The fraction of a unit step that survives, for each placement:
    """)
notebook.compare("ε", notes: 1e-8, at: .notes("000", 875), computed: NormAdam().epsilon, tolerance: 0)
var epsilonRows: [[String]] = []
var outside: [Double: Double] = [:], inside: [Double: Double] = [:]
for size in [1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12] {
    // One step of the lecture's Adam from 0 with a constant gradient of this size, α = 1:
    // after one step v̂ = g and q̂ = g², so the step is exactly the normalised fraction.
    var epsilonInside = NormAdam(learningRate: 1), epsilonOutside = NormAdam(learningRate: 1, epsilonOutsideRoot: true)
    var (a, b) = (Tensor([0.0]), Tensor([0.0]))
    epsilonInside.update(&a, gradient: Tensor([size]), slot: 0)
    epsilonOutside.update(&b, gradient: Tensor([size]), slot: 0)
    inside[size] = -a[0]
    outside[size] = -b[0]
    epsilonRows.append([String(format: "%g", size), String(format: "%.6g", -b[0]), String(format: "%.6g", -a[0])])
}
notebook.table(["‖g‖", "g/(‖g‖ + ε)   000:873", "g/√(‖g‖² + ε)   000:900"], rows: epsilonRows)
/// What happens to a gradient that keeps `fraction` of a unit step: followed, or (below 1/50) ignored.
func verdict(_ fraction: Double) -> String { fraction > 0.5 ? "followed" : fraction < 0.02 ? "ignored" : "shrunk" }
notebook.compare("‖g‖ = 1e-6 with g/(‖g‖ + ε)", notes: "followed", at: .notes("000", 877),
                 computed: verdict(outside[1e-6]!), note: "keeps \(String(format: "%.4f", outside[1e-6]!)) of a step")
notebook.compare("‖g‖ = 1e-10 with g/(‖g‖ + ε)", notes: "ignored", at: .notes("000", 877),
                 computed: verdict(outside[1e-10]!), note: "keeps \(String(format: "%.4f", outside[1e-10]!)) of a step")
notebook.check("with ε under the root (000:900) a gradient of 1e-6 keeps only \(String(format: "%.4f", inside[1e-6]!)) of a step",
               inside[1e-6]! < 0.011)
notebook.slip("which gradients survive",
     notes: "10⁻⁶ is normalised into a direction; 10⁻¹⁰ is ignored", at: .notes("000", 877),
     correct: "only with g/(‖g‖ + ε); under √(q̂ + ε) 10⁻⁶ is ignored too",
     why: """
        The claim holds for the placement of 000:873 but not for the lecture's own Adam \
        (000:900): under the root the threshold is √ε = 10⁻⁴, and a gradient of 10⁻⁶ moves \
        only \(String(format: "%.4f", inside[1e-6]!)) of a step, what 10⁻¹⁰ gets with ε outside. Kingma and \
        Ba put ε outside, per coordinate: m̂/(√v̂ + ε).
        """)
notebook.prose("""
    The lecture's picture of a gradient that should be zero is a network that classifies \
    every example of its mini-batches correctly. With cross-entropy that is not a zero \
    gradient: ∂C/∂z = p − eₖ vanishes only at pₖ = 1, which softmax never reaches. One \
    example, three classes, classified right with logits z = (4, 0, 0) for class 1:
    """)
let rightLogits: Tensor = [4, 0, 0]
let rightGradient = Loss.categoricalCrossEntropyWithLogits.evaluate(prediction: rightLogits,
                                                                    target: oneHot([0], classes: 3).reshaped([3])).gradient
notebook.result("p = softmax(z)", softmax(rightLogits), digits: 4)
notebook.result("∂C/∂z = p − e₁", rightGradient, digits: 4)
notebook.result("‖∂C/∂z‖", rightGradient.norm(), digits: 4)
notebook.slip("the gradient when every answer is right", notes: "All your gradients are zero", at: .notes("000", 868),
     correct: "zero only at a minimum of the loss",
     why: """
        Right answers are not a minimum of the cross-entropy: the example above is \
        classified correctly and its gradient has length \(formatNumber(rightGradient.norm(), digits: 3)), over 10¹⁰ times \
        the rounding noise of 000:870. Divided by its length (000:861) it becomes a full \
        step that keeps pushing the logits apart.
        """)

// MARK: - 6. Noise: a real network

notebook.section("With mini-batch noise: the digits network")
notebook.prose("""
    The valley has exact gradients. A network trained on mini-batches sees the true \
    gradient plus noise, which is what the lecture's averaging was for. The test bench is \
    Lesson 03's digits: 8 × 8 images scaled to [0, 1], 80 % for training and 20 % held out, \
    a 64 → 64 ReLU → 10 network (Lesson 03 used 256 hidden units; 64 costs about a quarter \
    as much per step), He initialisation, softmax cross-entropy, batches of \
    32. Every optimizer starts from the same initial weights and sees the batches in the \
    same order within a run; the runs differ in both. The settings: plain SGD η = 0.1; heavy \
    ball η = 0.01, μ = 0.9 (the same as α = 0.1 on the lecture's average); RMSProp with the \
    usual 10⁻³; Kingma–Ba Adam and the lecture's Adam over a few step sizes each, starting \
    from the paper's α = 10⁻³. The two versions of Adam need different α: the lecture's \
    step has a length of about α for the whole network, while Adam moves each of the \
    4,810 weights by up to α, a total length of up to α√4810 ≈ 70α.
    """)
let (digitImages, digitLabels) = try Digits.load()
var splitGenerator = stream("digits split")
let split = trainTestSplit(count: digitLabels.count, testFraction: 0.2, using: &splitGenerator)
let pixels = digitImages / Digits.maximumPixel
let trainImages = pixels.rows(at: split.train), testImages = pixels.rows(at: split.test)
let trainLabels = split.train.map { digitLabels[$0] }, testLabels = split.test.map { digitLabels[$0] }
let trainTargets = oneHot(trainLabels, classes: 10)
let runs = 5
let batchSize = 32

/// One optimizer step on a network: its parameters, moved by the gradients of the last backward pass.
typealias NetworkStep = (inout Sequential) -> Void
/// A network step from a library optimizer that updates each parameter tensor on its own.
func networkStep(_ optimizer: some Optimizer) -> NetworkStep {
    var optimizer = optimizer
    return { network in
        var parameters = network.parameters
        optimizer.step(parameters: &parameters, gradients: network.gradients)
        network.parameters = parameters
    }
}
/// The lecture's Adam needs all the gradients at once, for the length of the whole gradient.
func lectureAdamStep(_ rate: Double) -> NetworkStep {
    var optimizer = NormAdam(learningRate: rate)
    return { network in
        var parameters = network.parameters
        optimizer.step(parameters: &parameters, gradients: network.gradients)
        network.parameters = parameters
    }
}
/// One optimizer setting in the digits comparison: its family, its step size and how to make it.
struct Contender {
    let family: String
    let rate: Double
    let make: () -> NetworkStep
    var name: String { "\(family) \(family == "heavy ball" ? "η = 0.01, μ = 0.9" : (family.hasPrefix("SGD") || family == "RMSProp" ? "η" : "α") + " = " + formatNumber(rate))" }
}
let kingmaBa = "Adam (Kingma–Ba)", lectureAdam = "lecture's Adam"
let contenders: [Contender] = [
    Contender(family: "SGD", rate: 0.1) { networkStep(SGD(learningRate: 0.1)) },
    Contender(family: "heavy ball", rate: 0.01) { networkStep(Momentum(learningRate: 0.01, momentum: 0.9)) },
    Contender(family: "RMSProp", rate: 0.001) { networkStep(RMSProp(learningRate: 0.001)) },
] + [0.001, 0.003, 0.01, 0.03, 0.1].map { rate in
    Contender(family: kingmaBa, rate: rate) { networkStep(Adam(learningRate: rate)) }
} + [0.001, 0.03, 0.1, 0.3, 1, 3].map { rate in
    Contender(family: lectureAdam, rate: rate) { lectureAdamStep(rate) }
}
// losses[c][r][e]: training loss of contender c in run r after epoch e (index 0: before training).
var losses = Array(repeating: Array(repeating: [Double](), count: runs), count: contenders.count)
var accuracies = Array(repeating: [Double](), count: contenders.count)
// The loss of every mini-batch (measured before its step) in the first epoch of the first run.
var batchLosses = Array(repeating: [Double](), count: contenders.count)
var progress = ProgressBar("digits runs", total: runs * contenders.count)
for run in 0..<runs {
    var initGenerator = stream("digits initial weights \(run)")
    let initial = Sequential(layerSizes: [Digits.pixelCount, 64, 10], hiddenActivation: .relu,
                             outputActivation: .identity, weightInitializer: .heUniform, using: &initGenerator)
    for (c, contender) in contenders.enumerated() {
        var network = initial
        let step = contender.make()
        var batchOrder = stream("digits batches \(run)")
        var curve = [network.crossEntropy(inputs: trainImages, labels: trainLabels)]
        for epoch in 1...epochs {
            // One epoch on the page: shuffle, then per batch a backward pass and one optimizer step.
            let order = batchOrder.permutation(trainLabels.count)
            for first in stride(from: 0, to: order.count, by: batchSize) {
                let rows = Array(order[first..<min(first + batchSize, order.count)])
                let batchLoss = network.computeGradients(input: trainImages.rows(at: rows), target: trainTargets.rows(at: rows),
                                                         loss: .categoricalCrossEntropyWithLogits)
                if run == 0 && epoch == 1 { batchLosses[c].append(batchLoss) }
                step(&network)
            }
            curve.append(network.crossEntropy(inputs: trainImages, labels: trainLabels))
        }
        losses[c][run] = curve
        accuracies[c].append(accuracy(predicted: network.predictClasses(testImages), actual: testLabels))
        progress.advance()
    }
}
progress.finish()

/// "mean ± standard deviation" (the library's sample standard deviation, divisor n − 1) with
/// `digits` decimals, both multiplied by `scale`.
func plusMinus(_ summary: MonteCarloEstimate, scale: Double = 1, digits: Int = 4) -> String {
    "\(formatNumber(scale * summary.mean, digits: digits)) ± \(formatNumber(scale * summary.standardDeviation, digits: digits))"
}
let finalLoss = contenders.indices.map { c in MonteCarloEstimate(losses[c].map { $0.last! }) }
let finalAccuracy = contenders.indices.map { c in MonteCarloEstimate(accuracies[c]) }
notebook.prose("After \(epochs) epochs, mean ± standard deviation over \(runs) runs:")
notebook.table(["optimizer", "training loss", "test accuracy %", "range %"],
               rows: contenders.indices.map { c in
                   [contenders[c].name, plusMinus(finalLoss[c]), plusMinus(finalAccuracy[c], scale: 100, digits: 2),
                    "\(formatNumber(100 * accuracies[c].min()!, digits: 2))–\(formatNumber(100 * accuracies[c].max()!, digits: 2))"]
               })
/// The contender of a family with the lowest mean final training loss.
@MainActor
func best(of family: String) -> Int {
    contenders.indices.filter { contenders[$0].family == family }.min { finalLoss[$0].mean < finalLoss[$1].mean }!
}
let bestKingmaBa = best(of: kingmaBa), bestLecture = best(of: lectureAdam)
let plotted = [0, 1, 2, bestKingmaBa, bestLecture]
var curvePlot = LinePlot(title: "Training loss after each epoch (log₁₀, mean of \(runs) runs)", xLabel: "epoch",
                         yLabel: "log₁₀ loss")
for c in plotted {
    let mean = (0...epochs).map { e in losses[c].reduce(0) { $0 + $1[e] } / Double(runs) }
    curvePlot.add(contenders[c].name, x: (0...epochs).map(Double.init), y: mean.map { log10($0) })
}
notebook.show(curvePlot)
notebook.prose("""
    Each step sees only 32 images, so the loss it measures jumps around the curve above. \
    The mini-batch losses of the first epoch of the first run, step by step:
    """)
var noisePlot = LinePlot(title: "Loss of each mini-batch before its step (first epoch, run 1)", xLabel: "step",
                         yLabel: "loss")
for c in [0, bestKingmaBa, bestLecture] {
    noisePlot.add(contenders[c].name, x: batchLosses[c].indices.map { Double($0 + 1) }, y: batchLosses[c])
}
notebook.show(noisePlot)
notebook.check("every setting lowered the training loss in every run",
               losses.allSatisfy { $0.allSatisfy { $0.last! < $0.first! } })
/// In how many runs contender `a` ends with a lower training loss than contender `b`.
@MainActor
func wins(_ a: Int, over b: Int) -> Int { (0..<runs).filter { losses[a][$0].last! < losses[b][$0].last! }.count }
let sameRate = (contenders.firstIndex { $0.family == kingmaBa && $0.rate == 0.001 }!,
                contenders.firstIndex { $0.family == lectureAdam && $0.rate == 0.001 }!)
notebook.check("at the same α = 0.001, Kingma–Ba Adam ends lower than the lecture's Adam in \(wins(sameRate.0, over: sameRate.1)) of \(runs) runs",
               wins(sameRate.0, over: sameRate.1) == runs)
notebook.prose("""
    At the same α the lecture's Adam hardly learns. That is a matter of units: its α is \
    the length of a step of the whole network, while Adam's α is the length of a step of \
    each of the 4,810 weights. A fair comparison gives each version its best α from the \
    grid (chosen by the mean final training loss):
    """)
let bestWins = wins(bestKingmaBa, over: bestLecture)
notebook.results(["best Kingma–Ba α": contenders[bestKingmaBa].rate, "best lecture's α": contenders[bestLecture].rate],
                 digits: 3)
/// Whether a family's best step is the largest or smallest it tried (the grid may be too narrow).
@MainActor
func atEdge(_ c: Int) -> Bool {
    let rates = contenders.filter { $0.family == contenders[c].family }.map(\.rate)
    return contenders[c].rate == rates.max() || contenders[c].rate == rates.min()
}
if atEdge(bestKingmaBa) || atEdge(bestLecture) {
    notebook.prose("(A best α at the end of its grid means a wider grid might do better still.)")
}
notebook.result("training loss, Kingma–Ba at its best α", plusMinus(finalLoss[bestKingmaBa]))
notebook.result("training loss, lecture's Adam at its best α", plusMinus(finalLoss[bestLecture]))
notebook.result("runs in which Kingma–Ba ends lower (paired: same start, same batches)", "\(bestWins) of \(runs)")
notebook.result("test accuracy %, Kingma–Ba / lecture's", "\(plusMinus(finalAccuracy[bestKingmaBa], scale: 100, digits: 2)) / \(plusMinus(finalAccuracy[bestLecture], scale: 100, digits: 2))")
let lossGapClear = abs(finalLoss[bestKingmaBa].mean - finalLoss[bestLecture].mean)
    > finalLoss[bestKingmaBa].standardDeviation + finalLoss[bestLecture].standardDeviation
let accuracyGapClear = abs(finalAccuracy[bestKingmaBa].mean - finalAccuracy[bestLecture].mean)
    > finalAccuracy[bestKingmaBa].standardDeviation + finalAccuracy[bestLecture].standardDeviation
notebook.prose("""
    Read these with their spreads. The difference in training loss between the two tuned \
    versions is \(lossGapClear ? "larger" : "not larger") than the two standard deviations \
    together, and Kingma–Ba ends lower in \(bestWins) of the \(runs) paired runs; \
    the difference in test accuracy is \(accuracyGapClear ? "larger" : "smaller") than its spread\
    \(accuracyGapClear ? "" : ", so these runs do not tell the two apart on held-out digits"). \
    \(lossGapClear ? "On this network the gap is clear in training loss." : "The large advantage of per-coordinate scaling seen in the narrowest valley does not show up here as a clear one (these runs do not measure why).") \
    With mini-batch noise the ranking of the methods also depends on the step sizes \
    tried and on the number of epochs (compare the --quick run with the default one): \
    the table is evidence about these settings, not a verdict on the methods.
    """)

// MARK: - 7. Two more slips

notebook.section("Two more slips in these pages")
notebook.prose("""
    Normalising a gradient in one dimension leaves only its sign: g/|g| is +1 or −1 for \
    every g ≠ 0, so normalised gradient descent on a function of one variable moves by \
    exactly α each step, whatever the slope. The lecture states this with a mismatched \
    fraction:
    """)
let slope = 2.0, height = 1.0   // f(x) = x² at x = 1: f′(1) = 2, f(1) = 1
notebook.slip("normalising a scalar",
     notes: "f′(x)/|f(x)| ∈ {1, −1}", at: .notes("000", 883), correct: "f′(x)/|f′(x)| ∈ {1, −1} for f′(x) ≠ 0",
     why: """
        Numerator and denominator must be the same quantity. As printed, f(x) = x² at \
        x = 1 gives f′(1)/|f(1)| = \(formatNumber(slope / abs(height))), and the fraction is undefined \
        wherever f(x) = 0.
        """)
notebook.slip("which figure shows momentum",
     notes: "averaging with momentum (Figure 4)", at: .notes("003", 361), correct: "Figure 3",
     why: """
        Momentum's picture is Figure 3 (its caption is at 003:357); Figure 4 (003:374) \
        shows RMSProp.
        """)

// MARK: - Recap

notebook.recap([
    "Gradient descent on x₁² + 100x₂² is stable only for η < 2/λmax = 0.01; the best step, 0.0099, still needs \(bestDescent.0) iterations, because κ = 100.",
    "Momentum averages gradients: vₜ's weights on g₁ … gₜ add up to 1 − βᵗ, and dividing by 1 − βᵗ (or starting at g₁) removes the pull towards zero.",
    "Heavy ball (best \(heavyBest.iterations) iterations) and Nesterov (best \(nesterovBest.iterations)) need \(formatNumber(Double(bestDescent.0) / Double(heavyBest.iterations), digits: 1))× and \(formatNumber(Double(bestDescent.0) / Double(nesterovBest.iterations), digits: 1))× fewer iterations than plain descent; the table's Nesterov (004:1023) looks behind instead of ahead.",
    "AdaGrad, RMSProp and Adam give every coordinate its own step; Adam's first step is α in each coordinate.",
    "The lecture's Adam divides by the length of the whole gradient: as good as Adam in a round bowl, far slower as the valley narrows.",
    "ε under the root (000:900) ignores gradients below 10⁻⁴, not 10⁻⁸: 10⁻⁶ no longer survives.",
    "On the digits network, over \(runs) runs: report differences only beside their spread.",
    "The notes' \(notebook.slips) slips: Adam's corrected moments fed back and ε under the root (004:1026), Nesterov's look-behind (004:1023), RMSProp's lost index (004:1025), the convex-combination claim (000:829), f′/|f| (000:883), vₜ = 0 for v₀ (000:887), the scalar q called Adam (000:885), the surviving 10⁻⁶ (000:877), zero gradients for right answers (000:868) and Figure 4 for Figure 3 (003:361).",
])
notebook.exercises(lesson: "Lesson08", [
    "momentumStep — one heavy-ball step",
    "adamStep — one Kingma–Ba Adam step with bias correction",
    "largestStableStep — 2/λmax for a diagonal quadratic",
    "lectureAdamStep — one step of the lecture's Adam",
])
notebook.finish()
