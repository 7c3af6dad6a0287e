import Foundation

/// A lesson as one self-contained web page: the same sections, prose, formulas, comparisons,
/// checks, slips, tables and figures as its terminal run, with every plot, heat map and
/// histogram drawn as inline SVG from its data. No scripts, no external fonts, no network:
/// the file opens from disk and prints.
///
/// ```swift
/// try HTMLPage(notebook.page).write(to: "lesson03.html")   // what `--html lesson03.html` does
/// ```
/// The output is a pure function of the page, so two runs with the same seed write the same bytes.
public struct HTMLPage: Sendable {
    /// What the notebook printed.
    public var page: NotebookPage

    public init(_ page: NotebookPage) {
        self.page = page
    }

    /// The place where `Book` puts its navigation (previous, contents, next); a comment, so a
    /// page written by a lesson alone shows nothing there.
    public static let navigationMarker = "<!-- book:navigation -->"

    /// The whole document.
    public func document() -> String {
        var body: [String] = []
        body.append("<header>")
        body.append("<h1>\(HTMLText.escape(page.title))</h1>")
        if !page.summary.isEmpty { body.append("<p class=\"summary\">\(HTMLText.inline(page.summary))</p>") }
        body.append("<p class=\"run\">seed \(page.seed) · \(page.quick ? "quick run (<code>--quick</code>)" : "full run")</p>")
        body.append("</header>")
        var figureCount = 0
        var openSection = false
        var index = 0
        let blocks = page.blocks
        while index < blocks.count {
            switch blocks[index] {
            case .heading(let title, let number):
                if openSection { body.append("</section>") }
                let id = number.map { "section-\($0)" } ?? title.lowercased()
                let text = number.map { "\($0). \(title)" } ?? title
                body.append("<section aria-labelledby=\"\(id)\">")
                body.append("<h2 id=\"\(id)\">\(HTMLText.inline(text))</h2>")
                openSection = true
            case .prose(let text):
                body.append(HTMLText.prose(text))
            case .formula(let text):
                body.append("<div class=\"formula\" role=\"math\" aria-label=\"\(HTMLText.escape(text))\">\(HTMLText.escape(text))</div>")
            case .verbatim(let text):
                if !text.trimmingTrailingSpaces().isEmpty {
                    body.append("<pre class=\"verbatim\">\(HTMLText.escape(text))</pre>")
                }
            case .bullets(let items):
                body.append("<ul>" + items.map { "<li>\(HTMLText.inline($0))</li>" }.joined() + "</ul>")
            case .result:
                // Consecutive results form one list of `label = value` lines.
                var items: [String] = []
                while index < blocks.count, case .result(let label, let value, let lines) = blocks[index] {
                    if lines.isEmpty {
                        items.append("<div class=\"result\"><span class=\"label\">\(HTMLText.escape(label))</span> = <output>\(HTMLText.escape(value))</output></div>")
                    } else {
                        items.append("<pre class=\"result\">\(HTMLText.escape(lines.map { String($0.dropFirst(2)) }.joined(separator: "\n")))</pre>")
                    }
                    index += 1
                }
                index -= 1
                body.append("<div class=\"results\">" + items.joined(separator: "\n") + "</div>")
            case .row, .claim:
                // Consecutive comparisons, checks and slips form one table.
                var rows: [String] = []
                while index < blocks.count {
                    if case .row(let row) = blocks[index] { rows.append(HTMLPage.reportRow(row)) }
                    else if case .claim(let claim, let holds) = blocks[index] { rows.append(HTMLPage.claimRow(claim, holds: holds)) }
                    else { break }
                    index += 1
                }
                index -= 1
                body.append("<div class=\"scroll\"><table class=\"report\"><thead><tr><th scope=\"col\">quantity or claim</th>"
                            + "<th scope=\"col\">reference</th><th scope=\"col\">this run</th><th scope=\"col\"><span class=\"sr\">result</span></th></tr></thead><tbody>\n"
                            + rows.joined(separator: "\n") + "\n</tbody></table></div>")
            case .table(let table):
                body.append(HTMLPage.table(table))
            case .figure(let plots):
                let figures = plots.map { plot -> String in
                    figureCount += 1
                    return HTMLPage.figure(plot, number: figureCount)
                }
                body.append(figures.count == 1 ? figures[0] : "<div class=\"panels\">\n" + figures.joined(separator: "\n") + "\n</div>")
            case .exercises(let lesson, let items):
                body.append("<p>Open <code>Exercises/\(HTMLText.escape(lesson)).swift</code> and implement:</p>")
                body.append("<ul>" + items.map { "<li>\(HTMLText.inline($0))</li>" }.joined() + "</ul>")
                body.append("<p>Check your work with <code>swift test --filter \(HTMLText.escape(lesson))</code>, and see the whole report card with <code>swift run Grade</code>.</p>")
            case .tally(let line, let allAgree, let empty):
                if openSection { body.append("</section>"); openSection = false }
                body.append(empty ? "<p class=\"tally\">No comparisons with the notes in this lesson.</p>"
                            : "<p class=\"tally \(allAgree ? "agree" : "disagree")\"><span class=\"mark\" aria-label=\"\(allAgree ? "all hold" : "some fail")\">\(allAgree ? "✓" : "✗")</span> \(HTMLText.escape(line)).</p>")
            }
            index += 1
        }
        if openSection { body.append("</section>") }

        return HTMLPage.document(title: page.title, body: body.joined(separator: "\n"))
    }

    /// A complete page around `body` (HTML): the head with the inline stylesheet, the
    /// navigation markers, and `<main>`. `Book` uses it for the contents page, so every page
    /// of the site has the same look.
    public static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(PageStyle.css)
        </style>
        </head>
        <body>
        \(navigationMarker)
        <main>
        \(body)
        </main>
        \(navigationMarker)
        </body>
        </html>

        """
    }

    /// `text` escaped for HTML (`&`, `<`, `>`, quotes).
    public static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// `text` escaped, with `` `name` `` in `<code>`.
    public static func inline(_ text: String) -> String { HTMLText.inline(text) }

    /// Writes the document to `path` (UTF-8), replacing any file there.
    public func write(to path: String) throws {
        try document().write(toFile: path, atomically: true, encoding: .utf8)
    }

    // MARK: Elements

    static func reportRow(_ row: NotebookPage.ReportRow) -> String {
        let mark: String, state: String, label: String
        switch row.kind {
        case .slip: (mark, state, label) = ("≠", "slip", "a slip of the notes")
        default: (mark, state, label) = row.agrees ? ("✓", "agree", "agrees") : ("✗", "disagree", "disagrees")
        }
        let valueLabel: String
        if case .slip = row.kind { valueLabel = "correct" } else { valueLabel = "computed" }
        var remarks = row.details.map { "<span class=\"remark\">(\(HTMLText.inline($0)))</span>" }
        if let why = row.why { remarks.append("<span class=\"why\"><strong>slip:</strong> \(HTMLText.inline(why))</span>") }
        let reference = HTMLPage.reference(row.reference)
        return "<tr class=\"\(state)\"><th scope=\"row\" data-label=\"quantity\">\(HTMLText.inline(row.label))</th>"
            + "<td data-label=\"reference\">\(reference)</td>"
            + "<td data-label=\"\(valueLabel)\"><span class=\"value-kind\">\(valueLabel):</span> <output>\(HTMLText.escape(row.value))</output>"
            + (remarks.isEmpty ? "" : "<br>" + remarks.joined(separator: " ")) + "</td>"
            + "<td class=\"mark\"><span role=\"img\" aria-label=\"\(label)\">\(mark)</span></td></tr>"
    }

    /// `notes (000:512): 0.002` with the citation in `<cite>`, or `lesson: −2.8`.
    static func reference(_ text: String) -> String {
        if text.hasPrefix("notes ("), let close = text.range(of: "): ") {
            let citation = text[text.index(text.startIndex, offsetBy: 7)..<close.lowerBound]
            return "notes <cite>(\(HTMLText.escape(String(citation))))</cite>: <span class=\"value\">\(HTMLText.escape(String(text[close.upperBound...])))</span>"
        }
        return HTMLText.escape(text)
    }

    static func claimRow(_ claim: String, holds: Bool) -> String {
        "<tr class=\"claim \(holds ? "agree" : "disagree")\"><td colspan=\"3\" data-label=\"check\">\(HTMLText.inline(claim))</td>"
            + "<td class=\"mark\"><span role=\"img\" aria-label=\"\(holds ? "holds" : "does not hold")\">\(holds ? "✓" : "✗")</span></td></tr>"
    }

    static func table(_ table: Table) -> String {
        let columnCount = max(table.headers.count, table.rows.map(\.count).max() ?? 0)
        func cell(_ row: [String], _ column: Int) -> String { column < row.count ? row[column] : "" }
        let numeric = (0..<columnCount).map { column in
            !table.rows.isEmpty && table.rows.allSatisfy { Table.isNumeric(cell($0, column)) }
        }
        let head = "<thead><tr>" + (0..<columnCount).map {
            "<th scope=\"col\"\(numeric[$0] ? " class=\"num\"" : "")>\(HTMLText.inline(cell(table.headers, $0)))</th>"
        }.joined() + "</tr></thead>"
        let body = table.rows.map { row in
            "<tr>" + (0..<columnCount).map {
                "<td\(numeric[$0] ? " class=\"num\"" : "")>\(HTMLText.inline(cell(row, $0)))</td>"
            }.joined() + "</tr>"
        }.joined(separator: "\n")
        return "<div class=\"scroll\"><table class=\"data\">\(head)<tbody>\n\(body)\n</tbody></table></div>"
    }

    /// A figure: the SVG drawing and a caption with its number and title. A plot type this
    /// renderer does not know is shown as its terminal drawing.
    static func figure(_ plot: any Plot, number: Int) -> String {
        let id = "fig\(number)"
        let svg: String, title: String?
        switch plot {
        case let line as LinePlot: (svg, title) = (SVGChart(line, id: id).render(), line.title)
        case let scatter as ScatterPlot: (svg, title) = (SVGChart(scatter, id: id).render(), scatter.title)
        case let map as HeatMap: (svg, title) = (SVGHeatMap(map: map, id: id).render(), map.title)
        case let histogram as Histogram: (svg, title) = (SVGHistogram(histogram: histogram, id: id).render(), histogram.title)
        default:
            return "<figure class=\"text-figure\" id=\"\(id)\"><pre role=\"img\" aria-label=\"Figure \(number)\">"
                + HTMLText.escape(plot.render().joined(separator: "\n")) + "</pre>"
                + "<figcaption>Figure \(number)</figcaption></figure>"
        }
        let caption = "Figure \(number)" + (title.map { ". " + HTMLText.inline($0) } ?? "")
        return "<figure>\n\(svg)\n<figcaption>\(caption)</figcaption>\n</figure>"
    }
}
