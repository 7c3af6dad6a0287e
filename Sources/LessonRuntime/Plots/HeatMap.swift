import TensorCore

/// A matrix of numbers drawn as shaded blocks, darkest (blank) for the smallest value and
/// solid `█` for the largest, with a scale legend. Good for weight matrices, value functions
/// over a grid world, decision surfaces and small images.
///
/// ```swift
/// notebook.show(HeatMap(weights, title: "W after training", rowLabels: ["h₁", "h₂"]))
/// ```
/// Each value takes `cellWidth` columns (2 by default, so cells look square). A matrix larger
/// than `maximumWidth` × `maximumHeight` is averaged down to fit. Non-finite values are shown
/// as `?`.
public struct HeatMap: Plot, Equatable {
    /// The matrix, one array per row.
    public var values: [[Double]]
    /// A heading printed above the figure.
    public var title: String?
    /// Labels of the rows, shown on the left (e.g. states); omitted when `nil`.
    public var rowLabels: [String]?
    /// Labels of the columns, shown underneath where there is room (e.g. actions).
    public var columnLabels: [String]?
    /// The value shown as blank and the value shown as `█`; `nil` means the data's min and max.
    public var range: ClosedRange<Double>?
    /// Columns per value (2 looks square); drops to 1 when the matrix is too wide.
    public var cellWidth: Int
    /// The widest the drawing may be, row labels included.
    public var maximumWidth: Int
    /// The most lines the heat map may take, title and scale included.
    public var maximumHeight: Int

    /// The shading ramp, lightest to darkest.
    static let ramp: [Character] = [" ", "░", "▒", "▓", "█"]

    /// A heat map of a matrix given as rows.
    public init(_ values: [[Double]], title: String? = nil, rowLabels: [String]? = nil,
                columnLabels: [String]? = nil, range: ClosedRange<Double>? = nil, cellWidth: Int = 2,
                maximumWidth: Int = 72, maximumHeight: Int = 32) {
        self.values = values
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.range = range
        self.cellWidth = max(1, cellWidth)
        self.maximumWidth = maximumWidth
        self.maximumHeight = maximumHeight
    }

    /// A heat map of a matrix tensor (a vector is shown as one row).
    public init(_ tensor: Tensor, title: String? = nil, rowLabels: [String]? = nil,
                columnLabels: [String]? = nil, range: ClosedRange<Double>? = nil, cellWidth: Int = 2,
                maximumWidth: Int = 72, maximumHeight: Int = 32) {
        let columns = tensor.rank >= 1 ? tensor.shape[tensor.rank - 1] : 1
        let rows = columns == 0 ? [] : stride(from: 0, to: tensor.count, by: columns).map {
            Array(tensor.scalars[$0..<($0 + columns)])
        }
        self.init(rows, title: title, rowLabels: rowLabels, columnLabels: columnLabels, range: range,
                  cellWidth: cellWidth, maximumWidth: maximumWidth, maximumHeight: maximumHeight)
    }

    /// The figure as lines of text; see `Plot`.
    public func render(color: Bool) -> [String] {
        var lines: [String] = []
        if let title { lines.append(Terminal.styled(title, .bold, enabled: color)) }
        let columnCount = values.map(\.count).max() ?? 0
        guard !values.isEmpty, columnCount > 0 else { return lines + ["(no data)"] }

        let labelWidth = rowLabels.map { $0.map(displayWidth(of:)).max() ?? 0 } ?? 0
        let gutter = labelWidth > 0 ? labelWidth + 1 : 0
        let available = max(1, maximumWidth - gutter - 2)
        let cellWidth = columnCount * self.cellWidth <= available ? self.cellWidth : 1
        let shownColumns = min(columnCount, available / cellWidth)
        let shownRows = min(values.count, max(1, maximumHeight - 4))
        let grid = HeatMap.resample(values, rows: shownRows, columns: shownColumns, sourceColumns: columnCount)

        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let low = range?.lowerBound ?? finite.min() ?? 0
        let high = range?.upperBound ?? finite.max() ?? 1
        func shade(_ value: Double) -> Character {
            guard value.isFinite else { return "?" }
            guard high > low else { return HeatMap.ramp[HeatMap.ramp.count / 2] }
            let t = min(1, max(0, (value - low) / (high - low)))
            return HeatMap.ramp[min(HeatMap.ramp.count - 1, Int(t * Double(HeatMap.ramp.count)))]
        }

        let sameLabels = shownRows == values.count
        for (r, row) in grid.enumerated() {
            let label = sameLabels ? (rowLabels.flatMap { r < $0.count ? $0[r] : nil } ?? "") : ""
            let cells = row.map { String(repeating: String(shade($0)), count: cellWidth) }.joined()
            lines.append((gutter > 0 ? pad(label, to: labelWidth, rightAligned: true) + " " : "")
                         + "▕" + cells + "▏")
        }
        if let columnLabels, shownColumns == columnCount {
            var line = Array(repeating: Character(" "), count: gutter + 1 + shownColumns * cellWidth + 8)
            var nextFree = 0
            for (c, label) in columnLabels.prefix(shownColumns).enumerated() {
                let characters = Array(label)
                let start = gutter + 1 + c * cellWidth + max(0, (cellWidth - characters.count) / 2)
                guard start >= nextFree, start + characters.count <= line.count else { continue }
                for (offset, character) in characters.enumerated() { line[start + offset] = character }
                nextFree = start + characters.count + 1
            }
            lines.append(String(line).trimmingTrailingSpaces())
        }
        let scale = HeatMap.ramp.map { String(repeating: String($0), count: 2) }.joined()
        var legend = String(repeating: " ", count: gutter) + "scale " + formatNumber(low, digits: 3)
            + " ▕" + scale + "▏ " + formatNumber(high, digits: 3)
        if shownRows < values.count || shownColumns < columnCount {
            legend += "  (\(values.count)×\(columnCount) averaged to \(shownRows)×\(shownColumns))"
        }
        lines.append(legend)
        return lines
    }

    /// Averages `values` down to `rows` × `columns` blocks (identity when the sizes match).
    static func resample(_ values: [[Double]], rows: Int, columns: Int, sourceColumns: Int) -> [[Double]] {
        (0..<rows).map { r in
            let rowRange = (r * values.count / rows)..<max((r + 1) * values.count / rows, r * values.count / rows + 1)
            return (0..<columns).map { c in
                let columnRange = (c * sourceColumns / columns)..<max((c + 1) * sourceColumns / columns, c * sourceColumns / columns + 1)
                var sum = 0.0, count = 0.0
                for i in rowRange { for j in columnRange where j < values[i].count { sum += values[i][j]; count += 1 } }
                return count > 0 ? sum / count : .nan
            }
        }
    }
}
