// Lesson 11 — Learning the policy itself: imitation, then policy gradients and actor-critic.
//
// A policy as a network π_θ(a|s); the log-probability of a trajectory; behaviour cloning of a
// CartPole expert and why DAgger exists; the policy gradient derived and checked against the
// exact gradient of a small MDP; reward-to-go and baselines, with their variances measured;
// REINFORCE with a learned baseline and a one-step actor-critic on CartPole, beside DQN;
// Gaussian policies for continuous actions; the Bellman equations, and why Q-learning is
// off-policy. Run it with `swift run Lesson11`; the exercises are in `Exercises/Lesson11.swift`.
//
// Sources: Berkeley handouts (seed 003) lines 1034–1305; short course (seed 004) lines
// 1998–2032 and 2210–2300.

import Foundation
import LessonRuntime
import NeuralNetworks
import Reinforcement
import TensorCore

let seedsOption = Option("seeds", "A-B", default: "",
                         help: "only train the policy-gradient agent for each of these seeds (e.g. 1-10) and print the per-seed table")
let methodOption = Option("method", "NAME", default: "reinforce",
                          help: "the agent of --seeds: reinforce (with a learned baseline) or actor-critic")
let notebook = Notebook(
    title: "Lesson 11 · Learning the policy: imitation, policy gradients, actor-critic",
    summary: "Copying an expert (behaviour cloning and DAgger), then learning a policy from rewards "
        + "(REINFORCE with a baseline, actor-critic) on CartPole, with every gradient checked.",
    flags: [seedsOption, methodOption])
let quick = notebook.options.quick
let seed = notebook.options.seed

/// "mean ± standard deviation" of at least two values (the library's `MonteCarloEstimate`:
/// the sample standard deviation, divisor n − 1).
func plusMinus(_ values: [Double], digits: Int = 1) -> String {
    let estimate = MonteCarloEstimate(values)
    return "\(formatNumber(estimate.mean, digits: digits)) ± \(formatNumber(estimate.standardDeviation, digits: digits))"
}

// MARK: - The policy-gradient agents on CartPole (used by --seeds and by section 5)

let reinforceConfiguration = PolicyGradientConfiguration.reinforceCartPole
let actorCriticConfiguration = PolicyGradientConfiguration.actorCriticCartPole
let stepBudget = quick ? 30_000 : 200_000
let evaluationInterval = quick ? 5_000 : 10_000

/// REINFORCE's update, written out in the order of the formula (section 5 explains it):
/// advantages Aₜ = R̂ₜ − V_φ(sₜ), standardised; one step of gradient ascent on
/// (1/n) Σ Aₜ log π_θ(aₜ|sₜ); then V_φ regressed onto the returns R̂ₜ.
let reinforceUpdate: ReinforceAgent.Update = { agent, batch in
    // The baseline V_φ(sₜ) of every step of the batch, before any change.
    let baseline = agent.value.predict(batch.observations).scalars
    // Aₜ = R̂ₜ − V_φ(sₜ), then shifted and scaled to mean 0 and standard deviation 1.
    let advantages = standardized(zip(batch.returns, baseline).map { $0 - $1 })
    // The policy: logits z, loss −(1/n) Σ Aₜ log softmax(zₜ)_{aₜ}, its gradient (Aₜ/n)(softmax(zₜ) − e_{aₜ}).
    let logits = agent.policy.network.forward(batch.observations)
    let (_, logitGradient) = SoftmaxPolicy.policyGradientLoss(logits: logits, actions: batch.actions, weights: advantages)
    _ = agent.policy.network.backward(logitGradient, accumulate: false, needsInputGradient: false)
    agent.policyOptimizer.step(&agent.policy.network)
    // The critic: a few steps of regression of V_φ(sₜ) onto R̂ₜ (loss ½(V − R̂)²).
    let targets = Tensor(shape: [batch.actions.count, 1], scalars: batch.returns)
    for _ in 0..<agent.configuration.valueStepsPerBatch {
        agent.value.computeGradients(input: batch.observations, target: targets, loss: .halfSquaredError)
        agent.valueOptimizer.step(&agent.value)
    }
}

/// The one-step actor-critic's update, in the order of the formula (section 5): for each of
/// the side-by-side transitions the TD target r + γV_φ(s′) (0 for V_φ(s′) after the pole
/// falls), one critic step on ½(V_φ(s) − target)², then one actor step along δ ∇log π(a|s)
/// with the TD error δ = target − V_φ(s).
let actorCriticUpdate: ActorCriticAgent.Update = { agent, batch in
    let n = batch.actions.count
    // The targets, from the critic before its step; they are constants (no gradient flows into V_φ(s′)).
    let nextValues = agent.value.predict(batch.nextStates).scalars
    let targets = (0..<n).map { batch.rewards[$0] + agent.configuration.discount * batch.alive[$0] * nextValues[$0] }
    // The critic: ∂/∂V of (1/n) Σ ½(V_φ(s) − target)² is (V_φ(s) − target)/n = −δ/n.
    let currentValues = agent.value.forward(batch.states).scalars
    let tdErrors = zip(targets, currentValues).map { $0 - $1 }
    let valueGradient = Tensor(shape: [n, 1], scalars: tdErrors.map { -$0 / Double(n) })
    _ = agent.value.backward(valueGradient, accumulate: false, needsInputGradient: false)
    agent.valueOptimizer.step(&agent.value)
    // The actor: ascend (1/n) Σ δ log π(a|s), the policy-gradient loss with the TD errors as weights.
    let logits = agent.policy.network.forward(batch.states)
    let (_, logitGradient) = SoftmaxPolicy.policyGradientLoss(logits: logits, actions: batch.actions, weights: tdErrors)
    _ = agent.policy.network.backward(logitGradient, accumulate: false, needsInputGradient: false)
    agent.policyOptimizer.step(&agent.policy.network)
}

/// One training run for the whole budget, with a greedy evaluation of 100 fresh episodes every
/// `evaluationInterval` steps and a progress bar on stderr.
func trainAgent<Agent: PolicyGradientLearner>(_ agent: inout Agent, label: String, seed runSeed: UInt64) -> PolicyGradientRun {
    var progress = ProgressBar(label, total: stepBudget)
    let run = agent.trainWithCheckpoints(maxSteps: stepBudget, evaluationInterval: evaluationInterval,
                                         evaluationEpisodes: 100, threshold: 475,
                                         evaluationSeed: SeededGenerator.seed(runSeed, stream: "evaluation")) { checkpoint in
        progress.advance(to: checkpoint.step, metric: "greedy return \(formatNumber(checkpoint.greedyReturn, digits: 1))")
    }
    progress.finish()
    return run
}

// `--seeds A-B`: the per-seed study behind the rate quoted in section 5, and nothing else.
if notebook.options.isGiven(seedsOption) {
    let seedList = notebook.options[seedsOption]
    let method = notebook.options[methodOption]
    let bounds = seedList.split(separator: "-").compactMap { UInt64($0) }
    guard (bounds.count == 1 || bounds.count == 2) && bounds.first! <= bounds.last!, method == "reinforce" || method == "actor-critic" else {
        report("Lesson11: --seeds wants A-B with A ≤ B (e.g. 1-10) and --method reinforce or actor-critic, got \(seedList) \(method)")
        exit(64)
    }
    var rows: [[String]] = []
    var solved = 0
    for studySeed in bounds.first!...bounds.last! {
        let clock = Stopwatch()
        let run: PolicyGradientRun
        if method == "reinforce" {
            var agent = ReinforceAgent(configuration: reinforceConfiguration, seed: studySeed, update: reinforceUpdate)
            run = trainAgent(&agent, label: "REINFORCE, seed \(studySeed)", seed: studySeed)
        } else {
            var agent = ActorCriticAgent(configuration: actorCriticConfiguration, seed: studySeed, update: actorCriticUpdate)
            run = trainAgent(&agent, label: "actor-critic, seed \(studySeed)", seed: studySeed)
        }
        let returns = run.checkpoints.map(\.greedyReturn)
        if run.solvedAtStep != nil { solved += 1 }
        rows.append([String(studySeed), run.solvedAtStep.map { formatNumber(Double($0)) } ?? "never",
                     formatNumber(returns.max() ?? 0, digits: 1), formatNumber(returns.last ?? 0, digits: 1)])
        report("seed \(studySeed): \(formatNumber(clock.seconds, digits: 1)) s")
    }
    let count = Int(bounds.last! - bounds.first!) + 1
    notebook.table(["seed", "first checkpoint ≥ 475", "best greedy mean", "final greedy mean"], rows: rows)
    notebook.result("seeds reaching a greedy mean ≥ 475 within \(stepBudget) steps", "\(solved) of \(count)")
    notebook.check("at least 8 in 10 of the seeds reach ≥ 475 (\(solved) of \(count))", 10 * solved >= 8 * count)
    notebook.finish()
    exit(notebook.allAgree ? 0 : 1)
}

notebook.prose("""
    You will learn: how a network can be a policy, a probability for every action; what a \
    trajectory's probability is when the world is Markov; how to learn a policy by copying \
    an expert, why copying fails in states the expert never visits, and how DAgger repairs \
    that; the policy gradient, checked against an exact gradient; reward-to-go and \
    baselines, and how much variance each removes; REINFORCE and actor-critic on CartPole, \
    beside DQN; Gaussian policies for continuous actions; and the Bellman equations that \
    connect all of this to Q-learning.
    """)

// MARK: - 1. Policies and trajectories

notebook.section("A policy is a distribution over actions")
notebook.prose("""
    DQN learned values and acted greedily on them. Here we learn the policy directly: a \
    network maps the state s to one number zₐ per action (the logits), and the policy is \
    their softmax, π_θ(a|s) = e^{zₐ}/Σ_b e^{z_b}. Acting means drawing an action from that \
    distribution; the greedy policy takes the most probable one.
    """)
notebook.prose("""
    An MDP (003:1040) has states, actions, transitions P(s′|s, a) and rewards r(s, a), and \
    it is Markov: the next state depends on the past only through the present state and \
    action. So the probability of a trajectory τ = (s₀, a₀, s₁, a₁, …, s_{T−1}, a_{T−1}) \
    factors into a start term, one policy term per step and one transition term per step \
    (003 Problem 1):
    """)
notebook.formula("""
    log p_θ(τ) = log p(s₀) + Σₜ log π_θ(aₜ|sₜ) + Σₜ log P(sₜ₊₁|sₜ, aₜ)
    """)
notebook.prose("""
    Only the middle sum depends on θ. That is the whole reason policy gradients work \
    without a model of the world: ∇_θ log p_θ(τ) = Σₜ ∇_θ log π_θ(aₜ|sₜ), and P never has to \
    be known. For the softmax, ∂ log π(a|s)/∂z = eₐ − π(·|s). Checked against central \
    differences for logits z = (0.3, −1.2, 2.0):
    """)
let sampleLogits = [0.3, -1.2, 2.0]
var worstLogSoftmax = 0.0
var logSoftmaxRows: [[String]] = []
for action in 0..<3 {
    let analytic = SoftmaxPolicy.logProbabilityGradient(logits: sampleLogits, action: action)
    let result = checkGradient(label: "a = \(action)", at: Tensor(sampleLogits), analyticGradient: Tensor(analytic)) { z in
        logSoftmax(z)[action]
    }
    worstLogSoftmax = max(worstLogSoftmax, result.maxRelativeError)
    logSoftmaxRows.append(["\(action)", analytic.map { formatNumber($0, digits: 4) }.joined(separator: ", "),
                           String(format: "%.1e", result.maxRelativeError)])
}
notebook.table(["action a", "eₐ − softmax(z)", "largest relative error"], rows: logSoftmaxRows)
notebook.check("the softmax log-probability gradient matches central differences for every action (relative error < 1e-8)",
               worstLogSoftmax < 1e-8)

let mdp = TabularMDP.twoStates
let theta = [0.4, -0.2, -0.5, 0.3]
notebook.prose("""
    To have a world in which everything can be computed exactly, the lesson uses a tiny \
    MDP: two states, two actions, three steps, start in state 0. In state 0, "stay" \
    (action 0) earns 1 and stays; "leave" (action 1) earns 0 and reaches state 1 with \
    probability 0.8. In state 1, action 0 earns 3 and action 1 earns −1, and either \
    returns to state 0 with probability 0.5. The policy is a table of logits θ[s, a] with \
    π(a|s) = softmax(θ[s, ·])ₐ, here θ = (0.4, −0.2 | −0.5, 0.3). Enumerating every \
    trajectory gives its exact probability:
    """)
let trajectories = mdp.allTrajectories(theta)
notebook.results(["number of distinct trajectories": Double(trajectories.count),
                  "their probabilities add up to": trajectories.reduce(0) { $0 + $1.probability }], digits: 12)
// One trajectory, its log-probability as the sum of the terms of the factorisation.
let example = trajectories.max { $0.totalReward < $1.totalReward }!
let policyTerms = zip(example.states, example.actions).map { log(mdp.policy(theta, state: $0)[$1]) }
notebook.result("the best trajectory (states; actions)",
                "\(example.states.map(String.init).joined(separator: " ")); \(example.actions.map(String.init).joined(separator: " ")), R = \(formatNumber(example.totalReward))")
notebook.result("its Σₜ log π(aₜ|sₜ)", policyTerms.reduce(0, +), digits: 6)
notebook.result("its log p(τ) (with the transitions)", log(example.probability), digits: 6)
notebook.prose("""
    Behaviour cloning (next section) maximises the first of these two sums over the \
    expert's trajectories, and so maximises their probability under the learned policy \
    (003 Problem 2): the transition terms are the same for every θ.
    """)
notebook.slip("how long a trajectory is",
     notes: "((s_0, a_0), …, (s_T, a_T))", at: .notes("003", 1055),
     correct: "T + 1 pairs here, T pairs (s_1 … s_T) at 003:1104",
     why: """
        The imitation handout counts from 0 to T, the policy-gradient handout from 1 to \
        T. Either is fine alone, but the dataset at 003:1072 then lists \
        (s_0, a_0), …, (s_NT, a_NT), NT + 1 pairs, for N trajectories of T + 1 pairs each, \
        N(T + 1) in all. The lesson counts from 0 and calls T the number of actions.
        """)

// MARK: - 2. Imitation

notebook.section("Imitation: behaviour cloning and DAgger")
let expert = CartPoleExpert()
notebook.prose("""
    The expert is a one-line controller for Lesson 07's CartPole (bit-identical to \
    Gymnasium's CartPole-v1): push right exactly when x + ẋ + 10θ + 2θ̇ > 0. It leans into \
    the fall of the pole (θ, θ̇) and, more gently, toward where the cart is and is going \
    (x, ẋ), which tips the pole back so that the cart can return to the centre. Over 100 \
    episodes from random starts:
    """)
var expertGenerator = notebook.generator("expert evaluation")
let expertMean = meanReturn(of: expert.action, episodes: 100, using: &expertGenerator)
notebook.result("the expert's mean return", expertMean, digits: 1)
notebook.check("the expert balances every one of 100 episodes for all 500 steps", expertMean == 500)
notebook.prose("""
    Behaviour cloning treats imitation as classification: each state the expert visited is \
    an input, its action the label, and the policy is trained by maximum likelihood, \
    maximising Σ log π_θ(a|s) over the pairs (003:1076): cross-entropy, as for the digits \
    of Lesson 03. The learner is a 4 → 16 tanh → 2 softmax network, trained with Adam for \
    60 epochs on the expert's first n labelled states.
    """)
notebook.prose("""
    The catch is the distribution of states. The expert keeps the pole almost upright and \
    the cart near the centre, so those are the only states in the data. The learner makes \
    a small mistake, drifts to a state the expert never visited, and there its guess is \
    poor, so it drifts further: the errors compound. Ross, Gordon and Bagnell (2011) show \
    that with a mistake rate ε on the expert's states the cost over T steps can grow like \
    T²ε. DAgger (dataset aggregation) asks the expert about the learner's own states: let \
    the current learner act, label the states it reaches with the expert's actions, add \
    them to the data, retrain, repeat. Then the error grows only like Tε.
    """)
let imitationSeeds: [UInt64] = [1, 2, 3, 4, 5]
let labelBudgets = quick ? [50, 100, 200, 400] : [50, 100, 200, 400, 800]
let daggerStart = 50, daggerStep = 50
let imitationEpisodes = quick ? 10 : 20
let learner = ImitationLearner(hiddenLayers: [16], epochs: 60)
// returns[method][budget index][seed index]
var cloningReturns = Array(repeating: [Double](), count: labelBudgets.count)
var daggerReturns = Array(repeating: [Double](), count: labelBudgets.count)
var imitationProgress = ProgressBar("imitation runs", total: imitationSeeds.count)
for imitationSeed in imitationSeeds {
    let base = "imitation \(seed) \(imitationSeed)"
    // Behaviour cloning: the first n labels of the expert's demonstrations.
    for (b, budget) in labelBudgets.enumerated() {
        var demonstrationGenerator = SeededGenerator(seed: notebook.seed(base + " demonstrations"))
        let data = ImitationDataset.demonstrations(by: expert, count: budget, using: &demonstrationGenerator)
        var trainGenerator = SeededGenerator(seed: notebook.seed(base + " cloning \(budget)"))
        let clone = learner.train(on: data, using: &trainGenerator)
        var evaluationGenerator = SeededGenerator(seed: notebook.seed(base + " evaluation"))
        cloningReturns[b].append(meanReturn(of: clone.greedyAction, episodes: imitationEpisodes, using: &evaluationGenerator))
    }
    // DAgger: the same first 50 labels, then 50 labels of the learner's own states per iteration.
    var demonstrationGenerator = SeededGenerator(seed: notebook.seed(base + " demonstrations"))
    var dagger = DAgger(expert: expert, learner: learner, initialLabels: daggerStart, using: &demonstrationGenerator)
    var daggerGenerator = SeededGenerator(seed: notebook.seed(base + " dagger"))
    for (b, budget) in labelBudgets.enumerated() {
        while dagger.dataset.count < budget { dagger.step(labels: daggerStep, using: &daggerGenerator) }
        var evaluationGenerator = SeededGenerator(seed: notebook.seed(base + " evaluation"))
        let policy = dagger.policy
        daggerReturns[b].append(meanReturn(of: policy.greedyAction, episodes: imitationEpisodes, using: &evaluationGenerator))
    }
    imitationProgress.advance()
}
imitationProgress.finish()
notebook.prose("""
    Both methods start from the same 50 demonstrations; DAgger then adds 50 expert labels \
    of the learner's own states per iteration. Mean return (greedy, \(imitationEpisodes) \
    episodes) against the number of expert labels, mean ± standard deviation over \
    \(imitationSeeds.count) seeds, and how many seeds balance every episode for 500 steps:
    """)
/// How many seeds' mean return is 500 (every evaluation episode balanced to the limit).
func perfect(_ values: [Double]) -> Int { values.filter { $0 == 500 }.count }
notebook.table(["expert labels", "cloning", "seeds at 500", "DAgger", "seeds at 500 "],
               rows: labelBudgets.indices.map { b in
                   ["\(labelBudgets[b])", plusMinus(cloningReturns[b]), "\(perfect(cloningReturns[b])) of \(imitationSeeds.count)",
                    plusMinus(daggerReturns[b]), "\(perfect(daggerReturns[b])) of \(imitationSeeds.count)"]
               })
/// The fewest labels at which every seed reaches 500, or nil within the budgets shown.
func labelsForAllSeeds(_ returns: [[Double]]) -> Int? {
    labelBudgets.indices.first { perfect(returns[$0]) == imitationSeeds.count }.map { labelBudgets[$0] }
}
let cloningNeeds = labelsForAllSeeds(cloningReturns), daggerNeeds = labelsForAllSeeds(daggerReturns)
notebook.result("fewest labels with every seed at 500, cloning", cloningNeeds.map(String.init) ?? "more than \(labelBudgets.last!)")
notebook.result("fewest labels with every seed at 500, DAgger", daggerNeeds.map(String.init) ?? "more than \(labelBudgets.last!)")
notebook.check("DAgger brings every seed to 500 with fewer expert labels than cloning needs",
               daggerNeeds != nil && daggerNeeds! < (cloningNeeds ?? Int.max))
notebook.prose("""
    DAgger is not free: it needs the expert on call while the learner acts, and it lets an \
    imperfect learner act in the world, which is cheap on CartPole and not on a real car \
    (003:1096). Each DAgger label is also worth more than a demonstration label because it \
    sits where the learner actually goes.
    """)

// MARK: - 3. The policy gradient

notebook.section("The policy gradient, checked exactly")
notebook.prose("""
    Without an expert we have only rewards, and we want θ that maximises \
    J(θ) = E_τ∼π_θ[R(τ)], the expected total reward. The log-derivative identity \
    ∇p = p ∇log p turns the gradient of an expectation into an expectation we can sample:
    """)
notebook.formula("""
    ∇J = ∇ Σ_τ p_θ(τ) R(τ) = Σ_τ p_θ(τ) ∇log p_θ(τ) R(τ) = E[ (Σₜ ∇log π_θ(aₜ|sₜ)) R(τ) ]
    """)
notebook.prose("""
    Sampling trajectories with the current policy and averaging (Σₜ ∇log π(aₜ|sₜ)) R(τ) \
    gives an unbiased estimate of ∇J. On the tiny MDP, J is a finite sum, so the exact \
    gradient is known: first the enumerated Σ p ∇log p R against central differences of J \
    itself, then Monte Carlo estimates from more and more sampled trajectories.
    """)
let exactGradient = mdp.exactGradient(theta)
let exactCheck = checkGradient(label: "∇J", at: Tensor(theta), analyticGradient: Tensor(exactGradient)) {
    mdp.expectedReturn($0.scalars)
}
notebook.result("J(θ)", mdp.expectedReturn(theta), digits: 6)
notebook.result("exact ∇J (θ₀₀, θ₀₁, θ₁₀, θ₁₁)", exactGradient, digits: 6)
notebook.check("Σ_τ p ∇log p R equals the central differences of J (relative error \(String(format: "%.1e", exactCheck.maxRelativeError)) < 1e-7)",
               exactCheck.maxRelativeError < 1e-7)
let sampleCounts = quick ? [100, 1_000, 10_000] : [100, 1_000, 10_000, 100_000]
var convergenceRows: [[String]] = []
var withinThreeErrors = true
var largestCount = 0
for count in sampleCounts {
    var sampler = notebook.generator("policy gradient \(count)")
    let samples = (0..<count).map { _ in
        mdp.gradientEstimate(theta, mdp.sample(theta, using: &sampler), weighting: .totalReturn(baseline: 0))
    }
    // One Monte Carlo estimate per coordinate: its mean and standard error s/√n.
    let estimates = (0..<4).map { k in MonteCarloEstimate(samples.map { $0[k] }) }
    let mean = estimates.map(\.mean)
    let inUnits = (0..<4).map { abs(mean[$0] - exactGradient[$0]) / estimates[$0].standardError }
    // The claim is made for the largest sample (below).
    withinThreeErrors = inUnits.allSatisfy { $0 < 3 }
    largestCount = count
    let distance = zip(mean, exactGradient).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    convergenceRows.append([formatNumber(Double(count)), mean.map { formatNumber($0, digits: 3) }.joined(separator: ", "),
                            formatNumber(distance, digits: 4), formatNumber(inUnits.max()!, digits: 2)])
}
notebook.table(["trajectories", "Monte Carlo ∇J", "‖error‖", "largest |error| / s.e."], rows: convergenceRows)
notebook.check("the estimate from \(largestCount) trajectories is within 3 standard errors of the exact gradient in every coordinate",
               withinThreeErrors)
notebook.prose("""
    The error shrinks like 1/√n: a hundred times more trajectories for one more digit. \
    That is why the rest of the section is about variance. (The claim is checked for the \
    largest sample only: with 100 trajectories the standard error is itself estimated \
    from few, skewed samples, and a 3-standard-error band is missed far more often than \
    the 0.3 % a normal distribution promises.)
    """)

// MARK: - 4. Variance

notebook.section("Reward-to-go and baselines: less variance, same mean")
notebook.prose("""
    An action cannot change rewards that came before it, so ∇log π(aₜ|sₜ) may be weighted by \
    the reward-to-go R̂ₜ = Σ_{t′ ≥ t} r_{t′} instead of the whole R(τ) (003:1142). And any \
    constant b may be subtracted from the return, because E[∇log p_θ(τ)] = Σ_τ ∇p_θ(τ) = \
    ∇ Σ_τ p_θ(τ) = ∇1 = 0 (the handout's proof, 003:1158–1166). On the tiny MDP that \
    expectation is a finite sum:
    """)
let scoreMean = trajectories.reduce(Array(repeating: 0.0, count: 4)) { total, trajectory in
    zip(total, mdp.scoreFunction(theta, trajectory)).map { $0 + trajectory.probability * $1 }
}
notebook.result("E[∇log p_θ(τ)] by enumeration", scoreMean, digits: 4)
notebook.check("it is zero to 1e-15 in every coordinate, so a constant baseline adds no bias",
               scoreMean.allSatisfy { abs($0) < 1e-15 })
notebook.prose("""
    Which b is best? The variance of the estimate g·(R − b), g = ∇log p_θ(τ), summed over \
    coordinates, is E[‖g‖²(R − b)²] − ‖∇J‖². The second term does not depend on b, and the \
    first is a parabola in b with its lowest point at b* = E[‖g‖²R]/E[‖g‖²]. The handout \
    reaches b = E[R] instead, by treating g and R as independent, an assumption it calls \
    untrue (003:1174–1181). On this MDP the two differ:
    """)
let meanReturnExact = mdp.expectedReturn(theta)
let bestBaseline = mdp.varianceMinimisingBaseline(theta)
notebook.results(["E[R]": meanReturnExact, "b*, the variance-minimising constant": bestBaseline], digits: 4)
let varianceRows: [(String, PolicyGradientWeighting)] = [
    ("R(τ), b = 0", .totalReturn(baseline: 0)),
    ("R(τ) − E[R]", .totalReturn(baseline: meanReturnExact)),
    ("R(τ) − b*", .totalReturn(baseline: bestBaseline)),
    ("reward-to-go, b = 0", .rewardToGo(baseline: 0)),
    ("reward-to-go − E[R]", .rewardToGo(baseline: meanReturnExact)),
    ("reward-to-go − V_t(sₜ)", .rewardToGoMinusValue),
]
let variances = varianceRows.map { mdp.exactVariance(theta, weighting: $0.1) }
// The mean of each estimator over all trajectories: all equal ∇J.
let meansAgree = varianceRows.allSatisfy { _, weighting in
    let mean = trajectories.reduce(Array(repeating: 0.0, count: 4)) { total, trajectory in
        zip(total, mdp.gradientEstimate(theta, trajectory, weighting: weighting)).map { $0 + trajectory.probability * $1 }
    }
    return zip(mean, exactGradient).allSatisfy { abs($0 - $1) < 1e-12 }
}
notebook.table(["weight of ∇log π(aₜ|sₜ)", "exact total variance", "relative to b = 0"],
               rows: varianceRows.indices.map { i in
                   [varianceRows[i].0, formatNumber(variances[i], digits: 4), formatNumber(variances[i] / variances[0], digits: 3)]
               })
notebook.check("all six estimators have exactly the mean ∇J (enumerated, to 1e-12)", meansAgree)
notebook.check("b* gives less variance than E[R], which gives less than b = 0", variances[2] < variances[1] && variances[1] < variances[0])
notebook.check("reward-to-go cuts the variance for each baseline: b = 0, b = E[R], and V_t(sₜ) against b*",
               variances[3] < variances[0] && variances[4] < variances[1] && variances[5] < variances[2])
let smallest = variances.indices.min { variances[$0] < variances[$1] }!
notebook.result("the smallest variance of the six", "\(varianceRows[smallest].0) (\(formatNumber(variances[smallest], digits: 4)))")
var baselineGenerator = notebook.generator("baseline from samples")
let baselineSamples = (0..<(quick ? 4_000 : 40_000)).map { _ in mdp.sample(theta, using: &baselineGenerator) }
let sampledBaseline = varianceMinimisingBaseline(scores: baselineSamples.map { mdp.scoreFunction(theta, $0) },
                                                 returns: baselineSamples.map(\.totalReward))
notebook.compare("b* from \(baselineSamples.count) sampled trajectories", lesson: bestBaseline, computed: sampledBaseline,
                 tolerance: quick ? 0.15 : 0.05, digits: 4)
notebook.prose("""
    A baseline that depends on the state, b(sₜ), is also unbiased (003 Problem 1): given sₜ, \
    E[∇log π(aₜ|sₜ)] = 0, so the term b(sₜ)∇log π(aₜ|sₜ) averages to zero at every step. The \
    natural choice is the value V_t(sₜ), the expected reward-to-go from sₜ, which is exactly \
    what the table's last row uses. \(smallest == 5 ? "Here it is also the best of the six." : "Here it is not the best of the six: natural is not optimal. Minimised step by step, the variance asks, as for b*, for a baseline that weighs each reward-to-go by ‖∇log π(aₜ|sₜ)‖², which V_t ignores; on this MDP V_t loses to the plain constant E[R].") \
    On CartPole we will not know V, so a second network learns it.
    """)
notebook.slip("the variance expansion",
     notes: "− E[log π_θ(τ)(R(τ) − b)]²", at: .notes("003", 1172),
     correct: "− E[∇log π_θ(τ)(R(τ) − b)]²",
     why: """
        The second term of Var(X) = E[X²] − (E[X])² must use the same X as the first, the \
        gradient estimate ∇log π·(R − b); the ∇ is missing. As printed it would not even \
        be the squared policy gradient that the next sentence says it is.
        """)
notebook.slip("minimising over b",
     notes: "arg min_b E[…] = E[∇log π²] E[(R − b)²]", at: .notes("003", 1177),
     correct: "arg min_b E[∇log π²] E[(R − b)²] = arg min_b E[(R − b)²]",
     why: """
        The first line sets an arg min (a value of b) equal to a product of expectations (a \
        function of b); the arg min belongs on both sides. Without the independence \
        assumption the minimiser is b* = E[‖g‖²R]/E[‖g‖²], \(formatNumber(bestBaseline, digits: 4)) here, \
        not E[R] = \(formatNumber(meanReturnExact, digits: 4)).
        """)

// MARK: - 5. CartPole

notebook.section("REINFORCE with a learned baseline, and actor-critic, on CartPole")
notebook.prose("""
    REINFORCE (Williams 1992) with a learned baseline: play complete episodes with actions \
    drawn from π_θ until a batch holds at least \(reinforceConfiguration.batchSize) steps; \
    compute every step's discounted reward-to-go R̂ₜ (γ = \(formatNumber(reinforceConfiguration.discount))); \
    subtract the prediction of a value network V_φ(sₜ) to get the advantage Aₜ; take one \
    Adam step of θ along (1/n) Σ Aₜ ∇log π_θ(aₜ|sₜ); and regress V_φ onto R̂ₜ for \
    \(reinforceConfiguration.valueStepsPerBatch) steps. The advantages are standardised \
    (mean 0, standard deviation 1) in each batch, a common trick that keeps the step size \
    independent of the scale of the returns. An episode cut off at 500 steps is not a \
    failure: its last reward-to-go is topped up with γ V_φ of the final state.
    """)
notebook.prose("""
    Both networks are 4 → \(reinforceConfiguration.policyHiddenLayers[0]) tanh → output, with \
    Adam (step \(formatNumber(reinforceConfiguration.policyLearningRate)) for the policy and \
    \(formatNumber(reinforceConfiguration.valueLearningRate)) for the value). The update above the \
    `--seeds` branch of this file is the one that runs; the library's `ReinforceAgent.update` \
    is the same rule, and the two are compared first:
    """)
var pageAgent = ReinforceAgent(configuration: reinforceConfiguration, seed: notebook.seed("update check"), update: reinforceUpdate)
var libraryAgent = ReinforceAgent(configuration: reinforceConfiguration, seed: notebook.seed("update check"))
pageAgent.train(steps: 3 * reinforceConfiguration.batchSize)
libraryAgent.train(steps: 3 * reinforceConfiguration.batchSize)
notebook.check("this page's update and the library's give bit-identical networks after the same batches",
               pageAgent.policy.network.parameters == libraryAgent.policy.network.parameters
                   && pageAgent.value.parameters == libraryAgent.value.parameters)

notebook.prose("""
    The protocol is Lesson 07's: the whole budget of \(stepBudget) environment steps is \
    used, and every \(evaluationInterval) steps the greedy policy (the most probable action) \
    plays 100 fresh episodes. "Solved" means a greedy mean of at least 475.\(quick ? " (This is the --quick run: 30,000 steps, too few to expect a solution; the full run has 200,000.)" : "")
    """)
let trainingClock = Stopwatch()
var agent = ReinforceAgent(configuration: reinforceConfiguration, seed: seed, update: reinforceUpdate)
let run = trainAgent(&agent, label: "REINFORCE on CartPole", seed: seed)
report("REINFORCE: \(agent.steps) steps, \(formatNumber(trainingClock.seconds, digits: 1)) s (with evaluations)")
let greedyReturns = run.checkpoints.map(\.greedyReturn)
let randomMean: Double = {
    var generator = notebook.generator("random policy")
    var coin = notebook.generator("random actions")
    return meanReturn(of: { _ in coin.index(below: 2) }, episodes: 100, using: &generator)
}()

// DQN on the same axis: Lesson 07's configuration and protocol, on the same seed (full run only).
var dqnCheckpoints: [(step: Int, greedy: Double)] = []
if !quick {
    var dqn = DQNAgent(configuration: .cartPole, environment: CartPole(), seed: notebook.seed("dqn"))
    var dqnProgress = ProgressBar("DQN (Lesson 07) on CartPole", total: 50_000)
    let dqnRun = dqn.trainUntilSolved(maxSteps: 50_000, evaluationInterval: 2_500, evaluationEpisodes: 100, threshold: 475,
                                      evaluationSeed: notebook.seed("dqn evaluation"), stopWhenSolved: false) { checkpoint in
        dqnProgress.advance(to: checkpoint.step, metric: "greedy return \(formatNumber(checkpoint.evaluationReturn, digits: 1))")
    }
    dqnProgress.finish()
    dqnCheckpoints = dqnRun.checkpoints.map { ($0.step, $0.evaluationReturn) }
}

// The one-step actor-critic, same budget and protocol.
notebook.prose("""
    The one-step actor-critic (003:1256–1266) replaces the sampled future by the critic's \
    estimate: the advantage of a step is the TD error δ = r + γV_φ(s′) − V_φ(s) (with \
    V_φ(s′) = 0 after the pole falls), the actor steps along δ ∇log π(a|s), and the critic \
    along δ ∇V_φ(s), toward r + γV_φ(s′). It learns during an episode, not after it. \
    \(actorCriticConfiguration.batchSize) CartPoles run side by side and each joint step is \
    one update of both networks (actor step \(formatNumber(actorCriticConfiguration.policyLearningRate)), \
    critic step \(formatNumber(actorCriticConfiguration.valueLearningRate))).
    """)
var pageActorCritic = ActorCriticAgent(configuration: actorCriticConfiguration, seed: notebook.seed("update check"),
                                       update: actorCriticUpdate)
var libraryActorCritic = ActorCriticAgent(configuration: actorCriticConfiguration, seed: notebook.seed("update check"))
pageActorCritic.train(steps: 2_000)
libraryActorCritic.train(steps: 2_000)
notebook.check("this page's actor-critic update and the library's give bit-identical networks after 250 joint steps",
               pageActorCritic.policy.network.parameters == libraryActorCritic.policy.network.parameters
                   && pageActorCritic.value.parameters == libraryActorCritic.value.parameters)
var actorCritic = ActorCriticAgent(configuration: actorCriticConfiguration, seed: seed, update: actorCriticUpdate)
let actorCriticRun = trainAgent(&actorCritic, label: "actor-critic on CartPole", seed: seed)
let actorCriticReturns = actorCriticRun.checkpoints.map(\.greedyReturn)

var curve = LinePlot(title: "Greedy mean return (100 episodes) against environment steps", xLabel: "environment step",
                     yLabel: "return", yRange: 0...520)
curve.add("REINFORCE + baseline", x: run.checkpoints.map { Double($0.step) }, y: greedyReturns)
curve.add("one-step actor-critic", x: actorCriticRun.checkpoints.map { Double($0.step) }, y: actorCriticReturns)
if !dqnCheckpoints.isEmpty {
    curve.add("DQN (Lesson 07, 50,000 steps)", x: dqnCheckpoints.map { Double($0.step) }, y: dqnCheckpoints.map(\.greedy))
}
curve.add("475", x: [0, Double(stepBudget)], y: [475, 475])
notebook.show(curve)
let firstDQN = dqnCheckpoints.first { $0.greedy >= 475 }?.step
notebook.table(["agent (seed \(seed))", "first checkpoint ≥ 475", "best", "final"], rows: [
    ["REINFORCE + baseline", run.solvedAtStep.map { formatNumber(Double($0)) } ?? "none",
     formatNumber(greedyReturns.max() ?? 0, digits: 1), formatNumber(greedyReturns.last ?? 0, digits: 1)],
    ["one-step actor-critic", actorCriticRun.solvedAtStep.map { formatNumber(Double($0)) } ?? "none",
     formatNumber(actorCriticReturns.max() ?? 0, digits: 1), formatNumber(actorCriticReturns.last ?? 0, digits: 1)],
] + (quick ? [] : [["DQN (Lesson 07)", firstDQN.map { formatNumber(Double($0)) } ?? "none",
                    formatNumber(dqnCheckpoints.map(\.greedy).max() ?? 0, digits: 1),
                    formatNumber(dqnCheckpoints.last?.greedy ?? 0, digits: 1)]]))
if quick {
    notebook.check("in \(stepBudget) steps REINFORCE learns: its best greedy mean is more than 3 times the random policy's (\(formatNumber(greedyReturns.max() ?? 0, digits: 1)) > 3 · \(formatNumber(randomMean, digits: 1)))",
                   (greedyReturns.max() ?? 0) > 3 * randomMean)
} else {
    notebook.check("REINFORCE reaches a greedy mean ≥ 475 over 100 episodes within \(stepBudget) steps (best \(formatNumber(greedyReturns.max() ?? 0, digits: 1)))",
                   run.solvedAtStep != nil)
}
notebook.check("the actor-critic learns: its best greedy mean is more than 3 times the random policy's (\(formatNumber(actorCriticReturns.max() ?? 0, digits: 1)) > 3 · \(formatNumber(randomMean, digits: 1)))",
               (actorCriticReturns.max() ?? 0) > 3 * randomMean)
notebook.prose("""
    One seed is one draw. Over seeds 1–10, with exactly this configuration and protocol \
    (`swift run Lesson11 --seeds 1-10` prints the table; it was run while the lesson was \
    written, and a slow test repeats it):
    """)
// Measured with `--seeds 1-10` (REINFORCE and `--method actor-critic`) and Lesson 07's `--seeds 1-10`.
let reinforceFirst = ["60.8", "50.3", "70.6", "71.0", "61.9", "40.1", "62.9", "52.4", "81.0", "92.8"]
let reinforceFinal = ["499.6", "500", "500", "500", "500", "500", "500", "500", "500", "500"]
let actorCriticFirst = ["30", "50", "20", "10", "40", "40", "40", "40", "40", "30"]
let actorCriticFinal = Array(repeating: "500", count: 10)
let dqnFirst = ["32.5", "25", "32.5", "27.5", "40", "25", "30", "12.5", "25", "27.5"]
let dqnFinal = Array(repeating: "500", count: 10)
notebook.prose("""
    Each agent's first checkpoint with a greedy mean ≥ 475, in thousands of steps (– for \
    never), and its greedy mean at the end of its budget (200,000 steps for the policy \
    gradients, 50,000 for DQN):
    """)
notebook.table(["seed", "REINFORCE", "final", "actor-critic", "final ", "DQN", "final  "],
               rows: (0..<10).map { (i: Int) -> [String] in
                   let cells: [String] = [String(i + 1), reinforceFirst[i], reinforceFinal[i], actorCriticFirst[i],
                                          actorCriticFinal[i], dqnFirst[i], dqnFinal[i]]
                   return cells
               })
notebook.prose("""
    REINFORCE with the learned baseline reached a greedy mean ≥ 475 on all 10 seeds, \
    first between 40,000 and 93,000 steps (median about 62,000), and every seed ended \
    its 200,000 steps at 499.6 or 500. The one-step actor-critic (`--method actor-critic`) \
    also reached it on all 10 seeds, between 10,000 and 50,000 steps, and ended at 500 on \
    every seed. DQN, with its 50,000-step budget in Lesson 07, also reached it on all 10 \
    seeds, and earlier (between 12,500 and 40,000 steps, median 27,500): it replays every \
    transition many times, where a policy gradient uses each batch once. With its step \
    size falling to 0 over the budget it ended all 10 runs at 500, as both policy-gradient \
    agents ended theirs at 499.6 or 500. (These are the first and the last checkpoints; \
    a policy can dip between them.)
    """)
notebook.prose("""
    For scale: the RL Baselines3 Zoo benchmark lists PPO at a return of 500 on \
    CartPole-v1 after 100,000 steps and A2C after 500,000, and CleanRL documents \
    488.75 ± 18.40 for its ppo.py after 500,000 steps (returns of the training episodes, \
    not greedy evaluations), so they measure something different from the table above.
    """)

// MARK: - 6. Continuous actions

notebook.section("Continuous actions: a Gaussian policy")
notebook.prose("""
    When the action is a number (a force, a steering angle), the network outputs the mean μ \
    of a normal distribution, and the action is drawn from N(μ, σ²). With σ = e^{log σ}:
    """)
notebook.formula("""
    log p(a) = −(a − μ)²/(2σ²) − log σ − ½ log 2π
    ∂ log p/∂μ = (a − μ)/σ²        ∂ log p/∂log σ = (a − μ)²/σ² − 1
    """)
var gaussianRows: [[String]] = []
var worstGaussian = 0.0
for (mean, logSigma, action) in [(0.0, 0.0, 1.3), (2.0, -0.7, 1.1), (-1.0, 0.4, 2.5)] {
    let policy = GaussianPolicy(mean: mean, logStandardDeviation: logSigma)
    let (dMean, dLogSigma) = policy.logDensityGradient(action)
    let result = checkGradient(at: Tensor([mean, logSigma]), analyticGradient: Tensor([dMean, dLogSigma])) {
        GaussianPolicy(mean: $0[0], logStandardDeviation: $0[1]).logDensity(action)
    }
    worstGaussian = max(worstGaussian, result.maxRelativeError)
    gaussianRows.append([formatNumber(mean), formatNumber(logSigma), formatNumber(action), formatNumber(dMean, digits: 4),
                         formatNumber(dLogSigma, digits: 4), String(format: "%.1e", result.maxRelativeError)])
}
notebook.table(["μ", "log σ", "a", "∂/∂μ", "∂/∂log σ", "relative error"], rows: gaussianRows)
notebook.check("both derivatives match central differences (relative error < 1e-8)", worstGaussian < 1e-8)
notebook.slip("the Gaussian policy",
     notes: "P(a_i | s) = \\mathcal{N}(\\mu, \\sigma)", at: .notes("004", 2261),
     correct: "N(μ, σ²), and a density, not a probability",
     why: """
        The usual second argument of N is the variance σ²; written N(μ, σ) it reads as a \
        variance of σ, which changes both derivatives above. And for a continuous action \
        P(a|s) of a single action is 0: what the network gives is a density p(a|s).
        """)
notebook.slip("normalisation of the density",
     notes: "\\int_{a=-\\infty}^{\\infty} P(a_i | s) = 1", at: .notes("004", 2258),
     correct: "∫ p(a|s) da = 1",
     why: """
        The integral has no da, and it integrates over a while the integrand names a_i. \
        Summed with da = 0.001 over ±10σ, the lesson's density gives 1 to 9 digits.
        """)
let bandit = ContinuousBandit(best: 2, noise: 0.5)
notebook.prose("""
    A continuous bandit shows the mean move: the reward of action a is −(a − 2)² plus noise, \
    so the best action is 2, and J(μ, σ) = −(μ − 2)² − σ². REINFORCE with batches of 16 \
    actions, the batch's mean reward as baseline, and plain gradient ascent (step 0.05) on μ \
    and log σ, from μ = 0, σ = 1, over 5 seeds:
    """)
let banditSteps = quick ? 100 : 200
var banditRows: [[String]] = []
var finalMeans: [Double] = []
for banditSeed in 1...5 {
    var generator = notebook.generator("bandit \(banditSeed)")
    var policy = GaussianPolicy(mean: 0, logStandardDeviation: 0)
    var path: [Double] = [policy.mean]
    for _ in 0..<banditSteps {
        let actions = (0..<16).map { _ in policy.sample(using: &generator) }
        let rewards = actions.map { bandit.reward($0, using: &generator) }
        let baseline = rewards.reduce(0, +) / 16
        var gradient = (mean: 0.0, logSigma: 0.0)
        for (a, r) in zip(actions, rewards) {
            let g = policy.logDensityGradient(a)
            gradient.mean += g.mean * (r - baseline) / 16
            gradient.logSigma += g.logStandardDeviation * (r - baseline) / 16
        }
        policy.mean += 0.05 * gradient.mean
        policy.logStandardDeviation += 0.05 * gradient.logSigma
        path.append(policy.mean)
    }
    finalMeans.append(policy.mean)
    banditRows.append(["\(banditSeed)", formatNumber(path[banditSteps / 4], digits: 3), formatNumber(path[banditSteps / 2], digits: 3),
                       formatNumber(policy.mean, digits: 3), formatNumber(policy.standardDeviation, digits: 3)])
}
notebook.table(["seed", "μ after \(banditSteps / 4)", "μ after \(banditSteps / 2)", "μ after \(banditSteps)", "σ after \(banditSteps)"],
               rows: banditRows)
notebook.check("on every seed the mean ends within 0.2 of the best action 2 (from 0)",
               finalMeans.allSatisfy { abs($0 - 2) < 0.2 })
notebook.prose("""
    The spread σ also shrinks, because J rewards a smaller σ; a real task needs it to shrink \
    slowly enough for exploration to continue (Lesson 12 explores with added noise instead).
    """)

// MARK: - 7. Bellman equations

notebook.section("Value functions, Bellman equations, on- and off-policy")
notebook.prose("""
    The value V^π(s) is the expected discounted return from s under π; Q^π(s, a) fixes the \
    first action too, and V^π(s) = E_a∼π[Q^π(s, a)]. Splitting off the first reward gives \
    the Bellman equation V^π(s) = E[r + γV^π(s′)], the identity both the critic above and \
    DQN learn from. On the tiny MDP (undiscounted, time-dependent V_t, computed by backward \
    induction) it can be checked against the enumerated trajectories:
    """)
let values = mdp.values(theta)
notebook.compare("V₀(state 0) by Bellman backups", lesson: mdp.expectedReturn(theta), computed: values[0][0], tolerance: 1e-12, digits: 6)
notebook.prose("""
    The tabular updates move an estimate toward its Bellman target by a step α, and the \
    handout prints both with the wrong sign:
    """)
// One tabular TD(0) update on a made-up transition, as printed and as it should be.
let (valueBefore, tdTarget, stepSize) = (2.0, 1.0 + 0.9 * 3.0, 0.5)
let corrected = valueBefore + stepSize * (tdTarget - valueBefore)
let printed = valueBefore - stepSize * (tdTarget - valueBefore)
notebook.slip("the TD(0) update of V",
     notes: "V(s) ← V(s) − α(r(s, a) + γV(s′) − V(s))", at: .notes("003", 1230),
     correct: "V(s) ← V(s) + α(r + γV(s′) − V(s))",
     why: """
        The update must move V(s) toward the target. With V(s) = 2, r = 1, γ = 0.9, \
        V(s′) = 3, α = 0.5: the target is 3.7, the right update gives \
        \(formatNumber(corrected, digits: 2)), the printed one \(formatNumber(printed, digits: 2)), away from it.
        """)
notebook.slip("the Q update",
     notes: "V(s) ← Q(s, a) − α(r(s, a) + γE Q(s′, a′) − Q(s, a))", at: .notes("003", 1236),
     correct: "Q(s, a) ← Q(s, a) + α(r + γE_a′∼π Q(s′, a′) − Q(s, a))",
     why: "The left side must be Q(s, a), the quantity being learned, and the sign must be + as for V.")
notebook.slip("the state of the next action",
     notes: "\\mathbb{E}_{a' \\sim \\pi(a'|s)}", at: .notes("003", 1252),
     correct: "E_a′∼π(a′|s′)",
     why: "The next action is chosen in the next state s′, as 003:1236 has it; π(a′|s) would evaluate the wrong state.")
notebook.slip("discounting from the present",
     notes: "R_t = \\sum_{i=t}^{\\infty} \\gamma^i r_i", at: .notes("004", 1998),
     correct: "Rₜ = Σ_{i ≥ t} γ^{i−t} rᵢ",
     why: """
        With γⁱ the first reward counted, rₜ, is already shrunk by γᵗ, so the same future \
        is worth less the later it starts. 004:2032 writes it correctly, \
        rₜ + γrₜ₊₁ + γ²rₜ₊₂ + …; the lesson's rewardToGo is that form.
        """)
notebook.slip("undiscounted Q_t with a discount",
     notes: "r(s_t, a_t) + \\gamma V_{t+1}^{\\pi}(s_{t+1})", at: .notes("003", 1262),
     correct: "r(sₜ, aₜ) + V_{t+1}(sₜ₊₁) for the undiscounted Q_t",
     why: """
        Q_t and V_t are defined at 003:1196–1198 without discounting, so Q_t = r + E[V_{t+1}] \
        with no γ; with γ < 1 the three lines are no longer equal (a discounted objective \
        would also weight step t by γᵗ).
        """)
notebook.prose("""
    Why is Q-learning off-policy and the policy gradient on-policy? The Q target \
    r + γ maxₐ′ Q(s′, a′) is a fact about one transition and the greedy policy, whoever \
    chose a: old transitions from a replay memory, from ε-greedy play or from another agent \
    are all valid (003:1250–1254). The policy gradient is an expectation over trajectories \
    of the current π_θ; a batch from an older policy estimates the gradient of a different \
    J, so REINFORCE and the actor-critic above throw each batch away after one step. The \
    short course's "loss = −log P(aₜ|sₜ) Rₜ" (004:2291) is that same estimator written as a \
    loss whose gradient it is; its Rₜ is the return from step t, not one reward.
    """)
notebook.slip("what Rₜ is in the policy-gradient loss",
     notes: "R_t … Reward", at: .notes("004", 2291),
     correct: "Rₜ, the (discounted) return from step t on",
     why: """
        Weighting by the single reward rₜ would ignore everything an action causes later; \
        on CartPole every reward is 1, and that loss would push every action up equally.
        """)

notebook.slip("the update of the policy-gradient loss",
     notes: "w' = w - \\nabla \\text{loss}", at: .notes("004", 2293),
     correct: "w′ = w − α∇loss, with a step size α",
     why: """
        Without a step size the update moves w by the whole gradient, whose size depends \
        on the scale of the returns (here up to 500 per episode); every update in this \
        lesson has one (Adam's 0.01, 0.001 and 0.005 on CartPole, 0.05 on the bandit).
        """)

// MARK: - Recap

notebook.recap([
    "A policy network outputs a distribution; log p_θ(τ) = log p(s₀) + Σ log π_θ(aₜ|sₜ) + Σ log P(sₜ₊₁|sₜ, aₜ), and only the middle sum depends on θ.",
    "Behaviour cloning is supervised learning on the expert's states; DAgger labels the learner's own states and, on CartPole, reached 500 for every seed with \(daggerNeeds.map(String.init) ?? "—") labels where cloning needed \(cloningNeeds.map(String.init) ?? "more than \(labelBudgets.last!)").",
    "∇J = E[Σ ∇log π(aₜ|sₜ) R(τ)]: on a tiny MDP the Monte Carlo estimate stays within 3 standard errors of the exact gradient.",
    "Reward-to-go and baselines keep the mean and cut the variance; the best constant baseline is E[‖g‖²R]/E[‖g‖²] (\(formatNumber(bestBaseline, digits: 3)) here), not E[R] (\(formatNumber(meanReturnExact, digits: 3))).",
    "REINFORCE with a learned baseline (40,000–93,000 steps) and a one-step actor-critic (10,000–50,000) reached a greedy mean ≥ 475 on all 10 seeds and stayed there; Lesson 07's DQN got there earlier, on all 10 seeds, and ended all 10 at 500.",
    "A Gaussian policy's ∇_μ log p = (a − μ)/σ² and ∇_{log σ} log p = (a − μ)²/σ² − 1.",
    "The notes' \(notebook.slips) slips: trajectory lengths (003:1055), the missing ∇ (003:1172), the arg min (003:1177), N(μ, σ) (004:2261), the missing da (004:2258), the signs of the TD and Q updates (003:1230, 003:1236), π(a′|s) (003:1252), γⁱ (004:1998), γ with undiscounted values (003:1262), Rₜ called a reward (004:2291) and the missing step size (004:2293).",
])
notebook.exercises(lesson: "Lesson11", [
    "rewardToGo — the discounted reward-to-go of every step",
    "logSoftmaxGradient — ∂ log softmax(z)ₐ / ∂z",
    "varianceMinimisingBaseline — b* from samples",
    "daggerAggregate — one DAgger aggregation step",
    "gaussianLogDensityGradient — ∇ of log N(a; μ, σ²) in μ and log σ",
])
notebook.finish()
