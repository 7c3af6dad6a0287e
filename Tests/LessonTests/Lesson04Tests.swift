import Foundation
import NeuralNetworks
import TensorCore
import Testing

/// The worked numbers of Lesson 04 against the notes, and the lesson's claims, on the lesson's
/// quick configuration where training is involved.
@Suite("Lesson04 worked numbers and claims")
struct Lesson04Tests {
    let indicator12: (Double) -> Double = { $0 >= 1 && $0 <= 2 ? 1 : 0 }

    @Test("seed 000 lines 1068–1098: the ReLU bump for [1, 2] has L1 error exactly Δ for Δ = 0.2, 0.1, 0.05")
    func bumpErrorIsDelta() {
        for delta in [0.2, 0.1, 0.05] {
            let byFormula = Quadrature.l1Distance(from: 0, to: 3, cells: 30_000,
                                                  { UniversalApproximation.reluBump($0, from: 1, to: 2, ramp: delta) }, indicator12)
            #expect(abs(byFormula - delta) < 1e-6, "Δ = \(delta): \(byFormula)")
            let network = UniversalApproximation.stepNetwork(StepFunction(edges: [1, 2], heights: [1]), ramp: delta)
            let byNetwork = Quadrature.l1Distance(network, indicator12, from: 0, to: 3, cells: 30_000)
            #expect(abs(byNetwork - delta) < 1e-6, "Δ = \(delta), network: \(byNetwork)")
        }
    }

    @Test("seed 000 line 1062: the notes' formula without ', 0' in the last max gives −11 at x = 0 (slip)")
    func literalFormulaSlip() {
        let x = 0.0
        let printed: Double = x - 2.2   // max(x − b − Δ) with the ", 0" missing
        let hinges: Double = max(x - 1, 0) - max(x - 1.2, 0) - (max(x - 2, 0) - printed)
        let literal = hinges / 0.2
        #expect(abs(literal + 11) < 1e-12)
        #expect(UniversalApproximation.reluBump(0, from: 1, to: 2, ramp: 0.2) == 0)
        #expect(abs(UniversalApproximation.reluBump(1.1, from: 1, to: 2, ramp: 0.2) - 0.5) < 1e-12)
        #expect(abs(UniversalApproximation.reluBump(2.1, from: 1, to: 2, ramp: 0.2) - 0.5) < 1e-12)
    }

    @Test("seed 000 lines 1043–1045: the bound needs Σ|cᵢ|: c = (1, −1), δ = 0.1 gives error 0.2, not 0 (slip)")
    func boundNeedsAbsoluteValues() {
        let steps = StepFunction(edges: [0, 1, 2], heights: [1, -1])
        let network = UniversalApproximation.stepNetwork(steps, ramp: 0.1)
        let error = Quadrature.l1Distance(network, { steps($0) }, from: -1, to: 3, cells: 40_000)
        #expect(abs(error - 0.2) < 1e-6)
    }

    @Test("seed 000 lines 1020–1035: the step error for x² on [−1, 1] falls as k = 4, 8, 16, 32, as ≈ 1/k")
    func stepErrorFalls() {
        let errors = [4, 8, 16, 32].map { k in
            let steps = StepFunction(approximating: { $0 * $0 }, from: -1, to: 1, pieces: k)
            return Quadrature.l1Distance(from: -1, to: 1, cells: 32_000, { $0 * $0 }, { steps($0) })
        }
        for (a, b) in zip(errors, errors.dropFirst()) { #expect(b < 0.6 * a) }
        for (k, e) in zip([4, 8, 16, 32], errors) { #expect(abs(e * Double(k) - 1) < 0.05) }
    }

    @Test("seed 000 lines 1102–1125: the hand-built 3-layer network matches Σ cᵢ·bumpᵢ(x) at random points; 4k² + 10k + 1 parameters")
    func handBuiltNetworkMatchesFormula() {
        var generator = SeededGenerator(seed: 7)
        for k in [1, 3, 8] {
            let steps = StepFunction(approximating: { sin(3 * $0) }, from: -1, to: 1, pieces: k)
            let ramp = 0.02
            let network = UniversalApproximation.stepNetwork(steps, ramp: ramp)
            #expect(network.layers.count == 3)
            #expect(network.parameterCount == 4 * k * k + 10 * k + 1)
            var nonZero = 0
            for parameter in network.parameters { nonZero += parameter.scalars.filter { $0 != 0 }.count }
            #expect(nonZero <= UniversalApproximation.stepNetworkNonZeroCount(pieces: k))
            for _ in 0..<200 {
                let x = generator.uniform(in: -1.5...1.5)
                var expected = 0.0
                for i in 0..<k {
                    expected += steps.heights[i] * UniversalApproximation.reluBump(x, from: steps.edges[i], to: steps.edges[i + 1], ramp: ramp)
                }
                #expect(abs(network.predict(Tensor([x]))[0] - expected) < 1e-12)
            }
        }
    }

    @Test("lesson claim: the built network's L1 error on x² falls with k and stays within step error + Δ·Σ|cᵢ|")
    func builtNetworkErrorBound() {
        var previous = Double.infinity
        for k in [4, 8, 16, 32] {
            let steps = StepFunction(approximating: { $0 * $0 }, from: -1, to: 1, pieces: k)
            let ramp = 0.2 / Double(k)
            let error = Quadrature.l1Distance(UniversalApproximation.stepNetwork(steps, ramp: ramp), { $0 * $0 },
                                              from: -1, to: 1, cells: 32_000)
            let stepError = Quadrature.l1Distance(from: -1, to: 1, cells: 32_000, { $0 * $0 }, { steps($0) })
            #expect(error <= stepError + ramp * steps.heights.reduce(0) { $0 + abs($1) })
            #expect(error < previous)
            previous = error
        }
    }

    @Test("seed 000 lines 1160–1178: max(Σ 1ᵢ − (n − 1), 0) is the product on {0, 1}ⁿ; the 4-layer box network matches its formula")
    func boxConstruction() {
        for n in 1...5 {
            for mask in 0..<(1 << n) {
                let bits = (0..<n).map { Double((mask >> $0) & 1) }
                let sum: Double = bits.reduce(0, +)
                let product: Double = bits.reduce(1, *)
                let withoutMultiplying: Double = max(sum - Double(n - 1), 0)
                #expect(withoutMultiplying == product)
            }
        }
        var generator = SeededGenerator(seed: 8)
        let lower = [[0.1, 0.2, 0.0], [0.5, 0.0, 0.4]], upper = [[0.6, 0.7, 0.5], [0.9, 0.4, 0.9]]
        let heights = [2.0, -1.5]
        let network = UniversalApproximation.boxNetwork(lower: lower, upper: upper, heights: heights, ramp: 0.05)
        #expect(network.layers.count == 4)
        for _ in 0..<300 {
            let x = (0..<3).map { _ in generator.uniform() }
            var expected = 0.0
            for j in 0..<2 {
                expected += heights[j] * UniversalApproximation.boxIndicator(x, lower: lower[j], upper: upper[j], ramp: 0.05)
            }
            #expect(abs(network.predict(Tensor(x))[0] - expected) < 1e-12)
        }
        // Inside a box (away from its ramps) the bump is 1 (to rounding); outside, exactly 0.
        #expect(abs(UniversalApproximation.boxIndicator([0.5, 0.4], lower: [0.3, 0.2], upper: [0.7, 0.6], ramp: 0.05) - 1) < 1e-12)
        #expect(UniversalApproximation.boxIndicator([0.8, 0.4], lower: [0.3, 0.2], upper: [0.7, 0.6], ramp: 0.05) == 0)
    }

    @Test("lesson claim: the box networks' L1 error on x₁x₂² falls for k = 2, 4, 8 boxes per axis")
    func boxErrorFalls() {
        var errors: [Double] = []
        for k in [2, 4, 8] {
            let h = 1 / Double(k)
            let (lower, upper, heights) = UniversalApproximation.unitSquareBoxes(perAxis: k) { $0[0] * $0[1] * $0[1] }
            let network = UniversalApproximation.boxNetwork(lower: lower, upper: upper, heights: heights, ramp: h / 10)
            errors.append(Quadrature.l1Distance2D(network, { $0[0] * $0[1] * $0[1] }, from: 0, to: 1, cells: 160))
        }
        for (a, b) in zip(errors, errors.dropFirst()) { #expect(b < 0.7 * a, "\(errors)") }
    }

    @Test("seed 002 line 392: the sigmoid bump σ(k(x − 1)) − σ(k(x − 2)) has L1 error ≈ 4 ln 2 / k, never 0")
    func sigmoidBumpError() {
        for k in [30.0, 100.0] {
            let network = UniversalApproximation.sigmoidBump(from: 1, to: 2, steepness: k)
            let error = Quadrature.l1Distance(network, indicator12, from: -2, to: 5, cells: 70_000)
            #expect(error > 0)
            #expect(abs(error / (4 * log(2) / k) - 1) < 0.01)
        }
    }

    @Test("lesson claim: the tent map composed L times (2L hidden ReLUs) has 2ᴸ linear pieces; one hidden layer of n units has at most n + 1")
    func sawtoothPieces() {
        for depth in 1...6 {
            let network = UniversalApproximation.sawtoothNetwork(depth: depth)
            #expect(UniversalApproximation.linearPieces(of: network, from: 0, to: 1, cells: 4096) == 1 << depth)
            // Values: 0 at both ends, 1 at the first peak x = 2^−L.
            #expect(abs(network.predict(Tensor([0]))[0]) < 1e-12)
            #expect(abs(network.predict(Tensor([1.0 / Double(1 << depth)]))[0] - 1) < 1e-12)
        }
        var generator = SeededGenerator(seed: 9)
        for width in [1, 3, 10] {
            // Random weights and biases: kinks at −bᵢ/wᵢ, mostly inside [−3, 3] and off the grid.
            var shallow = Sequential(layerSizes: [1, width, 1], weightInitializer: .normal(standardDeviation: 1), using: &generator)
            shallow[dense: 0].bias = Tensor.uniform([width], in: -2...2, using: &generator)
            let kinksInside = (0..<width).filter { abs(shallow[dense: 0].bias[$0] / shallow[dense: 0].weights[0, $0]) < 3 }.count
            let pieces = UniversalApproximation.linearPieces(of: shallow, from: -3, to: 3, cells: 6000)
            #expect(pieces <= width + 1)
            #expect(pieces == kinksInside + 1, "width \(width)")
        }
    }

    @Test("lesson claim (quick run): the best trained 1–h–1 ReLU network (h ≤ 16) beats the built k = 32 network on x²")
    func learnedBeatsBuilt() async throws {
        let run = try await LessonRun.quick("Lesson04")
        let table = try #require(run.table("network"), "\(run)")
        let learned = table.filter { $0.first?.hasPrefix("learned, h = ") == true }.compactMap { $0.last.flatMap(Double.init) }
        let built = try #require(table.first { $0.first == "built, k = 32" }?.last.flatMap(Double.init))
        #expect(learned.count == 4)
        let best = try #require(learned.min())
        #expect(best < built, "best learned \(best), built \(built)")
        #expect(best < 0.025, "a trainer that does not learn stays near the constant fit's 0.5")
        #expect(abs(built - 0.0316) < 0.0005, "the built k = 32 network is deterministic: step error 1/32 plus the ramps")
        #expect(run.held("the best trained network"))
    }

    @Test("the training network's gradients match central finite differences")
    func trainingGradients() {
        var generator = SeededGenerator(seed: 3)
        let network = Sequential(layerSizes: [2, 5, 5, 1], hiddenActivation: .tanh, weightInitializer: .heUniform, using: &generator)
        let input = Tensor.uniform([6, 2], in: 0...1, using: &generator)
        let target = GenzFamily.gaussian.values(input, c: [3, 4], w: [0.4, 0.6]).reshaped([6, 1])
        for result in network.checkGradients(loss: .halfSquaredError, input: input, target: target) {
            #expect(result.maxRelativeError < 1e-6, "\(result)")
        }
    }

    @Test("seed 004 lines 1449–1454: Genz parameters are scaled to Σ cᵢ = bⱼ and Σ wᵢ = 1")
    func genzNormalisation() {
        var generator = SeededGenerator(seed: 5)
        let b = [1.5, 7, 1.85, 7.03, 20.4, 4.3]
        for family in GenzFamily.allCases {
            let (c, w) = family.randomParameters(dimension: 7, using: &generator)
            #expect(abs(c.reduce(0, +) - b[family.rawValue - 1]) < 1e-12)
            #expect(abs(w.reduce(0, +) - 1) < 1e-12)
            #expect(c.allSatisfy { $0 > 0 } && w.allSatisfy { $0 > 0 })
        }
        // Spot values: f₁ at w₁ = 0, x = 0 is cos 0 = 1; f₃ at x = 0 is 1; f₆ right of w₁ is 0.
        #expect(GenzFamily.oscillatory.value([0, 0], c: [1, 1], w: [0, 0.5]) == 1)
        #expect(GenzFamily.cornerPeak.value([0, 0, 0], c: [1, 2, 3], w: [0, 0, 0]) == 1)
        #expect(abs(GenzFamily.cornerPeak.value([1, 0], c: [1, 2], w: [0, 0]) - 1.0 / 8) < 1e-15)
        #expect(GenzFamily.discontinuous.value([0.6, 0.1], c: [1, 1], w: [0.5, 0.5]) == 0)
        #expect(abs(GenzFamily.productPeak.value([0.5], c: [2], w: [0.5]) - 4) < 1e-12)
    }

    @Test("seed 004 lines 1432–1436 (quick run): in d = 2 more points ⇒ lower mean error, far below the constant guess; d = 10 is harder; max errors fall more slowly")
    func genzErrorFallsWithSamplesInTwoDimensions() async throws {
        let run = try await LessonRun.quick("Lesson04")
        // Mean absolute errors: function, d, sd f, n = 10, 50, 500.
        let mean = try #require(run.table("sd f"), "\(run)").map { $0.compactMap(Double.init) }
        #expect(mean.count == 9 && mean.allSatisfy { $0.count == 5 })
        for row in mean where row[0] == 2 {
            #expect(row[4] < 0.3 * row[2], "d = 2: \(row)")
            #expect(row[4] < 0.1 * row[1], "d = 2, n = 500 is far below the spread of f: \(row)")
        }
        // Relative errors averaged over the functions: d, n = 10, 50, 500, constant guess.
        let relative = try #require(run.table("constant guess")).map { $0.compactMap(Double.init) }
        let twoD = try #require(relative.first { $0.first == 2 }), tenD = try #require(relative.first { $0.first == 10 })
        #expect(twoD[1] > twoD[2] && twoD[2] > twoD[3], "\(twoD)")
        #expect(twoD[3] < 0.1 * twoD[4], "\(twoD)")
        #expect(tenD[1] > twoD[1], "d = 10 is harder with 10 points: \(tenD) vs \(twoD)")
        let factors = try #require(run.heldChecks.first { $0.hasPrefix("from n = 10 to n = 500 the mean error falls by a factor") })
        let numbers = factors.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .punctuationCharacters)) }
        #expect(numbers.count >= 4 && numbers[numbers.count - 2] > 5, "\(factors)")
        #expect(numbers.last! < numbers[numbers.count - 2], "\(factors)")
    }

    @Test("lesson claim (default configuration): the full Genz table: in d = 2 every function ends lower at n = 500 than at n = 10 and the average falls at every n; d = 10 is worse at n = 10",
          .enabled(if: ProcessInfo.processInfo.environment["CI"] != nil
                   || ProcessInfo.processInfo.environment["NEURALRL_SLOW_TESTS"] == "1",
                   "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func genzFullTable() async throws {
        let run = try await LessonRun.run("Lesson04", ["--no-color"])
        // Mean absolute errors: function, d, sd f, n = 10, 50, 100, 500.
        let mean = try #require(run.table("sd f"), "\(run)")
        #expect(mean.count == 18, "six functions in d = 2, 5, 10")
        // What the lesson claims per function: in d = 2, more data ends lower than it starts. Not
        // that every row falls steadily, nor by a set factor: with the default seed the
        // discontinuous f₆ goes 1.12, 1.53, 1.50, 0.40 and the oscillatory f₁ is lowest at n = 50.
        for row in mean where row[1] == "2" {
            let errors = row.dropFirst(3).compactMap(Double.init)
            #expect(errors.count == 4 && errors[3] < errors[0], "\(row)")
        }
        // Relative errors averaged over the functions: d, n = 10, 50, 100, 500, constant guess.
        // The average is what "falls with n" is said of: at every step, and by far in all.
        let relative = try #require(run.table("constant guess")).map { $0.compactMap(Double.init) }
        let twoD = try #require(relative.first { $0.first == 2 }), tenD = try #require(relative.first { $0.first == 10 })
        for i in 1..<4 { #expect(twoD[i + 1] < twoD[i], "\(twoD)") }
        #expect(twoD[4] < 0.3 * twoD[1], "\(twoD)")
        #expect(tenD[1] > twoD[1])
    }

    @Test("seed 004 lines 2419–2426: 10ᵈ grid points at 1 s each: 1.67 min, 16.7 min, 2.78 h, 1.16 days, 1.65 weeks, 3.17e12 years")
    func gridTable() {
        #expect(abs(100.0 / 60 - 1.6) < 0.1)
        #expect(abs(1000.0 / 60 - 16) < 1)
        #expect(abs(1e4 / 3600 - 2.7) < 0.1)
        #expect(abs(1e5 / 86400 - 1.1) < 0.1)
        #expect(abs(1e6 / (7 * 86400) - 1.6) < 0.1)
        let years = 1e20 / (365.25 * 86400)
        #expect(abs(years / 1e12 - 3) < 0.2)
        #expect(abs(years / 13.8e9 - 230) < 1, "the notes' 240 is a slip")
    }

    @Test("the midpoint rule is exact for piecewise-linear integrands with kinks on cell edges")
    func midpointRuleExactness() {
        let integral = Quadrature.integral(from: 0, to: 2, cells: 4) { max($0 - 1, 0) + 3 }
        #expect(abs(integral - 6.5) < 1e-12)
        #expect(abs(Quadrature.integral(from: 0, to: 1, cells: 1000) { $0 * $0 } - 1.0 / 3) < 1e-6)
    }
}
