import TensorCore

/// The printed page of a lesson: numbered sections, wrapped prose, formulas, labelled results,
/// checks against the lecture notes, tables and plots, a recap and the exercises.
///
/// A lesson reads top to bottom:
/// ```swift
/// let notebook = Notebook(title: "Lesson 01 · The perceptron",
///                         summary: "What a single artificial neuron computes.",
///                         flags: [Flag("epochs", value: "N", help: "training epochs (default 20)")])
/// notebook.section("The weighted sum")
/// notebook.prose("A neuron multiplies each input by a weight …")
/// notebook.compare("σ(−6)", notes: 0.002, at: .notes("004", 512), computed: sigmoid(-6), tolerance: 5e-4)
/// notebook.finish()
/// ```
/// Everything goes to the output sink (standard output by default) and is deterministic: no
/// timings, no addresses, locale-independent numbers. Progress and timings belong on standard
/// error (`ProgressBar`, `Stopwatch`).
///
/// `Notebook` is a class because it is a sink with state (section counter, comparison tallies)
/// shared by the whole lesson; it is meant to be used from one thread.
public final class Notebook {
    /// The parsed command line.
    public let options: Options
    /// The lesson title printed at the top.
    public let title: String
    /// The one-sentence summary printed under the title.
    public let summary: String
    /// Whether ANSI colour is emitted.
    public let color: Bool
    /// The number of `compare` calls so far.
    public private(set) var comparisons = 0
    /// The number of `compare` calls that agreed with the notes.
    public private(set) var agreements = 0
    /// The labels of the comparisons that disagreed, in order.
    public private(set) var disagreements: [String] = []
    /// How many claims `check(_:_:)` tested, and the ones that did not hold.
    public private(set) var claims = 0
    public private(set) var failedClaims: [String] = []
    /// How many slips in the notes `slip(_:notes:correct:why:)` pointed out.
    public private(set) var slips = 0
    /// Everything printed so far, element by element, for the web page (`--html FILE`).
    public private(set) var page: NotebookPage

    /// The width prose is wrapped to.
    public static let width = 80
    /// The column where `notes:` starts on comparison lines, so that consecutive ones line up
    /// (a longer label pushes its own line further right).
    static let labelColumn = 28

    private let write: (String) -> Void
    private var sectionNumber = 0

    /// Parses the command line, prints the title, and returns the notebook.
    ///
    /// `--help` prints the usage (generated from `flags` and `subcommands`) and exits 0; a bad
    /// command line prints one error line and the usage to standard error and exits 64. When the
    /// first argument names one of `subcommands`, that command runs instead and the program exits.
    /// Colour is on only when standard output is a terminal, `NO_COLOR` is unset and `--no-color`
    /// is not given.
    public convenience init(title: String, summary: String = "", flags: [any FlagDeclaration] = [],
                            subcommands: [Subcommand] = [], arguments: [String] = CommandLine.arguments) {
        let options = Invocation.lessonOptions(arguments, title: title, summary: summary, flags: flags,
                                               subcommands: subcommands)
        let color = Terminal.standardOutputIsTerminal && !Terminal.noColorRequested && !options.noColor
        self.init(title: title, summary: summary, options: options, color: color) {
            print($0, terminator: "")
        }
    }

    /// A notebook writing to `output` (each call receives whole lines ending in a newline).
    /// Use this in tests to capture the text; it prints the title immediately.
    public init(title: String, summary: String = "", options: Options = Options(), color: Bool = false,
                output: @escaping (String) -> Void) {
        self.title = title
        self.summary = summary
        self.options = options
        self.color = color
        self.write = output
        self.page = NotebookPage(title: title, summary: summary, seed: options.seed, quick: options.quick)
        emit(style(title, .bold))
        emit(style(String(repeating: "═", count: displayWidth(of: title)), .dim))
        if !summary.isEmpty { emit(TextWrapping.wrap(summary, width: Notebook.width)) }
        var run = ["seed \(options.seed)", options.quick ? "quick run" : "full run"]
        if !options.quick { run.append("--quick for a short run") }
        run.append("--help for options")
        emit(style(run.joined(separator: " · "), .dim))
    }

    // MARK: Randomness

    /// A generator for one named purpose ("replay sampling", "digit split"), derived from
    /// `--seed` and the name alone: a section's numbers do not depend on what ran before it, on
    /// `--quick` elsewhere, or on the order of sections. Tests reproduce a stream with
    /// `SeededGenerator(seed:stream:)` and the same name.
    public func generator(_ stream: String) -> SeededGenerator {
        SeededGenerator(seed: options.seed, stream: stream)
    }

    /// A seed for one named purpose, for library calls that take a seed rather than a generator
    /// (`DQNAgent(seed:)`, `playBackgammonMatch(seed:)`); derived like `generator(_:)`.
    public func seed(_ stream: String) -> UInt64 {
        SeededGenerator.seed(options.seed, stream: stream)
    }

    // MARK: Text

    /// Starts a numbered section: a blank line, `3. Title`, and a rule under it.
    public func section(_ title: String) {
        sectionNumber += 1
        page.blocks.append(.heading(title, number: sectionNumber))
        heading("\(sectionNumber). \(title)")
    }

    /// Prints paragraphs wrapped to 80 columns. Blank lines separate paragraphs; lines starting
    /// with `- ` or `1. ` are list items; lines indented by two spaces are kept verbatim.
    public func prose(_ text: String) {
        page.blocks.append(.prose(text))
        emit("")
        emit(TextWrapping.wrap(text, width: Notebook.width))
    }

    /// Prints a formula (or several, one per line) indented on its own lines.
    public func formula(_ text: String) {
        page.blocks.append(.formula(text))
        emit("")
        emit(text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
    }

    /// Prints lines exactly as given, without wrapping (code, hand-made diagrams).
    public func verbatim(_ text: String) {
        page.blocks.append(.verbatim(text))
        emit(text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) })
    }

    /// Prints a bulleted list, wrapped with a hanging indent.
    public func bullets(_ items: [String]) {
        page.blocks.append(.bullets(items))
        printBullets(items)
    }

    private func printBullets(_ items: [String]) {
        emit("")
        for item in items {
            emit(TextWrapping.fill([item], width: Notebook.width, first: "  • ", rest: "    "))
        }
    }

    // MARK: Results

    /// Prints `  label = value` with `digits` decimal places at most (see `formatNumber`).
    public func result(_ label: String, _ value: Double, digits: Int = 6) {
        result(label, formatNumber(value, digits: digits))
    }

    /// Prints `  label = value` for an integer.
    public func result(_ label: String, _ value: Int) {
        result(label, String(value))
    }

    /// Prints `  label = text`.
    public func result(_ label: String, _ text: String) {
        page.blocks.append(.result(label: label, value: text, lines: []))
        emit("  \(label) = \(text)")
    }

    /// Prints a tensor: a scalar or vector on one line, a matrix as aligned rows, anything of
    /// higher rank as its shape and elements. Long vectors are elided in the middle.
    public func result(_ label: String, _ tensor: Tensor, digits: Int = 4) {
        let prefix = "  \(label) = "
        let lines = TensorFormatting.lines(tensor, digits: digits, prefix: prefix)
        page.blocks.append(lines.count == 1 ? .result(label: label, value: String(lines[0].dropFirst(prefix.count)), lines: [])
                                            : .result(label: label, value: "", lines: lines))
        emit(lines)
    }

    /// Prints `  label = [a, b, c]` for an array of numbers.
    public func result(_ label: String, _ values: [Double], digits: Int = 4) {
        result(label, Tensor(values), digits: digits)
    }

    /// Prints several labelled numbers with their `=` signs aligned.
    public func results(_ items: KeyValuePairs<String, Double>, digits: Int = 6) {
        let width = items.map { displayWidth(of: $0.key) }.max() ?? 0
        for (label, value) in items {
            page.blocks.append(.result(label: label, value: formatNumber(value, digits: digits), lines: []))
            emit("  \(pad(label, to: width)) = \(formatNumber(value, digits: digits))")
        }
    }

    /// Compares a value computed by the lesson with the value printed in the notes at `citation`
    /// and prints `  label   notes (000:512): 0.002   computed: 0.002473  ✓` (or `✗` with the
    /// difference). A notes value cannot be shown without the line it comes from.
    ///
    /// Agreement means `|computed − notes| ≤ tolerance`. The tally is reported by `finish()`,
    /// which makes the lesson fail when any comparison disagreed. `note` is a short remark printed
    /// after the mark (for a value the notes round). `written` shows the notes' value as they
    /// write it when that is not a plain number (`"10/16"`, `"3 × 10¹²"`).
    @discardableResult
    public func compare(_ label: String, notes: Double, at citation: Citation, written: String? = nil,
                        computed: Double, tolerance: Double = 1e-6, digits: Int = 6, note: String? = nil) -> Bool {
        comparisons += 1
        return tally(label, kind: .notes(citation),
                     reference: "\(citation.label): \(written ?? formatNumber(notes, digits: digits))",
                     computed: formatNumber(computed, digits: digits),
                     agrees: abs(computed - notes) <= tolerance,
                     difference: abs(computed - notes), tolerance: tolerance, digits: digits, note: note)
    }

    /// Compares exact values (integers, labels, predicted classes) with the notes at `citation`.
    @discardableResult
    public func compare<Value: Equatable & CustomStringConvertible>(_ label: String, notes: Value,
                                                                    at citation: Citation,
                                                                    computed: Value, note: String? = nil) -> Bool {
        comparisons += 1
        return tally(label, kind: .notes(citation), reference: "\(citation.label): \(notes.description)",
                     computed: computed.description,
                     agrees: notes == computed, difference: nil, tolerance: 0, digits: 0, note: note)
    }

    /// Compares a value computed by the lesson's code with a value the lesson works out by hand
    /// in the notes' setting (a number the notes never print), and prints
    /// `  label   lesson: −2.8   computed: −2.800000  ✓`. It is tallied as one of the lesson's
    /// checks, not as a comparison with the notes, and fails the lesson when it does not hold.
    @discardableResult
    public func compare(_ label: String, lesson: Double, computed: Double, tolerance: Double = 1e-6,
                        digits: Int = 6, note: String? = nil) -> Bool {
        claims += 1
        return tally(label, kind: .lesson, reference: "lesson: \(formatNumber(lesson, digits: digits))",
                     computed: formatNumber(computed, digits: digits),
                     agrees: abs(computed - lesson) <= tolerance,
                     difference: abs(computed - lesson), tolerance: tolerance, digits: digits, note: note,
                     isCheck: true)
    }

    private func tally(_ label: String, kind: NotebookPage.ReportRow.Kind, reference: String, computed: String, agrees: Bool,
                       difference: Double?, tolerance: Double, digits: Int, note: String?,
                       isCheck: Bool = false) -> Bool {
        if isCheck {
            if !agrees { failedClaims.append(label) }
        } else if agrees {
            agreements += 1
        } else {
            disagreements.append(label)
        }
        let mark = agrees ? style("✓", .green) : style("✗", .red)
        var details: [String] = []
        if !agrees, let difference {
            details.append("off by \(formatNumber(difference, digits: digits)), tolerance \(formatNumber(tolerance, digits: digits))")
        }
        if let note { details.append(note) }
        page.blocks.append(.row(NotebookPage.ReportRow(kind: kind, label: label, reference: reference, value: computed,
                                                       agrees: agrees, details: details)))
        emitRow(label, reference: reference, other: "computed: \(computed)", mark: mark, details: details)
        return agrees
    }

    /// One comparison or slip: on one line when it fits in 80 columns, otherwise the label on its
    /// own line and the values indented under it. Remarks follow in parentheses, wrapped.
    private func emitRow(_ label: String, reference: String, other: String, mark: String, details: [String]) {
        let labelField = pad(label, to: max(Notebook.labelColumn, displayWidth(of: label) + 3))
        let values = pad(reference, to: displayWidth(of: reference) + 3)
            + pad(other, to: max(18, displayWidth(of: other) + 2))
        let remark = details.map { "(\($0))" }.joined(separator: " ")
        let oneLine = "  " + labelField + values + mark
        if displayWidth(of: oneLine) + 1 + displayWidth(of: remark) <= Notebook.width {
            emit(oneLine + (remark.isEmpty ? "" : "  " + remark))
            return
        }
        if displayWidth(of: oneLine) <= Notebook.width {
            emit(oneLine)
        } else if displayWidth(of: "      " + values + mark) <= Notebook.width {
            emit("  " + label)
            emit("      " + values + mark)
        } else {
            emit("  " + label + "  " + mark)
            emit("      " + reference)
            emit("      " + other)
        }
        if !remark.isEmpty {
            emit(TextWrapping.wrap(remark, width: Notebook.width - 6).map { "      " + $0 })
        }
    }

    /// Prints a claim the lesson makes about its own results, such as
    /// `  ✓ the perceptron classifies all four OR inputs correctly`, and tallies it.
    /// Use it for facts the notes do not state as numbers; `finish()` fails when one does not hold.
    @discardableResult
    public func check(_ claim: String, _ holds: Bool) -> Bool {
        claims += 1
        if !holds { failedClaims.append(claim) }
        page.blocks.append(.claim(claim, holds: holds))
        // Wrapped with a hanging indent, so a long claim stays within the page.
        emit(TextWrapping.fill([claim], width: Notebook.width,
                               first: "  " + (holds ? style("✓", .green) : style("✗", .red)) + " ", rest: "    "))
        return holds
    }

    /// Prints a value the notes get wrong, with the line it is on, beside the right one and the
    /// reason: `  label   notes (000:531): 1   correct: 0   ≠`, then `slip: why` underneath.
    ///
    /// A slip is part of the lesson, not a failure, so it does not make `finish()` fail; the
    /// closing line counts them. `notes` is the notes' text or value as they write it, so that
    /// `check-citations` can find it on the cited lines.
    public func slip(_ label: String, notes: String, at citation: Citation, correct: String, why: String) {
        slips += 1
        page.blocks.append(.row(NotebookPage.ReportRow(kind: .slip(citation), label: label,
                                                       reference: "\(citation.label): \(notes)", value: correct,
                                                       agrees: false, why: why)))
        emitRow(label, reference: "\(citation.label): \(notes)", other: "correct: \(correct)",
                mark: style("≠", .yellow), details: [])
        // The explanation goes underneath, wrapped, so every line stays within the page.
        emit(TextWrapping.wrap("slip: " + why, width: Notebook.width - 6).map { "      " + $0 })
    }

    /// A slip whose values are numbers, formatted like `compare`.
    public func slip(_ label: String, notes: Double, at citation: Citation, correct: Double, digits: Int = 6,
                     why: String) {
        slip(label, notes: formatNumber(notes, digits: digits), at: citation,
             correct: formatNumber(correct, digits: digits), why: why)
    }

    // MARK: Tables and plots

    /// Prints a table of already-formatted cells (numeric columns are right-aligned).
    public func table(_ headers: [String], rows: [[String]]) {
        show(Table(headers, rows: rows))
    }

    /// Prints a table of numbers, formatted with `digits` decimal places at most.
    public func table(_ headers: [String], rows: [[Double]], digits: Int = 4) {
        show(Table(headers, rows: rows, digits: digits))
    }

    /// Prints a table.
    public func show(_ table: Table) {
        page.blocks.append(.table(table))
        emit("")
        emit(table.render())
    }

    /// Prints a plot, indented by two columns.
    public func show(_ plot: some Plot) {
        page.blocks.append(.figure([plot]))
        emit("")
        emit(plot.render(color: color).map { $0.isEmpty ? $0 : "  " + $0 })
    }

    /// Prints plots side by side in panels, indented by two columns with `gap` columns between
    /// them, so that curves that would hide each other on one axis each get a panel of their own.
    /// Give each plot a width of at most (78 − gap·(n − 1)) / n columns to stay within the page.
    public func show(panels plots: [any Plot], gap: Int = 2) {
        page.blocks.append(.figure(plots))
        emit("")
        let rendered = plots.map { $0.render(color: color) }
        let widths = rendered.map { $0.map { displayWidth(of: $0) }.max() ?? 0 }
        let height = rendered.map(\.count).max() ?? 0
        for row in 0..<height {
            var line = " "
            for (index, lines) in rendered.enumerated() {
                line += String(repeating: " ", count: index == 0 ? 1 : gap)
                line += pad(row < lines.count ? lines[row] : "", to: widths[index])
            }
            emit(line.trimmingTrailingSpaces())
        }
    }

    // MARK: Closing

    /// Prints the closing "Recap" heading and its points as bullets.
    public func recap(_ points: [String]) {
        page.blocks.append(.heading("Recap", number: nil))
        heading("Recap")
        bullets(points)
    }

    /// Prints the "Exercises" heading: where the stubs are, what to implement, how to check.
    public func exercises(lesson: String, _ items: [String]) {
        page.blocks.append(.heading("Exercises", number: nil))
        page.blocks.append(.exercises(lesson: lesson, items: items))
        heading("Exercises")
        emit("")
        emit(TextWrapping.wrap("Open Exercises/\(lesson).swift and implement:", width: Notebook.width))
        printBullets(items)
        emit("")
        emit(TextWrapping.wrap("Check your work with `swift test --filter \(lesson)`, and see the whole report card with `swift run Grade`.", width: Notebook.width))
    }

    /// The closing line: how many comparisons with the notes agreed.
    public var tallyLine: String {
        var parts = ["\(agreements) of \(comparisons) comparisons with the notes agree"]
        if !disagreements.isEmpty { parts[0] += " (disagreeing: " + disagreements.joined(separator: ", ") + ")" }
        if claims > 0 {
            var claimPart = "\(claims - failedClaims.count) of \(claims) checks hold"
            if !failedClaims.isEmpty { claimPart += " (failing: " + failedClaims.joined(separator: ", ") + ")" }
            parts.append(claimPart)
        }
        if slips > 0 { parts.append("\(slips) slip\(slips == 1 ? "" : "s") in the notes corrected") }
        return parts.joined(separator: "; ")
    }

    /// True when every comparison agreed and every check held.
    public var allAgree: Bool { disagreements.isEmpty && failedClaims.isEmpty }

    /// Prints the tally, flushes standard output, writes the web page when `--html FILE` was
    /// given, and exits with status 1 if any comparison disagreed or any check failed (73 if the
    /// page could not be written). Returns normally otherwise.
    public func finish() {
        emit("")
        let mark = allAgree ? style("✓", .green) : style("✗", .red)
        let empty = comparisons + claims + slips == 0
        page.blocks.append(.tally(tallyLine, allAgree: allAgree, empty: empty))
        emit(empty ? "No comparisons with the notes in this lesson."
             : TextWrapping.wrap("\(mark) \(tallyLine).", width: Notebook.width).joined(separator: "\n"))
        Terminal.flushAll()
        if let path = options.htmlPath {
            do {
                try HTMLPage(page).write(to: path)
            } catch {
                Terminal.writeToStandardError("\(options.programName): cannot write the page to \(path): \(error)\n")
                Terminal.exit(73)
            }
        }
        if !allAgree { Terminal.exit(1) }
    }

    // MARK: Output

    private func heading(_ text: String) {
        emit("")
        emit(style(text, .bold))
        emit(style(String(repeating: "─", count: displayWidth(of: text)), .dim))
    }

    private func style(_ text: String, _ style: Terminal.Style) -> String {
        Terminal.styled(text, style, enabled: color)
    }

    private func emit(_ line: String) { write(line + "\n") }

    private func emit(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        write(lines.joined(separator: "\n") + "\n")
    }
}
