import Foundation
import NeuralNetworks
import TensorCore
import Testing

/// Lesson 08's deterministic numbers, recomputed here in plain scalar code (no lesson code and
/// no optimizer objects), so a slip in the library's optimizers or in the lesson's loop shows
/// up as a mismatch with the counts the lesson prints.
@Suite("Lesson08 worked numbers and claims")
struct Lesson08Tests {
    /// How a run on f = x₁² + κx₂² from (10, 1) ended: iterations to f < 10⁻⁶, or nil.
    enum Count: Equatable { case reached(Int), diverges, stalls }

    /// Iterates `step` (which moves x given the gradient function) the way the lesson counts:
    /// stop at f < 10⁻⁶, at f > 10¹⁰·f(start) or non-finite, or after 100,000 iterations.
    static func count(kappa: Double = 100, _ step: (inout [Double], ([Double]) -> [Double]) -> Void) -> Count {
        let f = { (x: [Double]) in x[0] * x[0] + kappa * x[1] * x[1] }
        let gradient = { (x: [Double]) in [2 * x[0], 2 * kappa * x[1]] }
        var x = [10.0, 1.0]
        let ceiling = 1e10 * f(x)
        for iteration in 1...100_000 {
            step(&x, gradient)
            let value = f(x)
            if !value.isFinite || value > ceiling { return .diverges }
            if value < 1e-6 { return .reached(iteration) }
        }
        return .stalls
    }

    static func descent(_ eta: Double) -> Count {
        count { x, g in let d = g(x); x = [x[0] - eta * d[0], x[1] - eta * d[1]] }
    }

    /// Heavy ball, 003:365: v = mv + ∇, x −= αv.
    static func heavyBall(_ alpha: Double, _ m: Double) -> Count {
        var v = [0.0, 0.0]
        return count { x, g in
            let d = g(x)
            v = [m * v[0] + d[0], m * v[1] + d[1]]
            x = [x[0] - alpha * v[0], x[1] - alpha * v[1]]
        }
    }

    /// Nesterov, Sutskever et al. (2013) eqs. 3–4, or 004:1023 as printed (`printed: true`).
    static func nesterov(_ eta: Double, _ mu: Double, printed: Bool = false) -> Count {
        var v = [0.0, 0.0]
        return count { x, g in
            if printed {
                let d = g([x[0] - mu * v[0], x[1] - mu * v[1]])
                x = [x[0] + v[0], x[1] + v[1]]
                v = [mu * v[0] - eta * d[0], mu * v[1] - eta * d[1]]
            } else {
                let d = g([x[0] + mu * v[0], x[1] + mu * v[1]])
                v = [mu * v[0] - eta * d[0], mu * v[1] - eta * d[1]]
                x = [x[0] + v[0], x[1] + v[1]]
            }
        }
    }

    /// Kingma–Ba Adam (per coordinate) or the lecture's Adam (one scalar q, ε under the root).
    static func adam(_ alpha: Double, kappa: Double = 100, lecture: Bool = false) -> Count {
        var (m, v, q, t) = ([0.0, 0.0], [0.0, 0.0], 0.0, 0.0)
        return count(kappa: kappa) { x, g in
            let d = g(x)
            t += 1
            m = [0.9 * m[0] + 0.1 * d[0], 0.9 * m[1] + 0.1 * d[1]]
            let c1 = 1 - pow(0.9, t), c2 = 1 - pow(0.999, t)
            if lecture {
                q = 0.999 * q + 0.001 * (d[0] * d[0] + d[1] * d[1])
                let scale = alpha / (q / c2 + 1e-8).squareRoot()
                x = [x[0] - scale * m[0] / c1, x[1] - scale * m[1] / c1]
            } else {
                v = [0.999 * v[0] + 0.001 * d[0] * d[0], 0.999 * v[1] + 0.001 * d[1] * d[1]]
                x = (0..<2).map { x[$0] - alpha * (m[$0] / c1) / ((v[$0] / c2).squareRoot() + 1e-8) }
            }
        }
    }

    @Test("seed 003 lines 335–345: gradient descent on x₁² + 100x₂² from (10, 1), iterations to f < 1e-6 per step")
    func descentTable() {
        let expected: [(Double, Count)] = [
            (0.001, .reached(4601)), (0.002, .reached(2298)), (0.005, .reached(917)), (0.008, .reached(572)),
            (0.009, .reached(508)), (0.0099, .reached(476)), (2.0 / 202, .reached(478)), (0.00999, .reached(4601)),
            (0.01, .stalls), (0.0101, .diverges), (0.011, .diverges),
        ]
        for (eta, count) in expected {
            #expect(Self.descent(eta) == count, "η = \(eta)")
        }
    }

    @Test("seed 003 line 365: heavy ball grid — best 55 at α = 0.015, m = 0.7; α = 0.015, m = 0.5 stalls; α = 0.02 diverges")
    func heavyBallGrid() {
        var best = (Int.max, 0.0, 0.0)
        for alpha in [0.001, 0.002, 0.003, 0.005, 0.01, 0.015, 0.02] {
            for m in [0.5, 0.7, 0.8, 0.9, 0.95] {
                if case .reached(let n) = Self.heavyBall(alpha, m), n < best.0 { best = (n, alpha, m) }
            }
        }
        #expect(best == (55, 0.015, 0.7))
        #expect(Self.heavyBall(0.015, 0.5) == .stalls)
        #expect([0.5, 0.7, 0.8, 0.9, 0.95].allSatisfy { Self.heavyBall(0.02, $0) == .diverges })
        // Polyak's tuning 4/(√200 + √2)², ((10 − 1)/(10 + 1))².
        #expect(Self.heavyBall(4 / pow(200.0.squareRoot() + 2.0.squareRoot(), 2), pow(9.0 / 11, 2)) == .reached(71))
    }

    @Test("seed 004 line 1023: Nesterov (Sutskever form) best 96 at η = 0.003, μ = 0.9; as printed only η = 0.001, μ = 0.5 converges (2277)")
    func nesterovGrid() {
        var best = (Int.max, 0.0, 0.0)
        var printedReached: [(Double, Double, Int)] = []
        for eta in [0.001, 0.002, 0.003, 0.005, 0.01, 0.015, 0.02] {
            for mu in [0.5, 0.7, 0.8, 0.9, 0.95] {
                if case .reached(let n) = Self.nesterov(eta, mu), n < best.0 { best = (n, eta, mu) }
                if case .reached(let n) = Self.nesterov(eta, mu, printed: true) { printedReached.append((eta, mu, n)) }
            }
        }
        #expect(best == (96, 0.003, 0.9))
        #expect(printedReached.count == 1 && printedReached[0] == (0.001, 0.5, 2277))
    }

    @Test("seeds 003 lines 378–386 and 004 lines 1024–1026: AdaGrad, RMSProp and Adam on the valley over α = 0.001 … 3")
    func adaptiveTable() {
        let rates = [0.001, 0.01, 0.1, 1, 3]
        func adaGrad(_ eta: Double) -> Count {
            var s = [0.0, 0.0]
            return Self.count { x, g in
                let d = g(x)
                s = [s[0] + d[0] * d[0], s[1] + d[1] * d[1]]
                x = (0..<2).map { x[$0] - eta * d[$0] / (s[$0].squareRoot() + 1e-8) }
            }
        }
        func rmsProp(_ eta: Double) -> Count {
            var s = [0.0, 0.0]
            return Self.count { x, g in
                let d = g(x)
                s = [0.9 * s[0] + 0.1 * d[0] * d[0], 0.9 * s[1] + 0.1 * d[1] * d[1]]
                x = (0..<2).map { x[$0] - eta * d[$0] / (s[$0].squareRoot() + 1e-8) }
            }
        }
        #expect(rates.map(adaGrad) == [.stalls, .stalls, .reached(22430), .reached(276), .reached(40)])
        #expect(rates.map(rmsProp) == [.stalls, .stalls, .stalls, .stalls, .stalls])
        #expect(rates.map { Self.adam($0) } == [.reached(15061), .reached(3122), .reached(310), .reached(151), .reached(170)])
    }

    @Test("seed 000 lines 885–900: best α of {0.01, 0.1, 0.3, 1, 3} for Kingma–Ba and the lecture's Adam at κ = 1, 100, 10⁴")
    func conditionTable() {
        func best(_ kappa: Double, lecture: Bool) -> Int {
            [0.01, 0.1, 0.3, 1, 3].compactMap { rate -> Int? in
                if case .reached(let n) = Self.adam(rate, kappa: kappa, lecture: lecture) { return n } else { return nil }
            }.min()!
        }
        #expect([1.0, 100, 10_000].map { best($0, lecture: false) } == [137, 151, 180])
        #expect([1.0, 100, 10_000].map { best($0, lecture: true) } == [116, 170, 3150])
    }

    @Test("seed 004 line 1026 as printed, constant gradient 1: M⁽¹⁾ peaks at 3945.1 (t = 21), M⁽²⁾ overflows at t = 329")
    func printedAdamRecursion() {
        var (first, second) = (0.0, 0.0)
        var peak = (0.0, 0), overflow = 0
        var ratioAtTen = 0.0
        for t in 1...400 {
            first = (0.9 * first + 0.1) / (1 - pow(0.9, Double(t)))
            second = (0.999 * second + 0.001) / (1 - pow(0.999, Double(t)))
            if first > peak.0 { peak = (first, t) }
            if overflow == 0 && second == .infinity { overflow = t }
            if t == 10 { ratioAtTen = first / (second + 1e-8).squareRoot() }
        }
        #expect(abs(peak.0 - 3945.1) < 0.05 && peak.1 == 21)
        #expect(overflow == 329)
        #expect(ratioAtTen < 1e-7)
    }

    @Test("seed 000 lines 873–877 and 900: a 1e-6 gradient keeps 0.990 of a step with ε outside the norm, 0.0100 inside the root")
    func epsilonPlacement() {
        let g = 1e-6, epsilon = 1e-8
        #expect(abs(g / (g + epsilon) - 0.990099) < 1e-6)
        #expect(abs(1e-10 / (1e-10 + epsilon) - 0.00990099) < 1e-8)
        #expect(abs(g / (g * g + epsilon).squareRoot() - 0.0099995) < 1e-7)
    }

    @Test("seed 000 lines 830–834: the gradients' weights (1 − β)βᵗ⁻ⁱ sum to 1 − βᵗ; v₁₀ carries 0.651322 with β = 0.9")
    func averageWeights() {
        let sum = (1...10).reduce(0.0) { $0 + 0.1 * pow(0.9, Double(10 - $1)) }
        #expect(abs(sum - 0.651322) < 1e-6)
        #expect(abs(sum - (1 - pow(0.9, 10))) < 1e-12)
    }
}
