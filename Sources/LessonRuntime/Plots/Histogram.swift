import Foundation
import TensorCore

/// The distribution of a list of numbers as horizontal bars, one per bin, with counts.
///
/// ```swift
/// notebook.show(Histogram(weights.scalars, bins: 10, title: "Initial weights"))
/// ```
/// Bars use eighth-blocks (`▏▎▍▌▋▊▉█`) so small differences show. Bins are equal-width over
/// `range` (default: the data's min…max); each is half-open `[a, b)` except the last, which
/// includes its upper end. Non-finite values are left out and counted in a note.
public struct Histogram: Plot, Equatable {
    /// The numbers to count; non-finite ones are left out.
    public var values: [Double]
    /// The number of equal-width bins.
    public var bins: Int
    /// A heading printed above the figure.
    public var title: String?
    /// The span the bins cover; `nil` means the data's min…max.
    public var range: ClosedRange<Double>?
    /// The total width in columns of every rendered line.
    public var width: Int

    /// A histogram of `values` in `bins` equal-width bins.
    public init(_ values: [Double], bins: Int = 10, title: String? = nil,
                range: ClosedRange<Double>? = nil, width: Int = 64) {
        self.values = values
        self.bins = max(1, bins)
        self.title = title
        self.range = range
        self.width = width
    }

    /// A histogram of a tensor's elements.
    public init(_ tensor: Tensor, bins: Int = 10, title: String? = nil,
                range: ClosedRange<Double>? = nil, width: Int = 64) {
        self.init(tensor.scalars, bins: bins, title: title, range: range, width: width)
    }

    /// The number of values in each bin.
    public var counts: [Int] {
        let (low, high) = bounds
        var counts = Array(repeating: 0, count: bins)
        for value in values where value.isFinite && value >= low && value <= high {
            let index = Int((value - low) / (high - low) * Double(bins))
            counts[min(bins - 1, max(0, index))] += 1
        }
        return counts
    }

    var bounds: (Double, Double) {
        if let range, range.upperBound > range.lowerBound { return (range.lowerBound, range.upperBound) }
        let finite = values.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 1
        return high > low ? (low, high) : (low - 0.5, high + 0.5)
    }

    /// The figure as lines of text; see `Plot`.
    public func render(color: Bool) -> [String] {
        var lines: [String] = []
        if let title { lines.append(Terminal.styled(title, .bold, enabled: color)) }
        let finiteCount = values.filter(\.isFinite).count
        guard finiteCount > 0 else { return lines + ["(no data)"] }
        let (low, high) = bounds
        let counts = self.counts
        let step = (high - low) / Double(bins)
        let digits = max(2, min(6, Int((-log10(step)).rounded(.up)) + 2))
        let edges: [String] = (0...bins).map { formatNumber(low + Double($0) * step, digits: digits) }
        let edgeWidth = edges.map(displayWidth(of:)).max() ?? 1
        let paddedLabels: [String] = (0..<bins).map { index in
            let left = pad(edges[index], to: edgeWidth, rightAligned: true)
            let right = pad(edges[index + 1], to: edgeWidth, rightAligned: true)
            let close = index == bins - 1 ? "]" : ")"
            return "[" + left + ", " + right + close
        }
        let labelWidth = paddedLabels.map(displayWidth(of:)).max() ?? 0
        let countWidth = String(counts.max() ?? 0).count
        let barWidth = max(4, width - labelWidth - countWidth - 4)
        let largest = max(1, counts.max() ?? 1)
        for (index, count) in counts.enumerated() {
            let eighths = Int((Double(count) / Double(largest) * Double(barWidth * 8)).rounded())
            var bar = String(repeating: "█", count: eighths / 8)
            if eighths % 8 > 0 { bar.append(Histogram.partial[eighths % 8]) }
            if count > 0 && bar.isEmpty { bar = "▏" }
            let styledBar = Terminal.styled(bar, .cyan, enabled: color)
            let gap = String(repeating: " ", count: barWidth - displayWidth(of: bar) + 2)
            let countText = pad(String(count), to: countWidth, rightAligned: true)
            lines.append(paddedLabels[index] + " " + styledBar + gap + countText)
        }
        var footer = "\(finiteCount) values"
        if finiteCount < values.count { footer += ", \(values.count - finiteCount) non-finite left out" }
        let outside = finiteCount - counts.reduce(0, +)
        if outside > 0 { footer += ", \(outside) outside the range" }
        lines.append(footer)
        return lines
    }

    /// Partial blocks for 1…7 eighths.
    static let partial: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
}
