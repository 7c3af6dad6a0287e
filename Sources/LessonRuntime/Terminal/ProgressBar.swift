/// A progress bar for training loops, on standard error only.
///
/// ```swift
/// var bar = ProgressBar("Training", total: steps)
/// for step in 1...steps {
///     …
///     if step % 100 == 0 { bar.advance(to: step, metric: "loss \(formatNumber(loss, digits: 3))") }
///     else { bar.advance(to: step) }
/// }
/// bar.finish()
/// ```
/// On a terminal it is redrawn in place at most ten times a second with the percentage, rate,
/// time left and the latest metric. Elsewhere (a pipe, a file, CI) it is silent during the loop
/// and writes one summary line at `finish()`:
/// `Training: 5000 steps in 3.2 s (1560/s), loss 0.123`. Standard output is never touched, so
/// the notebook text stays identical between runs.
public struct ProgressBar {
    /// Where the bar writes, and whether that is a terminal (which decides redraw vs. summary).
    public struct Output {
        /// True when redrawing in place is possible.
        public var isTerminal: Bool
        /// Receives the text.
        public var write: (String) -> Void

        /// An output that sends text to `write`.
        public init(isTerminal: Bool, write: @escaping (String) -> Void) {
            self.isTerminal = isTerminal
            self.write = write
        }

        /// Standard error, redrawing in place when it is a terminal.
        public static var standardError: Output {
            Output(isTerminal: Terminal.standardErrorIsTerminal, write: Terminal.writeToStandardError)
        }
    }

    /// What is being done, e.g. `"Training"`.
    public let label: String
    /// The number of steps expected.
    public let total: Int
    /// The last step reported.
    public private(set) var step = 0
    /// The last metric reported.
    public private(set) var metric: String?

    private let output: Output
    private let stopwatch = Stopwatch()
    private var lastDraw = -1.0
    private var finished = false

    /// The width of the line drawn on a terminal.
    static let lineWidth = 79
    /// The seconds between two redraws.
    static let redrawInterval = 0.1

    /// A bar for `total` steps, started now.
    public init(_ label: String, total: Int, output: Output = .standardError) {
        self.label = label
        self.total = max(0, total)
        self.output = output
    }

    /// Records that `step` steps are done, with an optional metric to show (e.g. `"loss 0.123"`).
    public mutating func advance(to step: Int, metric: String? = nil) {
        self.step = step
        if let metric { self.metric = metric }
        guard output.isTerminal, !finished else { return }
        let now = stopwatch.seconds
        if lastDraw < 0 || now - lastDraw >= ProgressBar.redrawInterval || step >= total {
            lastDraw = now
            output.write("\r\u{1B}[2K" + progressLine(elapsed: now))
        }
    }

    /// Records `count` more steps.
    public mutating func advance(by count: Int = 1, metric: String? = nil) {
        advance(to: step + count, metric: metric)
    }

    /// Ends the bar: on a terminal the bar is replaced by the summary; elsewhere the summary is
    /// the only line written. Calling it again does nothing.
    public mutating func finish(metric: String? = nil) {
        guard !finished else { return }
        finished = true
        if let metric { self.metric = metric }
        let line = summary(elapsed: stopwatch.seconds)
        output.write((output.isTerminal ? "\r\u{1B}[2K" : "") + line + "\n")
    }

    /// `Training: 5000 steps in 3.2 s (1560/s), loss 0.123`.
    func summary(elapsed: Double) -> String {
        var line = "\(label): \(step) steps in \(Stopwatch.describe(seconds: elapsed))"
        if elapsed > 0 { line += " (\(ProgressBar.rate(Double(step) / elapsed)))" }
        if let metric { line += ", " + metric }
        return line
    }

    /// `Training ▕██████▌     ▏  42%  2100/5000  1560/s  ETA 2 s  loss 0.123`, clipped to 79 columns.
    func progressLine(elapsed: Double) -> String {
        let fraction = total > 0 ? min(1, max(0, Double(step) / Double(total))) : 0
        let barWidth = 24
        let eighths = Int((fraction * Double(barWidth * 8)).rounded(.down))
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { bar.append(Histogram.partial[eighths % 8]) }
        bar += String(repeating: " ", count: barWidth - displayWidth(of: bar))
        let percent = pad("\(Int((fraction * 100).rounded(.down)))%", to: 4, rightAligned: true)
        var parts = ["\(label) ▕\(bar)▏\(percent)", "\(step)/\(total)"]
        if elapsed > 0.2, step > 0 {   // too early, a rate is noise
            let perSecond = Double(step) / elapsed
            parts.append(ProgressBar.rate(perSecond))
            if step < total {
                parts.append("ETA " + Stopwatch.describe(seconds: Double(total - step) / perSecond))
            }
        }
        if let metric { parts.append(metric) }
        return clip(parts.joined(separator: "  "), to: ProgressBar.lineWidth)
    }

    /// `1560/s`, `12.5/s`.
    static func rate(_ perSecond: Double) -> String {
        (perSecond >= 100 ? String(Int(perSecond.rounded())) : formatNumber(perSecond, digits: 1)) + "/s"
    }
}
