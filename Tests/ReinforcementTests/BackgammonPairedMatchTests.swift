import Reinforcement
import TensorCore
import Testing

@Suite("Paired backgammon matches: two players on the same dice")
struct BackgammonPairedMatchTests {
    @Test("the same deterministic player twice plays identical games: every difference is 0")
    func identicalPlayersTie() {
        let paired = playPairedBackgammonMatches(PubevalPlayer(), PubevalPlayer(), against: PubevalPlayer(),
                                                 games: 40, seed: 7)
        #expect(paired.differences == Array(repeating: 0, count: 40))
        #expect(paired.first.wins == paired.second.wins && paired.first.averagePlies == paired.second.averagePlies)
        #expect(paired.differenceInterval95 == (0, 0))
    }

    @Test("differences are B's result minus A's, game by game, and the interval is mean ± 1.96 s/√n")
    func differencesAndInterval() {
        // Pubeval against the random mover wins far more often than the random mover does.
        let paired = playPairedBackgammonMatches(RandomBackgammonPlayer(), PubevalPlayer(), against: RandomBackgammonPlayer(),
                                                 games: 60, seed: 11)
        #expect(paired.differences.count == 60)
        #expect(paired.differences.allSatisfy { [-1, 0, 1].contains($0) })
        #expect(abs(paired.meanDifference - (paired.second.winRate - paired.first.winRate)) < 1e-12)
        let n = 60.0, mean = paired.meanDifference
        let s = (paired.differences.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / (n - 1)).squareRoot()
        let (low, high) = paired.differenceInterval95
        #expect(abs(low - (mean - 1.959964 * s / n.squareRoot())) < 1e-12)
        #expect(abs(high - (mean + 1.959964 * s / n.squareRoot())) < 1e-12)
        #expect(low > 0, "pubeval should beat the random mover clearly: \(paired.first.winRate) vs \(paired.second.winRate)")
    }

    @Test("the same seed gives the same paired matches")
    func reproducible() {
        let long = playPairedBackgammonMatches(PubevalPlayer(), PubevalPlayer(), against: RandomBackgammonPlayer(),
                                               games: 12, seed: 3)
        let again = playPairedBackgammonMatches(PubevalPlayer(), PubevalPlayer(), against: RandomBackgammonPlayer(),
                                                games: 12, seed: 3)
        #expect(long.first.wins == again.first.wins && long.differences == again.differences)
    }
}
