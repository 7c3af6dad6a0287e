// The board in the terminal, and moves typed in the usual notation.

extension BackgammonPosition {
    /// A text picture of the board from the side on roll (`X`, moving 24 → 1, home board at the
    /// bottom right) against `O`. Columns show up to five checkers; a taller stack prints its count
    /// in the fifth row. The Position ID and pip counts are on the last line.
    public func boardLines(playerMark: Character = "X", opponentMark: Character = "O") -> [String] {
        func cell(_ point: Int, row: Int) -> String {
            let mine = Int(player[point]), theirs = opponentCount(onPlayerPoint: point)
            let (count, mark) = mine > 0 ? (mine, playerMark) : (theirs, opponentMark)
            if count == 0 || row >= count && !(row == 4 && count > 5) { return row == 0 && count == 0 ? " ·" : "  " }
            if row == 4 && count > 5 { return count > 9 ? "\(count)" : " \(count)" }
            return " \(mark)"
        }
        func half(_ points: [Int], row: Int) -> String { points.map { cell($0, row: row) }.joined(separator: " ") }
        let topLeft = Array(13...18), topRight = Array(19...24)
        let bottomLeft = Array((7...12).reversed()), bottomRight = Array((1...6).reversed())
        var lines: [String] = []
        lines.append(" 13 14 15 16 17 18       19 20 21 22 23 24")
        lines.append("+------------------+---+------------------+")
        for row in 0..<5 {
            let barMark = row == 0 && opponent[25] > 0 ? "\(opponentMark)\(opponent[25])" : "   "
            lines.append("|\(half(topLeft, row: row)) |\(barMark.count == 2 ? barMark + " " : barMark)|\(half(topRight, row: row)) |")
        }
        lines.append("|                  |BAR|                  |")
        for row in (0..<5).reversed() {
            let barMark = row == 0 && player[25] > 0 ? "\(playerMark)\(player[25])" : "   "
            lines.append("|\(half(bottomLeft, row: row)) |\(barMark.count == 2 ? barMark + " " : barMark)|\(half(bottomRight, row: row)) |")
        }
        lines.append("+------------------+---+------------------+")
        lines.append(" 12 11 10  9  8  7        6  5  4  3  2  1")
        let pips = pipCounts
        lines.append("\(playerMark) on roll: pips \(pips.player), off \(player[0])   "
                     + "\(opponentMark): pips \(pips.opponent), off \(opponent[0])   ID \(positionID)")
        return lines
    }

    /// The board as one string (see `boardLines`).
    public var board: String { boardLines().joined(separator: "\n") }
}

/// Reads a move typed in the usual notation and finds it among the legal moves.
public enum BackgammonNotation {
    /// Parses text such as `24/18 13/11`, `bar/22 6/off`, `13/10*/7`, `6/2(2)` into single
    /// steps (from, to) with 25 = bar and 0 = off. Returns nil for text it cannot read.
    public static func parseSteps(_ text: String) -> [(from: Int, to: Int)]? {
        var steps: [(Int, Int)] = []
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," })
        if words.isEmpty { return nil }
        for word in words {
            var token = Substring(word)
            var repeats = 1
            if let open = token.firstIndex(of: "("), token.last == ")" {
                guard let n = Int(token[token.index(after: open)..<token.index(before: token.endIndex)]),
                      (1...4).contains(n) else { return nil }
                repeats = n
                token = token[..<open]
            }
            let parts = token.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.replacingStars() }
            guard parts.count >= 2 else { return nil }
            var points: [Int] = []
            for part in parts {
                switch part {
                case "bar", "b": points.append(25)
                case "off", "o": points.append(0)
                default:
                    guard let n = Int(part), (1...24).contains(n) else { return nil }
                    points.append(n)
                }
            }
            for _ in 0..<repeats {
                for i in 0..<(points.count - 1) {
                    guard points[i] > points[i + 1] else { return nil }
                    steps.append((points[i], points[i + 1]))
                }
            }
        }
        return steps
    }

    /// The index in `generator.positions` of the legal move that `text` describes in
    /// `position`, or nil when the text is unreadable or not a legal move. The steps are played
    /// one checker at a time; the result must equal one of the legal resulting positions.
    public static func legalIndex(of text: String, in position: BackgammonPosition,
                                  generator: BackgammonMoveGenerator) -> Int? {
        guard let steps = parseSteps(text) else { return nil }
        var current = position
        for (from, to) in steps {
            guard current.player[from] > 0 else { return nil }
            current = BackgammonMoveGenerator.relocate(current, from: from, to: to)
        }
        return generator.positions.firstIndex(of: current)
    }
}

extension Substring {
    fileprivate func replacingStars() -> String { String(filter { $0 != "*" }) }
}
