/// A command-line flag that a lesson declares in addition to the shared ones
/// (`--quick`, `--seed N`, `--no-color`, `--help`).
///
/// ```swift
/// Flag("epochs", value: "N", help: "training epochs (default 20)")        // --epochs 50
/// Flag("rate", value: "R", kind: .number, help: "learning rate (default 0.1)")
/// Flag("verbose", help: "print every step")                               // --verbose
/// ```
/// Values are validated while parsing, so `Options.integer(_:default:)` never sees a bad one.
public struct Flag: Sendable, Equatable {
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
    /// One line of help text for the usage.
    public let help: String

    /// A flag that takes a value: `--name VALUE` or `--name=VALUE`. Integer by default.
    public init(_ name: String, value placeholder: String, kind: ValueKind = .integer, help: String) {
        self.name = Flag.normalized(name)
        self.placeholder = placeholder
        self.kind = kind
        self.help = help
    }

    /// A boolean switch: present or absent.
    public init(_ name: String, help: String) {
        self.name = Flag.normalized(name)
        self.placeholder = nil
        self.kind = nil
        self.help = help
    }

    /// True for a flag that takes a value.
    public var takesValue: Bool { kind != nil }

    /// How the flag is written in the usage: `--epochs N` or `--verbose`.
    var synopsis: String {
        placeholder.map { "--\(name) \($0)" } ?? "--\(name)"
    }

    private static func normalized(_ name: String) -> String {
        String(name.drop(while: { $0 == "-" }))
    }

    /// The flags every lesson understands, in usage order.
    static let shared: [Flag] = [
        Flag("quick", help: "a short run (fewer steps) for a first look or a test"),
        Flag("seed", value: "N", help: "seed for every random number generator (default 42)"),
        Flag("no-color", help: "plain output without ANSI colours (also: NO_COLOR=1)"),
        Flag("help", help: "show this help and exit"),
    ]
}
