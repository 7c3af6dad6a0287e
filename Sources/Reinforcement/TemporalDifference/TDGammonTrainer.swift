// Self-play TD(λ) training of TD-Gammon's network, fused for speed and tested against the
// plain version written with `Sequential` on Lesson06's page.

import NeuralNetworks
import TensorCore

/// Self-play TD(λ) training of a `TDGammonNetwork` (Tesauro 1992): both sides use the same
/// network greedily; after every move the network's estimate of the previous afterstate is
/// moved towards the estimate of the new one, and at the end towards the result.
///
/// Values are kept from the first side's point of view: U = V(a) after its own moves and
/// 1 − V(a) after the other side's, so the TD error is δ = U(new) − U(previous) and the
/// eligibility trace accumulates ∇U = ±∇V. The reward is 1 for a win (γ = 1, no reward before
/// the end). One move t, in this order:
///
///     choose aₜ = argmax V(a) over the afterstates of the roll (weights w)
///     g = ∇_w U(aₜ)                          at the weights that chose it
///     w ← w + α (U(aₜ) − U(aₜ₋₁)) z          (from the second move on)
///     z ← λ z + g
///
/// and at the end w ← w + α (result − U(aₜ₋₁)) z. Lesson06 writes this loop with the library's
/// `Sequential` (`predict`, `forward`, `backward`, tensor arithmetic); this class is the same
/// loop fused: g comes from the evaluator's cached activations (no second forward pass), ∇W₁ is
/// never formed (row i of it is xᵢ·δ₁, and most xᵢ are 0), and nothing is allocated. Every
/// operation is the one `Dense.backward` and the tensor arithmetic perform, in the same order,
/// so the parameters come out bit for bit the same (Lesson06 checks this on every run; the
/// trace alone is tested in `TDLambdaTraceTests`). That needs the batch evaluation and a lone
/// forward pass to agree, which they do for H a multiple of 4 (see `TDGammonEvaluator`).
public final class TDGammonTrainer {
    public private(set) var network: TDGammonNetwork
    /// λ, the trace decay.
    public var lambda: Double
    /// α, the step size.
    public var stepSize: Double
    /// Games played so far.
    public private(set) var gamesPlayed = 0
    /// Moves played so far (both sides).
    public private(set) var pliesPlayed = 0
    /// The eligibility trace z, one tensor per parameter in the order of
    /// `network.sequential.parameters` (W₁, b₁, W₂, b₂).
    public private(set) var trace: [Tensor]
    let evaluator: TDGammonEvaluator
    let generator = BackgammonMoveGenerator()
    /// δ₁ = ∂U/∂z₁ of the chosen afterstate (H), from `storeGradient`.
    var hiddenSlopes: [Double]
    /// δ₂ = ∂U/∂z₂ of the chosen afterstate, from `storeGradient`.
    var outputSlope = 0.0

    /// `useMatmul` selects the evaluator's dense path (see `TDGammonEvaluator.useMatmul`).
    public init(network: TDGammonNetwork, lambda: Double = 0.7, stepSize: Double = 0.1, useMatmul: Bool = false) {
        self.network = network
        evaluator = TDGammonEvaluator(useMatmul: useMatmul)
        self.lambda = lambda
        self.stepSize = stepSize
        trace = network.sequential.parameters.map { Tensor.zeros($0.shape) }
        hiddenSlopes = [Double](repeating: 0, count: network.hiddenCount)
    }

    /// Plays one self-play game and learns from it. Returns the winner (0 = the side that moved
    /// first).
    @discardableResult
    public func trainOneGame(random: inout SeededGenerator) -> Int {
        resetTrace()
        var position = BackgammonPosition.start
        var mover = 0
        var previous = 0.0  // U of the previous afterstate, first side's view
        var plies = 0
        while true {
            var (d1, d2) = rollDice(&random)
            while plies == 0 && d1 == d2 { (d1, d2) = rollDice(&random) }
            generator.generate(position, d1, d2)
            let choice = evaluator.evaluate(network, generator.positions)
            let next = generator.positions[choice]
            if next.playerHasWon {
                let result: Double = mover == 0 ? 1 : 0
                if plies > 0 { update(delta: result - previous) }
                gamesPlayed += 1
                pliesPlayed += plies + 1
                return mover
            }
            let value = evaluator.values[choice]
            let current = mover == 0 ? value : 1 - value
            storeGradient(row: choice, sign: mover == 0 ? 1 : -1)
            if plies > 0 { update(delta: current - previous) }
            accumulateTrace(row: choice)
            previous = current
            position = next.swapped
            mover = 1 - mover
            plies += 1
        }
    }

    /// z ← 0.
    func resetTrace() {
        for k in trace.indices { trace[k].withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
    }

    /// w ← w + α δ z for every parameter (`Tensor.add(_:scaledBy:)` with α·δ, as on the page).
    func update(delta: Double) {
        let step = stepSize * delta
        var k = 0
        let body: (inout Tensor, Tensor) -> Void = { parameter, _ in
            parameter.add(self.trace[k], scaledBy: step)
            k += 1
        }
        network.hiddenLayer.visitParameters(body)
        network.outputLayer.visitParameters(body)
    }

    /// Keeps the slopes of ∇U for row `row` of the last evaluation, with ∂U/∂V = `sign`, at the
    /// current weights, as `Dense.backward` computes them: δ₂ = sign·f₂′(z₂), then
    /// δ₁ⱼ = (W₂ⱼ·δ₂)·f₁′(z₁ⱼ). Call it before `update` changes W₂.
    func storeGradient(row: Int, sign: Double) {
        let h = network.hiddenCount
        outputSlope = sign * network.outputLayer.activation.derivative(evaluator.outputPreActivations[row])
        let slope = outputSlope, hiddenActivation = network.hiddenLayer.activation
        network.outputLayer.weights.withUnsafeBufferPointer { v in
            evaluator.hiddenPreActivations.withUnsafeBufferPointer { zs in
                hiddenSlopes.withUnsafeMutableBufferPointer { g in
                    let z = zs.baseAddress! + row * h
                    for j in 0..<h { g[j] = (v[j] * slope) * hiddenActivation.derivative(z[j]) }
                }
            }
        }
    }

    /// z ← λ z + g with g = ∇U from `storeGradient`, one parameter tensor at a time:
    /// ∂U/∂W₁[i, j] = xᵢ·δ₁ⱼ, ∂U/∂b₁ = δ₁, ∂U/∂W₂[j] = a₁ⱼ·δ₂, ∂U/∂b₂ = δ₂, where x and a₁
    /// are row `row` of the evaluator's inputs and hidden activations.
    func accumulateTrace(row: Int) {
        let h = network.hiddenCount, d = TDGammonEncoding.inputCount
        let decay = lambda, slope = outputSlope
        evaluator.inputs.withUnsafeBufferPointer { xs in
            hiddenSlopes.withUnsafeBufferPointer { g in
                trace[0].withUnsafeMutableBufferPointer { z in
                    let x = xs.baseAddress! + row * d
                    for i in 0..<d {
                        let xi = x[i], zi = z.baseAddress! + i * h
                        if xi == 0 {
                            for j in 0..<h { zi[j] = decay * zi[j] + 0 }
                        } else {
                            for j in 0..<h { zi[j] = decay * zi[j] + xi * g[j] }
                        }
                    }
                }
                trace[1].withUnsafeMutableBufferPointer { z in
                    for j in 0..<h { z[j] = decay * z[j] + g[j] }
                }
            }
        }
        evaluator.hidden.withUnsafeBufferPointer { hs in
            trace[2].withUnsafeMutableBufferPointer { z in
                let a = hs.baseAddress! + row * h
                for j in 0..<h { z[j] = decay * z[j] + a[j] * slope }
            }
        }
        trace[3].withUnsafeMutableBufferPointer { z in z[0] = decay * z[0] + slope }
    }
}
