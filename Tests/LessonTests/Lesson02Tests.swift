import NeuralNetworks
import TensorCore
import Testing

/// The worked numbers of Lesson 02 against the notes, and the lesson's claims.
@Suite("Lesson02 worked numbers and claims")
struct Lesson02Tests {
    /// ∂out/∂(w₁, w₂, w₃, b) of one unit on the fixed input [5, 6, 7], from `Dense.backward`.
    func outputGradient(_ activation: Activation, at p: [Double]) -> [Double] {
        var unit = Dense(weights: Tensor(shape: [3, 1], scalars: Array(p.prefix(3))), bias: Tensor([p[3]]),
                         activation: activation)
        _ = unit.forward([5, 6, 7])
        unit.backward(Tensor([1.0]))
        return unit.weightGradient.scalars + unit.biasGradient.scalars
    }

    func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    /// The notes' worked network, seed 000 lines 438–532.
    let worked = BackpropagationTrace(
        weights: [[[10, 1, 1, 1], [1, 1, 1, 1]], [[1, 1], [1, 1]], [[1, 1]]],
        biases: [[0, 0], [0, 0], [0]], activations: [.relu, .relu, .relu],
        input: [-1, 1, 1, 1], label: [1])

    // MARK: Output as a function of the weights (seed 000 lines 200–250)

    @Test("seed 000 lines 203–213: identity activation, gradient [5, 6, 7, 1] at any w")
    func identityGradient() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<20 {
            let p = (0..<4).map { _ in generator.uniform(in: -5...5) }
            #expect(close(outputGradient(.identity, at: p), [5, 6, 7, 1]))
        }
    }

    @Test("seed 000 lines 217–230: σ(u) = u²/2 at w = [0, 0, 0, 2] has gradient [10, 12, 14, 2] (line 228 drops the bias entry)")
    func halfSquareGradient() {
        let p: Tensor = [0, 0, 0, 2]
        let f = { (p: Tensor) -> Double in let u = p[0] * 5 + p[1] * 6 + p[2] * 7 + p[3]; return u * u / 2 }
        let numeric = numericGradient(at: p, f)
        #expect(close(numeric.scalars, [10, 12, 14, 2], 1e-8))
        #expect(numeric.count == 4, "the gradient has a bias entry, which line 228's [5, 6, 7]ᵀ lacks")
    }

    @Test("seed 000 lines 243–247: ReLU gradient [5, 6, 7, 1] at w = [1, 1, 1, 1] and 0 at [−1, −1, −1, −1]")
    func reluGradient() {
        #expect(close(outputGradient(.relu, at: [1, 1, 1, 1]), [5, 6, 7, 1]))
        #expect(close(outputGradient(.relu, at: [-1, -1, -1, -1]), [0, 0, 0, 0]))
    }

    @Test("seed 000 line 307: ∂C/∂w is the mean of the ∂Cⁱ/∂w, not their sum (the notes' slip)")
    func meanNotSum() {
        let inputs: Tensor = [[1, 2], [0, -1], [3, 1], [-2, 0.5]]
        let labels: Tensor = [[1], [0], [2], [-1]]
        var unit = Sequential([Dense(weights: [[0.5], [-0.25]], bias: [0.1], activation: .identity)])
        unit.computeGradients(input: inputs, target: labels, loss: .halfSquaredError)
        let mean = unit[dense: 0].weightGradient[0, 0]
        var sum = 0.0
        for i in 0..<4 {
            var copy = unit
            copy.computeGradients(input: inputs.rows(i..<(i + 1)), target: labels.rows(i..<(i + 1)), loss: .halfSquaredError)
            sum += copy[dense: 0].weightGradient[0, 0]
        }
        #expect(abs(mean - (-0.7)) < 1e-12)
        #expect(abs(sum - 4 * mean) < 1e-12)
    }

    // MARK: The worked example (seed 000 lines 438–532)

    @Test("seed 000 lines 470–531: the lesson prints every number of the worked example and each agrees with the notes",
          arguments: [("z²₁ = −10 + 1 + 1 + 1", -7.0), ("z²₂ = −1 + 1 + 1 + 1", 2), ("a²₁ = ReLU(−7)", 0), ("a²₂ = ReLU(2)", 2),
                      ("z³₁", 2), ("z³₂", 2), ("a³₁", 2), ("a³₂", 2), ("output a⁴ = 2 + 2", 4), ("∂C/∂a⁴ = 4 − 1", 3),
                      ("δ⁴₁ = ∂C/∂z⁴", 3), ("δ³₁", 3), ("δ³₂", 3), ("δ²₁ = (…)·σ′(−7)", 0), ("δ²₂ = (3·1 + 3·1)·σ′(2)", 6),
                      ("∂C/∂w²₁₁ = δ²₁ · a¹₁ = 0 · (−1)", 0), ("∂C/∂w²₂₁ = δ²₂ · a¹₁ = 6 · (−1)", -6)])
    func workedExampleAsPrinted(label: String, value: Double) async throws {
        let run = try await LessonRun.quick("Lesson02")
        let comparison = try #require(run.comparison(label), "no comparison '\(label)' in \(run)")
        #expect(comparison.computedNumber == value && comparison.agrees, "\(label): \(comparison)")
    }

    @Test("seed 000 lines 438–532: the library's backward pass and central differences agree with the printed derivatives")
    func workedExampleChecks() async throws {
        let run = try await LessonRun.quick("Lesson02")
        #expect(run.held("the library's backward pass gives the same 19 derivatives"))
        #expect(run.held("central differences agree with every derivative"))
        #expect(run.tally?.contains("slips in the notes corrected") == true, "the notes' slips are pointed out")
    }

    @Test("seed 000 lines 470–476: z² = [−7, 2], a² = [0, 2]")
    func workedSecondLayer() {
        #expect(close(worked.z(2).scalars, [-7, 2]))
        #expect(close(worked.a(2).scalars, [0, 2]))
    }

    @Test("seed 000 lines 482–490: z³ = a³ = [2, 2], output 4")
    func workedThirdLayerAndOutput() {
        #expect(close(worked.z(3).scalars, [2, 2]))
        #expect(close(worked.a(3).scalars, [2, 2]))
        #expect(close(worked.output.scalars, [4]))
    }

    @Test("seed 000 lines 495–497: ∂C/∂a⁴ = 4 − 1 = 3, and ∂C/∂z⁴ is the same")
    func workedCostGradient() {
        #expect(close(worked.costGradient.scalars, [3]))
        #expect(close(worked.delta(4).scalars, [3]))
        #expect(abs(worked.cost - 4.5) < 1e-12)
    }

    @Test("seed 000 lines 501–503: δ³ = [3, 3] (the notes' w⁴₄₁, w⁴₄₂ are w⁴₁₁, w⁴₁₂)")
    func workedDeltaThree() {
        #expect(close(worked.delta(3).scalars, [3, 3]))
        #expect(close(worked.delta(3).scalars, (worked.weights[2].transposed() * worked.delta(4)[0]).reshaped([2]).scalars))
    }

    @Test("seed 000 lines 516–518: δ² = [0, 6]")
    func workedDeltaTwo() {
        #expect(close(worked.delta(2).scalars, [0, 6]))
    }

    @Test("seed 000 lines 524–531: ∂C/∂w²₁₁ = 0 and ∂C/∂w²₂₁ = −6")
    func workedWeightDerivatives() {
        #expect(abs(worked.weightGradient(2)[0, 0] - 0) < 1e-12)
        #expect(abs(worked.weightGradient(2)[1, 0] - (-6)) < 1e-12)
    }

    @Test("seed 000 lines 427 and 433: ∂C/∂bˡⱼ = δˡⱼ, not δˡₖ (checked by finite differences on the worked network)")
    func biasDerivativeIsDeltaJ() {
        for l in 2...4 {
            let numeric = numericGradient(at: worked.biases[l - 2]) { b in
                var biases = worked.biases
                biases[l - 2] = b
                return BackpropagationTrace(weights: worked.weights, biases: biases, activations: worked.activations,
                                            input: worked.a(1), label: worked.label).cost
            }
            #expect(close(numeric.scalars, worked.delta(l).scalars, 1e-8))
        }
        #expect(worked.biasGradient(2)[0] != worked.delta(2)[1], "δ²ₖ with k ≠ j would give 6 instead of 0")
    }

    @Test("seed 000 lines 438–532: the full gradient of the worked network, against Dense and central differences")
    func workedFullGradient() {
        var network = worked.sequential()
        network.computeGradients(input: Tensor([[-1, 1, 1, 1]]), target: Tensor([[1]]), loss: .halfSquaredError)
        for i in network.layers.indices {
            let layer = network[dense: i]
            #expect(layer.weightGradient.transposed() == worked.weightGradients[i])
            #expect(layer.biasGradient == worked.biasGradients[i])
        }
        #expect(worked.weightGradient(2) == Tensor([[0, 0, 0, 0], [-6, 6, 6, 6]]))
        #expect(worked.weightGradient(3) == Tensor([[0, 6], [0, 6]]))
        #expect(worked.weightGradient(4) == Tensor([[6, 6]]))
        let checks = worked.sequential().checkGradients(loss: .halfSquaredError, input: Tensor([[-1, 1, 1, 1]]),
                                                        target: Tensor([[1]]))
        #expect(checks.allSatisfy { $0.passes(tolerance: 1e-8) })
    }

    // MARK: Second notation (seed 001 lines 820–863, seed 002 line 493)

    func harvardNetwork() -> Sequential {
        Sequential([
            Dense(weights: [[1, -1], [-1, 0.5]], bias: [0.5, -1], activation: .relu),
            Dense(weights: [[1], [2]], bias: [0.5], activation: .relu),
        ])
    }

    @Test("seed 001 lines 832–852: ε = 2(ŷ − y) and the nine derivatives of the chosen 2–2–1 example")
    func harvardGradient() {
        var network = harvardNetwork()
        let loss = network.computeGradients(input: [[2, 1]], target: [[3]], loss: .squaredError)
        #expect(abs(loss - 1) < 1e-12)
        let (h, o) = (network[dense: 0], network[dense: 1])
        #expect(close(h.biasGradient.scalars, [-2, 0]))
        #expect(close(h.weightGradient.scalars, [-4, 0, -2, 0]))   // rows: x₁, x₂; columns: u₁, u₂
        #expect(close(o.biasGradient.scalars, [-2]))
        #expect(close(o.weightGradient.scalars, [-3, 0]))
        var sgd = SGD(learningRate: 0.05)
        sgd.step(&network)
        let after = Loss.squaredError.value(prediction: network.predict([[2, 1]]), target: [[3]])
        #expect(abs(after - 0.015 * 0.015) < 1e-12, "ŷ goes from 2 to 3.015")
    }

    @Test("seed 001 line 832 and seed 002 line 493: without the ½ every derivative doubles")
    func factorOfTwo() {
        var generator = SeededGenerator(seed: 9)
        var a = Sequential(layerSizes: [3, 5, 2], hiddenActivation: .tanh, using: &generator)
        var b = a
        let x = Tensor.normal([4, 3], using: &generator), y = Tensor.normal([4, 2], using: &generator)
        a.computeGradients(input: x, target: y, loss: .squaredError)
        b.computeGradients(input: x, target: y, loss: .halfSquaredError)
        for (ga, gb) in zip(a.gradients, b.gradients) { #expect(close(ga.scalars, (gb * 2).scalars, 1e-12)) }
    }

    // MARK: Several outputs (seed 000 lines 535–545)

    @Test("seed 000 lines 543–544: one backward pass equals the sum of k single-output passes")
    func oneBackwardPassSuffices() {
        var generator = SeededGenerator(seed: 11)
        var network = Sequential(layerSizes: [8, 16, 16, 4], hiddenActivation: .tanh, outputActivation: .tanh, using: &generator)
        let x = Tensor.normal([1, 8], using: &generator), y = Tensor.normal([1, 4], using: &generator)
        let error = network.forward(x) - y
        network.backward(error)
        let whole = network.gradients
        var summed = whole.map { Tensor.zeros($0.shape) }
        for j in 0..<4 {
            var single = Tensor.zeros([1, 4])
            single[0, j] = error[0, j]
            network.backward(single)
            for (i, g) in network.gradients.enumerated() { summed[i] += g }
        }
        for (w, s) in zip(whole, summed) { #expect(close(w.scalars, s.scalars, 1e-12)) }
    }

    // MARK: Batch, SGD and mini-batch (seed 000 lines 547–575, seed 001 lines 620–720)

    @Test("lesson claim: after 1 epoch SGD < mini-batch < batch GD; after 50 mini-batch is within 5 % of the minimum, batch GD above twice it; SGD's loss goes up in some epochs")
    func raceResults() async throws {
        let run = try await LessonRun.quick("Lesson02")
        let best = try #require(run.number("smallest possible loss"))
        #expect(best < 0.05 && best > 0.03, "the noise has variance 0.09, so the best half squared error is near 0.045")
        // Columns: steps per epoch, example gradients per epoch, loss after 1 epoch, loss after 50.
        let batch = try #require(run.numbers(inRow: "batch GD"))
        let mini = try #require(run.numbers(inRow: "mini-batch (s = 20)"))
        let sgd = try #require(run.numbers(inRow: "SGD (s = 1)"))
        #expect(batch.count == 4 && mini.count == 4 && sgd.count == 4)
        #expect(batch[0] == 1 && mini[0] == 10 && sgd[0] == 200, "steps per epoch with 200 examples")
        #expect(sgd[2] < mini[2] && mini[2] < batch[2])
        #expect(mini[3] < 1.05 * best && batch[3] > 2 * best)
        #expect(sgd[3] < 1.5 * best, "SGD jitters near the minimum, not far from it")
        for claim in ["after one epoch SGD is ahead of mini-batch", "batch GD lowers the loss in every epoch",
                      "after 50 epochs mini-batch is within 5 %", "SGD does not settle"] {
            #expect(run.held(claim), "missing or failing: \(claim)")
        }
    }

    // MARK: Gradient checking

    @Test("lesson claim: forgetting σ′ in equation (2) is caught by central differences (relative error ≥ 0.5)")
    func forgottenSlopeIsCaught() {
        let delta3 = matmul(worked.weights[2].transposed(), worked.delta(4).reshaped([1, 1])).reshaped([2])
        let delta2 = matmul(worked.weights[1].transposed(), delta3.reshaped([2, 1])).reshaped([2])
        let forgetful = outer(delta2, worked.a(1))
        let result = checkGradient(at: worked.weights[0], analyticGradient: forgetful) { w2 in
            BackpropagationTrace(weights: [w2, worked.weights[1], worked.weights[2]], biases: worked.biases,
                                 activations: worked.activations, input: worked.a(1), label: worked.label).cost
        }
        #expect(result.maxRelativeError > 0.5)
        #expect(checkGradient(at: worked.weights[0], analyticGradient: worked.weightGradient(2)) { w2 in
            BackpropagationTrace(weights: [w2, worked.weights[1], worked.weights[2]], biases: worked.biases,
                                 activations: worked.activations, input: worked.a(1), label: worked.label).cost
        }.passes(tolerance: 1e-8))
    }

    @Test("lesson claim: the central difference of sin(θ)e^θ at 0.7 is most accurate near h = 1e-5 and beats one-sided")
    func stepSizeTable() {
        let f = { (t: Double) in sin(t) * exp(t) }
        let exact = (cos(0.7) + sin(0.7)) * exp(0.7)
        let errors = [1, 3, 5, 7, 9, 11].map { e -> Double in
            let h = pow(10, -Double(e))
            return abs((f(0.7 + h) - f(0.7 - h)) / (2 * h) - exact) / exact
        }
        #expect(errors.indices.min { errors[$0] < errors[$1] } == 2)
        #expect(errors[2] < 1e-10)
        let oneSided = abs((f(0.7 + 1e-5) - f(0.7)) / 1e-5 - exact) / exact
        #expect(oneSided > 1000 * errors[2])
    }

    // MARK: Matrix calculus (seed 003 lines 245–308, 434–436 and 621–633)

    let x: Tensor = [1, -2, 3]
    let a: Tensor = [[1, 0], [2, -1], [0, 3]]
    func aTx(_ a: Tensor, _ x: Tensor) -> Tensor { matmul(a, x.reshaped([3, 1]), transposeA: true).reshaped([2]) }

    @Test("seed 003 lines 245–247 (problem 4): ∇‖x‖² = 2x")
    func gradientOfSquaredNorm() {
        #expect(close(numericGradient(at: x) { dot($0, $0) }.scalars, (2 * x).scalars, 1e-8))
    }

    @Test("seed 003 lines 253–255 (problem 5): the Jacobian of Aᵀx is A in the handout's layout")
    func jacobianOfLinearMap() {
        for j in 0..<2 {
            let column = numericGradient(at: x) { aTx(a, $0)[j] }
            #expect(close(column.scalars, a.column(j).scalars, 1e-8))
        }
    }

    @Test("seed 003 lines 275–277 (problem 6): ∇ₓ‖Aᵀx‖² = 2AAᵀx = [−6, −34, 66]")
    func gradientThroughLinearMap() {
        let analytic = 2 * matmul(a, aTx(a, x).reshaped([2, 1])).reshaped([3])
        #expect(close(analytic.scalars, [-6, -34, 66]))
        #expect(close(numericGradient(at: x) { let y = aTx(a, $0); return dot(y, y) }.scalars, analytic.scalars, 1e-7))
    }

    @Test("seed 003 lines 301–305 (problem 7): ∇_A‖Aᵀx‖² = 2x(Aᵀx)ᵀ (the handout says 'problem 5' for problem 6)")
    func gradientWithRespectToMatrix() {
        let analytic = 2 * outer(x, aTx(a, x))
        #expect(analytic == Tensor([[-6, 22], [12, -44], [-18, 66]]))
        #expect(close(numericGradient(at: a) { let y = aTx($0, x); return dot(y, y) }.scalars, analytic.scalars, 1e-7))
    }

    @Test("seed 003 lines 622–627: ReLU forward on the 4 × 4 input")
    func reluForward() {
        let input: Tensor = [[1.5, 2.2, 1.3, 6.7], [4.3, -0.3, -0.2, 4.9], [-4.5, 1.4, 5.5, 1.8], [0.1, -0.5, -0.1, 2.2]]
        let expected: Tensor = [[1.5, 2.2, 1.3, 6.7], [4.3, 0, 0, 4.9], [0, 1.4, 5.5, 1.8], [0.1, 0, 0, 2.2]]
        #expect(Activation.relu(input) == expected)
    }

    @Test("seed 003 lines 629–631: ReLU backward with the given upstream gradient")
    func reluBackward() {
        let input: Tensor = [[1.5, 2.2, 1.3, 6.7], [4.3, -0.3, -0.2, 4.9], [-4.5, 1.4, 5.5, 1.8], [0.1, -0.5, -0.1, 2.2]]
        let upstream: Tensor = [[4.5, 1.2, 2.3, 1.3], [-1.3, -6.3, 4.1, -2.9], [-0.5, 1.2, 3.5, 1.2], [-6.1, 0.5, -4.1, -3.2]]
        let expected: Tensor = [[4.5, 1.2, 2.3, 1.3], [-1.3, 0, 0, -2.9], [0, 1.2, 3.5, 1.2], [-6.1, 0, 0, -3.2]]
        let backward = upstream * Activation.relu.derivative(input)
        #expect(backward == expected)
        let numeric = numericGradient(at: input) { (upstream * Activation.relu($0)).sum() }
        #expect(close(numeric.scalars, expected.scalars, 1e-8))
    }

    @Test("seed 003 lines 434–436 (problem 3): the skip connection's input gradient")
    func skipConnection() {
        var generator = SeededGenerator(seed: 3)
        let w1 = Tensor.normal([3, 3], using: &generator), w2 = Tensor.normal([3, 3], using: &generator)
        let x = Tensor.normal([3], using: &generator), upstream = Tensor.normal([3], using: &generator)
        let mask = Activation.relu.derivative(matmul(w1, x.reshaped([3, 1])).reshaped([3]))
        let inner = (mask * matmul(w2, upstream.reshaped([3, 1]), transposeA: true).reshaped([3])).reshaped([3, 1])
        let analytic = upstream + matmul(w1, inner, transposeA: true).reshaped([3])
        let numeric = numericGradient(at: x) { v in
            dot(upstream, matmul(w2, Activation.relu(matmul(w1, v.reshaped([3, 1])))).reshaped([3]) + v)
        }
        #expect(close(numeric.scalars, analytic.scalars, 1e-8))
    }
}
