@testable import LessonRuntime

/// Collects what a notebook writes, for tests.
final class Capture {
    var text = ""
    var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    func notebook(title: String = "Test", options: Options = Options()) -> Notebook {
        Notebook(title: title, options: options) { self.text += $0 }
    }
}
