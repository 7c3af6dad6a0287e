import Foundation
import NeuralNetworks
import TensorCore
import Testing

/// Damaged weight files make `loadWeights` throw: it never traps (overflow, allocation failure,
/// a bad index) and never changes the network, and it accepts a damaged file only when the
/// damage left a valid file of the same shapes.
@Suite struct WeightFileFuzzTests {
    static func network(seed: UInt64) -> Sequential {
        var generator = SeededGenerator(seed: seed, stream: "weight file fuzz network")
        return Sequential(layerSizes: [3, 4, 2], hiddenActivation: .tanh, using: &generator)
    }

    /// Writes `bytes` to `path`, loads them into a copy of `pristine`, and returns whether the
    /// load succeeded; records an issue when a failed load changed the network or touched the file.
    static func load(_ bytes: [UInt8], into pristine: Sequential = pristine, at path: String,
                     description: @autoclosure () -> String) -> Bool {
        let data = Data(bytes)
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            Issue.record("could not write the damaged file \(path)")
            return false
        }
        var target = pristine
        do {
            try target.loadWeights(from: path)
        } catch {
            #expect(target.parameters == pristine.parameters, "a failed load changed the network: \(description())")
            #expect(WeightFile.encode(target) == WeightFile.encode(pristine), "a failed load changed the state: \(description())")
            #expect(FileManager.default.contents(atPath: path) == data, "a load wrote to the file")
            return false
        }
        #expect(target.parameters.allSatisfy { $0.scalars.allSatisfy(\.isFinite) }, "\(description())")
        return true
    }

    /// The network every load starts from.
    static let pristine = network(seed: 99)

    /// Whether a line of a weight file holds numbers (rather than a header).
    static func isNumberLine(_ line: some StringProtocol) -> Bool {
        line.first.map { $0 == "-" || $0.isNumber } ?? true
    }

    @Test("the headers of the issue: huge and overflowing counts throw, in both formats")
    func hugeCounts() throws {
        let path = temporaryPath().path
        let version1 = WeightFileLayersTests.version1
        for header in ["layer 0 weights 4611686018427387904 4 bias 4", "layer 0 weights 1000000000000 4 bias 4",
                       "layer 0 weights 3 4611686018427387904 bias 4", "layer 0 weights 3 4 bias 1000000000000",
                       "layer 0 weights 9223372036854775807 9223372036854775807 bias 4",
                       "layer 0 weights 3 1000000000000 bias 4"] {
            let damaged = version1.replacingOccurrences(of: "layer 0 weights 3 4 bias 4", with: header)
            #expect(damaged != version1)
            #expect(!Self.load(Array(damaged.utf8), at: path, description: header), "\(header) loaded")
        }
        let version2 = WeightFile.encode(Self.network(seed: 1))
        for header in ["weights 4611686018427387904 4", "weights 1000000000000 4", "weights 3 4611686018427387904",
                       "weights 9223372036854775807 9223372036854775807", "weights 3 1000000000000",
                       "weights 4611686018427387904 4611686018427387904 4", "weights 3 4 1 1 1 1 1 1 1"] {
            let damaged = version2.replacingOccurrences(of: "weights 3 4\n", with: header + "\n")
            #expect(damaged != version2)
            #expect(!Self.load(Array(damaged.utf8), at: path, description: header), "\(header) loaded")
        }
        for (text, layers) in [(version1, "layers 2"), (version2, "layers 2"),
                               (version2, "layer 0 Dense tensors 2")] {
            let many = text.replacingOccurrences(of: layers, with: layers.dropLast() + "4611686018427387904")
            #expect(many != text)
            #expect(!Self.load(Array(many.utf8), at: path, description: "\(layers) → 2^62"))
        }
        for text in [version1, version2] {
            for bad in ["nan", "inf", "-inf", "1e999"] {
                var lines = text.split(separator: "\n").map(String.init)
                let first = lines.firstIndex { Self.isNumberLine($0) }!
                lines[first] = bad + lines[first].drop { $0 != " " }
                #expect(!Self.load(Array((lines.joined(separator: "\n") + "\n").utf8), at: path, description: bad),
                        "a weight \(bad) loaded")
            }
        }
    }

    /// `trials` random corruptions of `original` (cuts, byte flips, huge counts, deleted and
    /// doubled lines) loaded into `pristine`; returns how many were rejected.
    static func corruptions(of original: [UInt8], into pristine: Sequential, trials: Int, stream: String) -> Int {
        let path = temporaryPath().path
        var generator = SeededGenerator(seed: 42, stream: stream)
        let hugeCounts = ["4611686018427387904", "1000000000000", "9223372036854775807", "-1", "0", "99999999999999999999"]
        var rejected = 0
        for trial in 0..<trials {
            var bytes = original
            let kind = generator.index(below: 5)
            switch kind {
            case 0:  // cut anywhere
                bytes = Array(bytes.prefix(generator.index(below: bytes.count)))
            case 1:  // flip one to four bytes to arbitrary values, including invalid UTF-8
                for _ in 0...generator.index(below: 4) {
                    bytes[generator.index(below: bytes.count)] = UInt8(generator.index(below: 256))
                }
            case 2:  // replace a number in a header line (layer or tensor) by a huge or negative count
                var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
                let headerLines = lines.indices.filter { !isNumberLine(lines[$0]) && lines[$0].split(separator: " ").contains { Int($0) != nil } }
                let line = headerLines[generator.index(below: headerLines.count)]
                var words = lines[line].split(separator: " ").map(String.init)
                let numeric = words.indices.filter { Int(words[$0]) != nil }
                words[numeric[generator.index(below: numeric.count)]] = hugeCounts[generator.index(below: hugeCounts.count)]
                lines[line] = words.joined(separator: " ")
                bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
            case 3:  // delete a line
                var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
                lines.remove(at: generator.index(below: lines.count))
                bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
            default:  // double a line
                var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
                let line = generator.index(below: lines.count)
                lines.insert(lines[line], at: line)
                bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
            }
            if !load(bytes, into: pristine, at: path, description: "\(stream) trial \(trial), kind \(kind)") { rejected += 1 }
        }
        return rejected
    }

    @Test("3,000 random corruptions of each of three files (dense v2, mixed layers v2, v1) never trap",
          arguments: ["dense", "mixed", "version 1"])
    func randomCorruptions(file: String) throws {
        let (original, pristine): (String, Sequential) = switch file {
        case "dense": (WeightFile.encode(Self.network(seed: 1)), Self.pristine)
        case "mixed": (WeightFile.encode(WeightFileLayersTests.mixed(seed: 1)), WeightFileLayersTests.mixed(seed: 99))
        default: (WeightFileLayersTests.version1, Self.pristine)
        }
        let trials = 3_000
        let rejected = Self.corruptions(of: Array(original.utf8), into: pristine, trials: trials, stream: "weight file corruptions, \(file)")
        // Most damage is detected; what loads is a file that is still valid (a digit changed).
        #expect(rejected > trials * 3 / 4, "only \(rejected) of \(trials) corruptions were rejected")
    }
}
