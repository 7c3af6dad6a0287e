/// Greedy word wrapping measured in terminal columns (see `displayWidth(of:)`).
///
/// The input is read like a tiny markup language, so lesson prose can be written naturally in a
/// multi-line string literal:
/// - consecutive lines are joined into one paragraph and re-flowed;
/// - a blank line separates paragraphs (and is kept as one blank line);
/// - a line starting with `- `, `* `, `• ` or `1. ` starts a list item with a hanging indent;
/// - a line indented by two or more spaces is kept verbatim (code, formulas, ASCII art).
public enum TextWrapping {
    /// The lines of `text` re-flowed to at most `width` columns, each prefixed by `indent`.
    public static func wrap(_ text: String, width: Int = 80, indent: String = "") -> [String] {
        var output: [String] = []
        var paragraph: [String] = []
        var hanging = ""        // continuation indent of the current paragraph (list items)
        var firstPrefix = ""

        func flush() {
            guard !paragraph.isEmpty else { return }
            output += fill(paragraph, width: width, first: indent + firstPrefix,
                           rest: indent + hanging)
            paragraph = []; hanging = ""; firstPrefix = ""
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let stripped = line.trimmingLeadingSpaces()
            if stripped.isEmpty {
                flush()
                if output.last != "" && !output.isEmpty { output.append("") }
                continue
            }
            if line.hasPrefix("  ") {
                flush()
                output.append(indent + line.trimmingTrailingSpaces())
                continue
            }
            if let marker = listMarker(of: line) {
                flush()
                firstPrefix = marker
                hanging = String(repeating: " ", count: displayWidth(of: marker))
                paragraph = [String(line.dropFirst(marker.count))]
                continue
            }
            paragraph.append(line)
        }
        flush()
        while output.last == "" { output.removeLast() }
        return output
    }

    /// The list marker (with its trailing space) that `line` starts with, if any.
    static func listMarker(of line: String) -> String? {
        for marker in ["- ", "* ", "• "] where line.hasPrefix(marker) { return marker }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 2, line.dropFirst(digits.count).hasPrefix(". ") {
            return String(digits) + ". "
        }
        return nil
    }

    /// Greedily fills the words of `lines` into lines of at most `width` columns.
    /// A word longer than a whole line is broken across lines so the limit always holds.
    static func fill(_ lines: [String], width: Int, first: String, rest: String) -> [String] {
        let words = lines.flatMap { $0.split(separator: " ").map(String.init) }
        var output: [String] = []
        var current = first
        var currentWidth = displayWidth(of: first)
        var empty = true
        for word in words {
            var word = word
            let prefixWidth = displayWidth(of: output.isEmpty ? first : rest)
            let available = max(1, width - prefixWidth)
            // Break words that cannot fit on any line.
            while displayWidth(of: word) > available {
                if !empty { output.append(current); current = rest; currentWidth = displayWidth(of: rest); empty = true }
                let (head, tail) = split(word, at: max(1, width - currentWidth))
                output.append(current + head)
                current = rest; currentWidth = displayWidth(of: rest)
                word = tail
            }
            if word.isEmpty { continue }
            let wordWidth = displayWidth(of: word)
            if empty {
                current += word; currentWidth += wordWidth; empty = false
            } else if currentWidth + 1 + wordWidth <= width {
                current += " " + word; currentWidth += 1 + wordWidth
            } else {
                output.append(current)
                current = rest + word; currentWidth = displayWidth(of: rest) + wordWidth
            }
        }
        if !empty { output.append(current) }
        return output
    }

    /// Splits `word` so that the head takes at most `columns` columns.
    private static func split(_ word: String, at columns: Int) -> (String, String) {
        var head = "", used = 0
        var index = word.startIndex
        while index < word.endIndex {
            let w = LessonRuntime.columns(of: word[index])
            if used + w > columns && used > 0 { break }
            head.append(word[index]); used += w
            index = word.index(after: index)
        }
        return (head, String(word[index...]))
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop(while: { $0 == " " || $0 == "\t" })) }
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " || result.last == "\t" { result.removeLast() }
        return result
    }
}
