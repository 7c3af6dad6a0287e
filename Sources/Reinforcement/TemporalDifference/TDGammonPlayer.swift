// TD-Gammon as a player: greedy 1-ply move choice with the value network, or 2-ply search.

import TensorCore

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
        let searched = Array(ranked.prefix(candidates))
        return searched[argmax(searched.map { twoPlyValue(of: moves.positions[$0]) })]
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
