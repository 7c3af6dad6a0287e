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

    /// The widest a rendered line may be: the notebook's page.
    public static let pageWidth = 80

    /// The rendered lines, each starting with `indent`.
    ///
    /// Columns are three spaces apart. A table wider than `pageWidth` is narrowed step by step:
    /// two spaces between columns, then headings wider than their column broken over two lines,
    /// then one space. (A body cell is never broken, so a table can still be wider.)
    public func render(indent: String = "  ") -> [String] {
        let columnCount = max(headers.count, rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return [] }
        func cell(_ row: [String], _ column: Int) -> String { column < row.count ? row[column] : "" }
        let bodyWidths = (0..<columnCount).map { column in rows.map { displayWidth(of: cell($0, column)) }.max() ?? 0 }
        var headerLines = (0..<columnCount).map { [cell(headers, $0)] }
        func widths() -> [Int] {
            (0..<columnCount).map { max(bodyWidths[$0], headerLines[$0].map(displayWidth(of:)).max() ?? 0) }
        }
        var gap = 3
        func totalWidth() -> Int { displayWidth(of: indent) + widths().reduce(0, +) + gap * (columnCount - 1) }
        if totalWidth() > Table.pageWidth { gap = 2 }
        if totalWidth() > Table.pageWidth {
            headerLines = headerLines.indices.map { column in
                let heading = headerLines[column][0]
                return displayWidth(of: heading) > bodyWidths[column] ? Table.splitInTwo(heading) : [heading]
            }
        }
        if totalWidth() > Table.pageWidth { gap = 1 }
        let finalWidths = widths()
        let numeric = (0..<columnCount).map { column in
            rows.allSatisfy { Table.isNumeric(cell($0, column)) } && !rows.isEmpty
        }
        func line(_ row: [String]) -> String {
            let cells = (0..<columnCount).map { pad(cell(row, $0), to: finalWidths[$0], rightAligned: numeric[$0]) }
            return (indent + cells.joined(separator: String(repeating: " ", count: gap))).trimmingTrailingSpaces()
        }
        let headingRows = headerLines.map(\.count).max() ?? 1
        let headings = (0..<headingRows).map { lineIndex in
            // A one-line heading sits on the last heading line, next to the rule.
            line(headerLines.map { lines in
                let offset = headingRows - lines.count
                return lineIndex >= offset ? lines[lineIndex - offset] : ""
            })
        }
        let ruleWidth = finalWidths.reduce(0, +) + gap * (columnCount - 1)
        return headings + [indent + String(repeating: "─", count: ruleWidth)] + rows.map(line)
    }

    /// A heading broken at the space that best balances its two halves (unchanged without spaces).
    static func splitInTwo(_ heading: String) -> [String] {
        let words = heading.split(separator: " ").map(String.init)
        guard words.count > 1 else { return [heading] }
        let best = (1..<words.count).min { a, b in
            func longer(_ cut: Int) -> Int {
                max(displayWidth(of: words[..<cut].joined(separator: " ")), displayWidth(of: words[cut...].joined(separator: " ")))
            }
            return longer(a) < longer(b)
        }!
        return [words[..<best].joined(separator: " "), words[best...].joined(separator: " ")]
    }

    /// True for cells that read as numbers (and for empty cells and a lone "–", the mark for
    /// "no value" in a column of numbers, which do not affect alignment).
    static func isNumeric(_ cell: String) -> Bool {
        var text = cell.trimmingLeadingSpaces().trimmingTrailingSpaces()
        if text.isEmpty || text == "–" { return true }
        if text.hasPrefix("−") { text = "-" + text.dropFirst() }
        if text.hasSuffix("%") { text.removeLast() }
        return Double(text) != nil
    }
}
