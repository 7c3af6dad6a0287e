import Foundation
@testable import Reinforcement
import TensorCore
import Testing

/// The self-play trainer's eligibility trace, tested directly: after afterstates a₁, a₂ with
/// signs +1 (first side moved) and −1 (second side), the trace must be z = λ·∇V(a₁) − ∇V(a₂),
/// with ∇V from `TDGammonNetwork.gradient(of:)`; and `update(delta:)` must move w by α·δ·z.
@Suite("TD(λ) trace of the TD-Gammon trainer")
struct TDLambdaTraceTests {
    /// The trainer's trace, flattened in the order of `gradient(of:)`.
    static func flatTrace(_ trainer: TDGammonTrainer) -> [Double] {
        trainer.hiddenTrace + trainer.hiddenBiasTrace + trainer.outputTrace + [trainer.outputBiasTrace]
    }

    static func flatParameters(_ network: TDGammonNetwork) -> [Double] {
        network.hiddenWeights + network.hiddenBias + network.outputWeights + [network.outputBias]
    }

    @Test("accumulateTrace gives z = λ∇V(a₁) − ∇V(a₂), and update moves w by αδz")
    func traceAndUpdate() {
        var random = SeededGenerator(seed: 21)
        let network = TDGammonNetwork(hiddenCount: 6, scale: 0.5, using: &random)
        let trainer = TDGammonTrainer(network: network, lambda: 0.7, stepSize: 0.1)
        let moves = BackgammonMoveGenerator()
        moves.generate(.start, 3, 1)
        let first = moves.positions[0]
        moves.generate(first.swapped, 6, 5)
        let second = moves.positions[moves.count - 1]

        trainer.resetTraces()
        trainer.evaluator.evaluate(trainer.network, [second, first])
        trainer.accumulateTrace(row: 1, sign: 1)
        trainer.evaluator.evaluate(trainer.network, [second])
        trainer.accumulateTrace(row: 0, sign: -1)

        let g1 = network.gradient(of: first), g2 = network.gradient(of: second)
        let expected = zip(g1, g2).map { 0.7 * $0 - $1 }
        let trace = Self.flatTrace(trainer)
        #expect(trace.count == expected.count)
        let worst = zip(trace, expected).map { abs($0 - $1) }.max()!
        let scale = expected.map(abs).max()!
        #expect(worst <= 1e-14 * scale, "worst gap \(worst) on a trace of size \(scale)")
        // The trace is not trivially small: several hundred non-zero entries.
        #expect(trace.filter { $0 != 0 }.count > 100)

        let before = Self.flatParameters(trainer.network)
        trainer.update(delta: 0.25)
        let after = Self.flatParameters(trainer.network)
        for k in before.indices { #expect(after[k] == before[k] + 0.1 * 0.25 * trace[k]) }
    }
}
