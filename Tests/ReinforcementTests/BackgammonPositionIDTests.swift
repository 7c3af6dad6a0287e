import Reinforcement
import TensorCore
import Testing

@Suite("GNU Backgammon Position ID")
struct BackgammonPositionIDTests {
    @Test("the starting position is 4HPwATDgc/ABMA, both ways")
    func start() throws {
        #expect(BackgammonPosition.start.positionID == "4HPwATDgc/ABMA")
        #expect(try BackgammonPosition(positionID: "4HPwATDgc/ABMA") == .start)
    }

    @Test("IDs printed by gnubg decode to the right sides: checkers on the bar, checkers off")
    func knownIDs() throws {
        // Position IDs from the test suite of wildbg (a gnubg-compatible engine): one with the
        // side on roll on the bar, one with the other side having borne off checkers.
        let onBar = try BackgammonPosition(positionID: "zGbiIQgxH/AAWA")
        #expect(onBar.player[25] > 0 && onBar.opponent[25] == 0)
        let opponentOff = try BackgammonPosition(positionID: "zGbiIYCYD3gALA")
        #expect(opponentOff.opponent[0] > 0 && opponentOff.player[0] == 0)
        for id in ["4HPwATDgc/ABMA", "jGfkASjg8wcBMA", "zGbiIQgxH/AAWA", "zGbiIYCYD3gALA"] {
            #expect(try BackgammonPosition(positionID: id).positionID == id)
        }
    }

    @Test("round trip on 2,000 positions from random games")
    func roundTrip() throws {
        var random = SeededGenerator(seed: 3)
        let generator = BackgammonMoveGenerator()
        var count = 0
        while count < 2000 {
            var position = BackgammonPosition.start
            while count < 2000 {
                let (d1, d2) = rollDice(&random)
                generator.generate(position, d1, d2)
                let next = generator.positions[random.index(below: generator.count)]
                #expect(try BackgammonPosition(positionID: next.positionID) == next)
                #expect(next.positionID.count == 14)
                count += 1
                if next.playerHasWon { break }
                position = next.swapped
            }
        }
    }

    @Test("bad IDs throw instead of crashing")
    func badIDs() {
        #expect(throws: BackgammonPositionIDError.self) { try BackgammonPosition(positionID: "short") }
        #expect(throws: BackgammonPositionIDError.self) { try BackgammonPosition(positionID: "4HPwATDgc/AB!A") }
        #expect(throws: BackgammonPositionIDError.self) { try BackgammonPosition(positionID: "//////////////") }
    }

    @Test("the board shows both sides and the ID")
    func board() {
        let text = BackgammonPosition.start.board
        #expect(text.contains("4HPwATDgc/ABMA"))
        #expect(text.filter { $0 == "X" }.count == 15 + 1)  // 5 + 3 + 5 + 2 checkers, and "X on roll"
    }
}
