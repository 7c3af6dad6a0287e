// Tesauro's 198-unit encoding of a backgammon position, the input of TD-Gammon's network.

import TensorCore

/// Tesauro's 198-unit encoding of a position.
///
/// For each side and each of its 24 points, four units describe the n checkers there:
/// [n ≥ 1, n ≥ 2, n ≥ 3, (n − 3)/2 when n > 3] (so 1 checker is 1 0 0 0, 2 are 1 1 0 0, 5 are
/// 1 1 1 1). Then one unit for the bar, n/2, and one for the checkers borne off, n/15. That is
/// 24·4 + 2 = 98 units per side, 196 for both, and two final units say which side is on roll.
///
/// Layout: units 0…97 are the first side (the mover, `position.player`), points 1…24 in its own
/// numbering then bar then off; units 98…195 the other side the same way; unit 196 is 1 when the
/// first side is on roll, unit 197 when the second is.
public enum TDGammonEncoding {
    /// The number of input units.
    public static let inputCount = 198

    /// Writes the 198 units of `position` to `units` (which must have room for 198 numbers).
    /// `firstSideOnRoll` is false for an afterstate: the mover has just moved and the other side
    /// rolls next.
    @inline(__always)
    public static func encode(_ position: BackgammonPosition, firstSideOnRoll: Bool,
                              into units: UnsafeMutablePointer<Double>) {
        units.update(repeating: 0, count: inputCount)
        encodeSide(position.player, into: units)
        encodeSide(position.opponent, into: units + 98)
        units[firstSideOnRoll ? 196 : 197] = 1
    }

    @inline(__always)
    static func encodeSide(_ side: SIMD32<Int8>, into units: UnsafeMutablePointer<Double>) {
        for point in 1...24 {
            let n = Int(side[point])
            if n == 0 { continue }
            let base = 4 * (point - 1)
            units[base] = 1
            if n >= 2 { units[base + 1] = 1 }
            if n >= 3 { units[base + 2] = 1 }
            if n > 3 { units[base + 3] = Double(n - 3) / 2 }
        }
        units[96] = Double(side[25]) / 2
        units[97] = Double(side[0]) / 15
    }

    /// The encoding as an array (convenient, allocates).
    public static func encode(_ position: BackgammonPosition, firstSideOnRoll: Bool = false) -> [Double] {
        var units = [Double](repeating: 0, count: inputCount)
        units.withUnsafeMutableBufferPointer { encode(position, firstSideOnRoll: firstSideOnRoll, into: $0.baseAddress!) }
        return units
    }

    /// Positions (afterstates, the other side on roll) as one batch: a `[n, 198]` tensor with
    /// the encoding of `positions[r]` in row r, the input of `TDGammonNetwork.sequential`.
    public static func batch(_ positions: [BackgammonPosition]) -> Tensor {
        let scalars = [Double](unsafeUninitializedCapacity: positions.count * inputCount) { units, count in
            for (r, position) in positions.enumerated() {
                encode(position, firstSideOnRoll: false, into: units.baseAddress! + r * inputCount)
            }
            count = positions.count * inputCount
        }
        return Tensor(shape: [positions.count, inputCount], scalars: scalars)
    }
}
