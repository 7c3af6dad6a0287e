// TD-Gammon's value network: a `Sequential` of two dense sigmoid layers, 198 → H → 1.

import NeuralNetworks
import TensorCore

/// TD-Gammon's value network: Tesauro's 198 inputs, H sigmoid hidden units, one sigmoid output,
/// the estimated probability that the mover of an afterstate (its `player` side, the other side
/// to roll) wins the game.
///
/// It is the library's `Dense(198 → H, sigmoid)` then `Dense(H → 1, sigmoid)`, and nothing
/// else: `sequential` puts the two layers in the library's `Sequential`, `value(of:)` is its
/// `predict`, `gradient(of:)` its `backward`, and a weight file is its `saveWeights`. The two
/// layers are stored as `Dense` values rather than inside a `Sequential` (an array of `any
/// Layer`) because move choice reads them for every position: reaching a layer through the
/// array costs a dynamic cast and a copy of the whole layer per call, which the profile of a
/// one-position evaluation showed as a large part of its time. The fast paths of `TDGammonEvaluator` and `TDGammonTrainer` read and
/// update these two layers' parameters in place, and are tested to give the same numbers, bit
/// for bit, as `sequential`'s `predict` and `backward`.
public struct TDGammonNetwork: Sendable {
    /// Layer 0, `Dense(198 → H, sigmoid)`.
    public internal(set) var hiddenLayer: Dense
    /// Layer 1, `Dense(H → 1, sigmoid)`.
    public internal(set) var outputLayer: Dense
    /// The number of hidden units H.
    public let hiddenCount: Int

    /// The network as the library's `Sequential`: layer 0 is `hiddenLayer`, layer 1 `outputLayer`.
    public var sequential: Sequential { Sequential([hiddenLayer, outputLayer]) }

    /// Small random weights, each uniform in ±`scale`, drawn in the order of
    /// `sequential.parameters`: hidden weights (row-major [198, H]), hidden biases, output
    /// weights, output bias.
    public init(hiddenCount: Int = 40, scale: Double = 0.1, using generator: inout SeededGenerator) {
        check(hiddenCount > 0, "TDGammonNetwork: hiddenCount must be positive, got \(hiddenCount)")
        func draw(_ shape: [Int]) -> Tensor {
            Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in generator.uniform(in: -scale...scale) })
        }
        let hiddenWeights = draw([TDGammonEncoding.inputCount, hiddenCount]), hiddenBias = draw([hiddenCount])
        let outputWeights = draw([hiddenCount, 1]), outputBias = draw([1])
        self.init(Sequential([Dense(weights: hiddenWeights, bias: hiddenBias, activation: .sigmoid),
                              Dense(weights: outputWeights, bias: outputBias, activation: .sigmoid)]))
    }

    /// Wraps a 198→H→1 `Sequential` of two dense sigmoid layers (for example one read from a
    /// weight file, or one trained by a lesson's own TD(λ) loop); stops with a message naming
    /// what it got otherwise.
    public init(_ network: Sequential) {
        let description = network.layers.map { layer in
            (layer as? Dense).map { "Dense \($0.inputCount)→\($0.outputCount) \($0.activation.name)" } ?? layer.kind
        }
        let dense = network.layers.compactMap { $0 as? Dense }
        check(dense.count == 2 && network.layers.count == 2
              && dense[0].inputCount == TDGammonEncoding.inputCount && dense[1].outputCount == 1
              && dense[0].activation == .sigmoid && dense[1].activation == .sigmoid,
              "TDGammonNetwork: expected Dense 198→H sigmoid, Dense H→1 sigmoid; got \(description)")
        hiddenLayer = dense[0]
        outputLayer = dense[1]
        hiddenCount = dense[0].outputCount
    }

    /// Reads a 198–`hiddenCount`–1 network from a weight file written by `save(to:)`, with the
    /// library's `loadWeights` (which throws on a damaged file or other shapes).
    public init(contentsOf path: String, hiddenCount: Int) throws(WeightFileError) {
        var network = Sequential([
            Dense(weights: .zeros([TDGammonEncoding.inputCount, hiddenCount]), bias: .zeros([hiddenCount]), activation: .sigmoid),
            Dense(weights: .zeros([hiddenCount, 1]), bias: .zeros([1]), activation: .sigmoid),
        ])
        try network.loadWeights(from: path)
        self.init(network)
    }

    /// Writes the network in the library's weight-file format.
    public func save(to path: String) throws(WeightFileError) {
        try sequential.saveWeights(to: path)
    }

    /// V(position): the network's `predict` on the position's 198 units (allocates; move choice
    /// uses `TDGammonEvaluator`, which gives the same number).
    public func value(of position: BackgammonPosition, firstSideOnRoll: Bool = false) -> Double {
        sequential.predict(Tensor(TDGammonEncoding.encode(position, firstSideOnRoll: firstSideOnRoll))).scalars[0]
    }

    /// ∇_θ V(position) by the network's `backward` (output gradient 1), flattened in the order of
    /// `sequential.parameters`: hidden weights (row-major [198, H]), hidden biases, output weights,
    /// output bias. This is the gradient the self-play trace accumulates; `TDGammonTrainer`
    /// computes it from the evaluator's cached activations, tested to give the same bits.
    public func gradient(of position: BackgammonPosition, firstSideOnRoll: Bool = false) -> [Double] {
        var network = sequential
        _ = network.forward(Tensor(TDGammonEncoding.encode(position, firstSideOnRoll: firstSideOnRoll)))
        _ = network.backward(Tensor([1.0]), accumulate: false, needsInputGradient: false)
        return network.gradients.flatMap(\.scalars)
    }

    /// A copy of the network with one parameter moved by `step`, every other parameter the same
    /// bits: the probe of a finite-difference check of `gradient(of:)`, as in
    /// (V(θ + h eᵢ) − V(θ − h eᵢ)) / 2h.
    ///
    /// `index` is flat, in the order of `sequential.parameters` and of `gradient(of:)`: hidden
    /// weights (row-major [198, H]), hidden biases, output weights, output bias. Stops with a
    /// message if it is outside 0 ..< `sequential.parameterCount`.
    public func nudged(parameter index: Int, by step: Double) -> TDGammonNetwork {
        var network = sequential
        check(index >= 0 && index < network.parameterCount,
              "TDGammonNetwork.nudged: parameter \(index) is outside 0..<\(network.parameterCount)")
        var parameters = network.parameters
        var tensor = 0, offset = index
        while offset >= parameters[tensor].count { offset -= parameters[tensor].count; tensor += 1 }
        parameters[tensor].withUnsafeMutableBufferPointer { $0[offset] += step }
        network.parameters = parameters
        return TDGammonNetwork(network)
    }
}
