// The lesson's three commands besides the notebook itself:
//
//   swift run Lesson06 train [--games N] [--hidden H] [--seed S] [--out PATH] [--every K] [--matmul]
//                            [--step α] [--lambda λ] [--from PATH]
//   swift run Lesson06 play [--two-ply] [--seed S]   (a different seed gives different dice)
//   swift run Lesson06 analyze <PositionID> <die1> <die2> [--two-ply]
//
// `train` produced the shipped network `Data/tdgammon-h40.weights` (see the README for its
// game count and time); `play` is a game against the network in the terminal; `analyze` ranks
// the legal moves of a position by the network's evaluation.

import Foundation
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
    /// Runs a command if the first argument names one; returns false for a notebook run.
    static func runIfRequested(_ arguments: [String]) -> Bool {
        guard arguments.count > 1, ["train", "play", "analyze"].contains(arguments[1]) else { return false }
        let rest = Array(arguments.dropFirst(2))
        switch arguments[1] {
        case "train": train(rest)
        case "play": play(rest)
        default: analyze(rest)
        }
        return true
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("Lesson06: \(message)\n".utf8))
        FileHandle.standardError.write(Data("""
            Usage: swift run Lesson06 [notebook options]
                   swift run Lesson06 train [--games N] [--hidden H] [--seed S] [--out PATH] [--every K] [--matmul]
                                            [--step α] [--lambda λ] [--from PATH]
                   swift run Lesson06 play [--two-ply] [--seed S]
                   swift run Lesson06 analyze <PositionID> <die1> <die2> [--two-ply]

            """.utf8))
        exit(64)
    }

    /// Reads `--name value` pairs and bare switches.
    static func options(_ arguments: [String], values: Set<String>, switches: Set<String>)
        -> (values: [String: String], switches: Set<String>, positional: [String]) {
        var found: [String: String] = [:], on: Set<String> = [], positional: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a.hasPrefix("--") {
                let name = String(a.dropFirst(2))
                if switches.contains(name) { on.insert(name); i += 1; continue }
                guard values.contains(name) else { fail("unknown option '\(a)'") }
                guard i + 1 < arguments.count else { fail("option '\(a)' needs a value") }
                found[name] = arguments[i + 1]
                i += 2
            } else {
                positional.append(a)
                i += 1
            }
        }
        return (found, on, positional)
    }

    static func integer(_ values: [String: String], _ name: String, default value: Int) -> Int {
        guard let text = values[name] else { return value }
        guard let n = Int(text), n >= 0 else { fail("--\(name) needs a non-negative integer, got '\(text)'") }
        return n
    }

    static func loadShippedNetwork() -> TDGammonNetwork {
        do {
            return try TDGammonNetwork(contentsOf: shippedNetworkPath, hiddenCount: shippedHiddenCount)
        } catch {
            fail("cannot read the shipped network: \(error)")
        }
    }

    // MARK: train

    static func train(_ arguments: [String]) {
        let parsed = options(arguments, values: ["games", "hidden", "seed", "out", "every", "step", "lambda", "from"],
                             switches: ["matmul"])
        let games = integer(parsed.values, "games", default: 100_000)
        let hidden = integer(parsed.values, "hidden", default: 40)
        let seed = UInt64(integer(parsed.values, "seed", default: 1))
        let every = max(1, integer(parsed.values, "every", default: 10_000))
        let out = parsed.values["out"] ?? "tdgammon-h\(hidden).weights"
        let stepSize = Double(parsed.values["step"] ?? "0.1") ?? 0.1
        let lambda = Double(parsed.values["lambda"] ?? "0.7") ?? 0.7
        var random = SeededGenerator(seed: seed)
        // --matmul evaluates candidates with the dense matrix product instead of the sparse sum;
        // the values agree to rounding, but over many games rounding changes some choices, so
        // reproducing a file bit for bit needs the same path (the shipped one used --matmul).
        var initial = TDGammonNetwork(hiddenCount: hidden, using: &random)
        if let from = parsed.values["from"] {
            // Continue from a saved network (for a second stage with a smaller step).
            do {
                initial = try TDGammonNetwork(contentsOf: from, hiddenCount: hidden)
            } catch {
                fail("cannot read \(from): \(error)")
            }
        }
        let trainer = TDGammonTrainer(network: initial,
                                      lambda: lambda, stepSize: stepSize, useMatmul: parsed.switches.contains("matmul"))
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

    static func analyze(_ arguments: [String]) {
        let parsed = options(arguments, values: [], switches: ["two-ply"])
        guard parsed.positional.count == 3 else { fail("analyze needs a Position ID and two dice") }
        let position: BackgammonPosition
        do {
            position = try BackgammonPosition(positionID: parsed.positional[0])
        } catch {
            fail("\(error)")
        }
        guard let d1 = Int(parsed.positional[1]), let d2 = Int(parsed.positional[2]),
              (1...6).contains(d1), (1...6).contains(d2) else { fail("dice must be numbers from 1 to 6") }
        let player = TDGammonPlayer(network: loadShippedNetwork(), plies: parsed.switches.contains("two-ply") ? 2 : 1)
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

    static func play(_ arguments: [String]) {
        let parsed = options(arguments, values: ["seed"], switches: ["two-ply"])
        var random = SeededGenerator(seed: UInt64(integer(parsed.values, "seed", default: 42)))
        let computer = TDGammonPlayer(network: loadShippedNetwork(), plies: parsed.switches.contains("two-ply") ? 2 : 1)
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

