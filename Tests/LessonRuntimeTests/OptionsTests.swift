import Testing
@testable import LessonRuntime

@Suite struct OptionsTests {
    let epochs = Option("epochs", default: 20, quick: 5, atLeast: 1, help: "training epochs")
    let rate = Option("rate", "R", default: 0.1, help: "learning rate")
    let name = Option("name", default: "Ada", help: "a name")
    let verbose = Switch("verbose", help: "print more")
    var flags: [any FlagDeclaration] { [epochs, rate, name, verbose] }

    @Test func defaults() throws {
        let options = try Options.parse(["/build/debug/Lesson01"], flags: flags)
        #expect(options.programName == "Lesson01")
        #expect(!options.quick)
        #expect(options.seed == 42)
        #expect(!options.noColor && !options.helpRequested)
        #expect(options[epochs] == 20)
        #expect(options[rate] == 0.1)
        #expect(options[name] == "Ada")
        #expect(!options[verbose])
        #expect(!options.isGiven(epochs))
    }

    @Test func quickDefaultsApplyOnlyWhenTheFlagIsAbsent() throws {
        #expect(try Options.parse(["L", "--quick"], flags: flags)[epochs] == 5)
        #expect(try Options.parse(["L", "--quick"], flags: flags)[rate] == 0.1, "no quick default: the default")
        #expect(try Options.parse(["L", "--quick", "--epochs", "7"], flags: flags)[epochs] == 7)
        #expect(try Options.parse(["L", "--epochs", "7", "--quick"], flags: flags)[epochs] == 7)
    }

    @Test func sharedFlags() throws {
        let options = try Options.parse(["Lesson01", "--quick", "--seed", "7", "--no-color"])
        #expect(options.quick && options.noColor)
        #expect(options.seed == 7)
        #expect(try Options.parse(["L", "--seed=9"]).seed == 9)
        #expect(try Options.parse(["L", "--seed", "18446744073709551615"]).seed == UInt64.max)
        #expect(try Options.parse(["L", "-h"]).helpRequested)
        #expect(try Options.parse(["L", "--help"]).helpRequested)
    }

    @Test func typedValues() throws {
        let options = try Options.parse(["L", "--epochs", "50", "--rate=0.25", "--name", "Grace", "--verbose"],
                                        flags: flags)
        #expect(options[epochs] == 50)
        #expect(options[rate] == 0.25)
        #expect(options[name] == "Grace")
        #expect(options[verbose])
        #expect(options.isGiven(epochs) && options.isGiven(verbose))
        #expect(try Options.parse(["L", "--rate", "-1e-3"], flags: flags)[rate] == -1e-3, "a negative number is a value")
    }

    @Test func unknownFlag() {
        #expect(throws: OptionsError.unknownFlag("--bogus")) { try Options.parse(["L", "--bogus"]) }
        #expect(throws: OptionsError.unknownFlag("-x")) { try Options.parse(["L", "-x"]) }
        #expect(OptionsError.unknownFlag("--bogus").description == "unknown flag '--bogus'")
        #expect(throws: OptionsError.unexpectedArgument("extra")) { try Options.parse(["L", "extra"]) }
    }

    @Test func badValues() {
        #expect(throws: OptionsError.invalidValue(flag: "--seed", value: "abc", expected: "a non-negative integer")) {
            try Options.parse(["L", "--seed", "abc"])
        }
        #expect(throws: OptionsError.self) { try Options.parse(["L", "--seed", "-1"]) }
        #expect(throws: OptionsError.invalidValue(flag: "--epochs", value: "many", expected: "an integer ≥ 1")) {
            try Options.parse(["L", "--epochs", "many"], flags: flags)
        }
        #expect(throws: OptionsError.invalidValue(flag: "--epochs", value: "0", expected: "an integer ≥ 1")) {
            try Options.parse(["L", "--epochs", "0"], flags: flags)
        }
        #expect(throws: OptionsError.invalidValue(flag: "--rate", value: "fast", expected: "a number")) {
            try Options.parse(["L", "--rate", "fast"], flags: flags)
        }
        #expect(throws: OptionsError.self) { try Options.parse(["L", "--rate", "nan"], flags: flags) }
        #expect(throws: OptionsError.unexpectedValue(flag: "--quick")) { try Options.parse(["L", "--quick=yes"]) }
        #expect(throws: OptionsError.unexpectedValue(flag: "--verbose")) {
            try Options.parse(["L", "--verbose=1"], flags: flags)
        }
    }

    @Test func missingValue() {
        #expect(throws: OptionsError.missingValue(flag: "--seed", placeholder: "N")) {
            try Options.parse(["L", "--seed"])
        }
        #expect(throws: OptionsError.missingValue(flag: "--epochs", placeholder: "N")) {
            try Options.parse(["L", "--epochs", "--quick"], flags: flags)
        }
    }

    @Test func usageIsGeneratedFromTheDeclarations() {
        let usage = Options(programName: "Lesson01", flags: flags).usage(title: "Lesson 01", summary: "About.")
        for line in ["Usage: swift run Lesson01 [options]", "--epochs N", "training epochs (default 20, quick 5)",
                     "--rate R", "learning rate (default 0.1)", "--name TEXT", "a name (default Ada)",
                     "--verbose", "--quick", "--seed N", "(default 42)", "--no-color", "-h, --help"] {
            #expect(usage.contains(line), "usage lacks \(line)")
        }
        #expect(!usage.contains("print more (default"), "a switch has no default")
        #expect(usage.split(separator: "\n").allSatisfy { displayWidth(of: String($0)) <= 80 })
    }

    // MARK: Subcommands

    let seed = Option("seed", default: UInt64(1), help: "seed")
    let die = Argument("die", help: "a die")
    var command: Subcommand {
        Subcommand("roll", summary: "roll a die", flags: [verbose, seed], arguments: [die]) { _ in }
    }

    @Test func subcommandsAreParsedByTheSameCode() throws {
        let options = try command.parse(["/x/Lesson06", "roll", "6", "--verbose", "--seed", "3"])
        #expect(options.programName == "Lesson06 roll")
        #expect(options[die] == "6")
        #expect(options[verbose])
        #expect(options[seed] == 3, "a command declares its own --seed with its own default")
        #expect(try command.parse(["L", "roll", "2"])[seed] == 1)
        #expect(try command.parse(["L", "roll", "--help"]).helpRequested, "--help needs no arguments")
        #expect(try command.parse(["L", "roll", "-h"]).helpRequested)
    }

    @Test func subcommandErrors() {
        #expect(throws: OptionsError.missingArgument("die")) { try command.parse(["L", "roll"]) }
        #expect(throws: OptionsError.unexpectedArgument("7")) { try command.parse(["L", "roll", "6", "7"]) }
        #expect(throws: OptionsError.unknownFlag("--quick")) { try command.parse(["L", "roll", "6", "--quick"]) }
        #expect(throws: OptionsError.invalidValue(flag: "--seed", value: "x", expected: "a non-negative integer")) {
            try command.parse(["L", "roll", "6", "--seed", "x"])
        }
    }

    @Test func usageListsCommandsAndEachCommandHasItsOwn() {
        let top = Options(programName: "Lesson06").usage(title: "Lesson 06", subcommands: [command])
        #expect(top.contains("swift run Lesson06 <command> [options]"))
        #expect(top.contains("Commands:") && top.contains("roll") && top.contains("roll a die"))
        let own = Options(programName: "Lesson06 roll", flags: command.flags, shared: [Flag.help],
                          arguments: command.arguments).usage(summary: command.summary)
        #expect(own.contains("Usage: swift run Lesson06 roll <die> [options]"))
        #expect(own.contains("<die>") && own.contains("--verbose") && own.contains("--seed N") && own.contains("-h, --help"))
        #expect(!own.contains("--quick"))
    }
}
