import Foundation

/// Text made safe for HTML and SVG, and the notebook's light prose markup turned into elements.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, so it can go in an element or
    /// in a quoted attribute.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Escaped text in which `` `name` `` becomes `<code>name</code>` (code-like names in
    /// monospace, as the terminal shows them between backticks).
    static func inline(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return escape(text) }
        // An odd number of backticks leaves the last one unmatched: it stays a backtick.
        let paired = parts.count % 2 == 1 ? parts.count : parts.count - 1
        var result = ""
        for (index, part) in parts.enumerated() {
            if index >= paired {
                result += "`" + escape(part)
            } else if index % 2 == 1 {
                result += "<code>" + escape(part) + "</code>"
            } else {
                result += escape(part)
            }
        }
        return result
    }

    /// The notebook's prose as HTML, read as `TextWrapping` reads it: paragraphs separated by
    /// blank lines, list items after `- `, `* `, `• ` or `1. `, and lines indented by two spaces
    /// kept verbatim.
    static func prose(_ text: String) -> String {
        enum Piece { case paragraph([String]), item(ordered: Bool, [String]), verbatim([String]) }
        var pieces: [Piece] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if line.trimmingLeadingSpaces().isEmpty {
                pieces.append(.paragraph([]))
                continue
            }
            if line.hasPrefix("  ") {
                if case .verbatim(let lines) = pieces.last {
                    pieces[pieces.count - 1] = .verbatim(lines + [line.trimmingTrailingSpaces()])
                } else {
                    pieces.append(.verbatim([line.trimmingTrailingSpaces()]))
                }
                continue
            }
            if let marker = TextWrapping.listMarker(of: line) {
                let ordered = marker.first?.isNumber ?? false
                pieces.append(.item(ordered: ordered, [String(line.dropFirst(marker.count))]))
                continue
            }
            switch pieces.last {
            case .paragraph(let lines)?: pieces[pieces.count - 1] = .paragraph(lines + [line])
            case .item(let ordered, let lines)?: pieces[pieces.count - 1] = .item(ordered: ordered, lines + [line])
            default: pieces.append(.paragraph([line]))
            }
        }
        var html: [String] = []
        var openList: Bool?          // the kind of list open: true for <ol>
        func closeList() {
            if let ordered = openList { html.append(ordered ? "</ol>" : "</ul>") }
            openList = nil
        }
        for piece in pieces {
            switch piece {
            case .paragraph(let lines):
                guard !lines.isEmpty else { continue }
                closeList()
                html.append("<p>" + inline(lines.joined(separator: " ")) + "</p>")
            case .item(let ordered, let lines):
                if openList != ordered { closeList(); html.append(ordered ? "<ol>" : "<ul>"); openList = ordered }
                html.append("<li>" + inline(lines.joined(separator: " ")) + "</li>")
            case .verbatim(let lines):
                closeList()
                html.append("<pre class=\"inset\">" + escape(lines.joined(separator: "\n")) + "</pre>")
            }
        }
        closeList()
        return html.joined(separator: "\n")
    }
}
