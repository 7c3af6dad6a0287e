import TensorCore

/// The text format of a saved `Sequential`, version 2: every layer with its kind and every
/// tensor a file must keep (the parameters, then any `StatefulLayer` state such as batch
/// normalization's running statistics), each with its name and shape.
///
/// ```
/// neuralrl-weights 2
/// layers 3
/// layer 0 Conv2D tensors 2
/// weights 8 1 3 3
/// <8·1·3 lines of 3 numbers>
/// bias 8
/// <1 line of 8 numbers>
/// layer 1 Activation tensors 0
/// layer 2 BatchNormalization tensors 5
/// scale-γ 16
/// …
/// end
/// ```
/// A tensor of shape [d₁, …, dₖ] is written as d₁⋯dₖ₋₁ lines of dₖ numbers (row-major, as
/// `Tensor` stores it), so a dense layer's W `[inputs, outputs]` is one line per input. Names
/// and kinds are the layer's own with spaces written as "-". Numbers use Swift's shortest
/// round-trip representation, so loading gives back exactly the same `Double`s; the final `end`
/// line tells a complete file from a cut one.
///
/// Loading checks the file against the network before changing anything: the same number of
/// layers, the same kind and tensor names at each position, the same shapes (an error names both
/// shapes). Version 1, the earlier format of networks of dense layers only, is still read (the
/// shipped TD-Gammon network uses it):
///
/// ```
/// neuralrl-weights 1
/// layers 2
/// layer 0 weights 198 40 bias 40
/// <198 lines of 40 numbers: the rows of W>
/// <1 line of 40 numbers: b>
/// layer 1 weights 40 1 bias 1
/// …
/// end
/// ```
/// Its layers are matched, in order, with the network's layers that have parameters, each of
/// which must be a `Dense`; layers without parameters (activations, dropout) are skipped.
public enum WeightFile {
    /// The first word of the header line.
    public static let formatName = "neuralrl-weights"
    /// The format version written by this code.
    public static let version = 2
    /// The format versions this code reads.
    public static let readableVersions = [1, 2]

    /// One layer as a file stores it: its kind and its named tensors, parameters first.
    public struct StoredLayer: Equatable, Sendable {
        /// The layer's `kind` ("Dense", "Conv2D", …), as written in the file.
        public var kind: String
        /// The tensors' names, as written in the file ("weights", "running-mean", …).
        public var names: [String]
        /// The tensors, in the order of `names`.
        public var tensors: [Tensor]
    }

    /// What a file holds: its format version and its layers.
    public struct Contents: Equatable, Sendable {
        /// 1 (dense layers only) or 2.
        public var version: Int
        /// For version 2 every layer of the network; for version 1 its dense layers.
        public var layers: [StoredLayer]
    }

    /// A name or kind as one word of the file.
    static func word(_ name: String) -> String { name.replacingOccurrences(of: " ", with: "-") }

    /// How a layer is stored: its kind, parameters, and state if it has any.
    static func stored(_ layer: any Layer) -> StoredLayer {
        let stateful = layer as? any StatefulLayer
        return StoredLayer(kind: word(layer.kind),
                           names: (layer.parameterNames + (stateful?.stateNames ?? [])).map(word),
                           tensors: layer.parameters + (stateful?.state ?? []))
    }

    /// The text of a version-2 weight file holding every layer's parameters and state.
    public static func encode(_ network: Sequential) -> String {
        var text = "\(formatName) \(version)\nlayers \(network.layers.count)\n"
        for (i, layer) in network.layers.enumerated() {
            let stored = stored(layer)
            text += "layer \(i) \(stored.kind) tensors \(stored.tensors.count)\n"
            for (name, tensor) in zip(stored.names, stored.tensors) {
                text += ([name] + tensor.shape.map(String.init)).joined(separator: " ") + "\n"
                let rows = tensor.shape.dropLast().reduce(1, *), width = tensor.shape.last ?? 1
                let scalars = tensor.scalars
                for r in 0..<rows {
                    text += scalars[(r * width)..<((r + 1) * width)].map { "\($0)" }.joined(separator: " ") + "\n"
                }
            }
        }
        return text + "end\n"
    }

    /// The layers stored in a weight file's text (version 1 or 2), checked only for being a
    /// well-formed, complete file; `path` is used in error messages.
    public static func decode(_ text: String, path: String = "<text>") throws(WeightFileError) -> Contents {
        var reader = try WeightFileReader(text, path: path)
        let layers = reader.version == 1 ? try reader.denseLayers() : try reader.layers()
        try reader.expectEnd()
        return Contents(version: reader.version, layers: layers)
    }

    /// `layers` with the stored tensors put in, after checking every layer against the file;
    /// throws, leaving `layers` as they were, if anything does not match.
    static func restore(_ contents: Contents, into layers: [any Layer], path: String) throws(WeightFileError) -> [any Layer] {
        // Version 1 holds only dense layers: they go to the network's layers with parameters.
        let targets = contents.version == 1
            ? layers.indices.filter { !layers[$0].parameterNames.isEmpty } : Array(layers.indices)
        guard contents.layers.count == targets.count else {
            throw .layerCountMismatch(path: path, file: contents.layers.count, network: targets.count)
        }
        func describe(_ layer: StoredLayer) -> String { "a \(layer.kind) (\(layer.names.joined(separator: ", ")))" }
        for (i, (file, target)) in zip(contents.layers, targets).enumerated() {
            let network = stored(layers[target])
            guard file.kind == network.kind, file.names == network.names else {
                throw .layerMismatch(path: path, layer: i, file: describe(file), network: describe(network))
            }
            for (name, (a, b)) in zip(file.names, zip(file.tensors, network.tensors)) where a.shape != b.shape {
                throw .shapeMismatch(path: path, layer: i, parameter: name, file: a.shape, network: b.shape)
            }
        }
        var updated = layers
        for (i, (file, target)) in zip(contents.layers, targets).enumerated() {
            let count = updated[target].parameterNames.count
            updated[target].parameters = Array(file.tensors[..<count])
            if var stateful = updated[target] as? any StatefulLayer {
                if let problem = stateful.restoreState(Array(file.tensors[count...])) {
                    throw .invalidState(path: path, layer: i, detail: problem)
                }
                updated[target] = stateful
            }
        }
        return updated
    }
}
