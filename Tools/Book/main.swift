import Foundation
import LessonRuntime

// `swift run Book --quick --out site`: the course as a web site. Runs every lesson with
// `--html`, links the pages in course order (previous / contents / next), and writes
// `index.html`, the README's lesson table with the run times measured during this build.
//
// Determinism: a lesson page is a pure function of the lesson's output, so two builds with the
// same seed write byte-identical lesson pages. The one thing that changes between builds is the
// "this build" column of index.html (wall-clock seconds); `--no-timings` leaves it out, and then
// every file of the site is byte-identical between builds.

let outDirectory = Option("out", "DIR", default: "site", help: "the folder the site is written to")
let onlyLessons = Option("lessons", "LIST", default: "",
                         help: "comma-separated lessons to build, e.g. Lesson01,Lesson03 (default: all)")
let noTimings = Switch("no-timings", help: "leave the measured run times out of index.html (a byte-identical site)")

let options: Options
do {
    options = try Options.parse(CommandLine.arguments, flags: [outDirectory, onlyLessons, noTimings],
                                shared: [Flag.quick, Flag.seed, Flag.help])
} catch {
    Terminal.writeToStandardError("Book: \(error)\n\n" + Options(programName: "Book", flags: [outDirectory, onlyLessons, noTimings],
                                                                  shared: [Flag.quick, Flag.seed, Flag.help]).usage())
    Terminal.exit(64)
}
let title = "NeuralRL · the course as a book"
if options.helpRequested {
    print(options.usage(title: title, summary: "Runs every lesson (its default configuration, or --quick) with --html "
                        + "and writes a site: index.html and one page per lesson."), terminator: "")
    Terminal.exit(0)
}

let site = SiteBuild(options: options, out: options[outDirectory], only: options[onlyLessons],
                     timings: !options[noTimings])
do {
    let ok = try site.run()
    Terminal.exit(ok ? 0 : 1)
} catch {
    Terminal.writeToStandardError("Book: \(error)\n")
    Terminal.exit(1)
}
