// The lesson's three commands besides the notebook itself, declared below as `Subcommand`s and
// parsed by the same code as the lesson's flags (`swift run Lesson06 <command> --help`):
//
//   swift run Lesson06 train [--games N] [--hidden H] [--seed N] [--out PATH] [--every K] [--matmul]
//                            [--step α] [--lambda λ] [--from PATH]
//   swift run Lesson06 play [--two-ply] [--seed N]   (a different seed gives different dice)
//   swift run Lesson06 analyze <position-id> <die1> <die2> [--two-ply]
//
// `train` produced the shipped network `Data/tdgammon-h40.weights` (see the README for its
// game count and time); `play` is a game against the network in the terminal; `analyze` ranks
// the legal moves of a position by the network's evaluation.

import Foundation
import LessonRuntime
import Reinforcement
import TensorCore

/// Where the shipped network lives, found from this source file so that it works from any
/// working directory.
let shippedNetworkPath: String = {
    let lessonDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    return lessonDirectory.appendingPathComponent("../../Data/tdgammon-h40.weights").standardized.path
}()
let shippedHiddenCount = 40

enum LessonCommand {
    /// The commands, in the order the lesson's usage lists them. Each is parsed by the same code
    /// as the lesson's own flags and has its own `--help`.
    static let all = [trainCommand, playCommand, analyzeCommand]

    static let gamesOption = Option("games", default: 100_000, atLeast: 1, help: "self-play games to train")
    static let hiddenOption = Option("hidden", "H", default: 40, atLeast: 1, help: "hidden units")
    static let trainSeedOption = Option("seed", default: UInt64(1), help: "seed of the initial weights and the dice")
    static let outOption = Option("out", "PATH", default: "",
                                  help: "where to save the network after every checkpoint (default tdgammon-hH.weights)")
    static let everyOption = Option("every", "K", default: 10_000, atLeast: 1,
                                    help: "games between checkpoints (a 1,000-game match against pubeval, then a save)")
    static let matmulSwitch = Switch("matmul", help: "evaluate candidates with the dense matrix product (same numbers, slower)")
    static let stepOption = Option("step", "α", default: 0.1, help: "step size α")
    static let lambdaOption = Option("lambda", "λ", default: 0.7, help: "trace decay λ")
    static let fromOption = Option("from", "PATH", default: "", help: "continue from a saved network instead of random weights")
    static let twoPlySwitch = Switch("two-ply", help: "look two plies ahead (slower, stronger)")
    static let playSeedOption = Option("seed", default: UInt64(42), help: "seed of the dice and of who starts")
    static let positionArgument = Argument("position-id", help: "a GNU Backgammon Position ID, X to move")
    static let firstDieArgument = Argument("die1", help: "the first die, 1 to 6")
    static let secondDieArgument = Argument("die2", help: "the second die, 1 to 6")

    static let trainCommand = Subcommand(
        "train", summary: "train a 198–H–1 network by self-play TD(λ), with checkpoints against pubeval",
        flags: [gamesOption, hiddenOption, trainSeedOption, outOption, everyOption, matmulSwitch, stepOption,
                lambdaOption, fromOption],
        run: train)
    static let playCommand = Subcommand(
        "play", summary: "play a game against the shipped network in the terminal",
        flags: [twoPlySwitch, playSeedOption], run: play)
    static let analyzeCommand = Subcommand(
        "analyze", summary: "rank the legal moves of a position by the shipped network's evaluation",
        flags: [twoPlySwitch], arguments: [positionArgument, firstDieArgument, secondDieArgument],
        run: analyze)

    /// A failure that is not the command line's fault (a file that cannot be read): exit 1.
    static func fail(_ message: String) -> Never {
        report("Lesson06: \(message)")
        exit(1)
    }

    static func loadShippedNetwork() -> TDGammonNetwork {
        do {
            return try TDGammonNetwork(contentsOf: shippedNetworkPath, hiddenCount: shippedHiddenCount)
        } catch {
            fail("cannot read the shipped network: \(error)")
        }
    }

    // MARK: train

    static func train(_ options: Options) {
        let games = options[gamesOption]
        let hidden = options[hiddenOption]
        let seed = options[trainSeedOption]
        let every = options[everyOption]
        let out = options.isGiven(outOption) ? options[outOption] : "tdgammon-h\(hidden).weights"
        let stepSize = options[stepOption]
        let lambda = options[lambdaOption]
        var random = SeededGenerator(seed: seed)
        // --matmul evaluates candidates with the dense matrix product instead of the sparse sum;
        // both give the same bits (TDGammonEvaluator), so a run reproduces with or without it.
        var initial = TDGammonNetwork(hiddenCount: hidden, using: &random)
        if options.isGiven(fromOption) {
            let from = options[fromOption]
            // Continue from a saved network (for a second stage with a smaller step).
            do {
                initial = try TDGammonNetwork(contentsOf: from, hiddenCount: hidden)
            } catch {
                fail("cannot read \(from): \(error)")
            }
        }
        let trainer = TDGammonTrainer(network: initial,
                                      lambda: lambda, stepSize: stepSize, useMatmul: options[matmulSwitch])
        let start = Date()
        // Unbuffered, so that a log file shows every checkpoint as it happens.
        func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        say("training a 198–\(hidden)–1 network: \(games) self-play games, λ = \(lambda), α = \(stepSize), seed \(seed)")
        while trainer.gamesPlayed < games {
            let batch = min(every, games - trainer.gamesPlayed)
            for _ in 0..<batch { trainer.trainOneGame(random: &random) }
            let seconds = Date().timeIntervalSince(start)
            let player = TDGammonPlayer(network: trainer.network)
            let match = playBackgammonMatch(player, PubevalPlayer(), games: 1000, seed: 99)
            let (low, high) = match.interval95
            say(String(format: "%8d games  %7.0f s  %5.0f games/s  vs pubeval %.3f [%.3f, %.3f]",
                         trainer.gamesPlayed, seconds, Double(trainer.gamesPlayed) / seconds,
                         match.winRate, low, high))
            do {
                try trainer.network.save(to: out)
            } catch {
                fail("cannot write \(out): \(error)")
            }
        }
        say("saved \(out) after \(trainer.gamesPlayed) games in \(Int(Date().timeIntervalSince(start))) s")
    }

    // MARK: analyze

    static func analyze(_ options: Options) throws(OptionsError) {
        let positionID = options[positionArgument]
        let position: BackgammonPosition
        do {
            position = try BackgammonPosition(positionID: positionID)
        } catch {
            throw .invalidArgument(name: positionArgument.name, value: positionID, expected: "a Position ID (\(error))")
        }
        func die(_ argument: Argument) throws(OptionsError) -> Int {
            let text = options[argument]
            guard let value = Int(text), (1...6).contains(value) else {
                throw .invalidArgument(name: argument.name, value: text, expected: "a number from 1 to 6")
            }
            return value
        }
        let d1 = try die(firstDieArgument), d2 = try die(secondDieArgument)
        let player = TDGammonPlayer(network: loadShippedNetwork(), plies: options[twoPlySwitch] ? 2 : 1)
        print(position.board)
        print("\nRoll \(d1)-\(d2): legal moves ranked by the network (\(player.plies)-ply), "
              + "value = estimated probability that X wins")
        for (rank, entry) in player.rankedMoves(position, d1, d2).enumerated() {
            let move = entry.move.description
            print(String(format: "%3d. ", rank + 1) + move + String(repeating: " ", count: max(1, 28 - move.count))
                  + String(format: "%.4f", entry.value))
        }
    }

    // MARK: play

    static func play(_ options: Options) {
        var random = SeededGenerator(seed: options[playSeedOption])
        let computer = TDGammonPlayer(network: loadShippedNetwork(), plies: options[twoPlySwitch] ? 2 : 1)
        let generator = BackgammonMoveGenerator()
        print("You are X and move from your 24 point down to 1, then off. Type moves like 24/18 13/11,")
        print("bar/22, 6/off or 8/5(2); 'hint' shows the network's choice, 'quit' ends the game.")
        var position = BackgammonPosition.start
        var humanToMove = random.index(below: 2) == 0
        var first = true
        while true {
            var (d1, d2) = rollDice(&random)
            while first && d1 == d2 { (d1, d2) = rollDice(&random) }
            first = false
            generator.generate(position, d1, d2)
            let next: BackgammonPosition
            if humanToMove {
                print("\n" + position.boardLines(playerMark: "X", opponentMark: "O").joined(separator: "\n"))
                print("You rolled \(d1)-\(d2).")
                if generator.count == 1 && generator.moves[0].count == 0 {
                    print("No legal move.")
                    next = generator.positions[0]
                } else {
                    next = generator.positions[askMove(position, generator, computer)]
                }
            } else {
                let choice = computer.chooseMove(in: position, moves: generator, random: &random)
                print("\nThe network rolled \(d1)-\(d2) and played \(generator.moves[choice]).")
                next = generator.positions[choice]
            }
            if next.playerHasWon {
                let outcome = BackgammonOutcome.of(winner: next.player, loser: next.opponent)
                print(humanToMove ? "\nYou win (\(outcome))!" : "\nThe network wins (\(outcome)).")
                return
            }
            position = next.swapped
            humanToMove.toggle()
        }
    }

    static func askMove(_ position: BackgammonPosition, _ generator: BackgammonMoveGenerator,
                        _ computer: TDGammonPlayer) -> Int {
        while true {
            print("Your move: ", terminator: "")
            guard let line = readLine() else { print("\nGoodbye."); exit(0) }
            let text = line.trimmingCharacters(in: .whitespaces)
            if text == "quit" || text == "q" { print("Goodbye."); exit(0) }
            if text == "hint" {
                var scratch = SeededGenerator(seed: 0)
                let choice = computer.chooseMove(in: position, moves: generator, random: &scratch)
                print("The network would play \(generator.moves[choice]).")
                continue
            }
            if let index = BackgammonNotation.legalIndex(of: text, in: position, generator: generator) { return index }
            print("That is not a legal move with this roll. Legal moves include: "
                  + generator.moves.prefix(4).map(\.description).joined(separator: ", ") + " …")
        }
    }
}

