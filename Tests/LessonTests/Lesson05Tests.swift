import Foundation
import NeuralNetworks
import TensorCore
import Testing

/// The worked numbers of Lesson 05 against the notes, and the lesson's claims, on the lesson's
/// quick configuration. Monte Carlo claims are tested within 4 standard errors of their own
/// samples (`MonteCarloEstimate.agrees`), so the tolerance shrinks as the sample grows.
@Suite("Lesson05 worked numbers and claims")
struct Lesson05Tests {
    // MARK: Long products

    @Test("seed 000 line 1182: 1.5¹⁰⁰ ≈ 4·10¹⁷ (one significant digit of 4.0656·10¹⁷)")
    func powerOfThreeHalves() {
        let value = pow(1.5, 100.0)
        #expect(abs(value - 4.065611775352152e17) < 1e3)
        #expect(abs(value - 4e17) <= 0.5e17, "the notes' 4·10¹⁷ is the one-digit rounding")
    }

    @Test("seed 000 line 1183: (2/3)¹⁰⁰ ≈ 2·10⁻¹⁸ (one significant digit of 2.4597·10⁻¹⁸)")
    func powerOfTwoThirds() {
        let value = pow(2.0 / 3.0, 100.0)
        #expect(abs(value - 2.4596544265798e-18) < 1e-29)
        #expect(abs(value - 2e-18) <= 0.5e-18, "the notes' 2·10⁻¹⁸ is the one-digit rounding")
        #expect(abs(value * pow(1.5, 100.0) - 1) < 1e-12)
    }

    @Test("seed 000 lines 1184–1186 (slip): factors U[0, 2.2] have mean 1.1 but their product typically vanishes")
    func meanAboveOneIsNotEnough() {
        var generator = SeededGenerator(seed: 5)
        var logs: [Double] = [], above: [Double] = []
        for _ in 0..<2000 {
            var total = 0.0
            for _ in 0..<100 { total += log10(generator.uniform(in: 0...2.2)) }
            logs.append(total)
            above.append(total > 0 ? 1 : 0)
        }
        // E[ln X] = ln 2.2 − 1 for X ~ U[0, 2.2]; P(product > 1) = P(Gamma(100) < 100 ln 2.2).
        let predicted = 100 * (log(2.2) - 1) / log(10)
        let threshold = 100 * log(2.2)
        var term = exp(-threshold), cumulative = 0.0
        for k in 0..<100 { cumulative += term; term *= threshold / Double(k + 1) }
        let logEstimate = MonteCarloEstimate(logs), shareEstimate = MonteCarloEstimate(above)
        #expect(logEstimate.agrees(with: predicted), "\(logEstimate) vs \(predicted)")
        #expect(shareEstimate.agrees(with: 1 - cumulative), "\(shareEstimate) vs \(1 - cumulative)")
        #expect(shareEstimate.mean < 0.03, "almost every product ends below 1")
    }

    @Test("seed 000 lines 1188–1192: products of 100 random 64 × 64 matrices explode (s = 1.25) or vanish (s = 0.8)")
    func randomMatrixProducts() {
        var generator = SeededGenerator(seed: 6)
        let n = 64.0
        // Per step: log₁₀ s + ½(ψ(n/2) − ln(n/2))/ln 10, with ψ(32) − ln 32 by its asymptotic series.
        let x = n / 2
        let digammaGap = -1 / (2 * x) - 1 / (12 * x * x) + 1 / (120 * pow(x, 4)) - 1 / (252 * pow(x, 6))
        for scale in [0.8, 1.25] {
            let samples = (0..<20).map { _ in
                var v = Tensor.normal([1, 64], using: &generator)
                v /= v.norm()
                var total = 0.0
                for _ in 0..<100 {
                    v = matmul(v, Tensor.normal([64, 64], standardDeviation: scale / 8, using: &generator))
                    let norm = v.norm()
                    total += log10(norm)
                    v /= norm
                }
                return total
            }
            let predicted = 100 * (log10(scale) + 0.5 * digammaGap / log(10))
            let estimate = MonteCarloEstimate(samples)
            #expect(estimate.agrees(with: predicted), "s = \(scale): \(estimate) vs \(predicted)")
            #expect(abs(estimate.mean) > 8, "ten orders of magnitude either way")
        }
    }

    // MARK: Back-propagation as a product

    @Test("seed 000 line 1203 (slip): ∂C/∂bⱼˡ = δⱼˡ, not δₖˡ")
    func biasGradientIsTheUnitsOwnError() {
        var generator = SeededGenerator(seed: 7)
        var layer = Dense(inputs: 3, outputs: 4, activation: .tanh, using: &generator)
        let x = Tensor.normal([3], using: &generator), upstream = Tensor.normal([4], using: &generator)
        _ = layer.forward(x)
        _ = layer.backward(upstream)
        let z = matmul(x.reshaped([1, 3]), layer.weights).reshaped([4]) + layer.bias
        for j in 0..<4 {
            let delta = upstream[j] * Activation.tanh.derivative(z[j])
            #expect(abs(layer.biasGradient[j] - delta) < 1e-14)
        }
    }

    @Test("seed 000 line 1223 (slip): in a linear network δ¹ = (w²)ᵀ⋯(wᴸ)ᵀδᴸ")
    func linearBackpropIsAProductOfTransposes() {
        var generator = SeededGenerator(seed: 8)
        let depth = 6
        var network = Sequential((0..<depth).map { _ in
            Dense(inputs: 5, outputs: 5, activation: .identity, weightInitializer: .lecunNormal, using: &generator)
        })
        _ = network.forward(Tensor.normal([1, 5], using: &generator))
        let top = Tensor.normal([1, 5], using: &generator)
        var backpropagated = top, product = top
        for l in stride(from: depth - 1, through: 1, by: -1) {
            backpropagated = network.layers[l].backward(backpropagated)
            product = matmul(product, network[dense: l].weights, transposeB: true)
        }
        #expect(backpropagated.isApproximatelyEqual(to: product, absoluteTolerance: 1e-12))
    }

    @Test("seed 000 lines 1260–1270: σ′ ≤ ¼, with its maximum at 0, and σ′ → 0 in both tails")
    func sigmoidDerivativeIsSmall() {
        #expect(Activation.sigmoid.derivative(0) == 0.25)
        for i in 0...4000 {
            let z = -20 + Double(i) * 0.01
            #expect(Activation.sigmoid.derivative(z) <= 0.25)
        }
        #expect(Activation.sigmoid.derivative(20) < 1e-8 && Activation.sigmoid.derivative(-20) < 1e-8)
        #expect(abs(Activation.sigmoid.derivative(10) - 4.5396e-5) < 1e-8)
    }

    // MARK: Xavier

    @Test("seed 000 lines 1232–1236: √3·U[±1/√W] has variance 1/W (W = 256, 100 000 draws, 4 s.e.)")
    func xavierUniformVariance() {
        var generator = SeededGenerator(seed: 9)
        let bound = (3.0 / 256).squareRoot()
        let draws = Tensor.uniform([100_000], in: -bound...bound, using: &generator).scalars.map { $0 * $0 }
        let estimate = MonteCarloEstimate(draws)
        #expect(estimate.agrees(with: 1.0 / 256), "\(estimate)")
        #expect(!estimate.agrees(with: 1.0 / 256 * 1.02), "the test can tell a 2% error")
    }

    @Test("seed 000 lines 1238–1252; seed 003 line 609: E‖y‖²/E‖x‖² = 1 for Var(w) = 1/W, uniform and normal (100 trials, 4 s.e.)")
    func xavierKeepsTheSquaredNorm() {
        for (initializer, seed) in [(Initializer.lecunUniform, UInt64(10)), (.lecunNormal, 11)] {
            let estimate = MonteCarloEstimate(secondMomentRatios(initializer: initializer, inputs: 256, outputs: 256,
                                                                 trials: 100, batch: 32, throughReLU: false, seed: seed))
            #expect(estimate.agrees(with: 1), "\(initializer.name): \(estimate)")
            #expect(estimate.standardError < 0.005, "the tolerance 4 s.e. is tight: \(estimate.standardError)")
        }
    }

    @Test("seed 000 line 1252 (slip): for a 256 → 128 layer with Var(w) = 1/256 the ratio is 0.5, not 1")
    func xavierNormRatioNeedsASquareLayer() {
        let estimate = MonteCarloEstimate(secondMomentRatios(initializer: .lecunUniform, inputs: 256, outputs: 128,
                                                             trials: 100, batch: 32, throughReLU: false, seed: 12))
        #expect(estimate.agrees(with: 0.5), "\(estimate)")
        #expect(!estimate.agrees(with: 1))
    }

    @Test("seed 000 line 1239: the outputs of a Xavier layer have mean 0 and are uncorrelated (100 trials, 4 s.e.)")
    func xavierOutputsAreCentredAndUncorrelated() {
        var generator = SeededGenerator(seed: 13)
        var means: [Double] = [], correlations: [Double] = []
        for _ in 0..<100 {
            let weights = Initializer.lecunUniform.tensor([256, 256], using: &generator)
            let y = matmul(Tensor.normal([32, 256], using: &generator), weights)
            let meanSquare = y.scalars.reduce(0) { $0 + $1 * $1 } / Double(y.count)
            means.append(y.mean() / meanSquare.squareRoot())
            correlations.append((0..<32).reduce(0) { $0 + y[$1, 0] * y[$1, 1] } / 32 / meanSquare)
        }
        #expect(MonteCarloEstimate(means).agrees(with: 0))
        #expect(MonteCarloEstimate(correlations).agrees(with: 0))
    }

    // MARK: He

    @Test("seed 000 line 1302: E[max(y, 0)²] = ½E[y²] for symmetric y, but not for N(0.5, 1)")
    func reluHalvesTheSecondMoment() {
        var generator = SeededGenerator(seed: 14)
        func ratios(_ draw: (inout SeededGenerator) -> Double) -> MonteCarloEstimate {
            MonteCarloEstimate(reluSecondMomentShares(trials: 100, using: &generator, draw))
        }
        #expect(ratios { $0.normal() }.agrees(with: 0.5))
        #expect(ratios { $0.uniform(in: -1...1) }.agrees(with: 0.5))
        let shifted = ratios { $0.normal(mean: 0.5) }
        let exact = (1.25 * 0.5 * erfc(-0.5 / 2.0.squareRoot()) + 0.5 * exp(-0.125) / (2 * Double.pi).squareRoot()) / 1.25
        #expect(shifted.agrees(with: exact) && !shifted.agrees(with: 0.5))
    }

    @Test("seed 000 line 1305 (slip): E[x²] = ½ but E[x]² = 1/(2π) for x = max(y, 0), y ~ N(0, 1)")
    func secondMomentIsNotTheSquaredMean() {
        var generator = SeededGenerator(seed: 15)
        let x = (0..<200_000).map { _ in max(generator.normal(), 0) }
        let second = MonteCarloEstimate(x.map { $0 * $0 }), first = MonteCarloEstimate(x)
        #expect(second.agrees(with: 0.5))
        #expect(first.agrees(with: 1 / (2 * Double.pi).squareRoot()))
    }

    @Test("seed 000 line 1307: through a ReLU, Var(w) = 1/W gives a ratio ½ and He's 2/W gives 1 (100 trials, 4 s.e.)")
    func heRestoresTheRatio() {
        let xavier = MonteCarloEstimate(secondMomentRatios(initializer: .lecunNormal, inputs: 256, outputs: 256,
                                                           trials: 100, batch: 32, throughReLU: true, seed: 16))
        let he = MonteCarloEstimate(secondMomentRatios(initializer: .heNormal, inputs: 256, outputs: 256,
                                                       trials: 100, batch: 32, throughReLU: true, seed: 17))
        #expect(xavier.agrees(with: 0.5), "\(xavier)")
        #expect(he.agrees(with: 1), "\(he)")
    }

    // MARK: Fifty layers (the quick configuration: width 128, batch 128)

    @Test("acceptance (quick run): over 50 ReLU layers He keeps E[z²] level, Xavier loses > 10 orders of magnitude, N(0, 1) and N(0, 0.01²) explode and vanish")
    func fiftyLayers() async throws {
        let run = try await LessonRun.quick("Lesson05")
        // Columns: ln(W s²/2), mean ln factor (± s.e.), E[(z⁵⁰)²]/E[(z¹)²].
        let header = "mean ln factor (± s.e.)"
        func overall(_ label: String) throws -> Double {
            try #require(run.row(label, inTable: header)?.last.flatMap(LessonRun.leadingNumber), "\(label) in \(run)")
        }
        #expect(try overall("N(0, 1)") > 1e50)
        #expect(try overall("N(0, 0.01²)") < 1e-50)
        #expect(try overall("Xavier") < 1e-10)
        #expect(try overall("He") > 1e-2 && overall("He") < 1e2, "He stays within two orders of magnitude")
        for label in ["N(0, 1)", "N(0, 0.01²)", "Xavier", "He"] {
            #expect(run.held("ReLU \(label): ln factor"), "the per-layer factor of \(label) agrees with ln(W s²/2)")
        }
        #expect(run.held("He: ln E[(z⁵⁰)²]/E[(z¹)²]"))
        #expect(run.held("Xavier loses more than 10 orders of magnitude over 50 ReLU layers"))
    }

    // MARK: Training (the quick configuration)

    /// (He, Xavier) final losses from the check `He ends at least 10 times lower than Xavier (a vs b)`.
    static func raceLosses(_ run: LessonRun) throws -> (he: Double, xavier: Double) {
        let line = try #require((run.heldChecks + run.failedChecks).first { $0.hasPrefix("He ends at least 10 times lower than Xavier (") },
                                "\(run)")
        let inside = line.split(separator: "(").last.map { $0.replacingOccurrences(of: ")", with: "") } ?? ""
        let numbers = inside.split(separator: " ").compactMap { Double($0) }
        try #require(numbers.count == 2, "\(line)")
        return (numbers[0], numbers[1])
    }

    @Test("acceptance (quick run): 30 ReLU layers, 500 steps: He's loss ends 10× below Xavier's; N(0, 0.01²) does not learn")
    func trainingRace() async throws {
        let run = try await LessonRun.quick("Lesson05")
        let losses = try Self.raceLosses(run)
        #expect(losses.he * 10 < losses.xavier, "\(losses)")
        #expect(losses.he < 0.02, "He must actually fit the target: \(losses.he)")
        #expect(run.held("He ends at least 10 times lower than Xavier"))
        #expect(run.held("the 0.01 scale does not learn"))
    }

    /// In CI only seed 7: the seed sweep runs the default configuration for seeds 1–3, whose own
    /// check "He ends at least 10 times lower than Xavier" is this one; NEURALRL_SLOW_TESTS=1 runs
    /// all four.
    @Test("acceptance (slow): the training race holds for --seed 7 (in CI) or 1, 2, 3 and 7 (NEURALRL_SLOW_TESTS=1) with the full budget",
          .enabled(if: ProcessInfo.processInfo.environment["CI"] != nil
                   || ProcessInfo.processInfo.environment["NEURALRL_SLOW_TESTS"] == "1",
                   "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func trainingRaceOtherSeeds() async throws {
        let long = ProcessInfo.processInfo.environment["NEURALRL_SLOW_TESTS"] == "1"
        for seed in long ? [1, 2, 3, 7] : [7] {
            let run = try await LessonRun.run("Lesson05", ["--seed", "\(seed)", "--no-color"])
            let losses = try Self.raceLosses(run)
            print("Lesson05 --seed \(seed): final loss He \(losses.he), Xavier \(losses.xavier)")
            #expect(losses.he * 10 < losses.xavier, "seed \(seed): \(losses)")
        }
    }

    // MARK: Residual blocks

    @Test("seed 003 lines 434–437 and 511 (quick run): through 20 residual blocks the gradient reaches the input; through the plain stack it does not")
    func residualGradientReachesTheInput() async throws {
        let run = try await LessonRun.quick("Lesson05")
        let top = try #require(run.number("‖δ‖ entering at the top"))
        let plain = try #require(run.number("plain: ‖∂L/∂x‖ at the input"))
        let residual = try #require(run.number("residual: ‖∂L/∂x‖ at the input"))
        #expect(plain * 1000 < top && residual >= top, "top \(top), plain \(plain), residual \(residual)")
        #expect(run.held("the plain stack's input gradient is over 1000 times smaller than the top gradient"))
        #expect(run.held("the residual stack's input gradient is at least as large as the top gradient"))
        #expect(run.held("ResidualBlock ∂L/∂x matches central differences"))
    }

    // MARK: Swish

    @Test("seed 004 lines 1066–1076: swish is smooth with swish′(0) = ½ and not monotone (minimum −0.2785 at −1.2785)")
    func swishMinimum() {
        #expect(Activation.swish.derivative(0) == 0.5)
        // The minimum solves σ(x)(1 + x(1 − σ(x))) = 0; check the sign change and the value.
        #expect(Activation.swish.derivative(-1.2786) < 0 && Activation.swish.derivative(-1.2784) > 0)
        #expect(abs(Activation.swish(-1.2785) + 0.2785) < 1e-4)
    }
}
