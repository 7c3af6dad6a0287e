import Foundation
import NeuralNetworks
import TensorCore
import Testing

/// Weight files of networks that mix every kind of layer with parameters or state, and files of
/// the first format (version 1, dense layers only).
@Suite struct WeightFileLayersTests {
    static let image = ImageShape(channels: 1, height: 6, width: 6)

    /// Conv2D → ReLU → max pooling → Dense → batch normalization → residual block → dropout →
    /// Dense, with `filters` filters; batch normalization has seen `batches` training batches.
    static func mixed(seed: UInt64, filters: Int = 2, batches: Int = 3) -> Sequential {
        var generator = SeededGenerator(seed: seed, stream: "mixed network")
        let conv = Convolution2D(input: image, filters: filters, kernelSize: 3, padding: 1,
                                 biasInitializer: .uniform(-0.1...0.1), using: &generator)
        let pool = MaxPooling2D(input: conv.outputShape, size: 2)
        var network = Sequential([
            conv, ActivationLayer(.relu), pool,
            Dense(inputs: pool.outputShape.count, outputs: 5, activation: .tanh, using: &generator),
            BatchNormalization(features: 5, momentum: nil),
            ResidualBlock(width: 5, using: &generator),
            Dropout(rate: 0.25, generator: SeededGenerator(seed: seed, stream: "mixed dropout")),
            Dense(inputs: 5, outputs: 2, using: &generator),
        ])
        for _ in 0..<batches {
            _ = network.forward(Tensor.uniform([4, image.count], in: -1...1, using: &generator))
        }
        return network
    }

    static func batchNormalization(_ network: Sequential) -> BatchNormalization {
        network.layers[4] as! BatchNormalization
    }

    @Test("every layer kind round-trips bit for bit, running statistics included")
    func mixedRoundTrip() throws {
        let (path, _) = temporaryPath()
        let original = Self.mixed(seed: 1)
        try original.saveWeights(to: path)
        var copy = Self.mixed(seed: 2, batches: 1)
        #expect(copy.parameters != original.parameters)
        try copy.loadWeights(from: path)
        #expect(copy.parameters == original.parameters)
        let (a, b) = (Self.batchNormalization(original), Self.batchNormalization(copy))
        #expect(a.runningMean == b.runningMean && a.runningVariance == b.runningVariance)
        #expect(b.batchesTracked == 3 && a.runningVariance != BatchNormalization(features: 5).runningVariance)
        var generator = SeededGenerator(seed: 7, stream: "mixed inputs")
        let x = Tensor.uniform([3, Self.image.count], in: -1...1, using: &generator)
        #expect(copy.predict(x) == original.predict(x))
        // Training goes on as it would have: the cumulative average counts the batches already seen.
        var (trainedA, trainedB) = (original, copy)
        _ = trainedA.forward(x)
        _ = trainedB.forward(x)
        #expect(Self.batchNormalization(trainedA).runningMean == Self.batchNormalization(trainedB).runningMean)
    }

    @Test("the file lists every layer, its kind, and each tensor's name and shape")
    func layout() throws {
        let text = WeightFile.encode(Self.mixed(seed: 1))
        let headers = text.split(separator: "\n").filter { !($0.first.map { $0 == "-" || $0.isNumber } ?? true) }
        #expect(headers == [
            "neuralrl-weights 2", "layers 8",
            "layer 0 Conv2D tensors 2", "weights 2 1 3 3", "bias 2",
            "layer 1 Activation tensors 0", "layer 2 MaxPooling2D tensors 0",
            "layer 3 Dense tensors 2", "weights 18 5", "bias 5",
            "layer 4 BatchNormalization tensors 5", "scale-γ 5", "offset-β 5", "running-mean 5",
            "running-variance 5", "batches-tracked 1",
            "layer 5 ResidualBlock tensors 4", "inner-weights 5 5", "inner-bias 5", "outer-weights 5 5", "outer-bias 5",
            "layer 6 Dropout tensors 0", "layer 7 Dense tensors 2", "weights 5 2", "bias 2", "end",
        ])
    }

    @Test("a network of other shapes or kinds is rejected with both shapes or kinds named")
    func mismatches() throws {
        let (path, _) = temporaryPath()
        try Self.mixed(seed: 1).saveWeights(to: path)
        var wider = Self.mixed(seed: 2, filters: 3)
        let before = wider.parameters
        #expect(throws: WeightFileError.shapeMismatch(path: path, layer: 0, parameter: "weights",
                                                      file: [2, 1, 3, 3], network: [3, 1, 3, 3])) {
            try wider.loadWeights(from: path)
        }
        #expect(wider.parameters == before)
        do {
            var dense = Sequential(Array(Self.mixed(seed: 2).layers.prefix(4)) + [Dense(weights: .zeros([5, 5]), bias: .zeros([5]))]
                                   + Array(Self.mixed(seed: 2).layers.suffix(3)))
            try dense.loadWeights(from: path)
            Issue.record("a Dense in place of batch normalization loaded")
        } catch {
            #expect(error == .layerMismatch(path: path, layer: 4,
                                            file: "a BatchNormalization (scale-γ, offset-β, running-mean, running-variance, batches-tracked)",
                                            network: "a Dense (weights, bias)"))
            #expect(error.description.contains("layer 4 is a BatchNormalization"))
        }
        var shorter = Sequential(Array(Self.mixed(seed: 2).layers.prefix(7)))
        #expect(throws: WeightFileError.layerCountMismatch(path: path, file: 8, network: 7)) {
            try shorter.loadWeights(from: path)
        }
    }

    @Test("an invalid running variance or batch count is an error and changes nothing")
    func invalidState() throws {
        let (path, _) = temporaryPath()
        let text = WeightFile.encode(Self.mixed(seed: 1))
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let variance = lines.firstIndex(of: "running-variance 5")! + 1
        let count = lines.firstIndex(of: "batches-tracked 1")! + 1
        for (line, value, detail) in [(variance, "-1.0 1.0 1.0 1.0 1.0", "a running variance is negative or not finite"),
                                      (count, "2.5", "the number of batches tracked, 2.5, is not a whole number from 0 to 2^53")] {
            var damaged = lines
            damaged[line] = value
            try damaged.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
            var target = Self.mixed(seed: 2)
            let before = Self.batchNormalization(target).runningMean
            #expect(throws: WeightFileError.invalidState(path: path, layer: 4, detail: detail)) {
                try target.loadWeights(from: path)
            }
            #expect(Self.batchNormalization(target).runningMean == before)
        }
        lines = []
    }

    /// A version-1 file of a 3–4–2 network, as the first format wrote it.
    static let version1 = """
        neuralrl-weights 1
        layers 2
        layer 0 weights 3 4 bias 4
        0.5 -1.25 0.1 2.0
        -0.3 0.0 1e-05 0.7071067811865476
        3.0 -2.5 0.25 -0.125
        0.01 -0.02 0.03 -0.04
        layer 1 weights 4 2 bias 2
        1.5 -0.5
        0.2 0.4
        -0.6 0.8
        -1.0 1.0
        0.05 -0.05
        end

        """

    @Test("a version-1 file still loads, into dense layers with or without separate activations")
    func readsVersion1() throws {
        let (path, _) = temporaryPath()
        try Self.version1.write(toFile: path, atomically: false, encoding: .utf8)
        let expected = [
            Tensor(shape: [3, 4], scalars: [0.5, -1.25, 0.1, 2, -0.3, 0, 1e-5, 0.7071067811865476, 3, -2.5, 0.25, -0.125]),
            Tensor([0.01, -0.02, 0.03, -0.04]),
            Tensor(shape: [4, 2], scalars: [1.5, -0.5, 0.2, 0.4, -0.6, 0.8, -1, 1]), Tensor([0.05, -0.05]),
        ]
        var generator = SeededGenerator(seed: 3)
        var plain = Sequential(layerSizes: [3, 4, 2], hiddenActivation: .tanh, using: &generator)
        try plain.loadWeights(from: path)
        #expect(plain.parameters == expected)
        var separate = Sequential([Dense(weights: .zeros([3, 4]), bias: .zeros([4])), ActivationLayer(.tanh),
                                   Dense(weights: .zeros([4, 2]), bias: .zeros([2]))])
        try separate.loadWeights(from: path)
        #expect(separate.parameters == expected)
        // Saved again it is a version-2 file with the same numbers.
        try separate.saveWeights(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("neuralrl-weights 2\n"))
        var again = Sequential(layerSizes: [3, 4, 2], hiddenActivation: .tanh, using: &generator)
        #expect(throws: WeightFileError.layerCountMismatch(path: path, file: 3, network: 2)) { try again.loadWeights(from: path) }
        var same = Sequential([Dense(weights: .zeros([3, 4]), bias: .zeros([4])), ActivationLayer(.tanh),
                               Dense(weights: .zeros([4, 2]), bias: .zeros([2]))])
        try same.loadWeights(from: path)
        #expect(same.parameters == expected)
    }

    @Test("a version-1 file into a network whose layers are not dense names both kinds")
    func version1IntoOtherKinds() throws {
        let (path, _) = temporaryPath()
        try Self.version1.write(toFile: path, atomically: false, encoding: .utf8)
        var target = Sequential([Dense(weights: .zeros([3, 4]), bias: .zeros([4])), BatchNormalization(features: 4)])
        #expect(throws: WeightFileError.layerMismatch(path: path, layer: 1, file: "a Dense (weights, bias)",
                                                      network: "a BatchNormalization (scale-γ, offset-β, running-mean, running-variance, batches-tracked)")) {
            try target.loadWeights(from: path)
        }
    }

    /// The shipped TD-Gammon network, a version-1 file, found from this file.
    static let shippedFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Data/tdgammon-h40.weights").standardized.path

    @Test("the shipped TD-Gammon file loads to the numbers written in it, and survives a version-2 round trip")
    func shippedVersion1File() throws {
        let text = try String(contentsOfFile: Self.shippedFile, encoding: .utf8)
        // Its numbers read straight from the text: every line of numbers, in order.
        let written = text.split(separator: "\n").filter { $0.first.map { $0 == "-" || $0.isNumber } ?? false }
            .flatMap { $0.split(separator: " ").map { Double($0)! } }
        var network = Sequential([Dense(weights: .zeros([198, 40]), bias: .zeros([40]), activation: .sigmoid),
                                  Dense(weights: .zeros([40, 1]), bias: .zeros([1]), activation: .sigmoid)])
        try network.loadWeights(from: Self.shippedFile)
        #expect(written.count == 198 * 40 + 40 + 40 + 1)
        #expect(network.parameters.flatMap(\.scalars) == written)
        let (path, _) = temporaryPath()
        try network.saveWeights(to: path)
        var copy = Sequential([Dense(weights: .zeros([198, 40]), bias: .zeros([40]), activation: .sigmoid),
                               Dense(weights: .zeros([40, 1]), bias: .zeros([1]), activation: .sigmoid)])
        try copy.loadWeights(from: path)
        #expect(copy.parameters == network.parameters)
    }
}
