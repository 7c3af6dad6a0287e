// TD-Gammon: greedy move choice with the value network, and self-play TD(λ) training.

import NeuralNetworks
import TensorCore

/// Evaluates many afterstates at once: all candidates are encoded into one [n, 198] matrix and
/// pushed through the hidden layer together. Buffers are kept between calls, so an evaluation
/// allocates nothing once they have grown.
public final class TDGammonEvaluator {
    /// Encoded inputs of the last batch, row-major [n, 198].
    public private(set) var inputs: [Double] = []
    /// Hidden activations of the last batch, row-major [n, H].
    public private(set) var hidden: [Double] = []
    /// Values of the last batch (n).
    public private(set) var values: [Double] = []
    /// Network evaluations performed so far (one per position).
    public private(set) var evaluationCount = 0
    /// Whether the hidden layer is computed with the library's dense `matmul` (true) or with a
    /// sparse accumulation over the non-zero inputs (false, the default: several times faster
    /// here because a position switches on only 30–50 of the 198 units). Both give the same values.
    public var useMatmul: Bool

    public init(useMatmul: Bool = false) { self.useMatmul = useMatmul }

    /// Fills `values` with the network's value of each position (each an afterstate whose
    /// mover is `player`) and returns the index of the largest.
    @discardableResult
    public func evaluate(_ network: TDGammonNetwork, _ positions: [BackgammonPosition]) -> Int {
        let n = positions.count, h = network.hiddenCount, d = TDGammonEncoding.inputCount
        evaluationCount += n
        inputs.removeAll(keepingCapacity: true)
        inputs.append(contentsOf: repeatElement(0, count: n * d))
        inputs.withUnsafeMutableBufferPointer { x in
            for (r, p) in positions.enumerated() { TDGammonEncoding.encode(p, firstSideOnRoll: false, into: x.baseAddress! + r * d) }
        }
        hidden.removeAll(keepingCapacity: true)
        hidden.append(contentsOf: repeatElement(0, count: n * h))
        values.removeAll(keepingCapacity: true)
        values.append(contentsOf: repeatElement(0, count: n))
        if useMatmul {
            // Z = X·W for the whole batch, [n, 198]·[198, H].
            let z = matmul(Tensor(shape: [n, d], scalars: inputs), Tensor(shape: [d, h], scalars: network.hiddenWeights))
            z.scalars.withUnsafeBufferPointer { zs in
                hidden.withUnsafeMutableBufferPointer { hs in hs.baseAddress!.update(from: zs.baseAddress!, count: n * h) }
            }
        } else {
            // The same product, exploiting that a position sets only 30–50 of the 198 units:
            // row r of Z is Σ over the non-zero xᵢ of xᵢ · (row i of W).
            inputs.withUnsafeBufferPointer { xs in
                network.hiddenWeights.withUnsafeBufferPointer { w in
                    hidden.withUnsafeMutableBufferPointer { hs in
                        for r in 0..<n {
                            let x = xs.baseAddress! + r * d, zr = hs.baseAddress! + r * h
                            for i in 0..<d where x[i] != 0 {
                                let xi = x[i], wi = w.baseAddress! + i * h
                                for j in 0..<h { zr[j] += xi * wi[j] }
                            }
                        }
                    }
                }
            }
        }
        var best = 0
        hidden.withUnsafeMutableBufferPointer { hs in
            network.hiddenBias.withUnsafeBufferPointer { b in
                network.outputWeights.withUnsafeBufferPointer { v in
                    for r in 0..<n {
                        var out = network.outputBias
                        for j in 0..<h {
                            let a = sigmoid(hs[r * h + j] + b[j])
                            hs[r * h + j] = a
                            out += v[j] * a
                        }
                        values[r] = sigmoid(out)
                        if values[r] > values[best] { best = r }
                    }
                }
            }
        }
        return best
    }
}

/// Plays with a value network: 1-ply (evaluate every legal result, take the best) or 2-ply
/// (keep the best few 1-ply candidates, then average over the opponent's 21 rolls the value
/// left after the opponent's best 1-ply reply).
public final class TDGammonPlayer: BackgammonPlayer {
    public let name: String
    public var network: TDGammonNetwork
    /// 1 or 2.
    public let plies: Int
    /// How many 1-ply candidates 2-ply search examines: 5 by default, the notes' "top 5 or 6",
    /// as Lesson06's paired match, `play --two-ply` and `analyze --two-ply` all use.
    public let candidates: Int
    let evaluator = TDGammonEvaluator()
    let replyGenerator = BackgammonMoveGenerator()
    /// Network evaluations and moves chosen so far (for the cost per move).
    public var evaluations: Int { evaluator.evaluationCount }
    public private(set) var movesChosen = 0

    public init(network: TDGammonNetwork, plies: Int = 1, candidates: Int = 5, name: String? = nil) {
        self.network = network
        self.plies = plies
        self.candidates = candidates
        self.name = name ?? "TD-Gammon \(plies)-ply"
    }

    public func chooseMove(in position: BackgammonPosition, moves: BackgammonMoveGenerator,
                           random: inout SeededGenerator) -> Int {
        movesChosen += 1
        let best = evaluator.evaluate(network, moves.positions)
        if plies == 1 || moves.count == 1 { return best }
        let ranked = evaluator.values.indices.sorted { evaluator.values[$0] > evaluator.values[$1] }
        var bestIndex = best, bestValue = -Double.infinity
        for index in ranked.prefix(candidates) {
            let value = twoPlyValue(of: moves.positions[index])
            if value > bestValue { bestValue = value; bestIndex = index }
        }
        return bestIndex
    }

    /// The mover's expected value of an afterstate after the opponent's best 1-ply reply,
    /// averaged over the 21 distinct rolls.
    public func twoPlyValue(of afterstate: BackgammonPosition) -> Double {
        if afterstate.playerHasWon { return 1 }
        let opponentToMove = afterstate.swapped
        var expected = 0.0
        for roll in backgammonRolls {
            replyGenerator.generate(opponentToMove, roll.die1, roll.die2)
            let reply = evaluator.evaluate(network, replyGenerator.positions)
            let replyValue = replyGenerator.positions[reply].playerHasWon ? 1 : evaluator.values[reply]
            expected += roll.probability * (1 - replyValue)
        }
        return expected
    }

    /// The legal moves of a roll ranked by the network (best first), with their values.
    public func rankedMoves(_ position: BackgammonPosition, _ die1: Int, _ die2: Int)
        -> [(move: BackgammonMove, result: BackgammonPosition, value: Double)] {
        let generator = BackgammonMoveGenerator()
        generator.generate(position, die1, die2)
        evaluator.evaluate(network, generator.positions)
        var ranked: [(BackgammonMove, BackgammonPosition, Double)] = []
        for i in 0..<generator.count {
            let p = generator.positions[i]
            let value = p.playerHasWon ? 1 : plies == 2 ? twoPlyValue(of: p) : evaluator.values[i]
            ranked.append((generator.moves[i], p, value))
        }
        return ranked.sorted { $0.2 > $1.2 }
    }
}

/// Self-play TD(λ) training of a `TDGammonNetwork` (Tesauro 1992): both sides use the same
/// network greedily; after every move the network's estimate of the previous afterstate is
/// moved towards the estimate of the new one, and at the end towards the result.
///
/// Values are kept from the first side's point of view: U = V(a) after its own moves and
/// 1 − V(a) after the other side's, so the TD error is δ = U(new) − U(previous) and the
/// eligibility trace accumulates ∇U = ±∇V. The reward is 1 for a win (γ = 1, no reward before
/// the end). All buffers are reused: a training game allocates nothing but the matmul result.
public final class TDGammonTrainer {
    public var network: TDGammonNetwork
    /// λ, the trace decay.
    public var lambda: Double
    /// α, the step size.
    public var stepSize: Double
    /// Games played so far.
    public private(set) var gamesPlayed = 0
    /// Moves played so far (both sides).
    public private(set) var pliesPlayed = 0
    let evaluator: TDGammonEvaluator
    let generator = BackgammonMoveGenerator()
    var hiddenTrace: [Double]
    var hiddenBiasTrace: [Double]
    var outputTrace: [Double]
    var outputBiasTrace = 0.0
    var hiddenSlopes: [Double]

    /// `useMatmul` selects the evaluator's dense path (see `TDGammonEvaluator.useMatmul`).
    public init(network: TDGammonNetwork, lambda: Double = 0.7, stepSize: Double = 0.1, useMatmul: Bool = false) {
        self.network = network
        evaluator = TDGammonEvaluator(useMatmul: useMatmul)
        self.lambda = lambda
        self.stepSize = stepSize
        let h = network.hiddenCount
        hiddenTrace = [Double](repeating: 0, count: TDGammonEncoding.inputCount * h)
        hiddenBiasTrace = [Double](repeating: 0, count: h)
        outputTrace = [Double](repeating: 0, count: h)
        hiddenSlopes = [Double](repeating: 0, count: h)
    }

    /// Plays one self-play game and learns from it. Returns the winner (0 = the side that moved
    /// first).
    @discardableResult
    public func trainOneGame(random: inout SeededGenerator) -> Int {
        resetTraces()
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
            let sign: Double = mover == 0 ? 1 : -1
            if next.playerHasWon {
                let result: Double = mover == 0 ? 1 : 0
                if plies > 0 { update(delta: result - previous) }
                gamesPlayed += 1
                pliesPlayed += plies + 1
                return mover
            }
            let value = evaluator.values[choice]
            let current = mover == 0 ? value : 1 - value
            if plies > 0 { update(delta: current - previous) }
            accumulateTrace(row: choice, sign: sign)
            previous = current
            position = next.swapped
            mover = 1 - mover
            plies += 1
        }
    }

    func resetTraces() {
        for i in hiddenTrace.indices { hiddenTrace[i] = 0 }
        for j in hiddenBiasTrace.indices { hiddenBiasTrace[j] = 0; outputTrace[j] = 0 }
        outputBiasTrace = 0
    }

    /// w ← w + α δ z for every parameter.
    func update(delta: Double) {
        let step = stepSize * delta
        let h = network.hiddenCount
        hiddenTrace.withUnsafeBufferPointer { z in
            network.hiddenWeights.withUnsafeMutableBufferPointer { w in
                for i in 0..<w.count { w[i] += step * z[i] }
            }
        }
        for j in 0..<h {
            network.hiddenBias[j] += step * hiddenBiasTrace[j]
            network.outputWeights[j] += step * outputTrace[j]
        }
        network.outputBias += step * outputBiasTrace
    }

    /// z ← λ z + sign · ∇V(row of the last batch).
    func accumulateTrace(row: Int, sign: Double) {
        let h = network.hiddenCount, d = TDGammonEncoding.inputCount
        let decay = lambda
        let y = evaluator.values[row]
        let outputSlope = sign * y * (1 - y)
        evaluator.hidden.withUnsafeBufferPointer { hs in
            let a = hs.baseAddress! + row * h
            for j in 0..<h {
                hiddenSlopes[j] = outputSlope * network.outputWeights[j] * a[j] * (1 - a[j])
                outputTrace[j] = lambda * outputTrace[j] + outputSlope * a[j]
                hiddenBiasTrace[j] = lambda * hiddenBiasTrace[j] + hiddenSlopes[j]
            }
        }
        outputBiasTrace = lambda * outputBiasTrace + outputSlope
        evaluator.inputs.withUnsafeBufferPointer { xs in
            let x = xs.baseAddress! + row * d
            hiddenSlopes.withUnsafeBufferPointer { g in
                hiddenTrace.withUnsafeMutableBufferPointer { z in
                    for i in 0..<d {
                        let xi = x[i]
                        let zi = z.baseAddress! + i * h
                        if xi == 0 {
                            for j in 0..<h { zi[j] *= decay }
                        } else {
                            for j in 0..<h { zi[j] = decay * zi[j] + xi * g[j] }
                        }
                    }
                }
            }
        }
    }
}
