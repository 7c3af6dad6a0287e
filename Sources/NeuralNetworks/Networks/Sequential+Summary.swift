import TensorCore

extension Sequential {
    /// A Keras-style table of the layers, their output shapes and parameter counts, in the
    /// plain layout of Keras 2 with thousands separators, e.g. for Dense(16, relu) on 900
    /// inputs followed by Dense(1):
    /// ```
    ///  Layer (type)                Output Shape              Param #
    /// =================================================================
    ///  dense (Dense)               (None, 16)                14,416
    ///  dense_1 (Dense)             (None, 1)                 17
    /// =================================================================
    /// Total params: 14,433
    /// ```
    /// Each dense layer has inputs·outputs weights plus outputs biases. Layers are named by
    /// kind and counted per kind as Keras does (`dense`, `dense_1`, `activation`, …).
    public func summary(name: String = "sequential") -> String {
        func pad(_ s: String, _ width: Int) -> String {
            s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
        }
        let rule = String(repeating: "_", count: 65)
        let doubleRule = String(repeating: "=", count: 65)
        var lines = ["Model: \"\(name)\"", rule,
                     pad(" Layer (type)", 29) + pad("Output Shape", 26) + "Param #", doubleRule]
        var seen: [String: Int] = [:]
        var width = inputCount
        for (i, layer) in layers.enumerated() {
            let base = Self.snakeCase(layer.kind)
            let number = seen[base, default: 0]
            seen[base] = number + 1
            let layerName = number == 0 ? base : "\(base)_\(number)"
            width = layer.outputWidth ?? width
            lines.append(pad(" \(layerName) (\(layer.kind))", 29) + pad("(None, \(width))", 26)
                         + Self.grouped(layer.parameterCount))
            if i < layers.count - 1 { lines.append("") }
        }
        lines += [doubleRule,
                  "Total params: \(Self.grouped(parameterCount))",
                  "Trainable params: \(Self.grouped(parameterCount))",
                  "Non-trainable params: 0",
                  rule]
        return lines.joined(separator: "\n")
    }

    /// "ResidualBlock" → "residual_block", Keras's layer names.
    static func snakeCase(_ kind: String) -> String {
        var result = ""
        for (i, c) in kind.enumerated() {
            if c.isUppercase && i > 0 { result.append("_") }
            result += c.lowercased()
        }
        return result
    }

    /// An integer with comma thousands separators: 669706 → "669,706".
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return n < 0 ? "-" + result : result
    }
}
