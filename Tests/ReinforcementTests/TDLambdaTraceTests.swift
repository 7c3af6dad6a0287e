import Foundation
import NeuralNetworks
@testable import Reinforcement
import TensorCore
import Testing

/// The self-play trainer's fused eligibility trace, tested directly against the library: after
/// afterstates a₁, a₂ with signs +1 (first side moved) and −1 (second side), the trace must be
/// z = λ·∇U(a₁) + ∇U(a₂) with ∇U = ±∇V from `Sequential.backward`, bit for bit; and
/// `update(delta:)` must move w by α·δ·z exactly as `Tensor.add(_:scaledBy:)` does.
@Suite("TD(λ) trace of the TD-Gammon trainer")
struct TDLambdaTraceTests {
    /// ∇U of one afterstate by the library's forward and backward passes, with ∂U/∂V = `sign`.
    static func libraryGradient(_ network: TDGammonNetwork, _ position: BackgammonPosition, sign: Double) -> [Tensor] {
        var sequential = network.sequential
        _ = sequential.forward(TDGammonEncoding.batch([position]))
        _ = sequential.backward(Tensor([[sign]]), accumulate: false, needsInputGradient: false)
        return sequential.gradients
    }

    /// Two afterstates from the start: a₁ after 3-1, a₂ after the reply 6-5.
    static func afterstates() -> (first: BackgammonPosition, second: BackgammonPosition) {
        let moves = BackgammonMoveGenerator()
        moves.generate(.start, 3, 1)
        let first = moves.positions[0]
        moves.generate(first.swapped, 6, 5)
        return (first, moves.positions[moves.count - 1])
    }

    /// A trainer (λ = 0.7, α = 0.1) on a 198–`hiddenCount`–1 network with weights uniform in ±0.5
    /// from `seed`, its trace zero, after evaluating a₁ alone (row 0); with the network it started from.
    static func trainerAfterEvaluatingFirst(seed: UInt64, hiddenCount: Int)
        -> (network: TDGammonNetwork, trainer: TDGammonTrainer, first: BackgammonPosition) {
        var random = SeededGenerator(seed: seed)
        let network = TDGammonNetwork(hiddenCount: hiddenCount, scale: 0.5, using: &random)
        let trainer = TDGammonTrainer(network: network, lambda: 0.7, stepSize: 0.1)
        let (first, _) = afterstates()
        trainer.resetTrace()
        trainer.evaluator.evaluate(trainer.network, [first])
        return (network, trainer, first)
    }

    @Test("storeGradient + accumulateTrace give z = λ∇U(a₁) + ∇U(a₂) bit for bit as Sequential.backward", arguments: [40, 8])
    func traceMatchesBackward(hiddenCount: Int) {
        var random = SeededGenerator(seed: 21)
        let network = TDGammonNetwork(hiddenCount: hiddenCount, scale: 0.5, using: &random)
        let trainer = TDGammonTrainer(network: network, lambda: 0.7, stepSize: 0.1)
        let (first, second) = Self.afterstates()

        trainer.resetTrace()
        trainer.evaluator.evaluate(trainer.network, [second, first])  // a₁ in row 1 of a batch of two
        trainer.storeGradient(row: 1, sign: 1)
        trainer.accumulateTrace(row: 1)
        trainer.evaluator.evaluate(trainer.network, [second])  // a₂ alone
        trainer.storeGradient(row: 0, sign: -1)
        trainer.accumulateTrace(row: 0)

        let g1 = Self.libraryGradient(network, first, sign: 1), g2 = Self.libraryGradient(network, second, sign: -1)
        let zero = g1.map { Tensor.zeros($0.shape) }
        let z1 = zip(zero, g1).map { 0.7 * $0 + $1 }
        let expected = zip(z1, g2).map { 0.7 * $0 + $1 }
        #expect(trainer.trace.map(\.shape) == expected.map(\.shape))
        #expect(trainer.trace == expected)
        // Not trivially small: hundreds of non-zero entries, in every parameter tensor.
        #expect(trainer.trace[0].scalars.filter { $0 != 0 }.count > 100)
        #expect(trainer.trace.allSatisfy { $0.scalars.contains { $0 != 0 } })
        // And not the gradient of one afterstate alone: both terms are there.
        #expect(trainer.trace != g2 && trainer.trace != z1)
    }

    @Test("the trace uses the slopes stored before the update: storeGradient, update, accumulateTrace")
    func slopesBeforeUpdate() {
        let (network, trainer, first) = Self.trainerAfterEvaluatingFirst(seed: 22, hiddenCount: 40)
        trainer.storeGradient(row: 0, sign: 1)
        trainer.accumulateTrace(row: 0)
        trainer.storeGradient(row: 0, sign: 1)
        trainer.update(delta: 0.5)  // changes W₂, which the slopes depend on
        trainer.accumulateTrace(row: 0)
        let g = Self.libraryGradient(network, first, sign: 1)  // at the weights before the update
        let z1 = zip(g.map { Tensor.zeros($0.shape) }, g).map { 0.7 * $0 + $1 }
        #expect(trainer.trace == zip(z1, g).map { 0.7 * $0 + $1 })
        #expect(trainer.network.sequential.parameters != network.sequential.parameters)
    }

    @Test("update moves every parameter by α·δ·z, as Tensor.add(_:scaledBy:) does")
    func update() {
        let (_, trainer, _) = Self.trainerAfterEvaluatingFirst(seed: 23, hiddenCount: 8)
        trainer.storeGradient(row: 0, sign: 1)
        trainer.accumulateTrace(row: 0)
        let before = trainer.network.sequential.parameters, trace = trainer.trace
        trainer.update(delta: 0.25)
        let after = trainer.network.sequential.parameters
        for k in before.indices {
            var expected = before[k]
            expected.add(trace[k], scaledBy: 0.1 * 0.25)
            #expect(after[k] == expected)
            #expect(after[k] != before[k])
        }
    }
}
