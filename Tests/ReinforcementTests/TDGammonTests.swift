import Foundation
import Reinforcement
import TensorCore
import Testing

/// The slow checks run in CI or with NEURALRL_SLOW_TESTS=1.
let slowTestsEnabled = ProcessInfo.processInfo.environment["CI"] != nil
    || ProcessInfo.processInfo.environment["NEURALRL_SLOW_TESTS"] == "1"

/// The shipped network, found from this file.
let shippedNetworkFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Data/tdgammon-h40.weights").standardized.path

@Suite("TD-Gammon")
struct TDGammonTests {
    @Test("198 units: the start has 27 non-zero units; a point with n checkers gives Tesauro's four units")
    func encoding() {
        let units = TDGammonEncoding.encode(.start)
        #expect(units.count == 198)
        #expect(units.filter { $0 != 0 }.count == 27)
        #expect(Array(units[20..<24]) == [1, 1, 1, 1])  // 5 on the 6 point: (5 − 3)/2 = 1
        #expect(Array(units[28..<32]) == [1, 1, 1, 0])  // 3 on the 8 point
        #expect(Array(units[92..<96]) == [1, 1, 0, 0])  // 2 on the 24 point
        #expect(units[196] == 0 && units[197] == 1)
        let barAndOff = BackgammonPosition(player: [25: 2, 6: 3], opponent: [1: 15])
        let u = TDGammonEncoding.encode(barAndOff)
        #expect(u[96] == 1 && abs(u[97] - 10.0 / 15) < 1e-15)
    }

    @Test("∇V of the 198–H–1 network matches central differences")
    func gradient() {
        var random = SeededGenerator(seed: 9)
        let network = TDGammonNetwork(hiddenCount: 8, scale: 0.5, using: &random)
        let position = BackgammonPosition(player: [25: 1, 13: 4, 6: 5, 8: 3, 1: 2], opponent: [24: 2, 13: 5, 8: 3, 6: 4])
        let analytic = network.gradient(of: position)
        let total = 198 * 8 + 8 + 8 + 1
        #expect(analytic.count == total)
        for index in stride(from: 0, to: total, by: 7) {
            var plus = network, minus = network
            func nudge(_ n: inout TDGammonNetwork, _ by: Double) {
                if index < 1584 { n.hiddenWeights[index] += by } else if index < 1592 { n.hiddenBias[index - 1584] += by }
                else if index < 1600 { n.outputWeights[index - 1592] += by } else { n.outputBias += by }
            }
            nudge(&plus, 1e-6); nudge(&minus, -1e-6)
            let numeric = (plus.value(of: position) - minus.value(of: position)) / 2e-6
            #expect(abs(numeric - analytic[index]) < 1e-8, "parameter \(index)")
        }
    }

    @Test("batch evaluation: the sparse path, the matmul path and the one-position path agree")
    func evaluatorPaths() {
        var random = SeededGenerator(seed: 10)
        let network = TDGammonNetwork(hiddenCount: 40, using: &random)
        let generator = BackgammonMoveGenerator()
        generator.generate(.start, 4, 4)
        let sparse = TDGammonEvaluator(useMatmul: false), dense = TDGammonEvaluator(useMatmul: true)
        sparse.evaluate(network, generator.positions)
        dense.evaluate(network, generator.positions)
        for i in 0..<generator.count {
            #expect(abs(sparse.values[i] - dense.values[i]) < 1e-12)
            #expect(abs(sparse.values[i] - network.value(of: generator.positions[i])) < 1e-12)
        }
    }

    @Test("weight files: save and load give the same network")
    func weightFileRoundTrip() throws {
        var random = SeededGenerator(seed: 11)
        let network = TDGammonNetwork(hiddenCount: 5, using: &random)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lesson06-roundtrip-\(getpid()).weights").path
        try network.save(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try TDGammonNetwork(contentsOf: path, hiddenCount: 5)
        #expect(loaded.hiddenWeights == network.hiddenWeights && loaded.outputBias == network.outputBias)
    }

    @Test("pubeval: its score is the weights · its 122 inputs; it beats a random player")
    func pubeval() {
        let position = BackgammonPosition(player: [25: 0, 13: 4, 6: 5, 8: 3, 5: 2, 24: 1], opponent: [24: 2, 13: 5, 8: 3, 6: 4, 25: 1])
        let x = Pubeval.inputs(position)
        #expect(x[120] == 0.5)  // one opposing checker on the bar
        #expect(x[5 * 0 + 1] == 1)  // block 0 is point 24: one of ours
        #expect(x[5 * 18 + 4] == 1)  // point 6: five checkers, (5 − 3)/2
        for race in [false, true] {
            let weights = race ? Pubeval.raceWeights : Pubeval.contactWeights
            let dot = zip(weights, x).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(Pubeval.score(position, race: race) - dot) < 1e-12)
        }
        #expect(Pubeval.raceWeights.count == 122 && Pubeval.contactWeights.count == 122)
        let match = playBackgammonMatch(PubevalPlayer(), RandomBackgammonPlayer(), games: 200, seed: 1)
        #expect(match.winRate > 0.95)
    }

    @Test("Wilson interval: 60 of 100 → [0.502, 0.691]; 0 of 50 starts at 0")
    func wilson() {
        let (low, high) = wilsonInterval(wins: 60, games: 100)
        #expect(abs(low - 0.5020) < 5e-4 && abs(high - 0.6906) < 5e-4)
        #expect(wilsonInterval(wins: 0, games: 50).low == 0)
    }

    @Test("lesson quick configuration: 3000 self-play games beat the random player in ≥ 90% of 300 games")
    func quickTraining() {
        var random = SeededGenerator(seed: 43)  // the lesson's seed 42 + 1
        let trainer = TDGammonTrainer(network: TDGammonNetwork(hiddenCount: 40, using: &random))
        for _ in 0..<3000 { trainer.trainOneGame(random: &random) }
        let match = playBackgammonMatch(TDGammonPlayer(network: trainer.network), RandomBackgammonPlayer(), games: 300, seed: 600)
        #expect(match.winRate >= 0.9)
    }

    @Test("the shipped network wins at least 55% of 1,000 games against pubeval")
    func shippedVersusPubeval() throws {
        let network = try TDGammonNetwork(contentsOf: shippedNetworkFile, hiddenCount: 40)
        let match = playBackgammonMatch(TDGammonPlayer(network: network), PubevalPlayer(), games: 1000, seed: 2026)
        #expect(match.winRate >= 0.55, "won \(match.wins) of 1000")
    }

    @Test("2-ply: picks a legal move and costs far more evaluations than 1-ply")
    func twoPly() throws {
        let network = try TDGammonNetwork(contentsOf: shippedNetworkFile, hiddenCount: 40)
        let player = TDGammonPlayer(network: network, plies: 2, candidates: 3)
        let generator = BackgammonMoveGenerator()
        generator.generate(.start, 3, 1)
        var random = SeededGenerator(seed: 1)
        let choice = player.chooseMove(in: .start, moves: generator, random: &random)
        #expect(choice >= 0 && choice < generator.count)
        #expect(player.evaluations > 3 * 21 * 5)
        let probabilities = backgammonRolls.reduce(0) { $0 + $1.probability }
        #expect(backgammonRolls.count == 21 && abs(probabilities - 1) < 1e-12)
    }

    @Test("default configuration: 20,000 self-play games beat random in ≥ 90% of 1,000 games",
          .enabled(if: slowTestsEnabled, "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func defaultTraining() {
        var random = SeededGenerator(seed: 43)
        let trainer = TDGammonTrainer(network: TDGammonNetwork(hiddenCount: 40, using: &random))
        for _ in 0..<20_000 { trainer.trainOneGame(random: &random) }
        let match = playBackgammonMatch(TDGammonPlayer(network: trainer.network), RandomBackgammonPlayer(), games: 1000, seed: 600)
        #expect(match.winRate >= 0.9)
    }

    @Test("the shipped network wins at least 60% of 5,000 games against pubeval",
          .enabled(if: slowTestsEnabled, "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func shippedVersusPubevalLong() throws {
        let network = try TDGammonNetwork(contentsOf: shippedNetworkFile, hiddenCount: 40)
        let match = playBackgammonMatch(TDGammonPlayer(network: network), PubevalPlayer(), games: 5000, seed: 5000)
        #expect(match.winRate >= 0.60, "won \(match.wins) of 5000")
    }

    @Test("self-play speed: at least 300 training games per CPU second with H = 40",
          .enabled(if: slowTestsEnabled, "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func speed() {
        var random = SeededGenerator(seed: 12)
        let trainer = TDGammonTrainer(network: TDGammonNetwork(hiddenCount: 40, using: &random))
        for _ in 0..<200 { trainer.trainOneGame(random: &random) }  // past the slow random-play start
        let start = clock()
        for _ in 0..<1000 { trainer.trainOneGame(random: &random) }
        let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
        #expect(1000 / seconds >= 300, "\(1000 / seconds) games per CPU second")
    }
}
