import Foundation
import Reinforcement
import TensorCore
import Testing

@Suite("CartPole dynamics, termination and truncation")
struct CartPoleTests {
    @Test("first push right from rest, by hand: ẍ = 4400/451, θ̈ = −600/41")
    func firstStepByHand() {
        // From (0, 0, 0, 0) with F = +10: sin θ = 0, cos θ = 1, so temp = F/M = 10/1.1 = 100/11;
        // θ̈ = −temp / (l(4/3 − m_p/M)) = −(100/11) / (0.5 · 41/33) = −600/41;
        // ẍ = temp − m_p l θ̈ / M = 100/11 + 0.05 · (600/41) / 1.1 = 4400/451.
        // Euler: positions move with the old (zero) velocities, velocities with the accelerations.
        var cartPole = CartPole()
        _ = cartPole.reset(to: [0, 0, 0, 0])
        let first = cartPole.step(1)
        let expected1 = [0, 0.02 * 4400 / 451, 0, -0.02 * 600 / 41]
        for k in 0..<4 { #expect(abs(first.observation[k] - expected1[k]) < 1e-12) }
        #expect(first.reward == 1 && !first.terminated && !first.truncated)
        // Second step, still pushing right: x and θ now move with the velocities of step one.
        let second = cartPole.step(1)
        #expect(abs(second.observation[0] - 0.02 * 0.02 * 4400 / 451) < 1e-12)
        #expect(abs(second.observation[2] - -0.02 * 0.02 * 600 / 41) < 1e-12)
    }

    /// The same physics written independently: the cart–pole equations solved for θ̈ and ẍ
    /// from the form of Barto, Sutton and Anderson (1983) without friction.
    func referenceStep(_ s: [Double], force: Double) -> [Double] {
        let (g, mc, mp, l, tau) = (9.8, 1.0, 0.1, 0.5, 0.02)
        let (x, v, th, w) = (s[0], s[1], s[2], s[3])
        let thetaAcc = (g * sin(th) + cos(th) * ((-force - mp * l * w * w * sin(th)) / (mc + mp)))
            / (l * (4.0 / 3.0 - mp * cos(th) * cos(th) / (mc + mp)))
        let xAcc = (force + mp * l * (w * w * sin(th) - thetaAcc * cos(th))) / (mc + mp)
        return [x + tau * v, v + tau * xAcc, th + tau * w, w + tau * thetaAcc]
    }

    @Test("40 steps of a fixed action sequence agree with an independent Euler step to 1e-12")
    func actionSequenceMatchesReference() {
        var cartPole = CartPole()
        var state = [0.03, -0.02, 0.04, 0.01]
        _ = cartPole.reset(to: state)
        let actions = [1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1,
                       0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1]
        for action in actions {
            state = referenceStep(state, force: action == 1 ? 10 : -10)
            let result = cartPole.step(action)
            for k in 0..<4 { #expect(abs(result.observation[k] - state[k]) < 1e-12) }
            if result.terminated { break }
        }
    }

    @Test("the pole falls: terminated past 12°, reward 1 on that step, not truncated")
    func terminatesWhenThePoleFalls() {
        var cartPole = CartPole()
        _ = cartPole.reset(to: [0, 0, 0.2, 0])
        var steps = 0
        var last: EnvironmentStep?
        repeat { last = cartPole.step(1); steps += 1 } while !last!.isDone
        #expect(last!.terminated && !last!.truncated && last!.reward == 1)
        #expect(abs(last!.observation[2]) > 12 * Double.pi / 180)
        #expect(steps < 20)
    }

    @Test("the cart leaves the track: terminated at |x| > 2.4")
    func terminatesOffTrack() {
        var cartPole = CartPole()
        _ = cartPole.reset(to: [2.39, 1, 0, 0])
        let result = cartPole.step(0)
        #expect(result.observation[0] > 2.4 && result.terminated)
        #expect(CartPole.isFailure([-2.41, 0, 0, 0]) && !CartPole.isFailure([2.4, 0, 0.2094, 0]))
    }

    @Test("the time limit truncates (not terminates) after maxSteps; default 500")
    func truncatesAtTheTimeLimit() {
        #expect(CartPole().maxSteps == 500)
        var cartPole = CartPole(maxSteps: 3)
        _ = cartPole.reset(to: [0, 0, 0, 0])
        let results = [cartPole.step(1), cartPole.step(0), cartPole.step(0)]
        #expect(!results[0].isDone && !results[1].isDone)
        #expect(results[2].truncated && !results[2].terminated && results[2].isDone)
    }

    @Test("random start states are uniform in ±0.05 and reproducible from the seed")
    func startStates() {
        var a = CartPole(), b = CartPole()
        var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let s = a.reset(using: &g1)
            #expect(s == b.reset(using: &g2))
            #expect(s.allSatisfy { abs($0) <= 0.05 })
        }
    }

    @Test("runEpisode records the episode; discounted returns satisfy Gₜ = rₜ₊₁ + γGₜ₊₁")
    func episodeRecord() {
        var cartPole = CartPole()
        var generator = SeededGenerator(seed: 3)
        let record = cartPole.runEpisode(using: &generator) { _ in 1 }
        #expect(record.terminated)
        #expect(record.observations.count == record.actions.count + 1)
        #expect(record.totalReward == Double(record.rewards.count))
        let g = record.discountedReturns(discount: 0.9)
        let n = g.count
        #expect(abs(g[n - 1] - 1) < 1e-12)
        for t in 0..<(n - 1) { #expect(abs(g[t] - (1 + 0.9 * g[t + 1])) < 1e-12) }
    }

    @Test("the rendering has the track, the cart and a pole leaning the right way")
    func rendering() {
        let upright = CartPole.render([0, 0, 0, 0], width: 21, rows: 3)
        #expect(upright.count == 5)
        #expect(upright[3] == "         [■]         ")
        #expect(upright[2].contains("|") && upright[4].allSatisfy { $0 == "─" })
        #expect(CartPole.render([1, 0, 0.15, 0], width: 21, rows: 3)[0].contains("/"))
        #expect(CartPole.render([-1, 0, -0.15, 0], width: 21, rows: 3)[0].contains("\\"))
    }
}
