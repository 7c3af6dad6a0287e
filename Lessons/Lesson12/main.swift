// Lesson 12 — Continuous control: DDPG on the pendulum.
//
// Why DQN's maxₐ′ does not carry over to real-valued actions; the pendulum of Gymnasium's
// Pendulum-v1; an actor that outputs the action and a critic that rates it; the actor's
// gradient by the chain rule through the critic's backward pass, checked by finite differences;
// targets, soft target updates, replay and exploration noise (Gaussian and Ornstein–Uhlenbeck);
// Algorithm 1 of Lillicrap et al. as the notes print it; training on the pendulum with a seed
// study; over-estimation and TD3. Run it with `swift run Lesson12`; the exercises are in
// `Exercises/Lesson12.swift`.
//
// Sources: main lecture (seed 000) lines 1690–1764; short course (seed 004) lines 2299–2324.

import Foundation
import LessonRuntime
import NeuralNetworks
import Reinforcement
import TensorCore

let stepsOption = Option("steps", default: 15_000, quick: 5_000, atLeast: 2_000,
                         help: "environment steps of each DDPG and TD3 training run")
let seedsOption = Option("seeds", "A-B", default: "",
                         help: "only train DDPG for each of these seeds (e.g. 1-5) and print the per-seed table")
let notebook = Notebook(
    title: "Lesson 12 · Continuous control: DDPG on the pendulum",
    summary: "An actor that outputs a torque, a critic that rates it, and the chain rule between "
        + "them: deep deterministic policy gradient swings a pendulum up.",
    flags: [stepsOption, seedsOption])
let quick = notebook.options.quick
let seed = notebook.options.seed
/// Environment steps of every training run (15,000 by default, 5,000 with --quick).
let trainingSteps = notebook.options[stepsOption]

notebook.prose("""
    You will learn: why the max over actions that DQN takes at every step has no cheap \
    answer when the action is a real number; the pendulum swing-up task exactly as \
    Gymnasium defines it; DDPG's two networks, an actor μ(s) that outputs the action and a \
    critic Q(s, a) that rates it, and how the actor learns from the critic's gradient with \
    respect to its action input; target networks with soft updates, replay and exploration \
    noise; Algorithm 1 of the DDPG paper as the notes print it, with its slips; how well \
    DDPG swings the pendulum up within 15,000 steps over several seeds; and how TD3 \
    answers DDPG's over-estimation.
    """)

// MARK: - 1. Continuous actions

notebook.section("Why the max over actions breaks")
notebook.prose("""
    Q-learning with a network (Lesson 07) moves θ along
    """)
notebook.formula("θ ← θ + α (r + γ maxₐ′ Q_θ(s′, a′) − Q_θ(s, a)) ∇_θ Q_θ(s, a)")
notebook.prose("""
    and acts with arg maxₐ Q_θ(s, a). With two actions the network outputs two numbers and \
    the max is one comparison. When the action is a vector of k real numbers (the torques of \
    the joints of a robot arm), there is no list to compare. The obvious repair, a grid of \
    actions, costs one evaluation of Q per grid point, and a grid with g points per \
    component has gᵏ points: the count grows exponentially with the dimension of the \
    action. Every environment step and every target of every mini-batch would pay it.
    """)
let gridRows = [1, 2, 3, 6, 17].map { k in
    [String(k)] + [5.0, 10.0, 20.0].map { g in formatNumber(pow(g, Double(k)), digits: 3) }
}
notebook.table(["action components k", "5 points each", "10 points each", "20 points each"], rows: gridRows)
notebook.prose("""
    (The pendulum below has k = 1; a simulated humanoid has 17.) The short course meets the \
    same wall from the other side (004:2301–2307): dynamic programming iterates \
    V(x) ← max_u {r(x, u) + β V(g(x, u))} at every point of a grid of states. DDPG's answer \
    is to train a second network, the actor μ(s), to output the maximising action \
    directly, so that Q(s, μ(s)) stands in for maxₐ Q(s, a) and one forward pass replaces \
    the search. The notes put it as using a network to compute the max; strictly the actor \
    computes where the max is, the arg max, and the critic supplies its value.
    """)
notebook.slip("what the new network computes", notes: "compute the max", at: .notes("000", 1704),
              correct: "compute the arg max μ(s); the max is Q(s, μ(s))",
              why: "the actor outputs an action, not a value: the same max/arg max distinction as DQN's "
                + "action choice in Lesson 07")

// MARK: - 2. The pendulum

notebook.section("The pendulum: Gymnasium's Pendulum-v1")
notebook.prose("""
    A rod of mass m = 1 and length l = 1 turns about a pivot. θ is its angle from upright \
    (0 is up, ±π hangs down), θ̇ its angular velocity, and the action is one torque u, \
    clipped to [−2, 2]. With g = 10 and a time step dt = 0.05, one step is
    """)
notebook.formula("""
    θ̇ ← clip(θ̇ + (3g/(2l) · sin θ + 3/(m l²) · u) · dt, −8, 8)
    θ  ← θ + θ̇ · dt                      (the new θ̇)
    """)
notebook.prose("""
    The reward is computed on the state before the step, with θ first wrapped into \
    [−π, π): r = −(θ² + 0.1 θ̇² + 0.001 u²). The agent sees (cos θ, sin θ, θ̇), so the jump of \
    the wrapped angle at ±π never reaches the network. An episode starts from θ uniform in \
    [−π, π] and θ̇ uniform in [−1, 1], and is cut off after 200 steps. Nothing ever ends \
    it early: there is no failure state, so every transition is truncated at worst, never \
    terminal, and every target bootstraps (Lesson 07's distinction).

    The library's `Pendulum` performs Gymnasium's float64 operations in Gymnasium's order \
    (the angle is wrapped with a floored modulo, as Python's % does); given the same state \
    and a float64 torque it returns the same bits. The tests hold Gymnasium 1.4.0's own \
    numbers, and 20,000 transitions written by \
    Tools/PendulumReference/gymnasium_pendulum.py (install Gymnasium in a virtual \
    environment to repeat it) agreed in every bit. As with CartPole, Gymnasium hands the \
    agent a float32 copy of the observation, the library the float64 values.

    By hand: the angular acceleration is 15 sin θ + 3u. Horizontal and at rest with no \
    torque, θ̇ becomes 15 · 0.05 = 0.75 and θ moves by 0.75 · 0.05 = 0.0375; the reward is \
    −(π/2)². Upright with full torque, θ̇ becomes 3 · 2 · 0.05 = 0.3. Near the speed limit, \
    7.9 + 0.3 is cut to 8 before θ moves:
    """)
/// One step of the library's pendulum from (θ, θ̇) with torque u: (reward, θ′, θ̇′).
func pendulumStep(_ theta: Double, _ thetaDot: Double, _ u: Double) -> (reward: Double, angle: Double, speed: Double) {
    var pendulum = Pendulum()
    _ = pendulum.reset(angle: theta, angularVelocity: thetaDot)
    let result = pendulum.step([u])
    return (result.reward, pendulum.angle, pendulum.angularVelocity)
}
let horizontal = pendulumStep(Double.pi / 2, 0, 0)
notebook.compare("θ̇′ from θ = π/2 at rest", lesson: 0.75, computed: horizontal.speed, tolerance: 1e-12)
notebook.compare("θ′ − π/2", lesson: 0.0375, computed: horizontal.angle - Double.pi / 2, tolerance: 1e-12)
notebook.compare("r = −(π/2)²", lesson: -Double.pi * Double.pi / 4, computed: horizontal.reward, tolerance: 1e-12)
let push = pendulumStep(0, 0, 2)
notebook.compare("θ̇′ upright, u = 2", lesson: 0.3, computed: push.speed, tolerance: 1e-12)
notebook.compare("r upright, u = 2", lesson: -0.004, computed: push.reward, tolerance: 1e-12)
let clipped = pendulumStep(0, 7.9, 5)
notebook.compare("θ̇′ from 7.9, u = 5 (→ 2)", lesson: 8, computed: clipped.speed, tolerance: 1e-12)
notebook.compare("θ′ from 0 at the limit", lesson: 0.4, computed: clipped.angle, tolerance: 1e-12)
let worst = pendulumStep(Double.pi, 8, 2)
notebook.prose("""
    The worst reward of a step comes from the worst of each term at once: hanging straight \
    down (the wrapped angle is −π, so θ² = π²), spinning at the speed limit 8 and pushing \
    with the full torque 2, −(π² + 6.4 + 0.004):
    """)
notebook.compare("worst reward per step", lesson: -16.2736044, computed: worst.reward, tolerance: 5e-8)
notebook.prose("""
    An episode therefore returns between about −3,255 and 0. The angle term dominates, so \
    the task is to bring the rod up and keep it there; the small torque term only breaks \
    ties. The motor is weak on purpose: full torque gives an acceleration of 6, while \
    gravity gives 15 |sin θ|, so the rod can be held still only where 15 |sin θ| ≤ 6, \
    within arcsin(0.4) of upright (or of hanging down):
    """)
notebook.result("largest angle from upright that full torque can hold (degrees)",
                asin(3 * Pendulum.maxTorque / (3 * Pendulum.gravity / 2)) * 180 / Double.pi, digits: 4)
notebook.prose("""
    From anywhere else the agent must swing the rod back and forth to gather speed first, \
    which makes the pendulum a small but honest control problem.

    Every policy in this lesson is evaluated from the same 20 start states: the rod at \
    rest, at angles evenly spaced around the circle, θᵢ = −π + (i + ½) · 2π/20, from 9° \
    beside the bottom to 9° beside the top. They are fixed, not drawn, so that every \
    evaluation of every run and every seed faces the same starts; a random draw of a few \
    starts can hold more hanging-down ones than another, and shift the mean by tens. Two \
    fixed policies on them:
    """)
let evaluationStarts = Pendulum.evenlySpacedStarts(20)
/// Mean return of a fixed policy on the lesson's evaluation starts.
func fixedPolicyReturn(_ policy: @escaping ([Double]) -> [Double]) -> Double {
    var total = 0.0
    for start in evaluationStarts {
        var pendulum = start.environment
        total += pendulum.runEpisode(from: start.observation, policy: policy).totalReward
    }
    return total / Double(evaluationStarts.count)
}
let zeroTorqueReturn = fixedPolicyReturn { _ in [0] }
// Energy pumping: push in the direction of motion, which adds energy until the rod swings over.
let pumpingReturn = fixedPolicyReturn { observation in [observation[2] >= 0 ? 2 : -2] }
notebook.results([
    "no torque at all": zeroTorqueReturn,
    "always full torque along θ̇ (pumping energy)": pumpingReturn,
], digits: 1)
notebook.prose("""
    Pumping energy swings the rod over the top but never stops it there. A good policy \
    pumps, then brakes, then balances; −200 over these starts is a policy that does all \
    three.
    """)

// MARK: - 3. Actor and critic

notebook.section("An actor, a critic and the chain rule")
notebook.prose("""
    DDPG keeps two networks. The critic Q(s, a | θ^Q) takes the state and the action side \
    by side and outputs one number; it is learned like DQN's Q-network, except that the \
    max in the target is replaced by the actor's choice. The actor μ(s | θ^μ) outputs the \
    action. To make Q(s, μ(s)) large, move θ^μ along its gradient, which the chain rule \
    splits into two factors:
    """)
notebook.formula("∇_θμ Q(s, μ(s | θ^μ) | θ^Q) = ∇ₐQ(s, a | θ^Q)|ₐ₌μ(s) · ∇_θμ μ(s | θ^μ)")
notebook.prose("""
    The second factor is the actor's ordinary backward pass. The first is the gradient of \
    the critic with respect to its *input*, and every `Layer` in the library returns \
    ∂L/∂input from its backward pass already (that is how a network passes gradients down). \
    So: run the critic forward on (s, a), run it backward with ∂Q/∂Q = 1, and keep the \
    columns of the input gradient that belong to the action. Multiply by the actor's \
    output scale (the actor ends in tanh, and a = 2 · tanh(…) for torques in [−2, 2]) and \
    pass the result down the actor. The notes write the two networks' parameters with \
    subscripts that slip twice:
    """)
notebook.slip("the critic's parameters", notes: "Q_{s_q}(s, a)", at: .notes("000", 1705), correct: "Q_θq(s, a)",
              why: "the critic is parameterised by θ_q, as 000:1710–1711 write it; s is the state")
notebook.slip("the gradient of the actor's update", notes: "∇_{θ_u}", at: .notes("000", 1710), correct: "∇_θμ",
              why: "the actor's parameters are θ_μ; the same line's left side and 000:1711 write θ_μ")
notebook.prose("""
    Here is the actor's gradient, written from library pieces exactly as the training step \
    below uses it, for networks 3–16–16–1 (actor) and 4–16–16–1 (critic) at random weights \
    and a batch of 8 states, and checked against central finite differences of \
    J = (1/N) Σᵢ Q(sᵢ, μ(sᵢ)):
    """)
var gradientGenerator = notebook.generator("gradient check")
var checkNetworks = ActorCritic(observationCount: 3, actionCount: 1, actionLimit: 2,
                                configuration: DDPGConfiguration(actorHiddenLayers: [16, 16], criticHiddenLayers: [16, 16],
                                                                 actorLearningRate: 1e-3, criticLearningRate: 1e-3,
                                                                 discount: 0.98, tau: 0.005, replayCapacity: 1,
                                                                 batchSize: 1, learningStarts: 1, noise: .none),
                                using: &gradientGenerator)
// Give the small last layers (±3·10⁻³ at the start) ordinary sizes, so that every derivative
// is far above the rounding noise of the finite differences.
let actorLast = checkNetworks.actor.layers.count - 1, criticLast = checkNetworks.critics[0].layers.count - 1
checkNetworks.actor[dense: actorLast].weights = .uniform([16, 1], in: -0.5...0.5, using: &gradientGenerator)
checkNetworks.critics[0][dense: criticLast].weights = .uniform([16, 1], in: -0.5...0.5, using: &gradientGenerator)
let checkStates = Tensor.uniform([8, 3], in: -1...1, using: &gradientGenerator)
let gradientNetworks = checkNetworks

// ∇ₐQ: forward the critic on (s, a), backward ∂Q/∂Q = 1, keep the action column.
var critic = gradientNetworks.critics[0]
var actor = gradientNetworks.actor
let rawActions = actor.forward(checkStates)                                  // tanh output, [N, 1]
let actions = rawActions * gradientNetworks.actionLimit                         // a = 2 · tanh(…)
_ = critic.forward(Tensor(concatenating: [checkStates, actions], alongAxis: 1))
let inputGradient = critic.backward(Tensor(shape: [8, 1], repeating: 1))    // ∂Q/∂(s, a), [N, 4]
let actionGradient = DDPGMath.actionColumns(of: inputGradient, actionCount: 1)  // ∇ₐQ, [N, 1]
// ∇_θμ J = (1/N) Σ ∇ₐQ · 2 · ∇_θμ tanh(…): the actor's backward pass of (2/N) ∇ₐQ.
_ = actor.backward(actionGradient * (gradientNetworks.actionLimit / 8))
let chainRule = actor.gradients

/// J(θ^μ) = (1/N) Σ Q(sᵢ, μ(sᵢ)) with the actor's parameter tensor `index` replaced.
func objective(index: Int, value: Tensor) -> Double {
    var probe = gradientNetworks
    var parameters = probe.actor.parameters
    parameters[index] = value
    probe.actor.parameters = parameters
    return probe.value(checkStates, probe.actions(checkStates)).mean()
}
var actorRows: [[String]] = []
var worstActorError = 0.0
for index in chainRule.indices {
    let numeric = numericGradient(at: gradientNetworks.actor.parameters[index]) { objective(index: index, value: $0) }
    let agreement = GradientAgreement(label: gradientNetworks.actor.parameterName(index), analytic: chainRule[index],
                                      numeric: numeric)
    worstActorError = max(worstActorError, agreement.relativeError)
    actorRows.append([agreement.label, String(chainRule[index].count), formatNumber(agreement.analyticNorm, digits: 4),
                      formatNumber(agreement.relativeError, digits: 2)])
}
notebook.table(["actor parameter", "numbers", "‖∇_θμ J‖", "relative error vs central differences"], rows: actorRows)
// ∇ₐQ itself, and the critic's own regression gradient, against central differences too.
let actionNumeric = Tensor(shape: [8, 1], scalars: (0..<8).map { row in
    let state = checkStates.row(row).reshaped([1, 3])
    return numericGradient(at: Tensor([actions[row, 0]])) { a in
        gradientNetworks.value(state, a.reshaped([1, 1]))[0]
    }[0]
})
let actionAgreement = GradientAgreement(label: "∇ₐQ", analytic: actionGradient, numeric: actionNumeric)
let criticTargets = Tensor.uniform([8, 1], in: -5...0, using: &gradientGenerator)
let criticInput = Tensor(concatenating: [checkStates, actions], alongAxis: 1)
// The critic's regression gradient ∂L/∂θ^Q of L = (1/N) Σ (yᵢ − Q(sᵢ, aᵢ))², tensor by tensor.
var criticWithGradients = gradientNetworks.critics[0]
criticWithGradients.computeGradients(input: criticInput, target: criticTargets, loss: .squaredError)
var worstCriticError = 0.0
for index in criticWithGradients.parameters.indices {
    let numeric = numericGradient(at: gradientNetworks.critics[0].parameters[index]) { value in
        var probe = gradientNetworks.critics[0]
        var parameters = probe.parameters
        parameters[index] = value
        probe.parameters = parameters
        return Loss.squaredError.value(prediction: probe.predict(criticInput), target: criticTargets)
    }
    worstCriticError = max(worstCriticError, GradientAgreement(label: "critic", analytic: criticWithGradients.gradients[index],
                                                               numeric: numeric).relativeError)
}
notebook.results([
    "∇ₐQ (8 states), relative error": actionAgreement.relativeError,
    "critic's ∂L/∂θ^Q, worst tensor's relative error": worstCriticError,
], digits: 2)
notebook.check("the chain rule through the critic's input gradient matches finite differences of J (worst \(formatNumber(worstActorError, digits: 2)) < 1e-6)",
               worstActorError < 1e-6)
notebook.check("∇ₐQ and the critic's regression gradient match finite differences too (< 1e-6)",
               actionAgreement.relativeError < 1e-6 && worstCriticError < 1e-6)
notebook.prose("""
    Note the sign: gradient *ascent* on J. The library's optimizers minimise, so the \
    training step below passes −(2/N) ∇ₐQ down the actor and lets Adam minimise −J.
    """)

// MARK: - 4. Targets, replay and noise

notebook.section("Targets, soft updates, replay and noise")
notebook.prose("""
    The critic's target takes the place of DQN's max. For a transition (sᵢ, aᵢ, rᵢ, sᵢ₊₁):
    """)
notebook.formula("yᵢ = rᵢ + γ Q′(sᵢ₊₁, μ′(sᵢ₊₁ | θ^μ′) | θ^Q′)")
notebook.prose("""
    and the critic minimises L = (1/N) Σᵢ (yᵢ − Q(sᵢ, aᵢ | θ^Q))² over a mini-batch from the \
    replay memory, as in DQN. Q′ and μ′ are target networks. DDPG does not copy them every \
    C steps; after every update it moves them a small step τ toward the learning networks:
    """)
notebook.formula("θ^Q′ ← τ θ^Q + (1 − τ) θ^Q′,     θ^μ′ ← τ θ^μ + (1 − τ) θ^μ′")
notebook.prose("""
    With τ = 0.005 a target network is an average of the last few hundred versions of its \
    network: after k updates toward a network that stays put, the distance has shrunk by \
    (1 − τ)ᵏ. The notes give the same rule in their DQN section (000:1682) and call it \
    double Q-learning there; Lesson 07 explains why that name belongs to a different idea. \
    The library has one soft update, `Sequential.softUpdate(toward:tau:)`, used by DQN and \
    DDPG alike.

    A deterministic actor never tries anything but its own action, so while training the \
    agent adds noise: aₜ = clip(μ(sₜ) + 𝒩ₜ, −2, 2). The DDPG paper used an \
    Ornstein–Uhlenbeck process, whose values are correlated in time, so that one push \
    lasts long enough to move a physical system:
    """)
notebook.formula("xₜ₊₁ = xₜ + θ (μ − xₜ) dt + σ √dt · εₜ,     εₜ ~ N(0, 1)")
notebook.prose("""
    The pull θ(μ − x) keeps x near μ = 0, the kicks σ√dt ε keep it moving. The paper's \
    θ = 0.15, σ = 0.2 with dt = 1 give successive values correlated by 1 − θ = 0.85 and a \
    stationary spread of σ/√(2θ − θ²) ≈ 0.38. Later work (TD3's authors among them) found \
    that plain independent Gaussian noise works as well, and it is what this lesson trains \
    with. The two side by side, 200 steps each:
    """)
var noiseGenerator = notebook.generator("noise traces")
var ornsteinUhlenbeck = OrnsteinUhlenbeckNoise(count: 1, theta: 0.15, sigma: 0.2, timeStep: 1)
let ouTrace = (0..<200).map { _ in ornsteinUhlenbeck.next(using: &noiseGenerator)[0] }
let gaussianTrace = (0..<200).map { _ in noiseGenerator.normal(mean: 0, standardDeviation: 0.38) }
var ouPlot = LinePlot(title: "Ornstein–Uhlenbeck, θ = 0.15, σ = 0.2", xLabel: "step", width: 38, height: 12,
                      yRange: -1.2...1.2)
ouPlot.add("x", y: ouTrace)
var gaussianPlot = LinePlot(title: "independent Gaussian, sd 0.38", xLabel: "step", width: 38, height: 12,
                            yRange: -1.2...1.2)
gaussianPlot.add("x", y: gaussianTrace)
notebook.show(panels: [ouPlot, gaussianPlot])
var longRun = OrnsteinUhlenbeckNoise(count: 1, theta: 0.15, sigma: 0.2, timeStep: 1)
for _ in 0..<1_000 { _ = longRun.next(using: &noiseGenerator) }
let ouSamples = (0..<(quick ? 50_000 : 200_000)).map { _ in longRun.next(using: &noiseGenerator)[0] }
let ouCorrelation = lagOneCorrelation(ouSamples)
let ouSpread = (ouSamples.map { $0 * $0 }.reduce(0, +) / Double(ouSamples.count)).squareRoot()
notebook.compare("lag-1 correlation of OU (\(ouSamples.count) steps)", lesson: 0.85, computed: ouCorrelation,
                 tolerance: 0.01, digits: 4)
notebook.compare("stationary sd σ/√(2θ − θ²)", lesson: 0.2 / (0.3 - 0.0225).squareRoot(), computed: ouSpread,
                 tolerance: 0.01, digits: 4)

// MARK: - 5. Algorithm 1

notebook.section("Algorithm 1, and its slips")
notebook.prose("""
    The notes print Algorithm 1 of Lillicrap et al. (000:1715–1753). Put together with a \
    replay memory R, it reads as below; the lines marked ▸ are missing from the notes:
    """)
notebook.verbatim("""
      Randomly initialise critic Q(s, a | θ^Q) and actor μ(s | θ^μ)
      Initialise targets Q′, μ′ with θ^Q′ ← θ^Q, θ^μ′ ← θ^μ
      Initialise replay buffer R
    ▸ for episode = 1, M do
    ▸   Initialise a random process 𝒩 for action exploration
        Receive initial observation state s₁
        for t = 1, T do
          Select action aₜ = μ(sₜ | θ^μ) + 𝒩ₜ
          Execute aₜ, observe reward rₜ and new state sₜ₊₁
          Store transition (sₜ, aₜ, rₜ, sₜ₊₁) in R
          Sample a random minibatch of N transitions (sᵢ, aᵢ, rᵢ, sᵢ₊₁) from R
          Set yᵢ = rᵢ + γ Q′(sᵢ₊₁, μ′(sᵢ₊₁ | θ^μ′) | θ^Q′)
          Update the critic: minimise L = (1/N) Σᵢ (yᵢ − Q(sᵢ, aᵢ | θ^Q))²
          Update the actor along
            ∇_θμ J ≈ (1/N) Σᵢ ∇ₐQ(s, a | θ^Q)|ₛ₌ₛᵢ,ₐ₌μ(sᵢ) ∇_θμ μ(s | θ^μ)|ₛᵢ
          Update the targets: θ^Q′ ← τθ^Q + (1 − τ)θ^Q′
                              θ^μ′ ← τθ^μ + (1 − τ)θ^μ′
        end for
      end for
    """)
notebook.slip("loops of Algorithm 1", notes: "end for", at: .notes("000", 1751...1753),
              correct: "for episode = 1, M … for t = 1, T … end for end for",
              why: "the listing closes two loops but opens only one (for t = 1, T at 000:1727): the outer loop over "
                + "episodes, with the start of a new noise process and a fresh initial state s₁ inside it, is missing")
notebook.prose("""
    Without the outer loop the listing runs a single episode of T steps. The rest agrees \
    with the paper: the target yᵢ uses both target networks, and the actor's gradient is \
    evaluated at the actor's own action μ(sᵢ), not at the stored action aᵢ. One thing the \
    listing leaves implicit is a terminal state: the paper's target has no (1 − terminal) \
    factor either. The pendulum has none, so here it does not matter; the library's target \
    has the factor for tasks that do end.
    """)

// MARK: - 6. Training

notebook.section("Training DDPG on the pendulum")
let configuration = DDPGConfiguration.pendulum
let noiseSD: Double
if case .gaussian(let standardDeviation) = configuration.noise { noiseSD = standardDeviation } else { noiseSD = .nan }
check(!noiseSD.isNaN, "Lesson12 describes Gaussian exploration noise, but DDPGConfiguration.pendulum has \(configuration.noise)")
notebook.prose("""
    Every hyperparameter lives in `DDPGConfiguration.pendulum`. The network sizes, step sizes \
    and γ were chosen by hand on a few seeds, with a budget of 15,000 environment steps \
    (75 episodes) in mind; what they achieve over several seeds is measured below.
    """)
let actorWidths: String = configuration.actorHiddenLayers.map(String.init).joined(separator: "–")
let criticWidths: String = configuration.criticHiddenLayers.map(String.init).joined(separator: "–")
let stepSizes: String = "Adam, η = \(configuration.actorLearningRate) (actor), \(configuration.criticLearningRate) (critic)"
notebook.table(["hyperparameter", "value"], rows: [
    ["actor", "3–\(actorWidths)–1, ReLU, tanh output × 2"],
    ["critic", "4–\(criticWidths)–1, ReLU, linear output"],
    ["optimizers", stepSizes],
    ["discount γ", "\(configuration.discount)"],
    ["soft update τ", "\(configuration.tau)"],
    ["replay capacity", "\(configuration.replayCapacity)"],
    ["mini-batch N", "\(configuration.batchSize)"],
    ["random actions first", "\(configuration.learningStarts) steps, then one update per step"],
    ["exploration noise", "Gaussian, σ = \(noiseSD) (torque units)"],
])
notebook.prose("""
    Lillicrap et al. used step sizes 10⁻⁴ for the actor and 10⁻³ for the critic, with \
    hidden layers of 400 and 300 units; this lesson uses 10⁻³ for both and much smaller \
    networks, and does not compare the two settings. γ = 0.98, as RL Baselines3 Zoo uses \
    for this task, looks about 1/(1 − γ) = 50 steps ahead, long enough for a swing-up.

    Here is one update, the code the agent below runs: the inner loop of Algorithm 1 in \
    its order. It also covers TD3 (section 8), whose three changes are switches of the \
    configuration: a second critic and the smaller of the two targets, noise on the target \
    action, and an actor that moves only every other update.
    """)
/// One DDPG (or TD3) update on a mini-batch: targets, critic regression, actor by the chain
/// rule through the critic's input gradient, soft target updates.
@Sendable func ddpgUpdate(networks: inout ActorCritic, optimizers: inout ActorCriticOptimizers, batch: ContinuousBatch,
                          configuration: DDPGConfiguration, updateIndex: Int,
                          generator: inout SeededGenerator) -> DDPGUpdateStatistics {
    let limit = networks.actionLimit, n = Double(batch.size)
    // yᵢ = rᵢ + γ (1 − terminalᵢ) Q′(sᵢ₊₁, μ′(sᵢ₊₁)): no gradient flows into the targets.
    let nextActions = DDPGMath.smoothedTargetActions(networks.targetActions(batch.nextStates),   // μ′(s′) (+ TD3 noise)
                                                     noise: configuration.targetPolicyNoise,
                                                     clip: configuration.targetNoiseClip, actionLimit: limit,
                                                     using: &generator)
    let nextInput = Tensor(concatenating: [batch.nextStates, nextActions], alongAxis: 1)
    var nextValues = networks.targetCritics[0].predict(nextInput).scalars                       // Q′(s′, μ′(s′))
    for j in networks.targetCritics.indices.dropFirst() {                                       // TD3: the smaller Q′
        nextValues = zip(nextValues, networks.targetCritics[j].predict(nextInput).scalars).map { min($0, $1) }
    }
    let y = Tensor(shape: [batch.size, 1], scalars: DDPGMath.criticTargets(
        rewards: batch.rewards, terminals: batch.terminals, nextValues: nextValues, discount: configuration.discount))
    // Critic: minimise L = (1/N) Σ (yᵢ − Q(sᵢ, aᵢ))².
    var statistics = DDPGUpdateStatistics(criticLoss: 0, meanQ: 0, actorUpdated: false)
    for j in networks.critics.indices {
        let q = networks.critics[j].forward(batch.statesAndActions)                              // Q(sᵢ, aᵢ)
        let (loss, lossGradient) = Loss.squaredError.evaluate(prediction: q, target: y)
        _ = networks.critics[j].backward(lossGradient, accumulate: false, needsInputGradient: false)
        optimizers.critics[j].step(&networks.critics[j])
        if j == 0 { statistics = DDPGUpdateStatistics(criticLoss: loss, meanQ: q.mean(), actorUpdated: false) }
    }
    guard updateIndex % configuration.policyDelay == 0 else { return statistics }
    // Actor: ∇_θμ J ≈ (1/N) Σ ∇ₐQ(sᵢ, a)|ₐ₌μ(sᵢ) ∇_θμ μ(sᵢ); Adam minimises −J.
    let raw = networks.actor.forward(batch.states)                                               // tanh output
    let (_, dQda) = DDPGMath.actionGradient(critic: &networks.critics[0], states: batch.states,
                                            actions: raw * limit)                               // ∇ₐQ
    _ = networks.actor.backward(dQda * (-limit / n), accumulate: false, needsInputGradient: false)
    optimizers.actor.step(&networks.actor)
    // Targets: θ′ ← τθ + (1 − τ)θ′.
    networks.targetActor.softUpdate(toward: networks.actor, tau: configuration.tau)
    for j in networks.critics.indices {
        networks.targetCritics[j].softUpdate(toward: networks.critics[j], tau: configuration.tau)
    }
    statistics.actorUpdated = true
    return statistics
}
// The library's DDPGUpdate.step is the same update; five updates from the same start must give
// bit-identical networks, for DDPG and for TD3.
var updateCheckGenerator = notebook.generator("update check")
var updateCheckMemory = ContinuousReplayMemory(capacity: 1_000, observationCount: 3, actionCount: 1)
for _ in 0..<1_000 {
    let theta = updateCheckGenerator.uniform(in: -Double.pi...Double.pi), speed = updateCheckGenerator.uniform(in: -8...8)
    let torque = updateCheckGenerator.uniform(in: -2...2)
    let (reward, nextAngle, nextSpeed) = pendulumStep(theta, speed, torque)
    updateCheckMemory.append(state: Pendulum.observation(angle: theta, angularVelocity: speed), action: [torque],
                             reward: reward, nextState: Pendulum.observation(angle: nextAngle, angularVelocity: nextSpeed),
                             terminated: false)
}
var identical = true
for variant in [DDPGConfiguration.pendulum, DDPGConfiguration.td3Pendulum] {
    var pageNetworks = ActorCritic(observationCount: 3, actionCount: 1, actionLimit: 2, configuration: variant,
                                   using: &updateCheckGenerator)
    var libraryNetworks = pageNetworks
    var pageOptimizers = ActorCriticOptimizers(configuration: variant), libraryOptimizers = pageOptimizers
    var pageNoise = notebook.generator("update check noise"), libraryNoise = pageNoise
    for index in 0..<5 {
        let batch = updateCheckMemory.sample(size: variant.batchSize, using: &updateCheckGenerator)
        _ = ddpgUpdate(networks: &pageNetworks, optimizers: &pageOptimizers, batch: batch, configuration: variant,
                       updateIndex: index, generator: &pageNoise)
        _ = DDPGUpdate.step(networks: &libraryNetworks, optimizers: &libraryOptimizers, batch: batch,
                            configuration: variant, updateIndex: index, generator: &libraryNoise)
    }
    identical = identical && pageNetworks.actor.parameters == libraryNetworks.actor.parameters
        && zip(pageNetworks.critics, libraryNetworks.critics).allSatisfy { $0.parameters == $1.parameters }
        && zip(pageNetworks.targetCritics, libraryNetworks.targetCritics).allSatisfy { $0.parameters == $1.parameters }
        && pageNetworks.targetActor.parameters == libraryNetworks.targetActor.parameters
}
notebook.check("this page's update and the library's DDPGUpdate.step give bit-identical networks after 5 updates (DDPG and TD3)",
               identical)

let evaluationInterval = 1_000
let threshold = -200.0
/// One training run of the lesson's protocol: `trainingSteps` environment steps, the
/// deterministic policy evaluated on the 20 fixed starts every 1,000 steps, never stopping early.
func train(_ configuration: DDPGConfiguration, seed runSeed: UInt64,
           label: String) -> (agent: DDPGAgent, run: DDPGRun, seconds: Double) {
    var agent = DDPGAgent(configuration: configuration, environment: Pendulum(), seed: runSeed, update: ddpgUpdate)
    var progress = ProgressBar(label, total: trainingSteps)
    let clock = Stopwatch()
    let run = agent.train(maxSteps: trainingSteps, evaluationInterval: evaluationInterval,
                          evaluationStarts: evaluationStarts, threshold: threshold) { checkpoint in
        progress.advance(to: checkpoint.step, metric: "evaluation \(formatNumber(checkpoint.evaluationReturn, digits: 1))")
    }
    progress.finish()
    return (agent, run, clock.seconds)
}

// `--seeds A-B`: the per-seed study behind the table quoted below, and nothing else.
if notebook.options.isGiven(seedsOption) {
    let seedList = notebook.options[seedsOption]
    let bounds = seedList.split(separator: "-").compactMap { UInt64($0) }
    guard (bounds.count == 1 || bounds.count == 2) && bounds.first! <= bounds.last! else {
        report("Lesson12: --seeds wants A-B with A ≤ B (e.g. 1-5), got \(seedList)")
        exit(64)
    }
    let studySeeds = Array(bounds.first!...bounds.last!)
    var rows: [[String]] = []
    var reachedCount = 0
    for studySeed in studySeeds {
        let study = train(configuration, seed: SeededGenerator.seed(studySeed, stream: "DDPG training"),
                          label: "DDPG, seed \(studySeed)")
        if study.run.reachedAtStep != nil { reachedCount += 1 }
        rows.append([String(studySeed), study.run.reachedAtStep.map { formatNumber(Double($0)) } ?? "never",
                     formatNumber(study.run.bestReturn, digits: 1), formatNumber(study.run.finalReturn, digits: 1)])
        report("seed \(studySeed): \(formatNumber(study.seconds, digits: 1)) s")
    }
    notebook.table(["seed", "first evaluation ≥ −200 (step)", "best", "final"], rows: rows)
    notebook.result("seeds reaching an evaluation mean ≥ −200 within \(trainingSteps) steps",
                    "\(reachedCount) of \(studySeeds.count)")
    notebook.finish()
    exit(0)
}

notebook.prose("""
    Training runs the whole budget of \(trainingSteps) environment steps and never stops \
    early. Every \(evaluationInterval) steps the deterministic policy μ (no noise) plays the 20 \
    fixed evaluation starts; the lesson reports the first evaluation whose mean return \
    reaches −200, and how the run went on from there.\(quick ? " (This is the --quick run: \(trainingSteps) steps, too few to expect a swing-up; the full run has 15,000.)" : "")
    """)
let ddpgSeed = notebook.seed("DDPG training")
let (agent, run, trainingSeconds) = train(configuration, seed: ddpgSeed, label: "DDPG on the pendulum")
report("DDPG: \(agent.steps) steps, \(agent.updates) updates, \(formatNumber(trainingSeconds, digits: 2)) s wall, "
       + "\(formatNumber(Double(agent.updates) / max(trainingSeconds, 1e-9), digits: 0)) updates/s (including evaluations)")

var curve = LinePlot(title: "DDPG on the pendulum: learning curve", xLabel: "environment step", yLabel: "return",
                     height: 18, yRange: -1_800...0)
curve.add("training episode return (with noise; first \(configuration.learningStarts) steps random)",
          x: agent.episodes.map { Double($0.step) }, y: agent.episodes.map(\.totalReward))
curve.add("deterministic evaluation, mean of 20 starts", x: run.checkpoints.map { Double($0.step) },
          y: run.checkpoints.map(\.evaluationReturn))
curve.add("−200", x: [0, Double(trainingSteps)], y: [threshold, threshold])
notebook.show(curve)
let checkpointCells = run.checkpoints.map { [formatNumber(Double($0.step)), formatNumber($0.evaluationReturn, digits: 1)] }
notebook.table(Array(repeating: ["steps", "evaluation"], count: 4).flatMap { $0 },
               rows: stride(from: 0, to: checkpointCells.count, by: 4).map { start in
                   let cells = checkpointCells[start..<min(start + 4, checkpointCells.count)].flatMap { $0 }
                   return cells + Array(repeating: "", count: 8 - cells.count)
               })
notebook.result("first evaluation with mean ≥ −200", run.reachedAtStep.map { "\($0) steps" } ?? "none")
notebook.result("best evaluation mean", run.bestReturn, digits: 1)
notebook.result("evaluation mean at the end of the budget", run.finalReturn, digits: 1)
let firstReturn = run.checkpoints.first?.evaluationReturn ?? 0   // after the 1,000 random steps
if quick {
    notebook.check("in \(trainingSteps) steps DDPG learns: its best evaluation mean beats the first one by more than 200 (\(formatNumber(run.bestReturn, digits: 1)) vs \(formatNumber(firstReturn, digits: 1)) after the random steps)",
                   run.bestReturn > firstReturn + 200)
} else {
    notebook.check("DDPG reaches an evaluation mean ≥ −200 over the 20 starts within \(trainingSteps) steps (best \(formatNumber(run.bestReturn, digits: 1))"
                   + (run.reachedAtStep.map { ", first at \($0)" } ?? "") + ")",
                   run.reachedAtStep != nil)
}

// The learned policy over the whole state space: torque as a function of (θ, θ̇).
notebook.prose("""
    What did the actor learn? Below, its torque μ(cos θ, sin θ, θ̇) on a grid of angles \
    (across, from −π to π, upright in the middle) and angular velocities (down, from +8 to \
    −8). A blank cell is full torque −2, a solid one +2.
    """)
let angleGrid = (0..<36).map { -Double.pi + (Double($0) + 0.5) * 2 * Double.pi / 36 }
let speedGrid = (0..<17).map { 8 - Double($0) }
let gridStates = Tensor(shape: [speedGrid.count * angleGrid.count, 3], scalars: speedGrid.flatMap { speed in
    angleGrid.flatMap { Pendulum.observation(angle: $0, angularVelocity: speed) }
})
let gridTorques = agent.networks.actions(gridStates).scalars
let torqueRows = speedGrid.indices.map { r in Array(gridTorques[(r * angleGrid.count)..<((r + 1) * angleGrid.count)]) }
notebook.show(HeatMap(torqueRows, title: "learned torque μ(s): rows θ̇ = +8 … −8, columns θ = −π … π",
                      rowLabels: speedGrid.map { formatNumber($0) }, range: -2...2))
notebook.verbatim("      −π (down)        0 (up)            π (down)")  // under θ = −π, 0 and π
let upright = agent.networks.action(Pendulum.observation(angle: 0.3, angularVelocity: 0))[0]
let uprightOther = agent.networks.action(Pendulum.observation(angle: -0.3, angularVelocity: 0))[0]
notebook.results([
    "torque at θ = +0.3 rad, at rest": upright,
    "torque at θ = −0.3 rad, at rest": uprightOther,
], digits: 3)
notebook.prose("""
    Read the middle columns, near upright: there the policy should push back toward θ = 0, \
    negative torque for θ > 0 and positive for θ < 0 (a positive torque raises θ̇). Away \
    from the top, the bands follow the direction of motion: that is the energy pumping of \
    section 2, learned from rewards alone.
    """)
if !quick {
    notebook.check("near upright the learned torque pushes back toward θ = 0 (\(formatNumber(upright, digits: 3)) < 0 < \(formatNumber(uprightOther, digits: 3)))",
                   upright < 0 && uprightOther > 0)
}

// One evaluation episode from the hardest start: hanging straight down at rest.
let policyNetworks = agent.networks
var showcase = Pendulum()
let showcaseStart = showcase.reset(angle: Double.pi, angularVelocity: 0)
var showcaseAngles: [Double] = [180]
let showcaseEpisode = showcase.runEpisode(from: showcaseStart) { observation in
    let action = policyNetworks.action(observation)
    return action
}
for observation in showcaseEpisode.observations.dropFirst() {
    showcaseAngles.append(atan2(observation[1], observation[0]) * 180 / Double.pi)
}
var anglePlot = LinePlot(title: "θ in degrees, from hanging down", xLabel: "step",
                         width: 38, height: 12, yRange: -180...180)
anglePlot.add("θ", y: showcaseAngles)
var torquePlot = LinePlot(title: "torque μ(s)", xLabel: "step", width: 38, height: 12, yRange: -2.2...2.2)
torquePlot.add("u", y: showcaseEpisode.actions.map { $0[0] })
notebook.show(panels: [anglePlot, torquePlot])
let finalAngles = showcaseAngles.suffix(50).map(abs)
notebook.results([
    "that episode's return": showcaseEpisode.totalReward,
    "largest |θ| over its last 50 steps (degrees)": finalAngles.max() ?? 0,
], digits: 1)

// MARK: - 7. Over seeds, and for scale

notebook.section("How reliable is it?")
notebook.prose("""
    One seed is one draw. With exactly this configuration and protocol, over the seeds \
    1–5 (`swift run Lesson12 --seeds 1-5` prints the table; it was run while the lesson \
    was written, and a slow test repeats it):
    """)
notebook.table(["seed", "1", "2", "3", "4", "5"], rows: [
    ["first ≥ −200 (steps)", "6000", "6000", "6000", "5000", "6000"],
    ["best evaluation", "−144.3", "−149.9", "−150.0", "−144.0", "−150.1"],
    ["final evaluation", "−144.3", "−149.9", "−150.0", "−153.0", "−151.4"],
])
notebook.prose("""
    All 5 seeds reach an evaluation mean of −200 within 15,000 steps, after 5,000 or \
    6,000 of them (25 to 30 episodes), and all 5 end the budget between −144 and −154. \
    Between those two moments a run can still dip (the run above is one such history). Five seeds bound the failure rate only loosely: with 5 of 5, a rate of \
    failure as high as about 45 % would still give five successes one time in twenty.

    For scale: RL Baselines3 Zoo's benchmark reports for DDPG on Pendulum-v1 a mean return \
    of −152 ± 94 after 20,000 steps (TD3 −152, SAC −157), with networks of 400 and 300 \
    units; Keras' DDPG tutorial, which the short course points to (004:2322), reaches an \
    average of about −173 over the last 40 episodes after 100 episodes (20,000 steps). \
    Those numbers come from other protocols (other starts, other averaging), so they give \
    the scale, not a ranking.
    """)

// MARK: - 8. What goes wrong: over-estimation, and TD3

notebook.section("Over-estimation, and TD3")
notebook.prose("""
    The critic learns from targets it computes itself, so DDPG inherits DQN's troubles \
    (the notes, 000:1687–1693: the labels move as the method runs). The max is gone, but \
    the actor plays its part: it climbs the critic's surface, so wherever the critic is \
    too optimistic the actor goes there, and the next targets carry the error on, just as \
    maxₐ′ picked the noisiest estimate in Lesson 07. Fujimoto et al. (2018) measured this \
    over-estimation and proposed TD3, three changes to DDPG:
    """)
notebook.bullets([
    "clipped double Q-learning: two critics, each trained toward y = r + γ min(Q′₁, Q′₂)(s′, a′), the smaller of the two target critics;",
    "delayed policy updates: the actor and the targets move once every two critic updates, so the critic settles before the actor climbs it;",
    "target policy smoothing: a′ = μ′(s′) plus noise clipped to a small range, so the target averages over nearby actions instead of trusting one sharp peak.",
])
notebook.prose("""
    In the library all three are fields of the same `DDPGConfiguration`, and the update \
    on this page runs both. To see the bias, each evaluation also records the first \
    critic's estimate Q(s₀, μ(s₀)) at the 20 start states and the discounted return \
    G₀ = Σ γᵗ rₜ₊₁ the policy then actually collects from them. TD3, trained with the same \
    budget and protocol (its own seed stream):
    """)
// The quick run leaves TD3's training out (its update is already checked bit for bit above).
let td3 = quick ? nil : train(DDPGConfiguration.td3Pendulum, seed: notebook.seed("TD3 training"), label: "TD3 on the pendulum")
if let td3 { report("TD3: \(td3.agent.updates) updates, \(formatNumber(td3.seconds, digits: 2)) s wall") }
let comparisonRuns = [("DDPG", run)] + (td3.map { [("TD3", $0.run)] } ?? [])
for (name, comparisonRun) in comparisonRuns {
    var estimatePlot = LinePlot(title: "\(name): estimate and return at the 20 starts",
                                xLabel: "environment step", yLabel: "discounted value", height: 14)
    let steps = comparisonRun.checkpoints.map { Double($0.step) }
    estimatePlot.add("achieved G₀", x: steps, y: comparisonRun.checkpoints.map(\.startDiscountedReturn))
    estimatePlot.add("estimate Q(s₀, μ(s₀))", x: steps, y: comparisonRun.checkpoints.map(\.startEstimate))
    notebook.show(estimatePlot)
}
notebook.table(["agent", "first ≥ −200", "best", "final", "mean (estimate − G₀), second half"],
               rows: comparisonRuns.map { name, comparisonRun in
                   [name, comparisonRun.reachedAtStep.map { formatNumber(Double($0)) } ?? "never",
                    formatNumber(comparisonRun.bestReturn, digits: 1), formatNumber(comparisonRun.finalReturn, digits: 1),
                    formatNumber(comparisonRun.meanEstimateGap(), digits: 1)]
               })
let ddpgGap = run.meanEstimateGap()
if let td3Gap = td3?.run.meanEstimateGap() {
    notebook.prose("""
        In this run, over the second half of training, DDPG's critic sat on average \
        \(formatNumber(abs(ddpgGap), digits: 1)) \(ddpgGap >= 0 ? "above" : "below") the discounted return its policy \
        then collected, TD3's \(formatNumber(abs(td3Gap), digits: 1)) \(td3Gap >= 0 ? "above" : "below"). One seed on one \
        small task is an illustration, not a measurement of the bias: Fujimoto et al. \
        measured it over many runs of larger tasks, where DDPG's estimates climbed far above \
        the true values. On the pendulum every reward is negative and a good policy reaches \
        the top within a few dozen steps, so there is less room for optimism to build up.
        """)
} else {
    notebook.prose("""
        (--quick leaves TD3's training run out; the full run trains it for 15,000 steps \
        beside DDPG. Early in training the critic, which starts near 0 while every reward \
        is negative, sits far above the returns; that optimism of the initial weights is \
        why the gap is averaged over the second half only.)
        """)
}

// MARK: - Recap

notebook.recap([
    "A max over real-valued actions is a search; a grid of g points per component costs gᵏ evaluations.",
    "DDPG trains an actor μ(s) to output the maximising action; Q(s, μ(s)) stands in for the max.",
    "The actor follows ∇ₐQ(s, a)|ₐ₌μ(s) · ∇_θμ μ(s): the critic's backward pass down to its action input, then the actor's.",
    "The critic regresses on y = r + γ Q′(s′, μ′(s′)); target networks follow by θ′ ← τθ + (1 − τ)θ′.",
    "Exploration adds noise to a deterministic actor: Ornstein–Uhlenbeck (correlated) in the paper, Gaussian here.",
    "Pendulum-v1: no terminal states, 200 steps, reward −(θ² + 0.1θ̇² + 0.001u²) ≥ −16.27 per step.",
    "TD3 fights the critic's over-estimation with two critics, delayed actor updates and smoothed target actions.",
    "The notes' 4 slips: the actor computes the arg max, not the max; the subscripts s_q and θ_u; Algorithm 1's missing episode loop.",
])
notebook.exercises(lesson: "Lesson12", [
    "pendulumStep — one step of Pendulum-v1: reward and next state",
    "criticTargets — y = r + γ(1 − terminal) Q′(s′, μ′(s′))",
    "actorGradient — ∇ₐQ times the actor's Jacobian, averaged over a batch",
    "ornsteinUhlenbeckStep — one Euler–Maruyama step of the OU noise",
    "td3Targets — clipped double-Q targets: the smaller of two target critics",
])
notebook.finish()
