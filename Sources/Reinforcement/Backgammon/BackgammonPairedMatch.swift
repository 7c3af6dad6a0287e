// Comparing two players on the same dice: paired matches against a common opponent.

import TensorCore

/// Two matches of `games` games, player A and player B each against the same opponent, where
/// game i of both matches rolls the same dice: its own generator is seeded from `seed` and i,
/// so a difference in moves in one game cannot shift the dice of later games. (Within a game the
/// k-th roll is the same for both as long as no player draws random numbers of its own, as
/// `RandomBackgammonPlayer` does from the same generator.)
public struct BackgammonPairedMatches: Sendable {
    /// A against the opponent, and B against the opponent.
    public let first: BackgammonMatchResult, second: BackgammonMatchResult
    /// Per game, B's result minus A's: +1 (only B won), 0 (both won or both lost), −1.
    public let differences: [Int]

    /// The mean of `differences`: B's win rate minus A's.
    public var meanDifference: Double {
        Double(differences.reduce(0, +)) / Double(max(differences.count, 1))
    }

    /// A 95% interval for B's winning probability minus A's, from the paired differences
    /// (normal approximation: mean ± 1.96 s/√n with the sample standard deviation s).
    /// Pairing removes the luck of the dice that both players share, so this interval is
    /// narrower than what two independent Wilson intervals suggest.
    public var differenceInterval95: (low: Double, high: Double) {
        let n = Double(differences.count)
        guard n > 1 else { return (-1, 1) }
        let mean = meanDifference
        let variance = differences.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / (n - 1)
        let half = 1.959964 * (variance / n).squareRoot()
        return (mean - half, mean + half)
    }
}

/// Plays `a` and `b` each against `opponent` on the same dice, game by game; `a` and `b` start
/// the even-numbered games, the opponent the odd ones.
public func playPairedBackgammonMatches(_ a: BackgammonPlayer, _ b: BackgammonPlayer,
                                        against opponent: BackgammonPlayer, games: Int,
                                        seed: UInt64) -> BackgammonPairedMatches {
    var gameSeeds = SeededGenerator(seed: seed)
    let generator = BackgammonMoveGenerator()
    var tallies = [(wins: 0, points: 0, opponentPoints: 0, plies: 0), (wins: 0, points: 0, opponentPoints: 0, plies: 0)]
    var differences: [Int] = []
    differences.reserveCapacity(games)
    for game in 0..<games {
        let gameSeed = gameSeeds.next()
        var won = [0, 0]
        for (k, player) in [a, b].enumerated() {
            var dice = SeededGenerator(seed: gameSeed)
            let result = playBackgammonGame([player, opponent], first: game % 2, random: &dice, generator: generator)
            tallies[k].plies += result.plies
            if result.winner == 0 {
                won[k] = 1
                tallies[k].wins += 1
                tallies[k].points += result.outcome.rawValue
            } else {
                tallies[k].opponentPoints += result.outcome.rawValue
            }
        }
        differences.append(won[1] - won[0])
    }
    let results = tallies.map {
        BackgammonMatchResult(games: games, wins: $0.wins, points: ($0.points, $0.opponentPoints),
                              averagePlies: Double($0.plies) / Double(max(games, 1)))
    }
    return BackgammonPairedMatches(first: results[0], second: results[1], differences: differences)
}
