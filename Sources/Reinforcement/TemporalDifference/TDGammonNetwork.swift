// TD-Gammon's value network: Tesauro's 198 inputs, one sigmoid hidden layer, one sigmoid output.

import NeuralNetworks
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
}

/// A 198–H–1 network with sigmoid hidden units and a sigmoid output: the estimated probability
/// that the mover of an afterstate (its `player` side, the other side to roll) wins the game.
///
/// The parameters are plain arrays so that the TD(λ) update can run in place; `sequential`
/// converts to the library's `Sequential` (and so to its weight files) and back.
public struct TDGammonNetwork: Sendable {
    /// The number of hidden units H.
    public let hiddenCount: Int
    /// Input-to-hidden weights, row-major [198, H] (the layout of `Dense.weights`).
    public var hiddenWeights: [Double]
    /// Hidden biases (H).
    public var hiddenBias: [Double]
    /// Hidden-to-output weights (H).
    public var outputWeights: [Double]
    /// The output's bias.
    public var outputBias: Double

    /// Small random weights, uniform in ±`scale`.
    public init(hiddenCount: Int = 40, scale: Double = 0.1, using generator: inout SeededGenerator) {
        self.hiddenCount = hiddenCount
        hiddenWeights = (0..<(TDGammonEncoding.inputCount * hiddenCount)).map { _ in generator.uniform(in: -scale...scale) }
        hiddenBias = (0..<hiddenCount).map { _ in generator.uniform(in: -scale...scale) }
        outputWeights = (0..<hiddenCount).map { _ in generator.uniform(in: -scale...scale) }
        outputBias = generator.uniform(in: -scale...scale)
    }

    /// The network as two `Dense` layers (198→H sigmoid, H→1 sigmoid).
    public var sequential: Sequential {
        Sequential([
            Dense(weights: Tensor(shape: [TDGammonEncoding.inputCount, hiddenCount], scalars: hiddenWeights),
                  bias: Tensor(hiddenBias), activation: .sigmoid),
            Dense(weights: Tensor(shape: [hiddenCount, 1], scalars: outputWeights),
                  bias: Tensor([outputBias]), activation: .sigmoid),
        ])
    }

    /// Takes the parameters of a 198→H→1 `Sequential` (for example one read from a weight file).
    public init(_ network: Sequential) {
        let shapes = network.parameters.map(\.shape)
        check(shapes.count == 4 && network.layers.count == 2 && shapes[0].first == TDGammonEncoding.inputCount
              && shapes[0].count == 2 && shapes[2] == [shapes[0][1], 1],
              "TDGammonNetwork: expected a 198–H–1 network of two dense layers, got parameter shapes \(shapes)")
        hiddenCount = shapes[0][1]
        hiddenWeights = network[dense: 0].weights.scalars
        hiddenBias = network[dense: 0].bias.scalars
        outputWeights = network[dense: 1].weights.scalars
        outputBias = network[dense: 1].bias.scalars[0]
    }

    /// Reads a 198–`hiddenCount`–1 network from a weight file written by `save(to:)`, with
    /// the library's `loadWeights`.
    public init(contentsOf path: String, hiddenCount: Int) throws(WeightFileError) {
        var network = TDGammonNetwork(zerosWithHiddenCount: hiddenCount).sequential
        try network.loadWeights(from: path)
        self.init(network)
    }

    private init(zerosWithHiddenCount count: Int) {
        hiddenCount = count
        hiddenWeights = [Double](repeating: 0, count: TDGammonEncoding.inputCount * count)
        hiddenBias = [Double](repeating: 0, count: count)
        outputWeights = [Double](repeating: 0, count: count)
        outputBias = 0
    }

    /// Writes the network in the library's weight-file format.
    public func save(to path: String) throws(WeightFileError) {
        try sequential.saveWeights(to: path)
    }

    /// The value of one position (allocates; the training loop uses `TDGammonEvaluator`).
    public func value(of position: BackgammonPosition, firstSideOnRoll: Bool = false) -> Double {
        let x = TDGammonEncoding.encode(position, firstSideOnRoll: firstSideOnRoll)
        var output = outputBias
        for j in 0..<hiddenCount {
            var z = hiddenBias[j]
            for i in 0..<TDGammonEncoding.inputCount where x[i] != 0 { z += x[i] * hiddenWeights[i * hiddenCount + j] }
            output += outputWeights[j] * sigmoid(z)
        }
        return sigmoid(output)
    }

    /// The gradient of `value(of:)` with respect to every parameter, in the order hiddenWeights,
    /// hiddenBias, outputWeights, outputBias (for checks against finite differences).
    public func gradient(of position: BackgammonPosition, firstSideOnRoll: Bool = false) -> [Double] {
        let x = TDGammonEncoding.encode(position, firstSideOnRoll: firstSideOnRoll)
        var hidden = [Double](repeating: 0, count: hiddenCount)
        var output = outputBias
        for j in 0..<hiddenCount {
            var z = hiddenBias[j]
            for i in 0..<TDGammonEncoding.inputCount { z += x[i] * hiddenWeights[i * hiddenCount + j] }
            hidden[j] = sigmoid(z)
            output += outputWeights[j] * hidden[j]
        }
        let y = sigmoid(output)
        let outputSlope = y * (1 - y)
        let hiddenSlopes = (0..<hiddenCount).map { outputSlope * outputWeights[$0] * hidden[$0] * (1 - hidden[$0]) }
        var gradient: [Double] = []
        gradient.reserveCapacity(hiddenWeights.count + 2 * hiddenCount + 1)
        for i in 0..<TDGammonEncoding.inputCount { for j in 0..<hiddenCount { gradient.append(x[i] * hiddenSlopes[j]) } }
        gradient += hiddenSlopes
        gradient += hidden.map { outputSlope * $0 }
        gradient.append(outputSlope)
        return gradient
    }
}
