import Reinforcement
import TensorCore
import Testing

/// The rules engine on hand-built positions: each test lists the exact set of legal results.
@Suite("Backgammon rules")
struct BackgammonRulesTests {
    /// The results of rolling (d1, d2) in `position`, checked for duplicates and invariants.
    func results(_ position: BackgammonPosition, _ d1: Int, _ d2: Int) -> Set<BackgammonPosition> {
        let generator = BackgammonMoveGenerator()
        generator.generate(position, d1, d2)
        #expect(Set(generator.positions).count == generator.count, "duplicate resulting positions")
        for (p, move) in zip(generator.positions, generator.moves) {
            #expect(p.violation == nil, "\(move): \(p.violation ?? "")")
            #expect(BackgammonMoveGenerator.apply(move, to: position) == p, "move \(move) does not reach its position")
        }
        return Set(generator.positions)
    }

    /// Positions reached by playing each text move (no legality check).
    func expected(_ position: BackgammonPosition, _ moves: [String]) -> Set<BackgammonPosition> {
        Set(moves.map { text in
            var p = position
            for (from, to) in BackgammonNotation.parseSteps(text)! { p = BackgammonMoveGenerator.relocate(p, from: from, to: to) }
            return p
        })
    }

    /// One back checker on the 24 point and fourteen stuck on the ace point (they cannot bear
    /// off while the back checker is out), so only the back checker can move.
    func oneRunner(opponent: [Int: Int]) -> BackgammonPosition {
        BackgammonPosition(player: [24: 1, 1: 14], opponent: opponent)
    }

    @Test("the starting position has 15 checkers a side and is not a race")
    func start() {
        #expect(BackgammonPosition.start.violation == nil)
        #expect(!BackgammonPosition.start.isRace)
        #expect(BackgammonPosition.start.pipCounts.player == 167)
    }

    @Test("both dice must be used when possible: 6-5 with the 18 blocked plays 24/19/13")
    func bothDice() {
        // Opponent's two checkers on its 7 point = our 18 point.
        let position = oneRunner(opponent: [7: 2, 19: 13])
        #expect(results(position, 6, 5) == expected(position, ["24/19/13"]))
    }

    @Test("only one die playable: the larger one must be played (6-5, the 13 blocked → 24/18)")
    func largerDie() {
        // Our 13 point is the opponent's 12.
        let position = oneRunner(opponent: [12: 2, 19: 13])
        #expect(results(position, 6, 5) == expected(position, ["24/18"]))
    }

    @Test("when the larger die cannot be played at all, the smaller one is (18 and 13 blocked → 24/19)")
    func smallerDieWhenLargerBlocked() {
        let position = oneRunner(opponent: [7: 2, 12: 2, 19: 11])
        #expect(results(position, 6, 5) == expected(position, ["24/19"]))
    }

    @Test("doubles are played four times: 2-2 → 24/16; with the 18 blocked → 24/20")
    func doubles() {
        let open = oneRunner(opponent: [19: 15])
        #expect(results(open, 2, 2) == expected(open, ["24/16"]))
        let blocked = oneRunner(opponent: [7: 2, 19: 13])
        #expect(results(blocked, 2, 2) == expected(blocked, ["24/20"]))
    }

    @Test("a checker on the bar enters first: bar/20/14 is the only move of 6-5 with our 19 blocked")
    func enterFirst() {
        // Our 19 point is the opponent's 6 point.
        let position = BackgammonPosition(player: [25: 1, 6: 14], opponent: [6: 2, 1: 13])
        #expect(results(position, 6, 5) == expected(position, ["bar/20/14"]))
    }

    @Test("closed entry points: no legal move, the position stays as it is")
    func cannotEnter() {
        let position = BackgammonPosition(player: [25: 1, 6: 14], opponent: [6: 2, 5: 2, 1: 11])
        #expect(results(position, 6, 5) == [position])
    }

    @Test("two on the bar with 4-3: both must enter, bar/22 bar/21")
    func twoOnBar() {
        let position = BackgammonPosition(player: [25: 2, 6: 13], opponent: [1: 15])
        #expect(results(position, 4, 3) == expected(position, ["bar/22 bar/21"]))
    }

    @Test("hitting: 3-1 from the 13 with a blot on our 10 gives 13/10*/9 and 13/12/9, two positions")
    func hit() {
        // The opponent's blot on its 15 point = our 10 point.
        let position = oneRunner(opponent: [15: 1, 19: 14]).replacing(player: [13: 1, 1: 14])
        let found = results(position, 3, 1)
        #expect(found == expected(position, ["13/10*/9", "13/12/9"]))
        #expect(found.contains { $0.opponent[25] == 1 }, "one result has the hit checker on the bar")
    }

    @Test("bearing off: 6-3 with checkers on 5, 5, 2 → only 5/off 5/2 (the 6 bears off from the highest point)")
    func bearOffHighest() {
        let position = BackgammonPosition(player: [5: 2, 2: 1], opponent: [19: 15])
        #expect(results(position, 6, 3) == expected(position, ["5/off 5/2"]))
    }

    @Test("bearing off: 5-2 with checkers on 5, 5, 2 → 5/off 5/3 and 5/off 2/off")
    func bearOffExact() {
        let position = BackgammonPosition(player: [5: 2, 2: 1], opponent: [19: 15])
        #expect(results(position, 5, 2) == expected(position, ["5/off 5/3", "5/off 2/off"]))
    }

    @Test("no bearing off while a checker is outside: 2-1 with 8, 2×14 → 8/5 and 8/6 2/1 only")
    func noBearOffOutside() {
        let position = BackgammonPosition(player: [8: 1, 2: 14], opponent: [1: 15])
        #expect(results(position, 2, 1) == expected(position, ["8/5", "8/6 2/1"]))
    }

    @Test("game end: single, gammon and backgammon")
    func outcomes() {
        let winner = BackgammonPosition(player: [:], opponent: [19: 15]).player  // all off
        #expect(BackgammonOutcome.of(winner: winner, loser: BackgammonPosition(player: [3: 14], opponent: [:]).player) == .single)
        #expect(BackgammonOutcome.of(winner: winner, loser: BackgammonPosition(player: [3: 15], opponent: [:]).player) == .gammon)
        #expect(BackgammonOutcome.of(winner: winner, loser: BackgammonPosition(player: [3: 14, 20: 1], opponent: [:]).player) == .backgammon)
        #expect(BackgammonOutcome.of(winner: winner, loser: BackgammonPosition(player: [3: 14, 25: 1], opponent: [:]).player) == .backgammon)
    }

    @Test("random games: no duplicate results, invariants hold, every roll has at least one result")
    func randomGames() {
        var random = SeededGenerator(seed: 7)
        let generator = BackgammonMoveGenerator()
        var positionsSeen = 0
        for _ in 0..<40 {
            var position = BackgammonPosition.start
            while true {
                let (d1, d2) = rollDice(&random)
                generator.generate(position, d1, d2)
                #expect(generator.count >= 1)
                #expect(Set(generator.positions).count == generator.count)
                positionsSeen += generator.count
                let next = generator.positions[random.index(below: generator.count)]
                #expect(next.violation == nil)
                if next.playerHasWon { break }
                position = next.swapped
            }
        }
        #expect(positionsSeen > 10_000)
    }

    @Test("opening rolls: the generator agrees with a brute-force generator")
    func openingCountsByBruteForce() {
        // An independent, slow generator: every ordered sequence of single steps, no pruning.
        for (d1, d2) in [(3, 1), (6, 6), (6, 5), (2, 2), (4, 1)] {
            let fast = results(.start, d1, d2)
            let slow = bruteForce(.start, d1, d2)
            #expect(fast == slow, "roll \(d1)-\(d2): \(fast.count) vs \(slow.count)")
        }
    }

    /// A deliberately naive generator for cross-checking: all orders, all sources, then the
    /// "use the most dice, else the larger die" filter.
    func bruteForce(_ position: BackgammonPosition, _ d1: Int, _ d2: Int) -> Set<BackgammonPosition> {
        let orders = d1 == d2 ? [[d1, d1, d1, d1]] : [[d1, d2], [d2, d1]]
        var leaves: [(BackgammonPosition, Int, Int)] = []  // position, dice used, last die
        func walk(_ p: BackgammonPosition, _ dice: [Int], _ used: Int, _ last: Int) {
            var moved = false
            if let die = dice.first {
                for source in 1...25 where p.player[source] > 0 {
                    if p.player[25] > 0 && source != 25 { continue }
                    let target = source - die
                    if target >= 1 {
                        if p.opponentCount(onPlayerPoint: target) >= 2 { continue }
                    } else {
                        if (7...25).contains(where: { p.player[$0] > 0 }) { continue }
                        if target < 0 && ((source + 1)...6).contains(where: { p.player[$0] > 0 }) { continue }
                    }
                    moved = true
                    walk(BackgammonMoveGenerator.relocate(p, from: source, to: max(target, 0)), Array(dice.dropFirst()), used + 1, die)
                }
            }
            if !moved { leaves.append((p, used, last)) }
        }
        for order in orders { walk(position, order, 0, 0) }
        let most = leaves.map(\.1).max()!
        var kept = leaves.filter { $0.1 == most }
        if most == 1 && d1 != d2 && kept.contains(where: { $0.2 == max(d1, d2) }) {
            kept = kept.filter { $0.2 == max(d1, d2) }
        }
        return Set(kept.map(\.0))
    }

    @Test("brute force agrees on positions from random games (bar, hits, bearing off)")
    func bruteForceRandom() {
        var random = SeededGenerator(seed: 11)
        let generator = BackgammonMoveGenerator()
        var compared = 0
        for _ in 0..<6 {
            var position = BackgammonPosition.start
            while true {
                let (d1, d2) = rollDice(&random)
                #expect(results(position, d1, d2) == bruteForce(position, d1, d2))
                compared += 1
                generator.generate(position, d1, d2)
                let next = generator.positions[random.index(below: generator.count)]
                if next.playerHasWon { break }
                position = next.swapped
            }
        }
        #expect(compared > 200)
    }
}

extension BackgammonPosition {
    /// The same opponent with a new set of the player's checkers.
    func replacing(player points: [Int: Int]) -> BackgammonPosition {
        BackgammonPosition(player: BackgammonPosition(player: points, opponent: [:]).player, opponent: opponent)
    }
}
