import TensorCore

/// Reads a weight file's text line by line, checking every count against what is left of the
/// file before allocating anything: a damaged header (`weights 4611686018427387904 4`, or 10¹²
/// rows) must be an error, not an overflow trap or an allocation failure.
struct WeightFileReader {
    let path: String
    /// The lines up to and including the final `end`.
    let lines: [Substring]
    /// The file's length in bytes: no line holds more numbers than that.
    let characters: Int
    /// The header's format version.
    let version: Int
    /// The index of the next line to read; after a read, the 1-based number of the line read.
    private(set) var next = 1

    /// Checks the header and the final `end` line.
    init(_ text: String, path: String) throws(WeightFileError) {
        self.path = path
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first, !header.isEmpty else {
            throw .truncated(path: path, detail: "the file is empty")
        }
        let headerWords = header.split(separator: " ")
        guard headerWords.count == 2, headerWords[0] == WeightFile.formatName else {
            throw .notAWeightFile(path: path, firstLine: String(header))
        }
        guard let version = Int(headerWords[1]), WeightFile.readableVersions.contains(version) else {
            throw .unsupportedVersion(path: path, version: String(headerWords[1]))
        }
        guard lines.last == "end" else {
            throw .truncated(path: path, detail: "the final \"end\" line is missing after line \(lines.count)")
        }
        self.lines = lines
        self.characters = text.utf8.count
        self.version = version
    }

    /// The number of lines left before `end`.
    var remaining: Int { lines.count - 1 - next }

    /// The words of the next line.
    mutating func line() throws(WeightFileError) -> [Substring] {
        guard next < lines.count - 1 else {
            throw .truncated(path: path, detail: "more lines expected before \"end\" at line \(lines.count)")
        }
        defer { next += 1 }
        return lines[next].split(separator: " ")
    }

    func malformed(_ detail: String) -> WeightFileError { .malformed(path: path, line: next, detail: detail) }

    /// A count: a whole number ≥ 0.
    func count(_ word: Substring) throws(WeightFileError) -> Int {
        guard let n = Int(word), n >= 0 else { throw malformed("expected a count, found \"\(word.prefix(40))\"") }
        return n
    }

    /// The next line as exactly `count` finite numbers.
    mutating func numbers(_ count: Int, what: String) throws(WeightFileError) -> [Double] {
        let words = try line()
        guard words.count == count else {
            throw malformed("expected \(count) numbers for \(what), found \(words.count)")
        }
        var values: [Double] = []
        values.reserveCapacity(count)
        for word in words {
            guard let v = Double(word) else { throw malformed("\"\(word.prefix(40))\" is not a number") }
            guard v.isFinite else { throw malformed("\"\(word.prefix(40))\" is not a finite number") }
            values.append(v)
        }
        return values
    }

    /// A tensor of `shape`, written as one line per row of its last dimension, after checking
    /// that the rest of the file can hold it.
    mutating func tensor(_ shape: [Int], what: String) throws(WeightFileError) -> Tensor {
        var rows = 1
        for d in shape.dropLast() {
            let (product, overflow) = rows.multipliedReportingOverflow(by: d)
            guard !overflow, product <= remaining else {
                throw malformed("\(what) claims shape \(shape), more rows than the \(remaining) lines left before \"end\"")
            }
            rows = product
        }
        let width = shape.last ?? 1
        guard width <= characters else {
            throw malformed("\(what) claims \(width) numbers a line, more than the file's \(characters) characters hold")
        }
        var scalars: [Double] = []
        scalars.reserveCapacity(rows * width)   // ≤ lines × characters: no overflow
        for r in 0..<rows { scalars += try numbers(width, what: rows == 1 ? what : "row \(r) of \(what)") }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// A line `<word> <count>` with the given first word.
    mutating func countLine(_ word: String) throws(WeightFileError) -> Int {
        let words = try line()
        guard words.count == 2, words[0] == word else { throw malformed("expected \"\(word) <count>\"") }
        let n = try count(words[1])
        guard n <= remaining else { throw malformed("\(n) \(word) claimed, but only \(remaining) lines remain") }
        return n
    }

    /// The `layers <count>` line and that many layers, each starting with a line
    /// `layer <i> <pattern…>` (a word of `pattern` in angle brackets stands for any word) whose
    /// words `readLayer` turns into a layer, reading any further lines it needs. What both
    /// format versions share: they differ only in a layer's header line and what follows it.
    private mutating func storedLayers(
        pattern: [String],
        _ readLayer: (inout WeightFileReader, _ index: Int, _ words: [Substring]) throws(WeightFileError) -> WeightFile.StoredLayer
    ) throws(WeightFileError) -> [WeightFile.StoredLayer] {
        let layerCount = try countLine("layers")
        var result: [WeightFile.StoredLayer] = []
        for i in 0..<layerCount {
            let words = try line()
            let expected = ["layer", "\(i)"] + pattern
            guard words.count == expected.count,
                  zip(words, expected).allSatisfy({ $1.hasPrefix("<") || $0 == $1 }) else {
                throw malformed("expected \"\(expected.joined(separator: " "))\"")
            }
            result.append(try readLayer(&self, i, words))
        }
        return result
    }

    /// The layers of a version-2 file.
    mutating func layers() throws(WeightFileError) -> [WeightFile.StoredLayer] {
        try storedLayers(pattern: ["<kind>", "tensors", "<count>"]) { (reader, i, words) throws(WeightFileError) in
            let kind = String(words[2]), tensorCount = try reader.count(words[4])
            guard tensorCount <= reader.remaining else {
                throw reader.malformed("layer \(i) claims \(tensorCount) tensors, but only \(reader.remaining) lines remain")
            }
            var layer = WeightFile.StoredLayer(kind: kind, names: [], tensors: [])
            for _ in 0..<tensorCount {
                let header = try reader.line()
                guard (2...9).contains(header.count) else {
                    throw reader.malformed("expected \"<tensor name> <dimensions…>\" with 1 to 8 dimensions in layer \(i)")
                }
                var shape: [Int] = []
                for word in header.dropFirst() { shape.append(try reader.count(word)) }
                let name = String(header[0])
                layer.names.append(name)
                layer.tensors.append(try reader.tensor(shape, what: "layer \(i) \(name)"))
            }
            return layer
        }
    }

    /// The dense layers of a version-1 file.
    mutating func denseLayers() throws(WeightFileError) -> [WeightFile.StoredLayer] {
        try storedLayers(pattern: ["weights", "<rows>", "<columns>", "bias", "<count>"]) { (reader, i, words) throws(WeightFileError) in
            let (rows, columns, biasCount) = (try reader.count(words[3]), try reader.count(words[4]), try reader.count(words[6]))
            let weights = try reader.tensor([rows, columns], what: "layer \(i) weights")
            let bias = try reader.tensor([biasCount], what: "layer \(i) bias")
            return WeightFile.StoredLayer(kind: "Dense", names: ["weights", "bias"], tensors: [weights, bias])
        }
    }

    /// Checks that nothing is left before `end`.
    func expectEnd() throws(WeightFileError) {
        guard remaining == 0 else {
            throw .malformed(path: path, line: next + 1, detail: "unexpected content before \"end\"")
        }
    }
}
