import Foundation
import NeuralNetworks
import TensorCore
import Testing

@Suite struct WeightFileTests {
    static func network(_ sizes: [Int] = [3, 4, 2], seed: UInt64) -> Sequential {
        var generator = SeededGenerator(seed: seed)
        return Sequential(layerSizes: sizes, hiddenActivation: .tanh, weightInitializer: .heNormal, using: &generator)
    }

    /// Saves a network to a fresh path and returns the path and the file's text.
    static func savedFile(seed: UInt64 = 1) throws -> (path: String, text: String) {
        let (path, _) = temporaryPath()
        try network(seed: seed).saveWeights(to: path)
        return (path, try String(contentsOfFile: path, encoding: .utf8))
    }

    /// Writes `text` over the file, tries to load it into a network, and checks that the expected
    /// error is thrown, the network is unchanged and the file is untouched by the load.
    static func expectLoad(of text: String, at path: String, into sizes: [Int] = [3, 4, 2],
                           throws expected: WeightFileError) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        var target = network(sizes, seed: 99)
        let before = target.parameters
        #expect(throws: expected) { try target.loadWeights(from: path) }
        #expect(target.parameters == before)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func roundTripIsExact() throws {
        let (path, directory) = temporaryPath()
        let original = Self.network([5, 7, 3, 2], seed: 1)
        try original.saveWeights(to: path)
        var copy = Self.network([5, 7, 3, 2], seed: 2)
        #expect(copy.parameters != original.parameters)
        try copy.loadWeights(from: path)
        #expect(copy.parameters == original.parameters)     // bit for bit
        // Saving again over the file leaves exactly one file: no temporary is left behind.
        try copy.saveWeights(to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["weights.txt"])
    }

    @Test func headerNamesFormatAndVersion() throws {
        let (_, text) = try Self.savedFile()
        let lines = text.split(separator: "\n")
        #expect(lines.first == "neuralrl-weights 2")
        #expect(lines[1] == "layers 2" && lines[2] == "layer 0 Dense tensors 2" && lines[3] == "weights 3 4")
        #expect(lines[7] == "bias 4" && lines[9] == "layer 1 Dense tensors 2" && lines.last == "end")
    }

    @Test func missingFile() {
        var target = Self.network(seed: 5)
        let before = target.parameters
        let path = temporaryPath().path
        #expect(throws: WeightFileError.fileNotFound(path: path)) { try target.loadWeights(from: path) }
        #expect(target.parameters == before)
    }

    @Test func truncatedFile() throws {
        let (path, text) = try Self.savedFile()
        let cut = String(text.prefix(text.count / 2))
        try Self.expectLoad(of: cut, at: path, throws: .truncated(
            path: path, detail: "the final \"end\" line is missing after line \(cut.split(separator: "\n").count)"))
        try Self.expectLoad(of: "", at: path, throws: .truncated(path: path, detail: "the file is empty"))
    }

    @Test func corruptFile() throws {
        let (path, text) = try Self.savedFile()
        var lines = text.split(separator: "\n").map(String.init)
        lines[4] = lines[4].replacingOccurrences(of: " ", with: " x", options: [], range: lines[4].range(of: " "))
        let corrupt = lines.joined(separator: "\n") + "\n"
        do {
            try corrupt.write(toFile: path, atomically: false, encoding: .utf8)
            var target = Self.network(seed: 99)
            let before = target.parameters
            do {
                try target.loadWeights(from: path)
                Issue.record("a corrupt file loaded")
            } catch {
                guard case .malformed(_, let line, let detail) = error else {
                    Issue.record("wrong error \(error)")
                    return
                }
                #expect(line == 5 && detail.contains("is not a number"), "\(error)")
                #expect(error.description.contains("line 5"))
            }
            #expect(target.parameters == before)
        }
        try Self.expectLoad(of: "hello\n", at: path, throws: .notAWeightFile(path: path, firstLine: "hello"))
        try Self.expectLoad(of: text.replacingOccurrences(of: "neuralrl-weights 2", with: "neuralrl-weights 7"),
                            at: path, throws: .unsupportedVersion(path: path, version: "7"))
    }

    @Test func mismatchedShapes() throws {
        let (path, text) = try Self.savedFile()
        try Self.expectLoad(of: text, at: path, into: [3, 5, 2], throws: .shapeMismatch(
            path: path, layer: 0, parameter: "weights", file: [3, 4], network: [3, 5]))
        try Self.expectLoad(of: text, at: path, into: [3, 4, 4, 2], throws: .layerCountMismatch(
            path: path, file: 2, network: 3))
    }

    @Test func failedSaveLeavesOldFileIntact() throws {
        let (path, text) = try Self.savedFile()
        // A save into a directory that does not exist fails before touching anything.
        let missing = URL(fileURLWithPath: path).deletingLastPathComponent()
            .appendingPathComponent("no-such-directory/weights.txt").path
        #expect(throws: WeightFileError.self) { try Self.network(seed: 3).saveWeights(to: missing) }
        // A save whose final rename fails (the target is a non-empty directory) leaves it alone
        // and cleans up its temporary file.
        let (blocked, directory) = temporaryPath("blocked")
        try FileManager.default.createDirectory(atPath: blocked + "/inside", withIntermediateDirectories: true)
        do {
            try Self.network(seed: 3).saveWeights(to: blocked)
            Issue.record("saving over a directory succeeded")
        } catch {
            guard case .writeFailed = error else { Issue.record("wrong error \(error)"); return }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["blocked"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }
}
