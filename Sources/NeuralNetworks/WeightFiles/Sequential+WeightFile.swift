import Foundation
import TensorCore

extension Sequential {
    /// Writes every layer's parameters and state to a text file (see `WeightFile`).
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

    /// Replaces the parameters and state with those in a file written by `saveWeights(to:)`
    /// (format version 2, or version 1 for dense layers).
    ///
    /// Throws a `WeightFileError` for a missing, unreadable, truncated or malformed file (counts
    /// that the rest of the file cannot hold, numbers that are not finite, invalid state), or one
    /// whose layers differ from this network's in number, kind or shape; the network is then
    /// unchanged. Loading never traps on a damaged file, and never writes to it.
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
        layers = try WeightFile.restore(WeightFile.decode(text, path: path), into: layers, path: path)
    }
}
