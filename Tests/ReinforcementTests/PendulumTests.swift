import Foundation
import Reinforcement
import TensorCore
import Testing

/// Pendulum-v1's step worked out by hand: with g = 10, m = l = 1 the angular acceleration is
/// 15 sin θ + 3u, dt = 0.05, θ̇ is clipped to ±8 and u to ±2, and the reward uses the state
/// before the step.
@Suite("Pendulum: hand-computed steps, clipping, reward and episode length")
struct PendulumTests {
    /// One step from (θ, θ̇) with torque u; returns the result and the state after it.
    static func step(_ theta: Double, _ thetaDot: Double, _ u: Double) -> (EnvironmentStep, Double, Double) {
        var pendulum = Pendulum()
        _ = pendulum.reset(angle: theta, angularVelocity: thetaDot)
        let result = pendulum.step([u])
        return (result, pendulum.angle, pendulum.angularVelocity)
    }

    @Test("horizontal at rest, no torque: θ̇′ = 15 · 0.05 = 0.75, θ′ = π/2 + 0.0375, r = −π²/4")
    func horizontal() {
        let (result, theta, thetaDot) = Self.step(Double.pi / 2, 0, 0)
        #expect(abs(thetaDot - 0.75) < 1e-12)
        #expect(abs(theta - (Double.pi / 2 + 0.0375)) < 1e-12)
        #expect(abs(result.reward + Double.pi * Double.pi / 4) < 1e-12)
        #expect(abs(result.observation[0] - cos(Double.pi / 2 + 0.0375)) < 1e-12)
        #expect(abs(result.observation[1] - sin(Double.pi / 2 + 0.0375)) < 1e-12)
        #expect(result.observation[2] == thetaDot)
        #expect(!result.terminated && !result.truncated)
    }

    @Test("upright at rest, full torque u = 2: θ̇′ = 3 · 2 · 0.05 = 0.3, θ′ = 0.015, r = −0.001 · 4 = −0.004")
    func uprightPush() {
        let (result, theta, thetaDot) = Self.step(0, 0, 2)
        #expect(abs(thetaDot - 0.3) < 1e-12)
        #expect(abs(theta - 0.015) < 1e-12)
        #expect(abs(result.reward + 0.004) < 1e-12)
    }

    @Test("clipping: u = 5 acts as 2, and θ̇ = 7.9 + 0.3 is cut to 8 before θ moves (θ′ = 0.4); r = −(0.1 · 7.9² + 0.001 · 2²)")
    func clipping() {
        let (result, theta, thetaDot) = Self.step(0, 7.9, 5)
        #expect(thetaDot == 8)
        #expect(abs(theta - 0.4) < 1e-12)
        #expect(abs(result.reward + (0.1 * 7.9 * 7.9 + 0.004)) < 1e-12)
        let (negative, _, negativeDot) = Self.step(0, -7.9, -5)
        #expect(negativeDot == -8)
        #expect(abs(negative.reward - result.reward) < 1e-12)
    }

    @Test("θ = 3π/2 counts as −π/2 in the reward; θ̇′ = −1 + (−15 − 3) · 0.05 = −1.9, θ′ = 3π/2 − 0.095")
    func wrappedAngle() {
        let (result, theta, thetaDot) = Self.step(3 * Double.pi / 2, -1, -1)
        #expect(abs(thetaDot + 1.9) < 1e-12)
        #expect(abs(theta - (3 * Double.pi / 2 - 0.095)) < 1e-12)
        #expect(abs(result.reward + (Double.pi * Double.pi / 4 + 0.1 + 0.001)) < 1e-12)
        // The state is not wrapped (as in Gymnasium); only the reward normalises θ.
        #expect(theta > Double.pi)
    }

    @Test("the angle normalisation is a floored modulo into [−π, π)")
    func normalisation() {
        #expect(abs(Pendulum.normalizedAngle(3 * Double.pi / 2) + Double.pi / 2) < 1e-12)
        #expect(abs(Pendulum.normalizedAngle(-3 * Double.pi / 2) - Double.pi / 2) < 1e-12)
        #expect(abs(Pendulum.normalizedAngle(0.5 + 4 * Double.pi) - 0.5) < 1e-12)
        #expect(abs(Pendulum.normalizedAngle(-0.5 - 6 * Double.pi) + 0.5) < 1e-12)
        #expect(Pendulum.normalizedAngle(Double.pi) == -Double.pi)
        #expect(Pendulum.normalizedAngle(-Double.pi) == -Double.pi)
    }

    @Test("the worst reward is −(π² + 0.1 · 8² + 0.001 · 2²) = −16.2736044, hanging down at full speed and torque")
    func worstReward() {
        #expect(abs(Pendulum.worstReward + 16.2736044) < 1e-7)
        let (result, _, _) = Self.step(Double.pi, 8, 2)
        #expect(abs(result.reward - Pendulum.worstReward) < 1e-12)
        // No state reachable by a step does worse: random states and torques stay above it.
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<1_000 {
            let (r, _, _) = Self.step(generator.uniform(in: -20...20), generator.uniform(in: -8...8),
                                      generator.uniform(in: -5...5))
            #expect(r.reward >= Pendulum.worstReward && r.reward <= 0)
        }
    }

    @Test("an episode lasts 200 steps, is truncated at the end and never terminated; starts are θ ∈ [−π, π], θ̇ ∈ [−1, 1]")
    func episode() {
        var pendulum = Pendulum()
        var generator = SeededGenerator(seed: 11)
        let start = pendulum.reset(using: &generator)
        #expect(abs(pendulum.angle) <= Double.pi && abs(pendulum.angularVelocity) <= 1)
        #expect(start == [cos(pendulum.angle), sin(pendulum.angle), pendulum.angularVelocity])
        let record = pendulum.runEpisode(from: start) { _ in [1.5] }
        #expect(record.rewards.count == 200 && !record.terminated)
        #expect(record.observations.count == 201)
        // The reset draws θ first, then θ̇.
        var replay = SeededGenerator(seed: 11)
        let theta = replay.uniform(in: -Double.pi...Double.pi)
        #expect(abs(cos(theta) - start[0]) < 1e-15 && replay.uniform(in: -1.0...1.0) == start[2])
    }

    @Test("one torque in [−2, 2] acts on an observation of three numbers")
    func dimensions() {
        let pendulum = Pendulum()
        #expect(pendulum.actionCount == 1 && pendulum.observationCount == 3 && pendulum.actionLimit == 2)
    }
}
