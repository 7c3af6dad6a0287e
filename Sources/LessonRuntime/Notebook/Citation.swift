import TensorCore

/// Where a value stands in the lecture notes: a seed file's three-digit id and a line or a range of
/// lines, printed `000:512` or `004:1017–1027`.
///
/// `Notebook.compare(_:notes:at:computed:)` and `Notebook.slip(_:notes:at:correct:why:)` take one,
/// so a value shown as the notes' always says where it is and can be checked against the notes
/// (`swift run LessonNN --quick | ../shared/tools/check-citations`).
public struct Citation: Sendable, Hashable, CustomStringConvertible {
    /// The seed file's id, the three digits its name starts with (`"000"` for `000_….txt`).
    public let file: String
    /// The first cited line (1-based).
    public let firstLine: Int
    /// The last cited line; equal to `firstLine` for a single line.
    public let lastLine: Int

    /// One line of a seed file: `.notes("000", 512)`.
    public static func notes(_ file: String, _ line: Int) -> Citation {
        Citation(file: file, firstLine: line, lastLine: line)
    }

    /// A range of lines of a seed file: `.notes("004", 1017...1027)`.
    public static func notes(_ file: String, _ lines: ClosedRange<Int>) -> Citation {
        Citation(file: file, firstLine: lines.lowerBound, lastLine: lines.upperBound)
    }

    private init(file: String, firstLine: Int, lastLine: Int) {
        check(file.count == 3 && file.allSatisfy(\.isNumber),
              "a citation names a seed file by its three-digit id, not \"\(file)\"")
        check(firstLine >= 1 && lastLine >= firstLine,
              "a citation's lines run forward from 1, not \(firstLine)–\(lastLine)")
        self.file = file
        self.firstLine = firstLine
        self.lastLine = lastLine
    }

    /// `000:512` for one line, `004:1017–1027` (with an en dash) for a range.
    public var description: String {
        firstLine == lastLine ? "\(file):\(firstLine)" : "\(file):\(firstLine)–\(lastLine)"
    }

    /// The label that precedes a cited value: `notes (000:512)`.
    public var label: String { "notes (\(description))" }
}
