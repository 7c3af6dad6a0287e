import NeuralNetworks
import TensorCore
import Testing

/// The optimizers Lesson08 adds, each against steps worked out by hand.
@Suite struct OptimizerVariantsTests {
    /// Applies `update` to θ with each gradient in turn and returns the θ after every step.
    private func trajectory(_ optimizer: some Optimizer, from theta: [Double], gradients: [[Double]]) -> [[Double]] {
        var optimizer = optimizer
        var point = Tensor(theta)
        return gradients.map { g in
            optimizer.update(&point, gradient: Tensor(g), slot: 0)
            return point.scalars
        }
    }

    private func expectClose(_ a: [[Double]], _ b: [[Double]], tolerance: Double = 1e-12,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        for (x, y) in zip(a.joined(), b.joined()) {
            #expect(abs(x - y) <= tolerance, "\(a) vs \(b)", sourceLocation: sourceLocation)
        }
    }

    @Test("seed 000 lines 811–817: v = βv + (1 − β)g from v₀ = 0; η = 0.1, β = 0.9, g = 2 then 4 → θ = 0.98, 0.922")
    func averagedMomentumUncorrected() {
        // v₁ = 0.1·2 = 0.2, θ₁ = 1 − 0.1·0.2 = 0.98; v₂ = 0.9·0.2 + 0.1·4 = 0.58, θ₂ = 0.98 − 0.058 = 0.922.
        expectClose(trajectory(AveragedMomentum(learningRate: 0.1, beta: 0.9, start: .zero), from: [1], gradients: [[2], [4]]),
                    [[0.98], [0.922]])
    }

    @Test("seed 000 lines 839–845: v̂ = v/(1 − βᵗ); g = 2 then 4 → v̂ = 2, 0.58/0.19; θ = 0.8, 0.494737")
    func averagedMomentumBiasCorrected() {
        expectClose(trajectory(AveragedMomentum(learningRate: 0.1, beta: 0.9, start: .biasCorrected), from: [1], gradients: [[2], [4]]),
                    [[0.8], [0.8 - 0.1 * 0.58 / 0.19]])
    }

    @Test("seed 000 line 835: start at v₁ = g₁; g = 2 then 4 → v = 2, 2.2; θ = 0.8, 0.58")
    func averagedMomentumFirstGradient() {
        expectClose(trajectory(AveragedMomentum(learningRate: 0.1, beta: 0.9, start: .firstGradient), from: [1], gradients: [[2], [4]]),
                    [[0.8], [0.58]])
    }

    @Test("the uncorrected average with step α is the heavy ball with step α(1 − β), over 100 varied gradients")
    func averagedMomentumIsHeavyBall() {
        var generator = SeededGenerator(seed: 81)
        let gradients = (0..<100).map { _ in [generator.normal(), generator.normal()] }
        expectClose(trajectory(AveragedMomentum(learningRate: 0.5, beta: 0.8, start: .zero), from: [1, -1], gradients: gradients),
                    trajectory(Momentum(learningRate: 0.5 * 0.2, momentum: 0.8), from: [1, -1], gradients: gradients))
    }

    @Test("Sutskever et al. eqs. 3–4 on f = θ²/2 from θ = 1 (η = 0.1, μ = 0.9): θ = 0.9, then look-ahead 0.81, θ = 0.729")
    func nesterovLookAheadByHand() {
        var optimizer = NesterovLookAhead(learningRate: 0.1, momentum: 0.9)
        var theta = Tensor([1.0])
        #expect(optimizer.lookAhead(theta, slot: 0) == theta, "no velocity yet: the look-ahead point is θ")
        optimizer.update(&theta, gradient: optimizer.lookAhead(theta, slot: 0), slot: 0)
        #expect(abs(theta[0] - 0.9) < 1e-15)
        let ahead = optimizer.lookAhead(theta, slot: 0)
        #expect(abs(ahead[0] - 0.81) < 1e-15)
        optimizer.update(&theta, gradient: ahead, slot: 0)   // v = −0.09 − 0.081 = −0.171
        #expect(abs(theta[0] - 0.729) < 1e-15)
    }

    @Test("Momentum(nesterov: true) follows NesterovLookAhead's look-ahead points on a 2-D quadratic (50 steps)")
    func nesterovFormsAgree() {
        let gradient = { (p: Tensor) in Tensor([2 * p[0], 200 * p[1]]) }
        var lookAhead = NesterovLookAhead(learningRate: 0.003, momentum: 0.9)
        var shifted = Momentum(learningRate: 0.003, momentum: 0.9, nesterov: true)
        var (theta, phi) = (Tensor([10, 1]), Tensor([10, 1]))
        for _ in 0..<50 {
            lookAhead.update(&theta, gradient: gradient(lookAhead.lookAhead(theta, slot: 0)), slot: 0)
            shifted.update(&phi, gradient: gradient(phi), slot: 0)
            #expect((lookAhead.lookAhead(theta, slot: 0) - phi).norm() < 1e-12)
        }
    }

    @Test("seed 000 lines 889–900: NormAdam, α = 0.1, g = (3, 4) then (0, 5): θ = −(0.06, 0.08), then −(0.088421, 0.170526)")
    func normAdamByHand() {
        // Step 1: v̂ = g = (3, 4), q̂ = ‖g‖² = 25, step 0.1·(3, 4)/5.
        // Step 2: v = 0.9·(0.3, 0.4) + 0.1·(0, 5) = (0.27, 0.86), v̂ = v/0.19; q̂ = 25 again; step 0.1·v̂/5.
        let expected = [[-0.06, -0.08], [-0.06 - 0.02 * 0.27 / 0.19, -0.08 - 0.02 * 0.86 / 0.19]]
        expectClose(trajectory(NormAdam(learningRate: 0.1), from: [0, 0], gradients: [[3, 4], [0, 5]]), expected,
                    tolerance: 1e-10)
    }

    @Test("NormAdam divides by the norm of all parameters' gradients together, not tensor by tensor")
    func normAdamUsesTheWholeGradient() {
        var optimizer = NormAdam(learningRate: 0.1)
        var parameters = [Tensor([0.0]), Tensor([0.0])]
        optimizer.step(parameters: &parameters, gradients: [Tensor([3.0]), Tensor([4.0])])
        #expect(abs(parameters[0][0] + 0.06) < 1e-10 && abs(parameters[1][0] + 0.08) < 1e-10)
    }

    @Test("NormAdam through a generic Optimizer still normalises by the whole network's gradient")
    func normAdamThroughTheProtocol() {
        func genericStep<O: Optimizer>(_ optimizer: inout O, _ network: inout Sequential) { optimizer.step(&network) }
        var generator = SeededGenerator(seed: 3)
        let network = Sequential(layerSizes: [3, 4, 2], using: &generator)
        var trained = network
        _ = trained.forward(Tensor(shape: [5, 3], scalars: (0..<15).map { Double($0) / 7 - 1 }))
        trained.backward(Tensor(shape: [5, 2], scalars: (0..<10).map { Double($0) / 3 - 1.5 }))
        var direct = trained
        var generic = trained
        var byList = trained.parameters
        var first = NormAdam(learningRate: 0.1), second = NormAdam(learningRate: 0.1), third = NormAdam(learningRate: 0.1)
        first.step(&direct)
        genericStep(&second, &generic)
        third.step(parameters: &byList, gradients: trained.gradients)
        #expect(direct.parameters == byList)
        #expect(generic.parameters == byList)
        #expect(direct.parameters != network.parameters)
    }

    @Test("seed 000 lines 873–877 and 900: ε = 1e-8 inside the root keeps 0.0099995 of a step for ‖g‖ = 1e-6, outside 0.990099")
    func normAdamEpsilonPlacement() {
        let inside = trajectory(NormAdam(learningRate: 1), from: [0], gradients: [[1e-6]])[0][0]
        let outside = trajectory(NormAdam(learningRate: 1, epsilonOutsideRoot: true), from: [0], gradients: [[1e-6]])[0][0]
        #expect(abs(-inside - 1e-6 / (1e-12 + 1e-8).squareRoot()) < 1e-12)
        #expect(abs(-outside - 1e-6 / (1e-6 + 1e-8)) < 1e-12)
        #expect(abs(-outside - 0.990099) < 1e-6 && abs(-inside - 0.0099995) < 1e-7)
    }

    @Test("seed 004 line 1024 (ε outside, as Duchi et al.): AdaGrad η = 0.1, g = (3, 4) then (0, 3) from (1, 1) → (0.9, 0.9), (0.9, 0.84)")
    func adaGradByHand() {
        // s = (9, 16): each coordinate moves by η·g/|g| = 0.1; then s = (9, 25): x₂ moves by 0.1·3/5.
        expectClose(trajectory(AdaGrad(learningRate: 0.1, epsilon: 0), from: [1, 1], gradients: [[3, 4], [0, 3]]),
                    [[0.9, 0.9], [0.9, 0.84]], tolerance: 1e-15)
    }

    @Test("seed 003 line 386 (RMSProp): η = 0.01, ρ = 0.9, g = (3, 4) then (0, 3) from (1, 1)")
    func rmsPropByHand() {
        // s = 0.1·(9, 16) = (0.9, 1.6): both coordinates move by 0.01/√0.1; then s₂ = 0.9·1.6 + 0.1·9 = 2.34.
        let first = 1 - 0.01 / 0.1.squareRoot()
        expectClose(trajectory(RMSProp(learningRate: 0.01, decay: 0.9, epsilon: 0), from: [1, 1], gradients: [[3, 4], [0, 3]]),
                    [[first, first], [first, first - 0.01 * 3 / 2.34.squareRoot()]], tolerance: 1e-15)
    }

    @Test("Kingma and Ba, Algorithm 1, two steps: α = 0.1, g = 2 then −1 from θ = 0")
    func adamByHand() {
        // t = 1: m̂ = 2, v̂ = 4, step 0.1·2/2 = 0.1. t = 2: m = 0.9·0.2 − 0.1 = 0.08, v = 0.999·0.004 + 0.001 = 0.004996,
        // m̂ = 0.08/0.19, v̂ = 0.004996/0.001999.
        let second = -0.1 - 0.1 * (0.08 / 0.19) / (0.004996 / 0.001999).squareRoot()
        expectClose(trajectory(Adam(learningRate: 0.1, epsilon: 0), from: [0], gradients: [[2], [-1]]),
                    [[-0.1], [second]], tolerance: 1e-12)
    }

    @Test("reset forgets the averages and the step count")
    func resetForgets() {
        var a = AveragedMomentum(learningRate: 0.1, beta: 0.9, start: .biasCorrected)
        var n = NormAdam(learningRate: 0.1)
        var (x, y) = (Tensor([1.0]), Tensor([1.0]))
        a.update(&x, gradient: Tensor([5.0]), slot: 0)
        n.update(&y, gradient: Tensor([5.0]), slot: 0)
        a.reset()
        n.reset()
        let (x0, y0) = (x[0], y[0])
        a.update(&x, gradient: Tensor([2.0]), slot: 0)
        n.update(&y, gradient: Tensor([2.0]), slot: 0)
        #expect(abs((x0 - x[0]) - 0.2) < 1e-12, "after reset the first corrected step is η·g again")
        #expect(abs((y0 - y[0]) - 0.1) < 1e-9, "after reset the first step has length α again")
    }
}
