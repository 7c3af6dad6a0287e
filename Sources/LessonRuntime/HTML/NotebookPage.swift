/// What a notebook printed, kept element by element so that it can be drawn a second time as a
/// web page (`HTMLPage`), from the same values the terminal saw.
///
/// `Notebook` appends one `Block` per call as it prints; nothing here affects standard output.
/// The plots are kept as values (`LinePlot`, `HeatMap`, …), so the page draws them from their
/// data series rather than from the terminal's characters.
public struct NotebookPage: Sendable {
    /// The lesson title (the page's `<h1>` and `<title>`).
    public var title: String
    /// The one-sentence summary under the title.
    public var summary: String
    /// The seed the run used.
    public var seed: UInt64
    /// Whether it was a `--quick` run.
    public var quick: Bool
    /// The elements, in the order they were printed.
    public var blocks: [Block] = []

    public init(title: String, summary: String = "", seed: UInt64 = 42, quick: Bool = false,
                blocks: [Block] = []) {
        self.title = title
        self.summary = summary
        self.seed = seed
        self.quick = quick
        self.blocks = blocks
    }

    /// One printed element.
    public enum Block: Sendable {
        /// A numbered section (`number` set), or the closing "Recap" / "Exercises" heading.
        case heading(String, number: Int?)
        /// Paragraphs in the notebook's light markup (see `TextWrapping`).
        case prose(String)
        /// One or more formulas, one per line.
        case formula(String)
        /// Lines kept exactly as written: code, boards, digit pictures, network summaries.
        case verbatim(String)
        /// A bulleted list.
        case bullets([String])
        /// `label = value`; `lines` holds a matrix printed over several lines.
        case result(label: String, value: String, lines: [String])
        /// A comparison with the notes or with the lesson's own value, or a slip of the notes.
        case row(ReportRow)
        /// A claim the lesson checks about its own results.
        case claim(String, holds: Bool)
        /// A table of formatted cells.
        case table(Table)
        /// One figure, or several side by side (`Notebook.show(panels:)`).
        case figure([any Plot])
        /// The exercises: the file to open and what to implement.
        case exercises(lesson: String, items: [String])
        /// The closing tally; `empty` when the lesson compared nothing.
        case tally(String, allAgree: Bool, empty: Bool)
    }

    /// One line of the comparison table.
    public struct ReportRow: Sendable, Equatable {
        /// What the row is.
        public enum Kind: Sendable, Equatable {
            /// A value compared with the notes at a citation.
            case notes(Citation)
            /// A value compared with one the lesson works out itself.
            case lesson
            /// A value the notes get wrong, at a citation.
            case slip(Citation)
        }

        public var kind: Kind
        /// The quantity, e.g. `∂C/∂w²₂₁`.
        public var label: String
        /// The reference value as shown: the notes' (or the lesson's) value.
        public var reference: String
        /// The computed value, or the correct value for a slip.
        public var value: String
        /// Whether the values agree (always false for a slip).
        public var agrees: Bool
        /// Remarks printed after the mark: the difference and tolerance, or a note.
        public var details: [String]
        /// Why the notes are wrong (slips only).
        public var why: String?

        public init(kind: Kind, label: String, reference: String, value: String, agrees: Bool,
                    details: [String] = [], why: String? = nil) {
            self.kind = kind
            self.label = label
            self.reference = reference
            self.value = value
            self.agrees = agrees
            self.details = details
            self.why = why
        }
    }
}
