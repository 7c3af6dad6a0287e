import Reinforcement
import TensorCore

/// The checks that grade `Lesson12Answers`: a case worked by hand first, then seeded random
/// cases so that an answer cannot be tuned to the examples. The pendulum is compared with the
/// library's `Pendulum` (itself bit-identical to Gymnasium's Pendulum-v1).
public enum Lesson12Checks {
    /// The exercises of Lesson12, in the order of `Exercises/Lesson12.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson12", name: "pendulumStep", task: "one step of Pendulum-v1: reward and next state",
                 hints: ["Horizontal at rest (θ = π/2, θ̇ = 0) with u = 0: θ̇′ = 15 · 0.05 = 0.75, θ′ = π/2 + 0.0375, "
                         + "r = −(π/2)². Clip u to [−2, 2] first; the reward uses the state before the step.",
                         "Order: clip u; r = −(norm(θ)² + 0.1θ̇² + 0.001u²) with norm(θ) = ((θ + π) mod 2π) − π (a mod "
                         + "that is never negative); θ̇′ = clip(θ̇ + (15 sin θ + 3u) · 0.05, −8, 8); θ′ = θ + θ̇′ · 0.05 "
                         + "with the new, clipped θ̇′."])
        { (answers: any Lesson12Answers.Type) in try checkPendulumStep(answers) },
        Exercise(lesson: "Lesson12", name: "criticTargets", task: "y = r + γ(1 − terminal) Q′(s′, μ′(s′))",
                 hints: ["With r = −1, γ = 0.9 and Q′ = −10 the target is −1 + 0.9 · (−10) = −10; at a terminal state "
                         + "it is just r = −1.",
                         "One target per transition: rᵢ + γ · Q′ᵢ, and drop the γ · Q′ᵢ term where terminalᵢ is true."])
        { (answers: any Lesson12Answers.Type) in try checkCriticTargets(answers) },
        Exercise(lesson: "Lesson12", name: "actorGradient", task: "(1/N) Σ ∇ₐQ · ∂μ/∂θ",
                 hints: ["With one sample, one action component and a Jacobian row (2, −1, 0.5), ∇ₐQ = 3 gives "
                         + "(6, −3, 1.5): the chain rule multiplies ∂Q/∂a by ∂a/∂θ.",
                         "For parameter p: (1/N) Σᵢ Σⱼ ∇ₐQᵢⱼ · Jᵢ[j][p], summing over the action components j of each "
                         + "sample and averaging over the N samples (divide once, by N)."])
        { (answers: any Lesson12Answers.Type) in try checkActorGradient(answers) },
        Exercise(lesson: "Lesson12", name: "ornsteinUhlenbeckStep", task: "x + θ(μ − x)dt + σ√dt ε",
                 hints: ["x = 1, θ = 0.15, μ = 0, σ = 0.2, dt = 0.01, ε = 0.5 gives 1 − 0.0015 + 0.01 = 1.0085.",
                         "The random kick scales with √dt, not dt: over a time dt a Wiener process moves by a "
                         + "normal of variance dt."])
        { (answers: any Lesson12Answers.Type) in try checkOrnsteinUhlenbeckStep(answers) },
        Exercise(lesson: "Lesson12", name: "td3Targets", task: "y = r + γ(1 − terminal) min(Q′₁, Q′₂)",
                 hints: ["With r = −1, γ = 0.9, Q′₁ = −10 and Q′₂ = −12 the target is −1 + 0.9 · (−12) = −11.8: "
                         + "the smaller (more pessimistic) of the two.",
                         "Take min(Q′₁ᵢ, Q′₂ᵢ) per transition, then proceed as for DDPG's target, terminal states "
                         + "included."])
        { (answers: any Lesson12Answers.Type) in try checkTD3Targets(answers) },
    ]

    static func checkPendulumStep<A: Lesson12Answers>(_ answers: A.Type) throws {
        // By hand first: horizontal at rest; upright with full torque; the speed limit; a torque
        // beyond 2; an angle beyond π (wrapped for the reward only).
        var cases: [(theta: Double, thetaDot: Double, u: Double)] = [
            (Double.pi / 2, 0, 0), (0, 0, 2), (0, 7.9, 5), (3 * Double.pi / 2, -1, -1), (-7.5, -3, -2.6),
        ]
        var generator = SeededGenerator(seed: 1201)
        for _ in 0..<20 {
            cases.append((generator.uniform(in: -12...12), generator.uniform(in: -8...8), generator.uniform(in: -3...3)))
        }
        for c in cases {
            var pendulum = Pendulum()
            _ = pendulum.reset(angle: c.theta, angularVelocity: c.thetaDot)
            let expected = pendulum.step([c.u])
            let got = try answers.pendulumStep(angle: c.theta, angularVelocity: c.thetaDot, torque: c.u)
            let input = "θ = \(format(c.theta)), θ̇ = \(format(c.thetaDot)), u = \(format(c.u))"
            try expectClose(got.angularVelocity, pendulum.angularVelocity, tolerance: 1e-12, what: "θ̇′", input: input,
                            hint: abs(c.u) > 2 ? "clip u to [−2, 2] before it acts"
                                : "θ̇′ = clip(θ̇ + (3g/(2l) sin θ + 3u/(m l²)) dt, −8, 8) with g = 10, m = l = 1, dt = 0.05")
            try expectClose(got.angle, pendulum.angle, tolerance: 1e-12, what: "θ′", input: input,
                            hint: "θ′ = θ + θ̇′ · dt with the new, clipped θ̇′; do not wrap θ itself")
            try expectClose(got.reward, expected.reward, tolerance: 1e-12, what: "reward", input: input,
                            hint: "r = −(norm(θ)² + 0.1θ̇² + 0.001u²) on the state before the step and the clipped u, "
                                + "with norm(θ) in [−π, π)")
        }
    }

    static func checkCriticTargets<A: Lesson12Answers>(_ answers: A.Type) throws {
        var cases: [(r: [Double], done: [Bool], next: [Double], gamma: Double)] = [
            ([-1, -1], [false, true], [-10, -10], 0.9),
        ]
        var generator = SeededGenerator(seed: 1202)
        for _ in 0..<15 {
            let n = generator.int(in: 1...8)
            cases.append(((0..<n).map { _ in generator.uniform(in: -16...0) }, (0..<n).map { _ in generator.bernoulli(0.3) },
                          (0..<n).map { _ in generator.uniform(in: -300...0) }, generator.uniform(in: 0.9...0.999)))
        }
        for c in cases {
            let expected = DDPGMath.criticTargets(rewards: c.r, terminals: c.done.map { $0 ? 1 : 0 }, nextValues: c.next,
                                                  discount: c.gamma)
            let got = try answers.criticTargets(rewards: c.r, terminals: c.done, nextValues: c.next, discount: c.gamma)
            try expectClose(got, expected, tolerance: 1e-9, what: "targets",
                            input: "r = \(format(c.r)), terminal = \(c.done), Q′ = \(format(c.next)), γ = \(format(c.gamma))",
                            hint: "yᵢ = rᵢ + γ Q′ᵢ, and just rᵢ where the transition ended in a terminal state")
        }
    }

    /// (1/N) Σᵢ Σⱼ gᵢⱼ Jᵢ[j][p].
    static func referenceActorGradient(_ g: [[Double]], _ jacobians: [[[Double]]]) -> [Double] {
        let p = jacobians[0][0].count
        var total = Array(repeating: 0.0, count: p)
        for i in g.indices {
            for j in g[i].indices {
                for q in 0..<p { total[q] += g[i][j] * jacobians[i][j][q] }
            }
        }
        return total.map { $0 / Double(g.count) }
    }

    static func checkActorGradient<A: Lesson12Answers>(_ answers: A.Type) throws {
        var cases: [(g: [[Double]], jacobians: [[[Double]]])] = [
            ([[3]], [[[2, -1, 0.5]]]),
            ([[1], [3]], [[[1, 0]], [[0, 1]]]),
        ]
        var generator = SeededGenerator(seed: 1203)
        for _ in 0..<15 {
            let (n, k, p) = (generator.int(in: 1...6), generator.int(in: 1...3), generator.int(in: 1...7))
            cases.append(((0..<n).map { _ in (0..<k).map { _ in generator.normal() } },
                          (0..<n).map { _ in (0..<k).map { _ in (0..<p).map { _ in generator.normal() } } }))
        }
        for c in cases {
            let expected = referenceActorGradient(c.g, c.jacobians)
            let got = try answers.actorGradient(actionGradients: c.g, actorJacobians: c.jacobians)
            try expectClose(got, expected, tolerance: 1e-10, what: "actor gradient",
                            input: "∇ₐQ per sample = \(format(c.g)), Jacobians = \(c.jacobians.map { format($0) })",
                            hint: "for each parameter sum ∇ₐQᵢⱼ · Jᵢ[j][p] over samples i and action components j, then "
                                + "divide by the number of samples N")
        }
    }

    static func checkOrnsteinUhlenbeckStep<A: Lesson12Answers>(_ answers: A.Type) throws {
        var cases: [(x: [Double], theta: Double, mean: Double, sigma: Double, dt: Double, eps: [Double])] = [
            ([1], 0.15, 0, 0.2, 0.01, [0.5]),
        ]
        var generator = SeededGenerator(seed: 1204)
        for _ in 0..<15 {
            let n = generator.int(in: 1...4)
            cases.append(((0..<n).map { _ in generator.normal() }, generator.uniform(in: 0...1), generator.uniform(in: -1...1),
                          generator.uniform(in: 0...1), generator.uniform(in: 0.001...1), (0..<n).map { _ in generator.normal() }))
        }
        for c in cases {
            let expected = c.x.indices.map {
                OrnsteinUhlenbeckNoise.step(c.x[$0], theta: c.theta, mean: c.mean, sigma: c.sigma, timeStep: c.dt,
                                            normal: c.eps[$0])
            }
            let got = try answers.ornsteinUhlenbeckStep(c.x, theta: c.theta, mean: c.mean, sigma: c.sigma, timeStep: c.dt,
                                                        normals: c.eps)
            try expectClose(got, expected, tolerance: 1e-12, what: "next x",
                            input: "x = \(format(c.x)), θ = \(format(c.theta)), μ = \(format(c.mean)), σ = \(format(c.sigma)), "
                                + "dt = \(format(c.dt)), ε = \(format(c.eps))",
                            hint: "x + θ(μ − x)dt + σ√dt ε: the pull toward μ scales with dt, the kick with √dt")
        }
    }

    static func checkTD3Targets<A: Lesson12Answers>(_ answers: A.Type) throws {
        var cases: [(r: [Double], done: [Bool], q1: [Double], q2: [Double], gamma: Double)] = [
            ([-1, -1], [false, true], [-10, -10], [-12, -8], 0.9),
        ]
        var generator = SeededGenerator(seed: 1205)
        for _ in 0..<15 {
            let n = generator.int(in: 1...8)
            cases.append(((0..<n).map { _ in generator.uniform(in: -16...0) }, (0..<n).map { _ in generator.bernoulli(0.3) },
                          (0..<n).map { _ in generator.uniform(in: -300...0) }, (0..<n).map { _ in generator.uniform(in: -300...0) },
                          generator.uniform(in: 0.9...0.999)))
        }
        for c in cases {
            let expected = DDPGMath.criticTargets(rewards: c.r, terminals: c.done.map { $0 ? 1 : 0 },
                                                  nextValues: zip(c.q1, c.q2).map { min($0, $1) }, discount: c.gamma)
            let got = try answers.td3Targets(rewards: c.r, terminals: c.done, nextValues1: c.q1, nextValues2: c.q2,
                                             discount: c.gamma)
            try expectClose(got, expected, tolerance: 1e-9, what: "targets",
                            input: "r = \(format(c.r)), terminal = \(c.done), Q′₁ = \(format(c.q1)), Q′₂ = \(format(c.q2)), "
                                + "γ = \(format(c.gamma))",
                            hint: "use the smaller of the two target values, min(Q′₁ᵢ, Q′₂ᵢ), and just rᵢ at a terminal state")
        }
    }
}
