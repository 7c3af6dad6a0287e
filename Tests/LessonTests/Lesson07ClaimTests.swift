import Foundation
import Testing

/// Runs a lesson's built executable (found next to the test bundle, in the build's products
/// directory) and returns its exit status and standard output.
private func runLessonBinary(_ lesson: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    var directory = Bundle.main.bundleURL
    if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
    let candidates = [directory, Bundle.main.bundleURL.deletingLastPathComponent()].map { $0.appendingPathComponent(lesson) }
    guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path])
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments + ["--no-color"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The whole number after `label` on the lesson's result line `label = k of n`.
private func countOf(_ label: String, in output: String) -> (count: Int, of: Int)? {
    guard let line = output.split(separator: "\n").first(where: { $0.contains(label) }),
          let equals = line.range(of: " = ") else { return nil }
    let words = line[equals.upperBound...].split(separator: " ")
    guard words.count >= 3, let count = Int(words[0]), words[1] == "of", let total = Int(words[2]) else { return nil }
    return (count, total)
}

private let slowTestsEnabled = ProcessInfo.processInfo.environment["CI"] != nil
    || ProcessInfo.processInfo.environment["NEURALRL_SLOW_TESTS"] == "1"

@Suite("Lesson07 training protocol and seed-robust claims (the lesson binary)")
struct Lesson07ClaimTests {
    @Test("quick run: every check holds, the full 10,000-step budget is evaluated, and the ablation table has its four agents")
    func quickRun() throws {
        let run = try runLessonBinary("Lesson07", ["--quick"])
        #expect(run.status == 0)
        #expect(!run.output.contains("✗"))
        #expect(run.output.contains("✓ in 10000 steps DQN learns"))
        // Training never stops early: the last checkpoint is at the end of the budget.
        #expect(run.output.contains("greedy mean at the end of the budget"))
        #expect(run.output.split(separator: "\n").contains { $0.contains("10000") && $0.contains("9000") })
        for agent in ["neither (online)", "replay only", "target network only", "both (DQN)"] {
            #expect(run.output.split(separator: "\n").contains { $0.hasPrefix("  \(agent)") || $0.hasPrefix(agent) },
                    "ablation row \(agent)")
        }
    }

    @Test("a bad --seeds value exits 64")
    func badSeeds() throws {
        #expect(try runLessonBinary("Lesson07", ["--seeds", "5-1"]).status == 64)
    }

    @Test("slow: the lesson's seed table: `--seeds 1-10` (50,000 steps each) has 8 of 10 reaching ≥ 475 and 6 of 10 ending ≥ 400",
          .enabled(if: slowTestsEnabled, "slow: runs in CI or with NEURALRL_SLOW_TESTS=1"))
    func seedStudy() throws {
        let run = try runLessonBinary("Lesson07", ["--seeds", "1-10"])
        let solved = countOf("seeds reaching a greedy mean ≥ 475", in: run.output)
        let stayed = countOf("seeds still ≥ 400 at the end of the budget", in: run.output)
        print(run.output.split(separator: "\n").suffix(20).joined(separator: "\n"))
        #expect(solved != nil && stayed != nil)
        // The lesson quotes these counts (and the per-seed table) as measured; if they change,
        // the lesson's table and sentence must change with them.
        #expect(solved?.count == 8 && solved?.of == 10, "seeds reaching ≥ 475: \(String(describing: solved))")
        #expect(stayed?.count == 6 && stayed?.of == 10, "seeds still ≥ 400 at the end: \(String(describing: stayed))")
    }
}
