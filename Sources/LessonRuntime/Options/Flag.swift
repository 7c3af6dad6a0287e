/// One command-line flag as the parser and the usage see it: its name, whether and what value it
/// takes, its help line, and the defaults the usage prints.
///
/// Lessons do not build a `Flag` by hand; they declare a typed `Option` or a `Switch` once, and
/// read its value with `notebook.options[option]`:
/// ```swift
/// let epochs = Option("epochs", default: 40, quick: 10, help: "training epochs")
/// let rate = Option("rate", "R", default: 0.1, help: "learning rate")
/// let verbose = Switch("verbose", help: "print every step")
/// let notebook = Notebook(title: "…", flags: [epochs, rate, verbose])
/// let count = notebook.options[epochs]          // Int: 40, 10 with --quick, or what was given
/// ```
/// The usage line is generated from the declaration: `--epochs N   training epochs (default 40,
/// quick 10)`. Values are validated while parsing, so reading one never fails.
public struct Flag: Sendable, Equatable, FlagDeclaration {
    /// What a valued flag accepts.
    public enum ValueKind: Sendable, Equatable {
        /// A whole number such as `20` or `-3`.
        case integer
        /// A decimal number such as `0.1` or `1e-3`.
        case number
        /// Any text.
        case text
    }

    /// The name without dashes: `"epochs"` for `--epochs`.
    public let name: String
    /// The placeholder shown in the usage (`"N"`), or `nil` for a boolean switch.
    public let placeholder: String?
    /// What the value must be; `nil` for a boolean switch.
    public let kind: ValueKind?
    /// One line of help text for the usage (without the defaults, which the usage adds).
    public let help: String
    /// The default as the usage shows it, or `nil` (switches, or a default that depends on others).
    public let defaultText: String?
    /// The default under `--quick`, when it differs from `defaultText`.
    public let quickText: String?
    /// What a valid value is, for the error message: `"an integer ≥ 1"`.
    let expected: String
    /// Whether `text` is a valid value.
    let accepts: @Sendable (String) -> Bool

    /// A boolean switch: present or absent.
    public init(_ name: String, help: String) {
        self.init(name: name, placeholder: nil, kind: nil, help: help, defaultText: nil, quickText: nil,
                  expected: "no value", accepts: { _ in false })
    }

    init(name: String, placeholder: String?, kind: ValueKind?, help: String, defaultText: String?,
         quickText: String?, expected: String, accepts: @escaping @Sendable (String) -> Bool) {
        self.name = String(name.drop(while: { $0 == "-" }))
        self.placeholder = placeholder
        self.kind = kind
        self.help = help
        self.defaultText = defaultText
        self.quickText = quickText
        self.expected = expected
        self.accepts = accepts
    }

    public var flag: Flag { self }

    /// True for a flag that takes a value.
    public var takesValue: Bool { kind != nil }

    /// How the flag is written in the usage: `--epochs N` or `--verbose`.
    var synopsis: String {
        if name == "help" { return "-h, --help" }
        return placeholder.map { "--\(name) \($0)" } ?? "--\(name)"
    }

    /// The help line followed by the defaults: `training epochs (default 40, quick 10)`.
    var helpWithDefaults: String {
        guard let defaultText else { return help }
        if let quickText { return "\(help) (default \(defaultText), quick \(quickText))" }
        return "\(help) (default \(defaultText))"
    }

    public static func == (a: Flag, b: Flag) -> Bool {
        a.name == b.name && a.placeholder == b.placeholder && a.kind == b.kind && a.help == b.help
            && a.defaultText == b.defaultText && a.quickText == b.quickText
    }

    /// `--quick`.
    public static let quick = Flag("quick", help: "a short run (fewer steps) for a first look or a test")
    /// `--seed N`, the root of every named random stream (`Notebook.generator(_:)`).
    public static let seed = Option("seed", default: UInt64(42), help: "seed of every random number generator").flag
    /// `--no-color`.
    public static let noColor = Flag("no-color", help: "plain output without ANSI colours (also: NO_COLOR=1)")
    /// `--help` and `-h`.
    public static let help = Flag("help", help: "show this help and exit")
    /// `--html FILE`: also write the lesson as one self-contained web page (stdout is unchanged).
    public static let html = Flag(name: "html", placeholder: "FILE", kind: .text,
                                  help: "also write the lesson as a self-contained web page to FILE",
                                  defaultText: nil, quickText: nil, expected: "a file name",
                                  accepts: { !$0.isEmpty })

    /// The flags every lesson understands, in usage order.
    public static let shared: [Flag] = [quick, seed, noColor, html, help]
}

/// Anything a lesson can list in `Notebook(flags:)`: an `Option`, a `Switch`, or a `Flag`.
public protocol FlagDeclaration: Sendable {
    /// The flag as the parser and the usage see it.
    var flag: Flag { get }
}

/// A type a flag's value can have: `Int`, `Double`, `UInt64` or `String`.
public protocol FlagValue: Sendable, Comparable {
    /// How the parser checks it.
    static var kind: Flag.ValueKind { get }
    /// What a valid value is, for error messages: `"an integer"`.
    static var expected: String { get }
    /// Parses the text given on the command line, or `nil` when it is not a valid value.
    init?(flagText: String)
    /// The value as the usage prints it.
    var flagText: String { get }
}

extension Int: FlagValue {
    public static var kind: Flag.ValueKind { .integer }
    public static var expected: String { "an integer" }
    public init?(flagText: String) { self.init(flagText) }
    public var flagText: String { String(self) }
}

extension UInt64: FlagValue {
    public static var kind: Flag.ValueKind { .integer }
    public static var expected: String { "a non-negative integer" }
    public init?(flagText: String) { self.init(flagText) }
    public var flagText: String { String(self) }
}

extension Double: FlagValue {
    public static var kind: Flag.ValueKind { .number }
    public static var expected: String { "a number" }
    public init?(flagText: String) {
        guard let value = Double(flagText), value.isFinite else { return nil }
        self = value
    }
    public var flagText: String { formatNumber(self) }
}

extension String: FlagValue {
    public static var kind: Flag.ValueKind { .text }
    public static var expected: String { "text" }
    public init?(flagText: String) { self = flagText }
    public var flagText: String { self }
}

/// A flag with a typed value, a default, and (optionally) a different default for `--quick`.
///
/// ```swift
/// let games = Option("games", default: 20_000, quick: 3_000, atLeast: 1, help: "self-play games")
/// ```
/// `notebook.options[games]` is the value given on the command line, else the quick default
/// under `--quick`, else the default.
public struct Option<Value: FlagValue>: FlagDeclaration {
    public let flag: Flag
    /// The value when the flag is absent.
    public let defaultValue: Value
    /// The value when the flag is absent and `--quick` is given.
    public let quickValue: Value

    /// Declares `--name PLACEHOLDER`. `atLeast` rejects smaller values while parsing.
    public init(_ name: String, _ placeholder: String? = nil, default defaultValue: Value, quick quickValue: Value? = nil,
                atLeast minimum: Value? = nil, help: String) {
        self.defaultValue = defaultValue
        self.quickValue = quickValue ?? defaultValue
        let placeholder = placeholder ?? (Value.kind == .text ? "TEXT" : Value.kind == .number ? "X" : "N")
        let expected = minimum.map { "\(Value.expected) ≥ \($0.flagText)" } ?? Value.expected
        self.flag = Flag(name: name, placeholder: placeholder, kind: Value.kind, help: help,
                         defaultText: Value.kind == .text && defaultValue.flagText.isEmpty ? nil : defaultValue.flagText,
                         quickText: quickValue.flatMap { $0 == defaultValue ? nil : $0.flagText },
                         expected: expected,
                         accepts: { text in
                             guard let value = Value(flagText: text) else { return false }
                             return minimum.map { value >= $0 } ?? true
                         })
    }
}

/// A boolean flag: `options[verbose]` is true when `--verbose` was given.
public struct Switch: FlagDeclaration {
    public let flag: Flag

    public init(_ name: String, help: String) {
        flag = Flag(name, help: help)
    }
}

/// A positional argument of a subcommand, such as `analyze <position-id>`.
public struct Argument: Sendable, Equatable {
    /// The name shown in the usage, between angle brackets.
    public let name: String
    /// One line of help text.
    public let help: String

    public init(_ name: String, help: String) {
        self.name = name
        self.help = help
    }
}
