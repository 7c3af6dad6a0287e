import TensorCore  // and through it the C library (TensorCore/Math/Libm.swift)

/// What the runtime needs to know about the terminal: whether a stream is one, whether colour is
/// wanted, how to style text with ANSI escapes, and how to write to standard error.
///
/// Everything here is stateless; decisions are made once (by `Notebook.init` or `ProgressBar.init`)
/// and passed down as plain `Bool`s, so that rendering stays a pure function of its inputs.
public enum Terminal {
    /// True when standard output is a terminal (not a pipe or a file).
    public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// True when standard error is a terminal (not a pipe or a file).
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// True when the `NO_COLOR` environment variable is set (to anything), see https://no-color.org.
    public static var noColorRequested: Bool { getenv("NO_COLOR") != nil }

    /// Writes `text` to standard error immediately (unbuffered), so progress and timings never
    /// mix with the deterministic notebook text on standard output.
    public static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
        bytes.removeAll()
    }

    /// Flushes every buffered C output stream (standard output included).
    public static func flushAll() {
        fflush(nil)
    }

    /// Ends the process with `status`, after flushing standard output.
    public static func exit(_ status: Int32) -> Never {
        flushAll()
        #if canImport(Glibc)
        Glibc.exit(status)
        #elseif canImport(Musl)
        Musl.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }

    /// An ANSI text style. Used only when colour is enabled.
    public enum Style: String, Sendable, CaseIterable {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33",
             blue = "34", magenta = "35", cyan = "36"
    }

    /// `text` wrapped in the escape codes for `style` when `enabled`, otherwise `text` unchanged.
    public static func styled(_ text: String, _ style: Style, enabled: Bool) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
    }
}

/// Writes `line` and a newline to standard error: for timings, rates and progress notes, which
/// differ from run to run and so must stay off the notebook's byte-identical standard output.
public func report(_ line: String) {
    Terminal.writeToStandardError(line + "\n")
}

/// The number of terminal columns `text` occupies.
///
/// Counts grapheme clusters, so `σ`, `∂`, `⊙`, `x̂` and `w₁` are one column each; East Asian wide
/// characters and emoji are two; control characters, zero-width characters and ANSI escape
/// sequences are zero. This is what alignment and wrapping must use instead of `count`.
public func displayWidth(of text: String) -> Int {
    var width = 0
    var inEscape = false
    for character in text {
        if inEscape {
            if let ascii = character.asciiValue, (ascii >= 0x40 && ascii <= 0x7E), character != "[" {
                inEscape = false
            }
            continue
        }
        if character == "\u{1B}" { inEscape = true; continue }
        width += columns(of: character)
    }
    return width
}

/// The column width of one grapheme cluster: 0, 1 or 2.
func columns(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    let value = first.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF].contains(value) { return 0 }
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return 0
    default: break
    }
    if first.properties.isEmojiPresentation || scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x20000...0x3FFFD,
    ]
    return wideRanges.contains(where: { $0.contains(value) }) ? 2 : 1
}

/// `text` padded with spaces on the right (or left, when `rightAligned`) to `width` columns.
func pad(_ text: String, to width: Int, rightAligned: Bool = false) -> String {
    let missing = width - displayWidth(of: text)
    guard missing > 0 else { return text }
    let spaces = String(repeating: " ", count: missing)
    return rightAligned ? spaces + text : text + spaces
}

/// `text` centred in `width` columns (extra space goes to the right); trailing spaces trimmed.
func center(_ text: String, in width: Int) -> String {
    let left = max(0, (width - displayWidth(of: text)) / 2)
    return String(repeating: " ", count: left) + text
}
