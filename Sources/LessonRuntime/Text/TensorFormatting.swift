import TensorCore

/// How `Notebook.result(_:_:)` lays out a tensor: numbers formatted by `formatNumber`, matrix
/// columns right-aligned, long vectors and tall matrices elided with `…`.
enum TensorFormatting {
    /// Vectors longer than this show their first and last `edge` elements.
    static let maximumElements = 12
    static let edge = 5

    static func lines(_ tensor: Tensor, digits: Int, prefix: String) -> [String] {
        let text = tensor.scalars.map { formatNumber($0, digits: digits) }
        switch tensor.rank {
        case 0:
            return [prefix + text[0]]
        case 1:
            return [prefix + "[" + elided(text).joined(separator: ", ") + "]"]
        case 2:
            let (rows, columns) = (tensor.shape[0], tensor.shape[1])
            if rows == 0 || columns == 0 { return [prefix + "[] (\(rows)×\(columns))"] }
            var matrix = (0..<rows).map { r in elided(Array(text[(r * columns)..<((r + 1) * columns)])) }
            if rows > maximumElements {
                matrix = Array(matrix[..<edge]) + [matrix[0].map { _ in "⋮" }] + Array(matrix[(rows - edge)...])
            }
            let widths = (0..<matrix[0].count).map { c in matrix.map { displayWidth(of: $0[c]) }.max() ?? 0 }
            let continuation = String(repeating: " ", count: displayWidth(of: prefix))
            return matrix.enumerated().map { index, row in
                let cells = row.enumerated().map { pad($0.element, to: widths[$0.offset], rightAligned: true) }
                let open = index == 0 ? prefix + "[[" : continuation + " ["
                let close = index == matrix.count - 1 ? "]]" + (rows > maximumElements || columns > maximumElements ? "  (\(rows)×\(columns))" : "") : "],"
                return open + cells.joined(separator: ", ") + close
            }
        default:
            let shape = tensor.shape.map(String.init).joined(separator: "×")
            return [prefix + "tensor \(shape): [" + elided(text).joined(separator: ", ") + "]"]
        }
    }

    private static func elided(_ items: [String]) -> [String] {
        guard items.count > maximumElements else { return items }
        return Array(items[..<edge]) + ["…"] + Array(items[(items.count - edge)...])
    }
}
