import Reinforcement
import Testing

@Suite("Backgammon move notation")
struct BackgammonNotationTests {
    @Test("parsing: plain, bar, off, chained with a hit, repeated; garbage is rejected")
    func parse() {
        #expect(BackgammonNotation.parseSteps("24/18 13/11")!.map { [$0.from, $0.to] } == [[24, 18], [13, 11]])
        #expect(BackgammonNotation.parseSteps("bar/22 6/off")!.map { [$0.from, $0.to] } == [[25, 22], [6, 0]])
        #expect(BackgammonNotation.parseSteps("13/10*/7")!.map { [$0.from, $0.to] } == [[13, 10], [10, 7]])
        #expect(BackgammonNotation.parseSteps("8/5(2)")!.map { [$0.from, $0.to] } == [[8, 5], [8, 5]])
        for bad in ["", "hello", "24-18", "5/8", "25/20", "0/3", "8/5(9)", "13//7"] {
            #expect(BackgammonNotation.parseSteps(bad) == nil, "\(bad)")
        }
    }

    @Test("typed moves are found among the legal ones; illegal ones are not")
    func legalIndex() {
        let generator = BackgammonMoveGenerator()
        generator.generate(.start, 3, 1)
        for text in ["8/5 6/5", "6/5 8/5", "24/20", "24/23/20", "13/9", "13/10 10/9", "24/23 13/10"] {
            #expect(BackgammonNotation.legalIndex(of: text, in: .start, generator: generator) != nil, "\(text)")
        }
        for text in ["8/5", "24/18", "6/off 6/5", "bar/22", "13/10 13/9", "x"] {
            #expect(BackgammonNotation.legalIndex(of: text, in: .start, generator: generator) == nil, "\(text)")
        }
    }

    @Test("descriptions join a checker's steps and count repeats: 24/20, 6/2(4), 13/10*/9 stays split")
    func descriptions() {
        let generator = BackgammonMoveGenerator()
        generator.generate(.start, 4, 4)
        let names = Set(generator.moves.map(\.description))
        #expect(names.contains("6/2(4)") && names.contains("24/16 13/5") && names.contains("13/5(2)"))
        let blot = BackgammonPosition(player: [13: 1, 1: 14], opponent: [15: 1, 1: 14])
        generator.generate(blot, 3, 1)
        #expect(Set(generator.moves.map(\.description)) == ["13/10*/9", "13/9"])
    }
}
