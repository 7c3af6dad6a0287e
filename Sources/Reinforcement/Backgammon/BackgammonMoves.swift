// Legal moves: every distinct position the side on roll can reach with a roll of two dice.
//
// The rules enforced here:
// - a roll of two different numbers is two moves, one per die, in either order; a double is
//   four moves of that number;
// - a checker on the bar must enter (on the opponent's home board, point 25 − d) before any
//   other checker moves;
// - a checker may not land on a point held by two or more opposing checkers; landing on a
//   single opposing checker (a blot) hits it and sends it to the bar;
// - checkers may be borne off only when all fifteen are in the home board (points 1…6); a die
//   larger than the highest occupied point bears off from that highest point;
// - as many dice as possible must be used; when only one of two different dice can be played,
//   the larger one must be played if it can be.
// Different orders of the same checker moves often reach the same position; the generator
// returns each resulting position once.

import TensorCore

/// One complete move: up to four single-checker steps `from → to` in the player's numbering,
/// with 25 = the bar and 0 = off.
public struct BackgammonMove: Hashable, Sendable, CustomStringConvertible {
    /// Steps as (from, to, hit) triples; only the first `count` are used.
    var froms: SIMD4<Int8> = .zero
    var tos: SIMD4<Int8> = .zero
    var hits: SIMD4<Int8> = .zero
    /// The number of single-checker steps (0…4).
    public private(set) var count = 0

    public init() {}

    /// The steps as (from, to, hit) in playing order.
    public var steps: [(from: Int, to: Int, hit: Bool)] {
        (0..<count).map { (Int(froms[$0]), Int(tos[$0]), hits[$0] != 0) }
    }

    mutating func append(from: Int, to: Int, hit: Bool) {
        froms[count] = Int8(from); tos[count] = Int8(to); hits[count] = hit ? 1 : 0
        count += 1
    }

    /// The usual notation, e.g. `24/18 13/11*`, `bar/22 6/off`, `13/7(2)`, `13/10*/9`: a
    /// checker that moves on is written once (`24/20`, not `24/21 21/20`; a hit on the way is
    /// kept as `13/10*/9`), equal moves are counted, and moves are listed from the highest
    /// starting point down; a move with no steps is `(no move)`.
    public var description: String {
        if count == 0 { return "(no move)" }
        func name(_ point: Int) -> String { point == 25 ? "bar" : point <= 0 ? "off" : "\(point)" }
        // Each chain is a path of points; `hits[k]` says whether the checker hit on arriving at
        // point k of the path.
        var chains: [(points: [Int], hits: [Bool])] = steps.sorted { ($0.from, $0.to) > ($1.from, $1.to) }
            .map { ([$0.from, $0.to], [false, $0.hit]) }
        var joined = true
        while joined {
            joined = false
            outer: for i in chains.indices {
                for j in chains.indices where j != i && chains[j].points.first == chains[i].points.last {
                    chains[i].points += chains[j].points.dropFirst()
                    chains[i].hits += chains[j].hits.dropFirst()
                    chains.remove(at: j)
                    joined = true
                    break outer
                }
            }
        }
        var texts: [(first: Int, text: String)] = chains.map { chain in
            var text = ""
            for (k, point) in chain.points.enumerated() {
                // Intermediate points are written only where the checker hit.
                if k > 0 && k < chain.points.count - 1 && !chain.hits[k] { continue }
                text += (k == 0 ? "" : "/") + name(point) + (chain.hits[k] ? "*" : "")
            }
            return (chain.points[0], text)
        }
        texts.sort { ($0.first, $0.text) > ($1.first, $1.text) }
        var parts: [String] = []
        var i = 0
        while i < texts.count {
            var repeats = 1
            while i + repeats < texts.count, texts[i + repeats].text == texts[i].text { repeats += 1 }
            parts.append(texts[i].text + (repeats > 1 ? "(\(repeats))" : ""))
            i += repeats
        }
        return parts.joined(separator: " ")
    }
}

/// Generates the legal moves of a position and roll into reusable buffers.
///
/// A generator owns its result arrays and a hash set for de-duplication, and reuses their
/// storage from call to call, so generating moves in a training loop allocates nothing once
/// the buffers have grown. Not thread-safe: use one generator per thread.
public final class BackgammonMoveGenerator {
    /// The distinct resulting positions of the last call, still with the mover as `player`
    /// (not yet swapped). Never empty: when no checker can move, it holds the unchanged position.
    public private(set) var positions: [BackgammonPosition] = []
    /// The move that reaches each entry of `positions` (one of possibly several orders).
    public private(set) var moves: [BackgammonMove] = []
    private var seen: Set<BackgammonPosition> = []
    private var bestScore = -1
    private var dice: SIMD4<Int8> = .zero
    private var diceCount = 0
    private var isDouble = false
    private var largerDie = 0

    public init() {
        positions.reserveCapacity(1024)
        moves.reserveCapacity(1024)
        seen.reserveCapacity(1024)
    }

    /// The number of results of the last call.
    public var count: Int { positions.count }

    /// Fills `positions` and `moves` with every distinct legal result of rolling `die1`, `die2`
    /// (each 1…6) in `position`, and returns how many there are.
    @discardableResult
    public func generate(_ position: BackgammonPosition, _ die1: Int, _ die2: Int) -> Int {
        check((1...6).contains(die1) && (1...6).contains(die2),
              "BackgammonMoveGenerator: dice must be 1…6, got \(die1) and \(die2)")
        positions.removeAll(keepingCapacity: true)
        moves.removeAll(keepingCapacity: true)
        seen.removeAll(keepingCapacity: true)
        bestScore = -1
        isDouble = die1 == die2
        largerDie = max(die1, die2)
        if isDouble {
            dice = SIMD4(repeating: Int8(die1)); diceCount = 4
            search(position, depth: 0, move: BackgammonMove(), highestSource: 25, lastDie: 0)
        } else {
            diceCount = 2
            dice = SIMD4(Int8(die1), Int8(die2), 0, 0)
            search(position, depth: 0, move: BackgammonMove(), highestSource: 25, lastDie: 0)
            dice = SIMD4(Int8(die2), Int8(die1), 0, 0)
            search(position, depth: 0, move: BackgammonMove(), highestSource: 25, lastDie: 0)
        }
        return positions.count
    }

    /// Depth-first over the dice in order. For doubles, steps are taken from non-increasing
    /// starting points: every set of four steps can be played in that order (moving the back
    /// checkers first never makes a later step illegal), so this skips only permutations.
    private func search(_ position: BackgammonPosition, depth: Int, move: BackgammonMove,
                        highestSource: Int, lastDie: Int) {
        var movedAny = false
        if depth < diceCount {
            let die = Int(dice[depth])
            let onBar = position.player[25] > 0
            let top = onBar ? 25 : (isDouble ? highestSource : 24)
            let bottom = onBar ? 25 : 1
            let allHome = Self.allHome(position.player)
            var source = top
            while source >= bottom {
                if position.player[source] > 0,
                   let (next, hit, target) = Self.step(position, from: source, die: die, allHome: allHome) {
                    movedAny = true
                    var extended = move
                    extended.append(from: source, to: max(target, 0), hit: hit)
                    search(next, depth: depth + 1, move: extended, highestSource: source, lastDie: die)
                }
                source -= 1
            }
        }
        if movedAny { return }
        // A leaf: no further die can be used. Score it so that longer moves beat shorter ones
        // and, with one die of two different ones, the larger die beats the smaller.
        var score = 2 * depth
        if depth == 1 && !isDouble && lastDie == largerDie { score += 1 }
        if score < bestScore { return }
        if score > bestScore {
            bestScore = score
            positions.removeAll(keepingCapacity: true)
            moves.removeAll(keepingCapacity: true)
            seen.removeAll(keepingCapacity: true)
        }
        if seen.insert(position).inserted {
            positions.append(position)
            moves.append(move)
        }
    }

    /// True when all of `side`'s checkers still on the board are on points 1…6.
    @inline(__always) static func allHome(_ side: SIMD32<Int8>) -> Bool {
        for i in 7...25 where side[i] != 0 { return false }
        return true
    }

    /// Moves one checker of the player from `source` by `die`, if that is legal. Returns the new
    /// position, whether it hit, and the target point (≤ 0 means borne off).
    @inline(__always)
    static func step(_ position: BackgammonPosition, from source: Int, die: Int, allHome: Bool)
        -> (BackgammonPosition, Bool, Int)? {
        let target = source - die
        var next = position
        if target >= 1 {
            let blockers = position.opponent[25 - target]
            if blockers >= 2 { return nil }
            next.player[source] -= 1
            next.player[target] += 1
            if blockers == 1 {
                next.opponent[25 - target] = 0
                next.opponent[25] += 1
                return (next, true, target)
            }
            return (next, false, target)
        }
        // Bearing off.
        guard allHome else { return nil }
        if target < 0 {
            // A larger die than needed: only from the highest occupied point.
            var p = source + 1
            while p <= 6 {
                if position.player[p] > 0 { return nil }
                p += 1
            }
        }
        next.player[source] -= 1
        next.player[0] += 1
        return (next, false, 0)
    }

    /// Applies a move's steps to `position` without checking legality (for replaying a move
    /// from `moves`).
    public static func apply(_ move: BackgammonMove, to position: BackgammonPosition) -> BackgammonPosition {
        var next = position
        for s in move.steps { next = relocate(next, from: s.from, to: s.to) }
        return next
    }

    /// Moves one checker from `from` to `to` (25 = bar, 0 = off), hitting a lone opposing
    /// checker on `to`. No legality check.
    public static func relocate(_ position: BackgammonPosition, from: Int, to: Int) -> BackgammonPosition {
        var next = position
        next.player[from] -= 1
        if to <= 0 {
            next.player[0] += 1
        } else {
            next.player[to] += 1
            if to <= 24, next.opponent[25 - to] == 1 {
                next.opponent[25 - to] = 0
                next.opponent[25] += 1
            }
        }
        return next
    }
}

/// The 21 distinct rolls of two dice with their probabilities (1/36 for doubles, 2/36 otherwise).
public let backgammonRolls: [(die1: Int, die2: Int, probability: Double)] = {
    var rolls: [(Int, Int, Double)] = []
    for a in 1...6 { for b in a...6 { rolls.append((a, b, a == b ? 1.0 / 36 : 2.0 / 36)) } }
    return rolls
}()
