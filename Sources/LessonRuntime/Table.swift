/// A text table with a header rule and aligned columns.
///
/// Columns whose body cells are all numbers (`-1.5`, `−2`, `3e-4`, `12%`, or empty) are
/// right-aligned, the others left-aligned; widths are measured in terminal columns, so `σ` and
/// `x₁` line up.
public struct Table: Sendable, Equatable {
    /// The column headings.
    public var headers: [String]
    /// The body, one array of cells per row. Short rows are padded with empty cells.
    public var rows: [[String]]

    /// A table from headings and already-formatted cells.
    public init(_ headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// A table of numbers, each formatted with `formatNumber(_:digits:)`.
    public init(_ headers: [String], rows: [[Double]], digits: Int = 4) {
        self.init(headers, rows: rows.map { $0.map { formatNumber($0, digits: digits) } })
    }

    /// The rendered lines, each starting with `indent`.
    public func render(indent: String = "  ") -> [String] {
        let columnCount = max(headers.count, rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return [] }
        func cell(_ row: [String], _ column: Int) -> String { column < row.count ? row[column] : "" }
        let widths = (0..<columnCount).map { column in
            ([cell(headers, column)] + rows.map { cell($0, column) }).map(displayWidth(of:)).max() ?? 0
        }
        let numeric = (0..<columnCount).map { column in
            rows.allSatisfy { Table.isNumeric(cell($0, column)) } && !rows.isEmpty
        }
        func line(_ row: [String]) -> String {
            let cells = (0..<columnCount).map { pad(cell(row, $0), to: widths[$0], rightAligned: numeric[$0]) }
            return (indent + cells.joined(separator: "   ")).trimmingTrailingSpaces()
        }
        let ruleWidth = widths.reduce(0, +) + 3 * (columnCount - 1)
        return [line(headers), indent + String(repeating: "─", count: ruleWidth)] + rows.map(line)
    }

    /// True for cells that read as numbers (and for empty cells, which do not affect alignment).
    static func isNumeric(_ cell: String) -> Bool {
        var text = cell.trimmingLeadingSpaces().trimmingTrailingSpaces()
        if text.isEmpty { return true }
        if text.hasPrefix("−") { text = "-" + text.dropFirst() }
        if text.hasSuffix("%") { text.removeLast() }
        return Double(text) != nil
    }
}
