// Lesson 06 — Neural TD and TD-Gammon.
//
// Part A: temporal-difference learning with a function approximator, on Sutton & Barto's
// 1000-state random walk: the true values by dynamic programming, gradient Monte Carlo and
// semi-gradient TD(0) with state aggregation, the "true gradient" alternative, TD(λ) with
// eligibility traces, and a small neural network as the value function.
// Part B: backgammon. A complete rules engine, GNU Backgammon Position IDs, Tesauro's 198-unit
// encoding, a 198–40–1 network trained by self-play TD(λ), and matches against a random player
// and against Tesauro's public benchmark "pubeval".
//
// Run it with `swift run Lesson06`; `swift run Lesson06 play` plays against the shipped network,
// `swift run Lesson06 analyze <PositionID> <die1> <die2>` ranks the moves of a position,
// `swift run Lesson06 train` trains a network (Commands.swift). Exercises: `Exercises/Lesson06.swift`.
//
// Sources: main lecture (seed 000) lines 1310–1432; KTH part 7 (seed 002) lines 112–207;
// Harvard lecture 10 quiz (seed 001) lines 58–150.

import Foundation
import LessonRuntime
import NeuralNetworks
import Reinforcement
import TensorCore

let gamesOption = Option("games", default: 20_000, quick: 3_000, atLeast: 1,
                         help: "self-play training games in section 9")
let twoPlyGamesOption = Option("two-ply-games", default: 1_000, quick: 10, atLeast: 2,
                               help: "paired games of 1-ply and 2-ply against pubeval")
let notebook = Notebook(
    title: "Lesson 06 · Neural TD and TD-Gammon",
    summary: "Temporal-difference learning with a neural network as the value function, from a "
        + "random walk to self-taught backgammon.",
    flags: [gamesOption, twoPlyGamesOption],
    subcommands: LessonCommand.all)
let quick = notebook.options.quick

notebook.prose("""
    You will learn: how TD learning works when the value function is a network with \
    weights θ instead of a table; why its update is only a semi-gradient; how gradient \
    Monte Carlo, TD(0), TD(λ) and a neural network compare on a problem whose true \
    values we can compute exactly; and how the same idea, with a 198-input network and \
    self-play, taught a program to play backgammon. Along the way you get a complete \
    backgammon engine, a benchmark opponent, and a network you can play against.
    """)

// MARK: - 1. Neural TD

notebook.section("Neural TD")
notebook.prose("""
    Linear approximation V(s) ≈ Σᵢ θᵢ φᵢ(s) needs hand-made features φ. Neural TD keeps the \
    TD idea and replaces the linear function by a network f_θ that takes the raw state as \
    input: V_θ(s) = f_θ(s). We follow a fixed policy π, see a transition s → s′ with reward \
    r, and want V_θ(s) to move towards the one-step target r + γV_θ(s′).

    Define the loss ℓ(θ) = ½ (r + γV_target − V_θ(s))², where V_target = V_θ(s′) is \
    computed first and then treated as a constant. Gradient descent on ℓ gives
    """)
notebook.formula("θ ← θ − α ∇_θ ℓ(θ) = θ + α (r + γV_θ(s′) − V_θ(s)) ∇_θ V_θ(s)")
notebook.prose("""
    Each step costs two forward passes (V_θ(s′) and V_θ(s)) and one backward pass \
    (∇_θ V_θ(s)). The sign matters: the minus of gradient descent meets the minus inside \
    ∂ℓ/∂θ = −(target − V_θ(s)) ∇V_θ(s), and the update comes out with a plus. The first \
    version of this update in the notes keeps the minus sign, which would push V_θ(s) away \
    from its target; the repeated slide that follows has the correct plus.
    """)
// A one-parameter check of the sign: V_θ(s) = θ, target 1, θ = 0, α = 0.5.
let signTheta = 0.0, signTarget = 1.0, signStep = 0.5
let plusUpdate = signTheta + signStep * (signTarget - signTheta)
let minusUpdate = signTheta - signStep * (signTarget - signTheta)
notebook.slip("θ after one step, V = θ, target 1", notes: "θ − α δ ∇V = \(formatNumber(minusUpdate))", at: .notes("000", 1349),
              correct: "θ + α δ ∇V = \(formatNumber(plusUpdate))",
              why: "the first slide's update has the wrong sign; it moves V away from the target")
notebook.prose("""
    The update is not the gradient of any fixed objective, because the target itself \
    depends on θ and we ignore that dependence: it is a semi-gradient method. The \
    alternative, "Solution 2" in the notes, minimises the squared TD error including the \
    target's dependence, which adds a term: θ ← θ + α δ (∇V_θ(s) − γ∇V_θ(s′)). Section 4 \
    shows that this honest gradient is not the better choice.
    """)

// MARK: - 2. The 1000-state random walk

notebook.section("The 1000-state random walk")
notebook.prose("""
    Sutton and Barto's test bed: states 1 … 1000 in a row, every episode starts at 500. \
    Each step picks a direction (left or right, equally likely) and a distance from 1 to \
    100 (uniform), so each of the 200 neighbours within reach is equally likely. Jumping \
    past state 1 ends the episode with reward −1, past state 1000 with +1; all other \
    rewards are 0 and γ = 1. Near an edge, the jumps that would cross it all end the \
    episode there, so edge states are more likely to finish than their neighbours.

    Because the dynamics are known, the true values follow from dynamic programming: \
    sweep V(s) ← (1/200) Σ over the 200 jumps of (r + V(s′)) until nothing changes.
    """)
let walk = RandomWalk()
notebook.compare("states of the walk", notes: 1000, at: .notes("002", 196), computed: walk.stateCount)
notebook.compare("start state", notes: 500, at: .notes("002", 196), computed: walk.startState)
let trueValues = walk.trueValues()
notebook.results([
    "V(1)": trueValues[0], "V(100)": trueValues[99], "V(500)": trueValues[499],
    "V(501)": trueValues[500], "V(1000)": trueValues[999],
], digits: 4)
let antisymmetric = (1...1000).allSatisfy { abs(trueValues[$0 - 1] + trueValues[1000 - $0]) < 1e-9 }
notebook.check("V(s) = −V(1001 − s) for every s (the walk is mirror-symmetric)", antisymmetric)
notebook.prose("""
    V(500) is not exactly 0: the middle of 1 … 1000 is 500.5, so state 500 is half a step \
    nearer the left end.
    """)

// MARK: - 3. Gradient Monte Carlo with state aggregation

notebook.section("Gradient Monte Carlo with state aggregation")
notebook.prose("""
    A word on notation first. The KTH notes write the discount factor as λ, in the MDP \
    itself and in every target r + λV(s′). Elsewhere (and in this course) the discount is \
    γ, and λ is the trace decay of TD(λ) in section 5; the two are different numbers.
    """)
notebook.slip("the discount factor's letter", notes: "λ", at: .notes("002", 116), correct: "γ",
              why: "TD(λ) in the Harvard quiz (seed 001) and in section 5 uses λ for the trace decay; with "
                + "λ also the discount, z ← γλz would read z ← λλz")
notebook.prose("""
    State aggregation is the simplest linear approximation: cut the 1000 states into 10 \
    groups of 100 consecutive states and give each group one weight, V(s) = w[group(s)]. \
    The feature vector is one-hot, so ∇_w V(s) is the unit vector of s's group and every \
    update changes a single weight.

    Gradient Monte Carlo uses the episode's return G as the target: after an episode, for \
    each state at its first visit, w ← w + α (G − V(s)) ∇V(s). The return is an unbiased \
    sample of V(s), so this is true stochastic gradient descent on the mean squared error \
    weighted by how often states are visited. We use Sutton and Barto's settings: \
    α = 2·10⁻⁵ and 100,000 episodes.
    """)
let aggregation = StateAggregation(stateCount: 1000, groupCount: 10)
notebook.compare("states per group", notes: 100, at: .notes("002", 204), computed: (1...1000).filter { aggregation.group(of: $0) == 0 }.count)
var monteCarloRandom = notebook.generator("random walk: gradient Monte Carlo episodes")
let mcEpisodes = 100_000
let mcWeights = RandomWalkPrediction.gradientMonteCarlo(walk, aggregation, episodes: mcEpisodes, stepSize: 2e-5,
                                                        random: &monteCarloRandom)
let mcValues = aggregation.values(mcWeights)
let mcError = rmsError(mcValues, trueValues)
notebook.result("group weights 1–5", Array(mcWeights[0..<5]), digits: 3)
notebook.result("group weights 6–10", Array(mcWeights[5..<10]), digits: 3)
notebook.result("RMS error over the 1000 states", mcError, digits: 4)
notebook.check("gradient MC with aggregation is within 0.08 RMS of the truth "
               + "(Sutton & Barto: about 0.05–0.06; the steps of a staircase cost that much)", mcError <= 0.08)
notebook.prose("""
    Inside a group the true value changes by about 0.17, and a constant can only match its \
    average: a staircase fitted to a straight ramp has RMS error (ramp height)/√12 ≈ 0.05. \
    That floor is the price of the features, not of the learning rule.
    """)

// MARK: - 4. Semi-gradient TD(0), and the true gradient of the TD error

notebook.section("Semi-gradient TD(0), and the true gradient of the TD error")
notebook.prose("""
    TD(0) updates after every step instead of every episode, with the bootstrapped target \
    r + V(s′) (V of the terminal state is 0). With one-hot features:
    """)
notebook.formula("w[g(s)] ← w[g(s)] + α (r + V(s′) − V(s))")
notebook.prose("""
    The residual-gradient update of "Solution 2" also lowers w[g(s′)] by the same amount. \
    Both run for \(quick ? "20,000" : "100,000") episodes here (α = \(quick ? "10⁻³" : "2·10⁻⁴")).
    """)
let tdEpisodes = quick ? 20_000 : 100_000
let tdStep = quick ? 1e-3 : 2e-4
var semiGradientRandom = notebook.generator("random walk: semi-gradient TD(0) episodes")
let tdWeights = RandomWalkPrediction.temporalDifference(walk, aggregation, episodes: tdEpisodes, stepSize: tdStep,
                                                        random: &semiGradientRandom)
var residualRandom = notebook.generator("random walk: residual-gradient TD(0) episodes")
let residualWeights = RandomWalkPrediction.temporalDifference(walk, aggregation, episodes: tdEpisodes, stepSize: tdStep,
                                                              residualGradient: true, random: &residualRandom)
let tdError = rmsError(aggregation.values(tdWeights), trueValues)
let residualError = rmsError(aggregation.values(residualWeights), trueValues)
notebook.result("semi-gradient TD(0), RMS error", tdError, digits: 4)
notebook.result("residual gradient, RMS error", residualError, digits: 4)
notebook.check("semi-gradient TD(0) is worse than gradient MC here (it converges to the TD fixed point, "
               + "which is biased under aggregation)", tdError > mcError)
notebook.check("the true gradient of the TD error does worse still", residualError > tdError)
notebook.prose("""
    Two lessons in one table. TD's asymptotic error is larger than Monte Carlo's: with \
    features that cannot represent V exactly, the bootstrapped target inherits the \
    approximation's error, and TD settles at a different, biased fixed point. And the \
    "proper" gradient of the squared TD error is worse again: in a stochastic problem \
    it minimises the expected squared TD error, which rewards values that make the next \
    state's estimate agree with the current one, not values that predict the return. \
    The semi-gradient is the method everyone uses, TD-Gammon included.
    """)

// MARK: - 5. TD(λ) and eligibility traces

notebook.section("TD(λ) and eligibility traces")
notebook.prose("""
    TD(λ) keeps an eligibility trace z, a decaying memory of recent gradients, and lets \
    every TD error update all the weights that are still eligible:
    """)
notebook.formula("z ← γλ z + ∇V(S_t),   δ = R + γV(S_{t+1}) − V(S_t),   w ← w + α δ z")
notebook.prose("""
    The Harvard quiz asks whether, with one-hot features for three states A, B, C and \
    λ > 0, only one weight changes per step. Run one episode A → B → C → end with reward \
    1 at the end, γ = 1, λ = 0.5, α = 0.1, starting from w = (0.1, 0.2, 0.3):
    """)
let quizFeatures: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
let quizStart = [0.1, 0.2, 0.3]
let quiz = linearTDLambdaEpisode(weights: quizStart, features: quizFeatures, rewards: [0, 0, 1],
                                 gamma: 1, lambda: 0.5, stepSize: 0.1)
var quizRows: [[String]] = []
var changedOnLastStep = 0
for t in 0..<3 {
    // With w ← w + αδz, a step changes exactly the weights whose trace entry is non-zero.
    let trace = quiz.traces[t]
    let changed = trace.filter { $0 != 0 }.count
    if t == 2 { changedOnLastStep = changed }
    quizRows.append(["t = \(t)", ["A", "B", "C"][t], "(" + trace.map { formatNumber($0) }.joined(separator: ", ") + ")",
                     "\(changed)"])
}
notebook.table(["step", "state", "trace z", "weights the step changes"], rows: quizRows)
notebook.result("weights after the episode", quiz.weights, digits: 4)
notebook.check("at the last step the trace is (0.25, 0.5, 1): all three weights change", changedOnLastStep == 3)
notebook.check("so the quiz's statement is false: z keeps γλ of every earlier gradient, "
               + "and earlier states' weights keep changing", changedOnLastStep > 1)
notebook.prose("""
    Only with λ = 0 is the trace the current gradient alone, and TD(λ) becomes TD(0). On \
    the random walk TD(λ = 0.8) with aggregation:
    """)
var tdLambdaRandom = notebook.generator("random walk: TD(0.8) episodes")
let tdLambdaWeights = RandomWalkPrediction.tdLambda(walk, aggregation, lambda: 0.8, episodes: tdEpisodes,
                                                    stepSize: tdStep, random: &tdLambdaRandom)
let tdLambdaError = rmsError(aggregation.values(tdLambdaWeights), trueValues)
notebook.result("TD(0.8), RMS error", tdLambdaError, digits: 4)
notebook.check("TD(0.8) lands between TD(0) and Monte Carlo (λ = 1 is Monte Carlo)",
               tdLambdaError < tdError && tdLambdaError > mcError - 0.01)

// MARK: - 6. A neural value function

notebook.section("A neural value function")
notebook.prose("""
    Now the network: one input (the state scaled to (−1, 1)), 16 tanh hidden units, one \
    linear output, 49 weights in all, trained by semi-gradient TD(0). Each step: V(s′) by \
    a forward pass, held fixed; V(s) by a forward pass that remembers its activations; \
    ∇_θ V(s) by one backward pass with output gradient 1; then θ ← θ + α δ ∇_θ V(s). \
    With a constant step the estimate keeps jittering around its target, so we train \
    3000 episodes in six blocks of 500 and halve α after each block, from 0.01 down to \
    0.0003.
    """)
var networkRandom = notebook.generator("random walk: neural TD(0) weights and episodes")
var network = NeuralRandomWalkValue(stateCount: 1000, hidden: 16, random: &networkRandom)
let neuralEpisodes = 3000
for block in 0..<6 {
    network.trainTD0(walk, episodes: 500, stepSize: 0.01 / Double(1 << block), random: &networkRandom)
}
let neuralValues = network.values
let neuralError = rmsError(neuralValues, trueValues)
notebook.result("neural TD(0) after \(neuralEpisodes) episodes, RMS error", neuralError, digits: 4)
notebook.check("the network beats semi-gradient TD(0) with aggregation: the same TD target, better features",
               neuralError < tdError)
notebook.prose("""
    The network has no staircase: its estimate is a smooth curve that follows the \
    S-shape of the true values, and with the same bootstrapped target it ends up far \
    closer than TD(0) with ten groups. How close depends on the seed (between about 0.01 \
    and 0.04 over seeds 1 to 10): TD with a non-linear approximator has no convergence \
    guarantee, and the step-size schedule matters.
    """)
let states = (1...1000).map(Double.init)
var staircasePlot = LinePlot(title: "State aggregation: two staircases", xLabel: "state", yLabel: "V(s)")
staircasePlot.add("true value", x: states, y: trueValues)
staircasePlot.add("gradient MC", x: states, y: mcValues)
staircasePlot.add("semi-gradient TD(0)", x: states, y: aggregation.values(tdWeights))
notebook.show(staircasePlot)
var neuralPlot = LinePlot(title: "A 1–16–1 network trained by semi-gradient TD(0)", xLabel: "state", yLabel: "V(s)")
neuralPlot.add("true value", x: states, y: trueValues)
neuralPlot.add("neural TD(0)", x: states, y: neuralValues)
notebook.show(neuralPlot)
notebook.table(["method", "features", "episodes", "RMS error"], rows: [
    ["gradient Monte Carlo", "10 groups", "\(mcEpisodes)", formatNumber(mcError, digits: 4)],
    ["semi-gradient TD(0)", "10 groups", "\(tdEpisodes)", formatNumber(tdError, digits: 4)],
    ["residual gradient", "10 groups", "\(tdEpisodes)", formatNumber(residualError, digits: 4)],
    ["TD(λ = 0.8)", "10 groups", "\(tdEpisodes)", formatNumber(tdLambdaError, digits: 4)],
    ["neural TD(0)", "1–16–1 tanh", "\(neuralEpisodes)", formatNumber(neuralError, digits: 4)],
])

// MARK: - 7. Backgammon, and a rules engine

notebook.section("Backgammon, and a rules engine")
notebook.slip("when TD-Gammon appeared", notes: "the late 1980s", at: .notes("000", 1378), correct: "1992",
              why: "Tesauro's late-1980s program was Neurogammon, trained by supervised learning on expert "
                + "moves; TD-Gammon, trained by TD(λ) self-play, was published in 1992")
notebook.prose("""
    The first great success of neural TD was Gerald Tesauro's TD-Gammon (1992). \
    Backgammon in brief: each side has 15 checkers on a track of 24 points and races them \
    home and off the board, moving by the numbers on two dice (a double is played four \
    times). A point held by two or more opposing checkers is closed; a single opposing \
    checker there (a blot) is hit and sent to the bar, and must re-enter on the far side \
    before its owner moves anything else. Checkers are borne off once all fifteen are in \
    the home board; whoever is first off wins one point, two (a gammon) if the loser has \
    borne off none, three (a backgammon) if the loser also still has a checker on the bar \
    or in the winner's home board. Both dice must be used when possible, and when only \
    one can be, the larger.

    The library's engine (Sources/Reinforcement/Backgammon/) generates every \
    distinct position a roll can reach. Here is the start, from the side on roll (X); \
    the last line gives GNU Backgammon's Position ID, which gnubg and most backgammon \
    sites understand:
    """)
notebook.verbatim(BackgammonPosition.start.board)
notebook.check("the starting position's ID is 4HPwATDgc/ABMA, as in gnubg",
               BackgammonPosition.start.positionID == "4HPwATDgc/ABMA")
let moveGenerator = BackgammonMoveGenerator()
var openingRows: [[String]] = []
for (d1, d2) in [(3, 1), (6, 5), (2, 1), (6, 6), (4, 4), (1, 1)] {
    moveGenerator.generate(.start, d1, d2)
    openingRows.append(["\(d1)-\(d2)", "\(moveGenerator.count)", moveGenerator.moves[0].description])
}
notebook.table(["opening roll", "distinct results", "one of them"], rows: openingRows)
notebook.prose("""
    Different orders of the same checker moves usually reach the same position (13/10 \
    10/9 and 13/12 12/9 differ only when a blot sits on 10 or 12), and the engine keeps \
    each resulting position once. Its tests build positions by hand for every rule and \
    list the exact set of legal results, and compare the generator with a deliberately \
    naive one on thousands of positions from random games.
    """)

// MARK: - 8. Tesauro's input encoding and network

notebook.section("Tesauro's input encoding and network")
notebook.prose("""
    TD-Gammon's network sees the raw board. For each side and each of its 24 points, four \
    units describe the n checkers there: 1 if n ≥ 1, 1 if n ≥ 2, 1 if n ≥ 3, and (n − 3)/2 \
    beyond three. A blot (n = 1) and a closed point (n ≥ 2) get their own units because \
    they matter most. Each side adds one unit for the bar (n/2) and one for checkers borne \
    off (n/15); two last units say whose turn it is. 2 × (24 × 4 + 2) + 2 = 198 inputs.
    """)
let startUnits = TDGammonEncoding.encode(.start)
notebook.check("the encoding has 2 × (24 × 4 + 2) + 2 = 198 units", startUnits.count == 198)
notebook.slip("inputs of Tesauro's network", notes: "16 numbers", at: .notes("000", 1390), correct: "198 units",
              why: "TD-Gammon 0.0 read 198 raw units; later versions added hand-made features on top")
let sixPoint = Array(startUnits[20..<24]).map { formatNumber($0) }.joined(separator: " ")
notebook.result("units of X's 6 point (5 checkers)", sixPoint)
notebook.result("non-zero units at the start", startUnits.filter { $0 != 0 }.count)
notebook.prose("""
    The network is 198–40–1 with sigmoid hidden units and a sigmoid output, so its value \
    is a probability: the chance that the side that has just moved wins (we evaluate \
    afterstates, the positions after a move with the opponent to roll; in that form the \
    two turn units are always (0, 1) and act as an extra bias). TD-Gammon 0.0 had 40 \
    hidden units; the notes' "about 80" fits the later versions. Playing is a 1-ply \
    search: generate every legal result of the roll, evaluate them all in one batch, take \
    the highest. The weights start small and random, uniform in ±0.1. In the library the \
    network is an ordinary `Sequential` of two dense layers with sigmoid activations, so \
    its value is `predict` and its gradient is `backward`, as for every other network of \
    the course.
    """)
var initialWeightsRandom = notebook.generator("TD-Gammon: initial weights")
let freshNetwork = TDGammonNetwork(hiddenCount: 40, using: &initialWeightsRandom)
notebook.result("parameters of the 198–40–1 network", freshNetwork.sequential.parameterCount)
// ∇V by the network's backward pass (`gradient(of:)`, output gradient 1), against central
// differences of `value(of:)` on six parameters: two hidden weights, a hidden weight of another
// unit, a hidden bias, an output weight, the output bias (flat indices in the order W₁, b₁, W₂, b₂).
let probe = BackgammonPosition.start
let analytic = freshNetwork.gradient(of: probe)
var worstGradientError = 0.0
for index in [0, 21, 40 * 21 + 3, 7920 + 5, 7920 + 40 + 7, 8000] {
    let h = 1e-6
    let numeric = (freshNetwork.nudged(parameter: index, by: h).value(of: probe)
                   - freshNetwork.nudged(parameter: index, by: -h).value(of: probe)) / (2 * h)
    worstGradientError = max(worstGradientError, abs(numeric - analytic[index]))
}
notebook.check("∇V from the backward pass matches central differences (worst gap \(formatNumber(worstGradientError, digits: 1)))",
               worstGradientError < 1e-8)

// MARK: - 9. Self-play TD(λ) training

notebook.section("Self-play TD(λ) training")
notebook.prose("""
    Tesauro's recipe: the network plays both sides against itself, greedily. The only \
    reward comes at the end, 1 when the first side wins and 0 when it loses, with no \
    discount, and after every move the estimate of the previous afterstate is moved \
    towards the estimate of the new one with TD(λ), λ = 0.7, α = 0.1. Values are kept from \
    one side's point of view: U = V after its own moves, U = 1 − V after the opponent's, \
    so that δ = U(new) − U(previous) and the trace collects ±∇V. Nobody tells the network \
    anything about backgammon; the dice supply the exploration.
    """)
let winReward = 1.0, discount = 1.0
notebook.compare("reward when the first side wins", notes: 1, at: .notes("000", 1388), computed: winReward)
notebook.compare("discount γ", notes: 1, at: .notes("000", 1392), computed: discount)
notebook.prose("""
    The function `selfPlayGame` in this lesson's source plays one game of it: the update \
    of section 5 with the network of section 8, written with the library's pieces, \
    `predict` for the values of every afterstate of the roll, `forward` and `backward` for \
    ∇U of the one that was played (the backward pass gets ∂U/∂V = ±1), and tensor \
    arithmetic for the trace and the step. Per move, in this order:
    """)
notebook.formula("g = ∇U(aₜ),   δ = r + γU(aₜ) − U(aₜ₋₁),   w ← w + α δ z,   z ← λ z + g")
/// One self-play game of TD(λ) on TD-Gammon's network (a 198–H–1 `Sequential`): both sides pick
/// the afterstate of highest value for themselves; the trace z collects ∇U of each afterstate
/// played, at the weights that chose it, after the step for the previous one. Returns the winner.
func selfPlayGame(_ network: inout Sequential, lambda: Double, stepSize: Double,
                  random: inout SeededGenerator) -> Int {
    let moves = BackgammonMoveGenerator()
    var trace = network.parameters.map { Tensor.zeros($0.shape) }                  // z ← 0
    var position = BackgammonPosition.start, mover = 0, previous = 0.0, plies = 0
    /// w ← w + α δ z, every parameter in place.
    func step(_ delta: Double) {
        var k = 0
        network.visitParameters { w, _ in w.add(trace[k], scaledBy: stepSize * delta); k += 1 }
    }
    while true {
        var (die1, die2) = rollDice(&random)
        while plies == 0 && die1 == die2 { (die1, die2) = rollDice(&random) }      // no double to open
        moves.generate(position, die1, die2)
        let afterstates = TDGammonEncoding.batch(moves.positions)                   // [n, 198]
        let values = network.predict(afterstates).scalars                           // V(a) for each
        let choice = argmax(values)                                                 // greedy for the mover
        let chosen = moves.positions[choice]
        if chosen.playerHasWon {                                                    // U(terminal) = 0
            let reward = mover == 0 ? winReward : 0
            if plies > 0 { step(reward - previous) }                                // δ = r − U(aₜ₋₁)
            return mover
        }
        let current = mover == 0 ? values[choice] : 1 - values[choice]             // U(aₜ)
        _ = network.forward(afterstates.rows(choice..<(choice + 1)))
        _ = network.backward(Tensor([[mover == 0 ? 1.0 : -1.0]]), accumulate: false,
                             needsInputGradient: false)                             // ∇U(aₜ) in the layers
        if plies > 0 { step(0 + discount * current - previous) }                    // δ = 0 + γU(aₜ) − U(aₜ₋₁)
        trace = zip(trace, network.gradients).map { z, gradient in lambda * z + gradient }  // z ← λz + ∇U(aₜ)
        previous = current
        position = chosen.swapped
        mover = 1 - mover
        plies += 1
    }
}
// The library's `TDGammonTrainer` runs the same game fused: ∇U from the activations the move
// choice already computed, no ∇W₁ matrix, nothing allocated. Played from the same network and
// the same dice, both must end with the same parameters, bit for bit.
let pageCheckGames = 5
var pageNetwork = freshNetwork.sequential
let libraryTrainer = TDGammonTrainer(network: freshNetwork, lambda: 0.7, stepSize: 0.1)
var pageDice = notebook.generator("TD(λ) page check"), libraryDice = notebook.generator("TD(λ) page check")
var pageWinners: [Int] = [], libraryWinners: [Int] = []
var pageSeconds = 0.0, librarySeconds = 0.0
for _ in 0..<pageCheckGames {
    let pageWatch = Stopwatch()
    pageWinners.append(selfPlayGame(&pageNetwork, lambda: 0.7, stepSize: 0.1, random: &pageDice))
    pageSeconds += pageWatch.seconds
    let libraryWatch = Stopwatch()
    libraryWinners.append(libraryTrainer.trainOneGame(random: &libraryDice))
    librarySeconds += libraryWatch.seconds
}
if Terminal.standardErrorIsTerminal {  // timings only on a terminal, never in the notebook
    report(String(format: "TD(λ) page check: %.1f ms per game on the page, %.2f ms fused",
                  1000 * pageSeconds / Double(pageCheckGames), 1000 * librarySeconds / Double(pageCheckGames)))
}
notebook.check("this page's game and the library's TDGammonTrainer give bit-identical parameters after "
               + "\(pageCheckGames) games (\(libraryTrainer.pliesPlayed) moves)",
               pageNetwork.parameters == libraryTrainer.network.sequential.parameters && pageWinners == libraryWinners
               && pageNetwork.parameters != freshNetwork.sequential.parameters)
notebook.prose("""
    The fused version trains the network below: the same numbers in less time (both \
    speeds appear on standard error when it is a terminal).
    """)
let trainingGames = notebook.options[gamesOption]
let checkpoints = quick ? 3 : 10
let trainer = TDGammonTrainer(network: freshNetwork, lambda: 0.7, stepSize: 0.1)
var selfPlayDice = notebook.generator("TD-Gammon: self-play dice")
var progress = ProgressBar("self-play", total: trainingGames)
var curveGames: [Double] = [0], curveRandom: [Double] = [], curvePubeval: [Double] = []
let curveMatchGames = quick ? 100 : 200
let curveSeeds = (random: notebook.seed("learning curve: match against random"),
                  pubeval: notebook.seed("learning curve: match against pubeval"))
/// Win rates of a network against random and pubeval, for the learning curve.
func curvePoint(_ network: TDGammonNetwork, games: Int) -> (random: Double, pubeval: Double) {
    let player = TDGammonPlayer(network: network)
    return (playBackgammonMatch(player, RandomBackgammonPlayer(), games: games, seed: curveSeeds.random).winRate,
            playBackgammonMatch(player, PubevalPlayer(), games: games, seed: curveSeeds.pubeval).winRate)
}
let initialPoint = curvePoint(trainer.network, games: curveMatchGames)
curveRandom.append(initialPoint.random)
curvePubeval.append(initialPoint.pubeval)
let trainingWatch = Stopwatch()
for checkpoint in 1...checkpoints {
    let target = trainingGames * checkpoint / checkpoints
    while trainer.gamesPlayed < target {
        trainer.trainOneGame(random: &selfPlayDice)
        if trainer.gamesPlayed % 100 == 0 {
            let rate = Double(trainer.gamesPlayed) / max(trainingWatch.seconds, 1e-9)
            progress.advance(to: trainer.gamesPlayed, metric: String(format: "%.0f games/s, vs pubeval %.0f%%",
                                                                    rate, 100 * (curvePubeval.last ?? 0)))
        }
    }
    let point = curvePoint(trainer.network, games: curveMatchGames)
    curveRandom.append(point.random)
    curvePubeval.append(point.pubeval)
    curveGames.append(Double(trainer.gamesPlayed))
}
progress.finish()
let gamesPerSecond = Double(trainer.gamesPlayed) / trainingWatch.seconds
var curve = LinePlot(title: "Learning curve (win rate over \(curveMatchGames) games)", xLabel: "self-play games",
                     yLabel: "win rate")
curve.add("against random", x: curveGames, y: curveRandom)
curve.add("against pubeval", x: curveGames, y: curvePubeval)
curve.yRange = 0...1
notebook.show(curve)
if Terminal.standardErrorIsTerminal {  // timings only on a terminal, never in the notebook
    report(String(format: "self-play: %d games, %.0f games/s (wall clock)", trainer.gamesPlayed, gamesPerSecond))
}
// Is the untrained network above better than a random mover by luck of its weights? Ask many.
let untrainedCount = quick ? 6 : 10, untrainedGames = quick ? 100 : 200
var untrainedRates: [Double] = []
for k in 0..<untrainedCount {
    var untrainedRandom = notebook.generator("untrained network \(k + 1): weights")
    let untrained = TDGammonPlayer(network: TDGammonNetwork(hiddenCount: 40, using: &untrainedRandom))
    untrainedRates.append(playBackgammonMatch(untrained, RandomBackgammonPlayer(), games: untrainedGames,
                                              seed: notebook.seed("untrained network \(k + 1): match against random")).winRate)
}
let untrainedWinners = untrainedRates.filter { $0 > 0.5 }.count
notebook.table(["untrained network", "wins against random (\(untrainedGames) games)"],
               rows: untrainedRates.enumerated().map { ["\($0.offset + 1)", formatNumber(100 * $0.element, digits: 1) + "%"] })
notebook.prose("""
    Before training, the network of the curve won \(formatNumber(100 * curveRandom[0], digits: 1))% against \
    the random player. That number is a property of one draw of weights, not of untrained \
    networks: of \(untrainedCount) further networks drawn the same way, \(untrainedWinners) won more than \
    half of their games, with win rates from \(formatNumber(100 * untrainedRates.min()!, digits: 1))% to \
    \(formatNumber(100 * untrainedRates.max()!, digits: 1))%. Random weights give a consistent player, \
    and whether its fixed preferences help or hurt against a random mover depends on the \
    draw. Training is what makes the difference reliable (checked in the next section), \
    and the curve against pubeval climbs as self-play teaches the network to race, hit and \
    build points. (The speed in games per second appears on standard error when it is a \
    terminal, since it changes from run to run; the README records it.)
    """)

// MARK: - 10. Evaluation matches

notebook.section("Evaluation matches")
notebook.prose("""
    A win rate from N games is a binomial proportion; its 95% interval (Wilson's) shows \
    how much of a difference is luck. Pubeval is Tesauro's public linear evaluator: two \
    sets of 122 weights (contact and race) scoring the position after a move, released \
    as a common yardstick for backgammon programs. Each match alternates who moves first.
    """)
func describe(_ match: BackgammonMatchResult) -> [String] {
    let (low, high) = match.interval95
    return ["\(match.games)", formatNumber(100 * match.winRate, digits: 1) + "%",
            "[" + formatNumber(100 * low, digits: 1) + "%, " + formatNumber(100 * high, digits: 1) + "%]",
            formatNumber(Double(match.points.first - match.points.second) / Double(match.games), digits: 3)]
}
let trainedPlayer = TDGammonPlayer(network: trainer.network, name: "trained here")
let versusRandom = playBackgammonMatch(trainedPlayer, RandomBackgammonPlayer(), games: quick ? 300 : 1000,
                                       seed: notebook.seed("match: trained network vs random"))
let versusPubeval = playBackgammonMatch(trainedPlayer, PubevalPlayer(), games: quick ? 300 : 1000,
                                        seed: notebook.seed("match: trained network vs pubeval"))
let pubevalVersusRandom = playBackgammonMatch(PubevalPlayer(), RandomBackgammonPlayer(), games: quick ? 300 : 1000,
                                              seed: notebook.seed("match: pubeval vs random"))
var matchRows: [[String]] = [
    ["trained here (\(trainer.gamesPlayed) games)", "random"] + describe(versusRandom),
    ["trained here (\(trainer.gamesPlayed) games)", "pubeval"] + describe(versusPubeval),
    ["pubeval", "random"] + describe(pubevalVersusRandom),
]
let shipped = try? TDGammonNetwork(contentsOf: shippedNetworkPath, hiddenCount: shippedHiddenCount)
var shippedVersusPubeval: BackgammonMatchResult?
if let shipped {
    let shippedPlayer = TDGammonPlayer(network: shipped)
    shippedVersusPubeval = playBackgammonMatch(shippedPlayer, PubevalPlayer(), games: quick ? 1000 : 2000,
                                               seed: notebook.seed("match: shipped network vs pubeval"))
    matchRows.append(["shipped network (1-ply)", "pubeval"] + describe(shippedVersusPubeval!))
}
notebook.table(["player", "opponent", "games", "wins", "95% interval", "points/game"], rows: matchRows)
notebook.prose("""
    "points/game" is the first player's points won minus points lost per game, with a \
    gammon counting 2 and a backgammon 3. Our network is trained only to win, not to win \
    big, so it can win more games than pubeval and still collect fewer points per game.
    """)
notebook.check("the network trained here beats the random player in at least 90% of games",
               versusRandom.winRate >= 0.9)
notebook.check("it beats the random player more often than any of the \(untrainedCount) untrained networks "
               + "(\(formatNumber(100 * versusRandom.winRate, digits: 1))% against at most \(formatNumber(100 * untrainedRates.max()!, digits: 1))%)",
               versusRandom.winRate > untrainedRates.max()!)
if let result = shippedVersusPubeval {
    notebook.check("the shipped network beats pubeval (lower end of the 95% interval above 50%)",
                   result.interval95.low > 0.5)
} else {
    notebook.prose("(The shipped network Data/tdgammon-h40.weights was not found, so its match is skipped.)")
}

// MARK: - 11. Looking ahead: 2-ply search

notebook.section("Looking ahead: 2-ply search")
notebook.prose("""
    The notes' next step: keep the few moves the network likes best at 1-ply, and for \
    each, play out every reply. For each of the opponent's 21 distinct rolls (15 mixed \
    rolls with probability 2/36, 6 doubles with 1/36), find the opponent's best reply by \
    the network, and average what that leaves us. The notes keep "the top 5 or 6" \
    (000:1413); we keep 5, the cheaper end. The version that first matched the best humans \
    looked one step deeper still (3-ply).

    To compare 2-ply with 1-ply fairly, both play the same games against pubeval: game i \
    of both matches rolls the same dice, so the luck that both share cancels in the \
    difference. The interval for the difference comes from the per-game differences \
    (+1 when only 2-ply won, −1 when only 1-ply won, 0 otherwise).
    """)
if let shipped {
    let twoPlyCandidates = 5
    let twoPly = TDGammonPlayer(network: shipped, plies: 2, candidates: twoPlyCandidates)
    let onePly = TDGammonPlayer(network: shipped, plies: 1)
    let twoPlyGames = notebook.options[twoPlyGamesOption]
    let paired = playPairedBackgammonMatches(onePly, twoPly, against: PubevalPlayer(), games: twoPlyGames,
                                             seed: notebook.seed("2-ply vs 1-ply: paired games against pubeval"))
    let twoPlyCost = Double(twoPly.evaluations) / Double(max(twoPly.movesChosen, 1))
    let onePlyCost = Double(onePly.evaluations) / Double(max(onePly.movesChosen, 1))
    notebook.table(["search", "evaluations per move", "vs pubeval", "95% interval"], rows: [
        ["1-ply", formatNumber(onePlyCost, digits: 1)] + Array(describe(paired.first)[1...2]),
        ["2-ply, best \(twoPlyCandidates)", formatNumber(twoPlyCost, digits: 1)] + Array(describe(paired.second)[1...2]),
    ])
    let (differenceLow, differenceHigh) = paired.differenceInterval95
    let percent = { (x: Double) in formatNumber(100 * x, digits: 1) }
    notebook.result("2-ply minus 1-ply, in percentage points (\(twoPlyGames) paired games)",
                    "\(percent(paired.meanDifference)), 95% interval [\(percent(differenceLow)), \(percent(differenceHigh))]")
    notebook.check("2-ply costs more than 20 times as many evaluations per move as 1-ply", twoPlyCost > 20 * onePlyCost)
    let verdict: String
    if differenceLow > 0 {
        verdict = "2-ply wins more often than 1-ply, and at this size the difference is significant: the whole interval lies above 0."
    } else if differenceHigh < 0 {
        verdict = "2-ply wins less often than 1-ply here, and the interval lies below 0: the search, with this network, hurts."
    } else {
        verdict = "At \(twoPlyGames) games the difference is not significant: its interval contains 0, so these games cannot tell the two apart."
    }
    notebook.prose("""
        \(verdict) The price is certain: \(formatNumber(twoPlyCost / max(onePlyCost, 1e-9), digits: 0)) times \
        as many network evaluations per move. Use `swift run Lesson06 play --two-ply` to face \
        a 2-ply player.
        """)
}

// MARK: - 12. Play and analyse

notebook.section("Play and analyse")
notebook.prose("""
    `swift run Lesson06 play` plays a game against the shipped network in this terminal \
    (moves in the usual notation: 24/18 13/11, bar/22, 6/off, 8/5(2)); \
    `swift run Lesson06 analyze <PositionID> <die1> <die2>` prints the board and ranks \
    every legal move. For example, the opening 3-1 (the standard answer is 8/5 6/5, \
    making the 5 point):
    """)
if let shipped {
    let analyst = TDGammonPlayer(network: shipped)
    let ranked = analyst.rankedMoves(.start, 3, 1)
    notebook.table(["rank", "move", "P(win)"], rows: ranked.prefix(5).enumerated().map {
        ["\($0.offset + 1)", $0.element.move.description, formatNumber($0.element.value, digits: 4)]
    })
    notebook.check("the shipped network's favourite opening 3-1 is 8/5 6/5", ranked.first?.move.description == "8/5 6/5")
}

// MARK: - Recap

notebook.recap([
    "Neural TD: θ ← θ + α (r + γV_θ(s′) − V_θ(s)) ∇_θV_θ(s), the target held fixed: a semi-gradient.",
    "On the random walk, gradient MC with 10 groups reaches ≈ 0.05 RMS, the staircase's floor; TD(0) is biased higher.",
    "The true gradient of the squared TD error does worse than the semi-gradient in a stochastic problem.",
    "Eligibility traces z ← γλz + ∇V spread each TD error over earlier states: with λ > 0 many weights change per step.",
    "TD-Gammon: 198 raw inputs, one sigmoid hidden layer, self-play TD(λ), greedy 1-ply move choice.",
    "The notes' 4 slips: the first Neural TD update has the wrong sign; the KTH notes' discount is λ (γ here); TD-Gammon is from 1992, not the late 1980s; its input has 198 units, not 16.",
])
notebook.exercises(lesson: "Lesson06", [
    "semiGradientTD0 — one linear semi-gradient TD(0) update",
    "eligibilityTrace — one accumulating trace update z ← γλz + ∇V",
    "pointUnits — Tesauro's four units for n checkers on a point",
    "winRateInterval — the normal-approximation 95% interval of a win rate",
])
notebook.finish()
