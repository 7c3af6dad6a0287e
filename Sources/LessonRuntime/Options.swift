/// The parsed command line of a lesson: the shared flags plus the lesson's own.
///
/// Parsing is a pure function (`Options.parse(_:flags:)`) that throws instead of exiting, so it
/// can be tested; `Notebook.init` turns errors into the usage and exit status 64.
public struct Options: Sendable, Equatable {
    /// The program name, the last path component of `arguments[0]` (e.g. `Lesson01`).
    public var programName: String
    /// `--quick`: run a shortened version (fewer epochs, smaller data) that still shows every idea.
    public var quick: Bool = false
    /// `--seed N`: the seed for random number generators; 42 unless given.
    public var seed: UInt64 = 42
    /// `--no-color`: never emit ANSI colour codes.
    public var noColor: Bool = false
    /// `--help` / `-h` was given.
    public var helpRequested: Bool = false
    /// The lesson-specific flags this command line was parsed against.
    public let flags: [Flag]

    private var values: [String: String] = [:]
    private var switches: Set<String> = []

    /// Options with every default: what a lesson gets when run without arguments.
    public init(programName: String = "lesson", flags: [Flag] = []) {
        for flag in flags {
            precondition(!Flag.shared.contains { $0.name == flag.name },
                         "Flag --\(flag.name) is shared by all lessons; pick another name")
        }
        self.programName = programName
        self.flags = flags
    }

    /// Parses `arguments` (including the program path at index 0) against the shared flags and
    /// `flags`. Accepts `--name value` and `--name=value`.
    public static func parse(_ arguments: [String], flags: [Flag] = []) throws(OptionsError) -> Options {
        let program = arguments.first.map { String($0.split(separator: "/").last ?? Substring($0)) }
        var options = Options(programName: program ?? "lesson", flags: flags)
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "-h" || argument == "--help" { options.helpRequested = true; continue }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw .unexpectedArgument(argument)
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let flag = (Flag.shared + flags).first(where: { $0.name == name }) else {
                throw .unknownFlag("--\(name)")
            }
            guard let kind = flag.kind else {
                if inlineValue != nil { throw .unexpectedValue(flag: "--\(name)") }
                switch name {
                case "quick": options.quick = true
                case "no-color": options.noColor = true
                case "help": options.helpRequested = true
                default: options.switches.insert(name)
                }
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count, !arguments[index].hasPrefix("--") {
                value = arguments[index]
                index += 1
            } else {
                throw .missingValue(flag: "--\(name)", placeholder: flag.placeholder ?? "VALUE")
            }
            if name == "seed" {
                guard let seed = UInt64(value) else {
                    throw .invalidValue(flag: "--seed", value: value, expected: "a non-negative integer")
                }
                options.seed = seed
                continue
            }
            switch kind {
            case .integer where Int(value) == nil:
                throw .invalidValue(flag: "--\(name)", value: value, expected: "an integer")
            case .number where Double(value).map({ $0.isFinite }) != true:
                throw .invalidValue(flag: "--\(name)", value: value, expected: "a number")
            default:
                options.values[name] = value
            }
        }
        return options
    }

    /// The raw value given for a valued lesson flag, or `nil` when absent.
    public func value(of name: String) -> String? { values[name] }

    /// True when the boolean lesson flag `--name` was given.
    public func isSet(_ name: String) -> Bool { switches.contains(name) }

    /// The integer value of `--name`, or `defaultValue` when absent.
    public func integer(_ name: String, default defaultValue: Int) -> Int {
        values[name].flatMap { Int($0) } ?? defaultValue
    }

    /// The numeric value of `--name`, or `defaultValue` when absent.
    public func number(_ name: String, default defaultValue: Double) -> Double {
        values[name].flatMap { Double($0) } ?? defaultValue
    }

    /// The help text: title, summary, synopsis, then the lesson's flags and the shared ones.
    public func usage(title: String = "", summary: String = "") -> String {
        var lines: [String] = []
        if !title.isEmpty { lines.append(title) }
        if !summary.isEmpty { lines += TextWrapping.wrap(summary) }
        if !lines.isEmpty { lines.append("") }
        lines.append("Usage: swift run \(programName) [options]")
        let entries = flags.map { ($0.synopsis, $0.help) }
            + Flag.shared.map { ($0.name == "help" ? "-h, --help" : $0.synopsis, $0.help) }
        let column = (entries.map { displayWidth(of: $0.0) }.max() ?? 0) + 3
        func section(_ heading: String, _ items: ArraySlice<(String, String)>) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append(heading)
            for (synopsis, help) in items {
                lines += TextWrapping.fill([help], width: 80, first: "  " + pad(synopsis, to: column),
                                           rest: String(repeating: " ", count: column + 2))
            }
        }
        section("Lesson options:", entries[..<flags.count])
        section("Common options:", entries[flags.count...])
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Why a command line could not be parsed. `description` is the one-line message.
public enum OptionsError: Error, Equatable, CustomStringConvertible {
    /// A flag that neither the lesson nor the runtime declares.
    case unknownFlag(String)
    /// A valued flag at the end of the line or followed by another flag.
    case missingValue(flag: String, placeholder: String)
    /// A value of the wrong kind, such as `--seed abc`.
    case invalidValue(flag: String, value: String, expected: String)
    /// `--switch=value` for a flag that takes no value.
    case unexpectedValue(flag: String)
    /// A bare word; lessons take no positional arguments.
    case unexpectedArgument(String)

    /// The one-line message printed after the program name.
    public var description: String {
        switch self {
        case .unknownFlag(let flag): "unknown flag '\(flag)'"
        case .missingValue(let flag, let placeholder): "flag '\(flag)' needs a value (\(flag) \(placeholder))"
        case .invalidValue(let flag, let value, let expected): "invalid value '\(value)' for '\(flag)': expected \(expected)"
        case .unexpectedValue(let flag): "flag '\(flag)' takes no value"
        case .unexpectedArgument(let argument): "unexpected argument '\(argument)'"
        }
    }
}
