import LessonRuntime

/// The contents page (`index.html`): the README's lesson table with links to the pages and the
/// run times of this build, and how to read the course; and the navigation bar of every page.
struct SiteIndex {
    var pages: [SiteBuild.LessonPage]
    var readme: String
    var quick: Bool
    var seed: UInt64
    var timings: Bool
    var fileName: (String) -> String

    /// The rows of the README's lesson table (`| \`Lesson01\` | … |`), as cells of Markdown.
    var readmeRows: [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `Lesson") {
            let cells = SiteIndex.cells(String(line))
            guard let first = cells.first else { continue }
            rows[first.replacingOccurrences(of: "`", with: "")] = cells
        }
        return rows
    }

    /// The cells of a Markdown table row; `\|` is a literal bar.
    static func cells(_ line: String) -> [String] {
        let placeholder = "\u{1}"
        let trimmed = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\|", with: placeholder)
        return trimmed.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: placeholder, with: "|") }
    }

    func document() -> String {
        let rows = readmeRows
        var body: [String] = []
        body.append("<header><h1>NeuralRL</h1>")
        body.append("<p class=\"summary\">A literate, executable course on neural networks for deep reinforcement learning, "
                    + "from the perceptron to TD-Gammon and DQN, written in plain Swift.</p>")
        body.append("<p class=\"run\">Built with seed \(seed), \(quick ? "every lesson's quick run (<code>--quick</code>)" : "every lesson's full run").</p></header>")
        body.append("<section aria-labelledby=\"contents\"><h2 id=\"contents\">Lessons</h2>")
        var head = "<thead><tr><th scope=\"col\">lesson</th><th scope=\"col\">topic</th><th scope=\"col\">what you learn</th>"
            + "<th scope=\"col\">run time (README)</th>"
        if timings { head += "<th scope=\"col\" class=\"num\">this build</th>" }
        head += "<th scope=\"col\" class=\"num\">exercises</th></tr></thead>"
        var lines: [String] = []
        for page in pages {
            let cells = rows[page.lesson] ?? []
            func cell(_ index: Int) -> String { index < cells.count ? HTMLPage.inline(cells[index]) : "" }
            var row = "<tr><th scope=\"row\"><a href=\"\(fileName(page.lesson))\">\(HTMLPage.escape(page.lesson))</a></th>"
                + "<td>\(cells.count > 1 ? cell(1) : page.title)</td><td>\(cell(2))</td><td>\(cell(3))</td>"
            if timings {
                row += "<td class=\"num measured\">\(formatNumber(page.seconds, digits: 1)) s\(page.status == 0 ? "" : " (failed)")</td>"
            }
            row += "<td class=\"num\">\(cell(4))</td></tr>"
            lines.append(row)
        }
        body.append("<div class=\"scroll\"><table class=\"data contents\">\(head)<tbody>\n" + lines.joined(separator: "\n") + "\n</tbody></table></div>")
        if timings {
            body.append("<p class=\"run\">“This build” is the wall-clock time each lesson took while this site was built"
                        + "\(quick ? " (quick runs)" : ""); the README's times are for <code>swift run LessonNN</code> on the 2-core development machine.</p>")
        }
        body.append("</section>")
        body.append("<section aria-labelledby=\"reading\"><h2 id=\"reading\">Two ways to read the course</h2>")
        body.append("<p>Each page here is what a lesson printed, with its plots drawn as figures. The same lesson runs in a terminal: "
                    + "<code>swift run Lesson01</code> prints it as a notebook, <code>swift test</code> grades your exercises, and "
                    + "<code>swift run Lesson01 --html lesson01.html</code> writes this page from your own run.</p></section>")
        return HTMLPage.document(title: "NeuralRL · contents", body: body.joined(separator: "\n"))
            .replacingOccurrences(of: HTMLPage.navigationMarker, with: "")
    }

    /// The bar at the top and bottom of a lesson page.
    static func navigation(previous: SiteBuild.LessonPage?, next: SiteBuild.LessonPage?,
                           fileName: (String) -> String) -> String {
        var links = ["<a href=\"index.html\">Contents</a>"]
        links.insert(previous.map { "<a rel=\"prev\" href=\"\(fileName($0.lesson))\">← \($0.title)</a>" } ?? "<span></span>", at: 0)
        links.append(next.map { "<a rel=\"next\" href=\"\(fileName($0.lesson))\">\($0.title) →</a>" } ?? "<span></span>")
        return "<nav class=\"book\" aria-label=\"Lessons\">" + links.joined(separator: " ") + "</nav>"
    }
}
