// GNU Backgammon's Position ID: a position as 14 characters, so that positions can be copied
// between this course, gnubg and the many sites that print the same IDs.
//
// The format (gnubg manual, "A technical description of the Position ID",
// https://www.gnu.org/software/gnubg/manual/html_node/A-technical-description-of-the-Position-ID.html):
// for each side, walk its points from its own ace point (1) to its 24 point and then its bar,
// appending one 1-bit per checker and a 0-bit after each point. That is at most 30 ones and
// 50 zeros: 80 bits, packed little-endian (the first bit is the lowest bit of byte 0) into 10
// bytes, which are written in base64 (the usual alphabet A–Z a–z 0–9 + /) without the two
// padding characters.
//
// Which side comes first: the manual says the side on roll, but gnubg's own code writes the side
// *not* on roll first, and that is what gnubg prints and reads. We follow the program (the IDs
// gnubg shows), and the tests check it on IDs with an asymmetric position.

public enum BackgammonPositionIDError: Error, Equatable, CustomStringConvertible {
    case wrongLength(Int)
    case invalidCharacter(Character)
    case invalidPosition(String)

    public var description: String {
        switch self {
        case .wrongLength(let n): "a Position ID has 14 characters, this one has \(n)"
        case .invalidCharacter(let c): "'\(c)' is not a base64 character"
        case .invalidPosition(let why): "the ID does not describe a legal position: \(why)"
        }
    }
}

extension BackgammonPosition {
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// The 10-byte key: the opponent's checkers, then the player's (see the file comment).
    public var positionKey: [UInt8] {
        var key = [UInt8](repeating: 0, count: 10)
        var bit = 0
        for side in [opponent, player] {
            for index in 1...25 {
                for _ in 0..<Int(side[index]) {
                    key[bit / 8] |= 1 << UInt8(bit % 8)
                    bit += 1
                }
                bit += 1
            }
        }
        return key
    }

    /// The 14-character GNU Backgammon Position ID, e.g. `4HPwATDgc/ABMA` for the start.
    public var positionID: String {
        let key = positionKey + [0, 0]  // 12 bytes = 16 base64 characters; the last 2 are padding
        var text = ""
        for group in 0..<4 {
            let b0 = Int(key[3 * group]), b1 = Int(key[3 * group + 1]), b2 = Int(key[3 * group + 2])
            let bits = b0 << 16 | b1 << 8 | b2
            for shift in [18, 12, 6, 0] { text.append(Self.base64Alphabet[(bits >> shift) & 63]) }
        }
        return String(text.prefix(14))
    }

    /// Reads a GNU Backgammon Position ID (leading and trailing spaces are ignored).
    public init(positionID: String) throws(BackgammonPositionIDError) {
        let characters = Array(positionID.trimmingCharacters())
        guard characters.count == 14 else { throw .wrongLength(characters.count) }
        var values: [Int] = []
        for c in characters {
            guard let v = Self.base64Alphabet.firstIndex(of: c) else { throw .invalidCharacter(c) }
            values.append(v)
        }
        values += [0, 0]
        var key: [UInt8] = []
        for group in 0..<4 {
            let bits = values[4 * group] << 18 | values[4 * group + 1] << 12 | values[4 * group + 2] << 6
                | values[4 * group + 3]
            key += [UInt8((bits >> 16) & 255), UInt8((bits >> 8) & 255), UInt8(bits & 255)]
        }
        var sides = [SIMD32<Int8>(repeating: 0), SIMD32<Int8>(repeating: 0)]
        var bit = 0
        for s in 0..<2 {
            var total = 0
            for index in 1...25 {
                while bit < 80, key[bit / 8] >> UInt8(bit % 8) & 1 == 1 {
                    sides[s][index] += 1
                    total += 1
                    bit += 1
                    if total > 15 { throw .invalidPosition("more than 15 checkers for one side") }
                }
                bit += 1
                if bit > 80 { throw .invalidPosition("the bit string ends too early") }
            }
            sides[s][0] = Int8(15 - total)
        }
        let position = BackgammonPosition(player: sides[1], opponent: sides[0])
        if let why = position.violation { throw .invalidPosition(why) }
        self = position
    }
}

extension String {
    fileprivate func trimmingCharacters() -> Substring {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return s
    }
}
