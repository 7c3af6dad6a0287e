import Foundation
import TensorCore

/// What went wrong reading or writing a weight file. Loading never changes the network when it
/// throws one of these; saving never leaves a partial file in place of a good one.
public enum WeightFileError: Error, Equatable, CustomStringConvertible {
    /// No file at the path.
    case fileNotFound(path: String)
    /// The file exists but could not be read (permissions, not UTF-8, …).
    case unreadable(path: String, reason: String)
    /// The first line is not the `neuralrl-weights` header.
    case notAWeightFile(path: String, firstLine: String)
    /// The header names a format version this code does not read.
    case unsupportedVersion(path: String, version: String)
    /// The file ends before the `end` line: it was cut short (an interrupted copy or save).
    case truncated(path: String, detail: String)
    /// A line does not have the expected form.
    case malformed(path: String, line: Int, detail: String)
    /// The file holds a different number of layers than the network.
    case layerCountMismatch(path: String, file: Int, network: Int)
    /// A layer's weights or bias in the file have a different shape than the network's.
    case shapeMismatch(path: String, layer: Int, parameter: String, file: [Int], network: [Int])
    /// The temporary file could not be written or moved into place.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "weight file \(path): no such file"
        case .unreadable(let path, let reason):
            "weight file \(path): cannot be read (\(reason))"
        case .notAWeightFile(let path, let firstLine):
            "weight file \(path): not a weight file; expected the header \"\(WeightFile.formatName) \(WeightFile.version)\", found \"\(firstLine.prefix(60))\""
        case .unsupportedVersion(let path, let version):
            "weight file \(path): format version \(version) is not supported (this code reads version \(WeightFile.version))"
        case .truncated(let path, let detail):
            "weight file \(path): truncated: \(detail)"
        case .malformed(let path, let line, let detail):
            "weight file \(path), line \(line): \(detail)"
        case .layerCountMismatch(let path, let file, let network):
            "weight file \(path): holds \(file) layers but the network has \(network)"
        case .shapeMismatch(let path, let layer, let parameter, let file, let network):
            "weight file \(path): layer \(layer) \(parameter) has shape \(file) in the file but \(network) in the network"
        case .writeFailed(let path, let reason):
            "weight file \(path): could not be saved (\(reason)); any previous file is unchanged"
        }
    }
}

/// The text format of saved weights, version 1:
///
/// ```
/// neuralrl-weights 1
/// layers 2
/// layer 0 weights 900 16 bias 16
/// <900 lines of 16 numbers: the rows of W>
/// <1 line of 16 numbers: b>
/// layer 1 weights 16 1 bias 1
/// …
/// end
/// ```
/// Numbers are written with Swift's shortest round-trip representation, so loading gives back
/// exactly the same `Double`s. The final `end` line tells a complete file from a cut one.
public enum WeightFile {
    /// The first word of the header line.
    public static let formatName = "neuralrl-weights"
    /// The format version written and read by this code.
    public static let version = 1

    /// The text of a weight file holding the network's weights and biases.
    public static func encode(_ network: Sequential) -> String {
        var text = "\(formatName) \(version)\nlayers \(network.layers.count)\n"
        for i in network.layers.indices {
            let layer = network[dense: i]
            let (rows, columns) = (layer.weights.shape[0], layer.weights.shape[1])
            text += "layer \(i) weights \(rows) \(columns) bias \(layer.bias.count)\n"
            let w = layer.weights.scalars
            for r in 0..<rows {
                text += w[(r * columns)..<((r + 1) * columns)].map { "\($0)" }.joined(separator: " ")
                text += "\n"
            }
            text += layer.bias.scalars.map { "\($0)" }.joined(separator: " ") + "\n"
        }
        return text + "end\n"
    }

    /// The (weights, bias) pairs stored in a weight file's text, checked only for being a
    /// well-formed, complete file; `path` is used in error messages.
    public static func decode(_ text: String, path: String = "<text>") throws(WeightFileError) -> [(weights: Tensor, bias: Tensor)] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first, !header.isEmpty else {
            throw .truncated(path: path, detail: "the file is empty")
        }
        let headerWords = header.split(separator: " ")
        guard headerWords.count == 2, headerWords[0] == formatName else {
            throw .notAWeightFile(path: path, firstLine: header)
        }
        guard headerWords[1] == "\(version)" else {
            throw .unsupportedVersion(path: path, version: String(headerWords[1]))
        }
        guard lines.last == "end" else {
            throw .truncated(path: path, detail: "the final \"end\" line is missing after line \(lines.count)")
        }
        var lineNumber = 1  // 0-based index of the next line to read
        func nextLine() throws(WeightFileError) -> [Substring] {
            guard lineNumber < lines.count - 1 else {
                throw .truncated(path: path, detail: "more lines expected before \"end\" at line \(lines.count)")
            }
            defer { lineNumber += 1 }
            return lines[lineNumber].split(separator: " ")
        }
        func integer(_ word: Substring) throws(WeightFileError) -> Int {
            guard let n = Int(word), n >= 0 else {
                throw .malformed(path: path, line: lineNumber, detail: "expected a count, found \"\(word)\"")
            }
            return n
        }
        func numbers(_ count: Int, what: String) throws(WeightFileError) -> [Double] {
            let words = try nextLine()
            guard words.count == count else {
                throw .malformed(path: path, line: lineNumber,
                                 detail: "expected \(count) numbers for \(what), found \(words.count)")
            }
            var values: [Double] = []
            values.reserveCapacity(count)
            for word in words {
                guard let v = Double(word) else {
                    throw .malformed(path: path, line: lineNumber, detail: "\"\(word.prefix(40))\" is not a number")
                }
                guard v.isFinite else {
                    throw .malformed(path: path, line: lineNumber, detail: "\"\(word.prefix(40))\" is not a finite number")
                }
                values.append(v)
            }
            return values
        }
        // Counts are checked against what is left of the file before anything is allocated: a
        // damaged header (`weights 4611686018427387904 4`, or 10¹² rows) must be an error, not an
        // overflow trap or an allocation failure. Every row and the bias take a line of their own,
        // and a line of k numbers has at least 2k − 1 characters.
        let characters = text.utf8.count
        func checkCounts(rows: Int, columns: Int, biasCount: Int, layer: Int) throws(WeightFileError) {
            let remaining = lines.count - 1 - lineNumber
            guard rows < remaining else {
                throw .malformed(path: path, line: lineNumber, detail: "layer \(layer) claims \(rows) weight rows "
                                 + "and a bias line, but only \(remaining) lines remain before \"end\"")
            }
            for (count, what) in [(columns, "columns"), (biasCount, "bias entries")] where count > characters {
                throw .malformed(path: path, line: lineNumber,
                                 detail: "layer \(layer) claims \(count) \(what), more than the file's \(characters) characters hold")
            }
            guard !rows.multipliedReportingOverflow(by: columns).overflow else {
                throw .malformed(path: path, line: lineNumber, detail: "layer \(layer) claims \(rows) × \(columns) weights")
            }
        }

        let countLine = try nextLine()
        guard countLine.count == 2, countLine[0] == "layers" else {
            throw .malformed(path: path, line: lineNumber, detail: "expected \"layers <count>\"")
        }
        let layerCount = try integer(countLine[1])
        guard layerCount <= lines.count - 1 - lineNumber else {
            throw .malformed(path: path, line: lineNumber,
                             detail: "\(layerCount) layers claimed, but only \(lines.count - 1 - lineNumber) lines remain")
        }
        var result: [(weights: Tensor, bias: Tensor)] = []
        for i in 0..<layerCount {
            let words = try nextLine()
            guard words.count == 7, words[0] == "layer", words[1] == "\(i)", words[2] == "weights", words[5] == "bias" else {
                throw .malformed(path: path, line: lineNumber,
                                 detail: "expected \"layer \(i) weights <rows> <columns> bias <count>\"")
            }
            let (rows, columns, biasCount) = (try integer(words[3]), try integer(words[4]), try integer(words[6]))
            try checkCounts(rows: rows, columns: columns, biasCount: biasCount, layer: i)
            var w: [Double] = []
            w.reserveCapacity(rows * columns)
            for r in 0..<rows { w += try numbers(columns, what: "row \(r) of layer \(i) weights") }
            let b = try numbers(biasCount, what: "layer \(i) bias")
            result.append((Tensor(shape: [rows, columns], scalars: w), Tensor(b)))
        }
        guard lineNumber == lines.count - 1 else {
            throw .malformed(path: path, line: lineNumber + 1, detail: "unexpected content before \"end\"")
        }
        return result
    }
}

extension Sequential {
    /// Writes the weights and biases to a text file (see `WeightFile`).
    ///
    /// The text goes to a temporary file in the same directory, which is then renamed over
    /// `path` in one step, so an existing good file is never replaced by a partial one.
    public func saveWeights(to path: String) throws(WeightFileError) {
        let url = URL(fileURLWithPath: path)
        // Unique per process and per call, without drawing on system randomness.
        let stamp = "\(ProcessInfo.processInfo.processIdentifier).\(DispatchTime.now().uptimeNanoseconds)"
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(stamp).tmp")
        do {
            try Data(WeightFile.encode(self).utf8).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: path, reason: "\(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// Replaces the weights and biases with those in a file written by `saveWeights(to:)`.
    ///
    /// Throws a `WeightFileError` for a missing, unreadable, truncated or malformed file (counts
    /// that the rest of the file cannot hold, numbers that are not finite), or one whose layer
    /// count or shapes differ from this network's; the network is then unchanged. Loading never
    /// traps on a damaged file, and never writes to it.
    public mutating func loadWeights(from path: String) throws(WeightFileError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        let stored = try WeightFile.decode(text, path: path)
        guard stored.count == layers.count else {
            throw .layerCountMismatch(path: path, file: stored.count, network: layers.count)
        }
        for (i, (w, b)) in stored.enumerated() {
            if w.shape != self[dense: i].weights.shape {
                throw .shapeMismatch(path: path, layer: i, parameter: "weights", file: w.shape, network: self[dense: i].weights.shape)
            }
            if b.shape != self[dense: i].bias.shape {
                throw .shapeMismatch(path: path, layer: i, parameter: "bias", file: b.shape, network: self[dense: i].bias.shape)
            }
        }
        for (i, (w, b)) in stored.enumerated() {
            self[dense: i].weights = w
            self[dense: i].bias = b
        }
    }
}
