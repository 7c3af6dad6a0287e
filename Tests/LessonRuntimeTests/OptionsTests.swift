import Testing
@testable import LessonRuntime

@Suite struct OptionsTests {
    let flags = [Flag("epochs", value: "N", help: "training epochs"),
                 Flag("rate", value: "R", kind: .number, help: "learning rate"),
                 Flag("name", value: "TEXT", kind: .text, help: "a name"),
                 Flag("verbose", help: "print more")]

    @Test func defaults() throws {
        let options = try Options.parse(["/build/debug/Lesson01"], flags: flags)
        #expect(options.programName == "Lesson01")
        #expect(!options.quick)
        #expect(options.seed == 42)
        #expect(!options.noColor && !options.helpRequested)
        #expect(options.value(of: "epochs") == nil)
        #expect(options.integer("epochs", default: 20) == 20)
        #expect(!options.isSet("verbose"))
    }

    @Test func sharedFlags() throws {
        let options = try Options.parse(["Lesson01", "--quick", "--seed", "7", "--no-color"])
        #expect(options.quick && options.noColor)
        #expect(options.seed == 7)
        #expect(try Options.parse(["L", "--seed=9"]).seed == 9)
        #expect(try Options.parse(["L", "-h"]).helpRequested)
        #expect(try Options.parse(["L", "--help"]).helpRequested)
    }

    @Test func lessonFlagsWithValues() throws {
        let options = try Options.parse(["L", "--epochs", "50", "--rate=0.25", "--name", "Ada", "--verbose"],
                                        flags: flags)
        #expect(options.value(of: "epochs") == "50")
        #expect(options.integer("epochs", default: 20) == 50)
        #expect(options.number("rate", default: 0.1) == 0.25)
        #expect(options.value(of: "name") == "Ada")
        #expect(options.isSet("verbose"))
    }

    @Test func unknownFlag() {
        #expect(throws: OptionsError.unknownFlag("--bogus")) { try Options.parse(["L", "--bogus"]) }
        #expect(OptionsError.unknownFlag("--bogus").description == "unknown flag '--bogus'")
        #expect(throws: OptionsError.unexpectedArgument("extra")) { try Options.parse(["L", "extra"]) }
    }

    @Test func badValues() {
        #expect(throws: OptionsError.invalidValue(flag: "--seed", value: "abc", expected: "a non-negative integer")) {
            try Options.parse(["L", "--seed", "abc"])
        }
        #expect(throws: OptionsError.self) { try Options.parse(["L", "--seed", "-1"]) }
        #expect(throws: OptionsError.self) { try Options.parse(["L", "--epochs", "many"], flags: flags) }
        #expect(throws: OptionsError.self) { try Options.parse(["L", "--rate", "fast"], flags: flags) }
        #expect(throws: OptionsError.unexpectedValue(flag: "--quick")) { try Options.parse(["L", "--quick=yes"]) }
    }

    @Test func missingValue() {
        #expect(throws: OptionsError.missingValue(flag: "--seed", placeholder: "N")) {
            try Options.parse(["L", "--seed"])
        }
        #expect(throws: OptionsError.missingValue(flag: "--epochs", placeholder: "N")) {
            try Options.parse(["L", "--epochs", "--quick"], flags: flags)
        }
    }

    @Test func usageListsEveryFlag() {
        let usage = Options(programName: "Lesson01", flags: flags).usage(title: "Lesson 01", summary: "About.")
        for word in ["Usage: swift run Lesson01", "--epochs N", "--rate R", "--verbose", "--quick",
                     "--seed N", "--no-color", "-h, --help"] {
            #expect(usage.contains(word), "usage lacks \(word)")
        }
        #expect(usage.split(separator: "\n").allSatisfy { displayWidth(of: String($0)) <= 80 })
    }
}
