// A backgammon position: the checkers of both sides, each counted from its own point of view.
//
// The side on roll ("player") moves its checkers from its 24 point towards its 1 point and then
// off the board; the opponent does the same in the other direction. Point p of the player is
// point 25 − p of the opponent. Each side's counts live in a `SIMD32<Int8>` so that a position
// is a 64-byte value with no heap storage: copying, hashing and comparing it allocate nothing,
// which matters when move generation builds thousands of positions per second.

/// A backgammon position seen from the side on roll.
///
/// Index layout of both `player` and `opponent` (each from its own side's point of view):
/// `0` = checkers borne off, `1…24` = the points (1 is the side's ace point, 24 its back point),
/// `25` = checkers on the bar. Indices 26…31 stay zero.
public struct BackgammonPosition: Hashable, Sendable {
    /// The checkers of the side on roll.
    public var player: SIMD32<Int8>
    /// The checkers of the other side, counted from that side's point of view.
    public var opponent: SIMD32<Int8>

    /// Index of the bar in `player` and `opponent`.
    public static let bar = 25
    /// Index of the borne-off checkers.
    public static let off = 0

    public init(player: SIMD32<Int8>, opponent: SIMD32<Int8>) {
        self.player = player
        self.opponent = opponent
    }

    /// A position from point counts: `player[p]` and `opponent[p]` for p in 1…24, plus bars;
    /// the borne-off counts are whatever is missing from 15.
    public init(player points: [Int: Int], opponent opponentPoints: [Int: Int]) {
        var p = SIMD32<Int8>(repeating: 0), o = SIMD32<Int8>(repeating: 0)
        for (point, count) in points { p[point] = Int8(count) }
        for (point, count) in opponentPoints { o[point] = Int8(count) }
        p[0] = 0; o[0] = 0
        p[0] = Int8(15 - Int(p.wrappedSum()))
        o[0] = Int8(15 - Int(o.wrappedSum()))
        self.init(player: p, opponent: o)
    }

    /// The starting position: two checkers on the 24 point, five on the 13, three on the 8,
    /// five on the 6, for both sides.
    public static let start = BackgammonPosition(player: [24: 2, 13: 5, 8: 3, 6: 5],
                                                 opponent: [24: 2, 13: 5, 8: 3, 6: 5])

    /// The same position with the other side on roll.
    public var swapped: BackgammonPosition { BackgammonPosition(player: opponent, opponent: player) }

    /// How many opposing checkers sit on the player's point `point` (1…24).
    @inline(__always) public func opponentCount(onPlayerPoint point: Int) -> Int {
        Int(opponent[25 - point])
    }

    /// True when the side on roll has borne off all fifteen checkers.
    public var playerHasWon: Bool { player[0] == 15 }
    /// True when the opponent has borne off all fifteen checkers.
    public var opponentHasWon: Bool { opponent[0] == 15 }

    /// The highest index (1…25) holding a checker of `side`, or 0 when all are off.
    static func furthest(_ side: SIMD32<Int8>) -> Int {
        var i = 25
        while i > 0 && side[i] == 0 { i -= 1 }
        return i
    }

    /// True when the two sides can no longer hit each other: every checker of the player is
    /// past every checker of the opponent (a pure race).
    public var isRace: Bool {
        let playerBack = Self.furthest(player), opponentBack = Self.furthest(opponent)
        return playerBack + opponentBack <= 24
    }

    /// The pip count of each side: the total distance its checkers must travel to bear off.
    public var pipCounts: (player: Int, opponent: Int) {
        var p = 0, o = 0
        for i in 1...25 { p += i * Int(player[i]); o += i * Int(opponent[i]) }
        return (p, o)
    }

    /// Checks the invariants: fifteen checkers each, no negative counts, never both sides on
    /// one point. Returns a description of the first violation, or nil.
    public var violation: String? {
        for i in 0...25 where player[i] < 0 || opponent[i] < 0 { return "negative count at index \(i)" }
        for i in 26..<32 where player[i] != 0 || opponent[i] != 0 { return "unused index \(i) is not zero" }
        if player.wrappedSum() != 15 { return "the player has \(player.wrappedSum()) checkers" }
        if opponent.wrappedSum() != 15 { return "the opponent has \(opponent.wrappedSum()) checkers" }
        for p in 1...24 where player[p] > 0 && opponentCount(onPlayerPoint: p) > 0 {
            return "both sides on point \(p)"
        }
        return nil
    }

    /// Feeds the 64 bytes of the two counts to the hasher as one block.
    ///
    /// The synthesised `Hashable` would hash the two `SIMD32<Int8>` lane by lane, 64 separate
    /// one-byte `combine` calls, and move generation, which hashes every position it reaches to
    /// drop duplicates, spent about a fifth of Lesson06's time there. Equal positions have equal
    /// bytes (indices 26…31 are always zero), so this agrees with the synthesised `==`.
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: player) { hasher.combine(bytes: $0) }
        withUnsafeBytes(of: opponent) { hasher.combine(bytes: $0) }
    }
}

/// How a finished game ends, from the winner's side: 1, 2 or 3 points.
public enum BackgammonOutcome: Int, Sendable, Comparable {
    /// The loser had borne off at least one checker.
    case single = 1
    /// The loser had borne off none.
    case gammon = 2
    /// The loser had borne off none and still has a checker on the bar or in the winner's home board.
    case backgammon = 3

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The outcome when `winner` has borne off everything and `loser` is the other side's checkers
    /// (each from its own point of view).
    public static func of(winner: SIMD32<Int8>, loser: SIMD32<Int8>) -> BackgammonOutcome {
        if loser[0] > 0 { return .single }
        // The winner's home board (its points 1…6) is the loser's 19…24; the bar is 25.
        for i in 19...25 where loser[i] > 0 { return .backgammon }
        return .gammon
    }
}
