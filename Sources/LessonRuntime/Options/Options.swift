import TensorCore

/// The parsed command line of a lesson (or of one of its subcommands): the shared flags plus
/// the declared ones.
///
/// Parsing is a pure function (`Options.parse(_:flags:)`) that throws instead of exiting, so it
/// can be tested; `Notebook.init` turns errors into one error line, the usage and exit status 64.
/// Read a declared flag with its declaration: `options[epochs]`, `options[verbose]`.
public struct Options: Sendable, Equatable {
    /// The program name, the last path component of `arguments[0]` (e.g. `Lesson01`), followed
    /// by the subcommand's name when there is one (`Lesson06 play`).
    public var programName: String
    /// `--quick`: run a shortened version (fewer epochs, smaller data) that still shows every idea.
    public var quick: Bool = false
    /// `--seed N`: the root of every random stream; 42 unless given.
    public var seed: UInt64 = 42
    /// `--no-color`: never emit ANSI colour codes.
    public var noColor: Bool = false
    /// `--help` / `-h` was given.
    public var helpRequested: Bool = false
    /// `--html FILE`: where to write the lesson's web page, or `nil`.
    public var htmlPath: String?
    /// The declared flags this command line was parsed against.
    public let flags: [Flag]
    /// The shared flags it accepted (all four for a lesson, `--help` alone for a subcommand).
    public let shared: [Flag]
    /// The positional arguments it was parsed against (subcommands only).
    public let arguments: [Argument]
    /// The positional values, in order, one for each of `arguments`.
    public private(set) var positionals: [String] = []

    private var values: [String: String] = [:]
    private var switches: Set<String> = []

    /// Options with every default: what a lesson gets when run without arguments.
    public init(programName: String = "lesson", flags: [any FlagDeclaration] = [],
                shared: [Flag] = Flag.shared, arguments: [Argument] = []) {
        let flags = flags.map(\.flag)
        for flag in flags {
            check(!shared.contains { $0.name == flag.name },
                  "Flag --\(flag.name) is shared by all lessons; pick another name")
        }
        check(Set(flags.map(\.name)).count == flags.count, "two flags share a name")
        self.programName = programName
        self.flags = flags
        self.shared = shared
        self.arguments = arguments
    }

    public static func == (a: Options, b: Options) -> Bool {
        a.programName == b.programName && a.quick == b.quick && a.seed == b.seed && a.noColor == b.noColor
            && a.helpRequested == b.helpRequested && a.htmlPath == b.htmlPath && a.flags == b.flags && a.values == b.values
            && a.switches == b.switches && a.positionals == b.positionals
    }

    /// Parses `arguments` (including the program path at index 0) against the shared flags and
    /// `flags`. Accepts `--name value` and `--name=value`; `arguments` are the positional ones
    /// a subcommand takes, all required.
    public static func parse(_ arguments: [String], flags: [any FlagDeclaration] = [],
                             shared: [Flag] = Flag.shared, positional: [Argument] = [],
                             programName: String? = nil) throws(OptionsError) -> Options {
        let program = programName ?? arguments.first.map(Options.programName(of:)) ?? "lesson"
        var options = Options(programName: program, flags: flags, shared: shared, arguments: positional)
        let declared = shared + options.flags
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "-h" || argument == "--help", shared.contains(Flag.help) {
                options.helpRequested = true
                continue
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                if argument.hasPrefix("-"), argument.count > 1, Double(argument) == nil {
                    throw .unknownFlag(argument)
                }
                guard options.positionals.count < positional.count else { throw .unexpectedArgument(argument) }
                options.positionals.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let flag = declared.first(where: { $0.name == name }) else {
                throw .unknownFlag("--\(name)")
            }
            guard flag.takesValue else {
                if inlineValue != nil { throw .unexpectedValue(flag: "--\(name)") }
                switch flag {
                case Flag.quick where shared.contains(Flag.quick): options.quick = true
                case Flag.noColor where shared.contains(Flag.noColor): options.noColor = true
                case Flag.help where shared.contains(Flag.help): options.helpRequested = true
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
            guard flag.accepts(value) else {
                throw .invalidValue(flag: "--\(name)", value: value, expected: flag.expected)
            }
            if flag == Flag.seed, shared.contains(Flag.seed) {
                options.seed = UInt64(value)!
            } else if flag == Flag.html, shared.contains(Flag.html) {
                options.htmlPath = value
            } else {
                options.values[name] = value
            }
        }
        if !options.helpRequested, options.positionals.count < positional.count {
            throw .missingArgument(positional[options.positionals.count].name)
        }
        return options
    }

    /// The last path component of a program path.
    static func programName(of path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// The value of a declared option: what the command line gave, else its quick default under
    /// `--quick`, else its default.
    public subscript<Value>(option: Option<Value>) -> Value {
        check(flags.contains(option.flag), "--\(option.flag.name) was not declared for \(programName)")
        if let text = values[option.flag.name], let value = Value(flagText: text) { return value }
        return quick ? option.quickValue : option.defaultValue
    }

    /// Whether a declared switch was given.
    public subscript(option: Switch) -> Bool {
        check(flags.contains(option.flag), "--\(option.flag.name) was not declared for \(programName)")
        return switches.contains(option.flag.name)
    }

    /// The value of the positional argument `argument`.
    public subscript(argument: Argument) -> String {
        let index = arguments.firstIndex(of: argument)
        check(index.map { $0 < positionals.count } ?? false, "<\(argument.name)> was not declared for \(programName)")
        return positionals[index!]
    }

    /// Whether the option was given on the command line (rather than left at its default).
    public func isGiven(_ option: some FlagDeclaration) -> Bool {
        values[option.flag.name] != nil || switches.contains(option.flag.name)
    }

    /// The help text: title, summary, synopsis, the positional arguments, the subcommands, then
    /// the declared flags and the shared ones, each with its default.
    public func usage(title: String = "", summary: String = "", subcommands: [Subcommand] = []) -> String {
        var lines: [String] = []
        if !title.isEmpty { lines.append(title) }
        if !summary.isEmpty { lines += TextWrapping.wrap(summary) }
        if !lines.isEmpty { lines.append("") }
        let positionalSynopsis = arguments.map { " <\($0.name)>" }.joined()
        lines.append("Usage: swift run \(programName)\(positionalSynopsis) [options]")
        if !subcommands.isEmpty {
            lines.append("       swift run \(programName) <command> [options]")
        }
        let entries = arguments.map { ("<\($0.name)>", $0.help) }
            + subcommands.map { ($0.name, $0.summary) }
            + (flags + shared).map { ($0.synopsis, $0.helpWithDefaults) }
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
        var start = 0
        section("Arguments:", entries[start..<(start + arguments.count)])
        start += arguments.count
        section("Commands:", entries[start..<(start + subcommands.count)])
        start += subcommands.count
        if shared.count > 1 {
            section("Lesson options:", entries[start..<(start + flags.count)])
            section("Common options:", entries[(start + flags.count)...])
        } else {
            section("Options:", entries[start...])
        }
        if !subcommands.isEmpty {
            lines.append("")
            lines += TextWrapping.wrap("`swift run \(programName) <command> --help` shows a command's own options.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A command a lesson offers besides printing itself, such as `Lesson06 play`: its own flags and
/// positional arguments, parsed by the same code as the lesson's, with its own `--help`.
public struct Subcommand: Sendable {
    /// The word that selects it: `swift run Lesson06 play`.
    public let name: String
    /// One line for the lesson's usage and the first line of the command's own.
    public let summary: String
    /// Its flags. Of the shared flags a subcommand understands only `--help`; it declares
    /// `--seed` itself when it needs one (with its own default).
    public let flags: [any FlagDeclaration]
    /// Its positional arguments, all required.
    public let arguments: [Argument]
    /// Runs the command. Throwing an `OptionsError` (say, `.invalidValue`) prints the message
    /// and the command's usage and exits 64; returning exits 0.
    public let run: @Sendable (Options) throws(OptionsError) -> Void

    public init(_ name: String, summary: String, flags: [any FlagDeclaration] = [], arguments: [Argument] = [],
                run: @escaping @Sendable (Options) throws(OptionsError) -> Void) {
        self.name = name
        self.summary = summary
        self.flags = flags
        self.arguments = arguments
        self.run = run
    }

    /// Parses the arguments after the command's name (`arguments[0]` is the program path).
    public func parse(_ arguments: [String]) throws(OptionsError) -> Options {
        let program = arguments.first.map(Options.programName(of:)) ?? "lesson"
        return try Options.parse([arguments.first ?? program] + arguments.dropFirst(2), flags: flags,
                                 shared: [Flag.help], positional: self.arguments, programName: "\(program) \(name)")
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
    /// A bare word where none is expected (lessons take no positional arguments).
    case unexpectedArgument(String)
    /// A subcommand's positional argument that was not given.
    case missingArgument(String)
    /// A positional argument with a value the command cannot use.
    case invalidArgument(name: String, value: String, expected: String)

    /// The one-line message printed after the program name.
    public var description: String {
        switch self {
        case .unknownFlag(let flag): "unknown flag '\(flag)'"
        case .missingValue(let flag, let placeholder): "flag '\(flag)' needs a value (\(flag) \(placeholder))"
        case .invalidValue(let flag, let value, let expected): "invalid value '\(value)' for '\(flag)': expected \(expected)"
        case .unexpectedValue(let flag): "flag '\(flag)' takes no value"
        case .unexpectedArgument(let argument): "unexpected argument '\(argument)'"
        case .missingArgument(let name): "missing argument <\(name)>"
        case .invalidArgument(let name, let value, let expected): "invalid <\(name)> '\(value)': expected \(expected)"
        }
    }
}

/// What a command line asks for, once parsed: print the lesson, or run one of its commands.
public enum Invocation {
    /// Parses `arguments` for a lesson with `flags` and `subcommands`. Runs a subcommand and exits
    /// (0, or 64 on a bad command line); prints the usage and exits 0 for `--help`; prints one
    /// error line and the usage to standard error and exits 64 on a bad command line. Otherwise
    /// returns the lesson's options.
    public static func lessonOptions(_ arguments: [String], title: String, summary: String,
                                     flags: [any FlagDeclaration], subcommands: [Subcommand]) -> Options {
        let program = arguments.first.map(Options.programName(of:)) ?? "lesson"
        if arguments.count > 1, let command = subcommands.first(where: { $0.name == arguments[1] }) {
            let options: Options
            do {
                options = try command.parse(arguments)
            } catch {
                fail(error, program: "\(program) \(command.name)", usage: Options(programName: "\(program) \(command.name)", flags: command.flags,
                                           shared: [Flag.help], arguments: command.arguments)
                        .usage(summary: command.summary))
            }
            if options.helpRequested {
                print(options.usage(summary: command.summary), terminator: "")
                Terminal.exit(0)
            }
            do {
                try command.run(options)
            } catch {
                fail(error, program: options.programName, usage: options.usage(summary: command.summary))
            }
            Terminal.exit(0)
        }
        do {
            let options = try Options.parse(arguments, flags: flags)
            if options.helpRequested {
                print(options.usage(title: title, summary: summary, subcommands: subcommands), terminator: "")
                Terminal.exit(0)
            }
            return options
        } catch {
            let empty = Options(programName: program, flags: flags)
            fail(error, program: program, usage: empty.usage(title: title, summary: summary, subcommands: subcommands))
        }
    }

    private static func fail(_ error: OptionsError, program: String, usage: String) -> Never {
        Terminal.writeToStandardError("\(program): \(error)\n\n" + usage)
        Terminal.exit(64)
    }
}
