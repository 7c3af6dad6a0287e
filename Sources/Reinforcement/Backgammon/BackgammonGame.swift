// Playing games: the player protocol, simple players, a game loop and evaluation matches.

import TensorCore

/// Anything that picks a move: given the position before the move (mover = `player`) and a
/// generator already filled with the legal results, it returns an index into
/// `moves.positions`.
public protocol BackgammonPlayer: AnyObject {
    /// A short name for tables.
    var name: String { get }
    func chooseMove(in position: BackgammonPosition, moves: BackgammonMoveGenerator,
                    random: inout SeededGenerator) -> Int
}

/// Picks a legal move uniformly at random.
public final class RandomBackgammonPlayer: BackgammonPlayer {
    public let name = "random"
    public init() {}
    public func chooseMove(in position: BackgammonPosition, moves: BackgammonMoveGenerator,
                           random: inout SeededGenerator) -> Int {
        random.index(below: moves.count)
    }
}

/// Picks the move with the highest pubeval score.
public final class PubevalPlayer: BackgammonPlayer {
    public let name = "pubeval"
    public init() {}
    public func chooseMove(in position: BackgammonPosition, moves: BackgammonMoveGenerator,
                           random: inout SeededGenerator) -> Int {
        let race = position.isRace
        return argmax(moves.positions.map { Pubeval.score($0, race: race) })
    }
}

/// The result of one game.
public struct BackgammonGameResult: Sendable {
    /// 0 when the first player won, 1 when the second did.
    public let winner: Int
    public let outcome: BackgammonOutcome
    /// Moves played by both sides.
    public let plies: Int
}

/// Rolls two dice.
@inline(__always) public func rollDice(_ random: inout SeededGenerator) -> (Int, Int) {
    (random.index(below: 6) + 1, random.index(below: 6) + 1)
}

/// Plays one game between `players[0]` and `players[1]`; `first` moves first. The opening roll
/// is never a double (in a real game each side throws one die and the higher one starts).
public func playBackgammonGame(_ players: [BackgammonPlayer], first: Int, random: inout SeededGenerator,
                               generator: BackgammonMoveGenerator) -> BackgammonGameResult {
    var position = BackgammonPosition.start
    var mover = first
    var plies = 0
    while true {
        var (d1, d2) = rollDice(&random)
        while plies == 0 && d1 == d2 { (d1, d2) = rollDice(&random) }
        generator.generate(position, d1, d2)
        let choice = generator.count == 1 ? 0 : players[mover].chooseMove(in: position, moves: generator, random: &random)
        let next = generator.positions[choice]
        plies += 1
        if next.playerHasWon {
            return BackgammonGameResult(winner: mover, outcome: .of(winner: next.player, loser: next.opponent), plies: plies)
        }
        position = next.swapped
        mover = 1 - mover
    }
}

/// A match of many games between two players, alternating who starts.
public struct BackgammonMatchResult: Sendable {
    public let games: Int
    /// Games won by the first player.
    public let wins: Int
    /// Points won by each player (1, 2 or 3 per game).
    public let points: (first: Int, second: Int)
    /// Average moves per game.
    public let averagePlies: Double

    /// The first player's share of games won.
    public var winRate: Double { Double(wins) / Double(games) }

    /// A 95% confidence interval for the first player's winning probability (Wilson score
    /// interval, which behaves well near 0 and 1).
    public var interval95: (low: Double, high: Double) { wilsonInterval(wins: wins, games: games) }
}

/// The Wilson 95% interval for `wins` successes out of `games`.
public func wilsonInterval(wins: Int, games: Int, z: Double = 1.959964) -> (low: Double, high: Double) {
    guard games > 0 else { return (0, 1) }
    let n = Double(games), p = Double(wins) / n
    let denominator = 1 + z * z / n
    let centre = (p + z * z / (2 * n)) / denominator
    let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / denominator
    return (max(0, centre - half), min(1, centre + half))
}

/// Plays `games` games of `a` against `b`, `a` starting the even-numbered ones.
public func playBackgammonMatch(_ a: BackgammonPlayer, _ b: BackgammonPlayer, games: Int, seed: UInt64)
    -> BackgammonMatchResult {
    var random = SeededGenerator(seed: seed)
    let generator = BackgammonMoveGenerator()
    var wins = 0, pointsA = 0, pointsB = 0, plies = 0
    for game in 0..<games {
        let result = playBackgammonGame([a, b], first: game % 2, random: &random, generator: generator)
        plies += result.plies
        if result.winner == 0 { wins += 1; pointsA += result.outcome.rawValue } else { pointsB += result.outcome.rawValue }
    }
    return BackgammonMatchResult(games: games, wins: wins, points: (pointsA, pointsB),
                                 averagePlies: Double(plies) / Double(max(games, 1)))
}
