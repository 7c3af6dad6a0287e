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
    /// A line does not have the expected form, or a value is not valid where it stands.
    case malformed(path: String, line: Int, detail: String)
    /// The file holds a different number of layers than the network (for a version-1 file:
    /// than the network's layers with parameters).
    case layerCountMismatch(path: String, file: Int, network: Int)
    /// Layer `layer` is of another kind, or holds other tensors, in the file than in the network;
    /// both are described as `Kind (tensor names)`.
    case layerMismatch(path: String, layer: Int, file: String, network: String)
    /// A layer's tensor (weights, bias, a running mean, …) has a different shape in the file
    /// than in the network.
    case shapeMismatch(path: String, layer: Int, parameter: String, file: [Int], network: [Int])
    /// A layer's stored state is not valid for it (a negative running variance, …).
    case invalidState(path: String, layer: Int, detail: String)
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
            "weight file \(path): format version \(version) is not supported (this code reads versions \(WeightFile.readableVersions.map(String.init).joined(separator: " and ")))"
        case .truncated(let path, let detail):
            "weight file \(path): truncated: \(detail)"
        case .malformed(let path, let line, let detail):
            "weight file \(path), line \(line): \(detail)"
        case .layerCountMismatch(let path, let file, let network):
            "weight file \(path): holds \(file) layers but the network has \(network)"
        case .layerMismatch(let path, let layer, let file, let network):
            "weight file \(path): layer \(layer) is \(file) in the file but \(network) in the network"
        case .shapeMismatch(let path, let layer, let parameter, let file, let network):
            "weight file \(path): layer \(layer) \(parameter) has shape \(file) in the file but \(network) in the network"
        case .invalidState(let path, let layer, let detail):
            "weight file \(path): layer \(layer): \(detail)"
        case .writeFailed(let path, let reason):
            "weight file \(path): could not be saved (\(reason)); any previous file is unchanged"
        }
    }
}
