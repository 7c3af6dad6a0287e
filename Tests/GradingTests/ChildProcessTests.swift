import Foundation
@testable import Grading
import Testing

/// The runner's machinery with small shell children: time limits, signals, output caps, and
/// the crash texts of a Swift child.
@Suite("The child-process runner")
struct ChildProcessTests {
    func shell(_ script: String, cpu: Double = 10, wall: Double = 30) throws -> ChildProcess.Result {
        try ChildProcess(executable: "/bin/sh", arguments: ["-c", script], cpuLimit: cpu, wallLimit: wall).run()
    }

    /// Whether `pid` is running: it exists and is not a zombie waiting to be reaped.
    func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return kill(pid, 0) == 0 }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    @Test("a loop that never ends is stopped at the CPU limit, with everything it started")
    func timeout() throws {
        // The grandchild spins too; it must not outlive the child. The wall-clock limit is only a
        // backstop, far away: how long 0.5 CPU seconds take depends on the machine's load, so the
        // checks are on the CPU time the kernel counted for the child, not on wall time.
        let result = try shell("(while :; do :; done) & echo $!; while :; do :; done", cpu: 0.5, wall: 120)
        #expect(result.ending == .timedOut)
        let cpu = try #require(result.cpuSeconds)
        // It had used its 0.5 s when it was stopped (so the CPU limit stopped it, not the wall
        // limit) and little more: the runner reads the child's CPU time every 20 ms and the loop
        // ends at SIGQUIT, so a child left running (or a SIGQUIT ignored for the 10 s grace)
        // would show seconds more.
        #expect(cpu >= 0.5, "stopped after \(cpu) CPU seconds, \(result.seconds) s wall: not by the CPU limit")
        #expect(cpu < 1.5, "stopped only after \(cpu) CPU seconds against a limit of 0.5")
        let grandchild = Int32(result.standardOutput.split(separator: "\n").first ?? "") ?? 0
        #expect(grandchild > 0)
        for _ in 0..<20 where isAlive(grandchild) { usleep(50_000) }
        #expect(!isAlive(grandchild), "the grandchild \(grandchild) is still running")
    }

    @Test("a child that blocks without using the CPU is stopped at the wall-clock limit")
    func blocked() throws {
        let result = try shell("sleep 20", wall: 0.5)
        #expect(result.ending == .timedOut)
        #expect(result.seconds < 5)
    }

    @Test("a signal is reported by number and named for a student")
    func signal() throws {
        let result = try shell("kill -ILL $$")
        #expect(result.ending == .signalled(4))
        #expect(CrashReport.describe(signal: 4)
            == "signal 4 (illegal instruction: a trap such as an index out of range, a nil unwrapped with ! or a fatalError)")
    }

    @Test("only the start of a flood of output is kept, and all of it is counted")
    func outputCap() throws {
        let result = try shell("yes 0123456789 | head -c 1000000")
        #expect(result.ending == .exited(0))
        #expect(result.outputBytes == 1_000_000)
        #expect(result.standardOutput.utf8.count == 64 * 1024)
    }

    @Test("a crash report gives the message and the first frame in the student's folder")
    func crashText() {
        let text = """
            ExercisesLesson03/Lesson03.swift:84: Fatal error: TODO: finish confusionMatrix

            *** Signal 4: Backtracing from 0x7f5d450f9361... done ***
            Thread 0 "GradeLesson03" crashed:
              0      0x00007f5d450f9361 _assertionFailure(_:_:file:line:flags:) + 225 in libswiftCore.so
              1 [ra] 0x000055efbb86bb3a static Lesson03.confusionMatrix(predicted:actual:classes:) + 1241 in GradeLesson03 at /home/s/NeuralRL/Exercises/Lesson03.swift:84:9
              2 [ra] 0x000055efbb86bc00 closure #1 in Lesson03Checks.checkConfusionMatrix + 12 in GradeLesson03 at /home/s/NeuralRL/Sources/Grading/Lessons/Lesson03Checks.swift:150:3
            """
        let report = CrashReport(standardError: text, folder: "Exercises")
        #expect(report.message == "Fatal error: TODO: finish confusionMatrix")
        #expect(report.location == "Exercises/Lesson03.swift:84:9")
        #expect(report.function == "static Lesson03.confusionMatrix(predicted:actual:classes:)")
    }

    @Test("a crashed child becomes a failure with its signal, message, place and printed output")
    func interpretCrash() {
        let result = ChildProcess.Result(
            ending: .signalled(4), standardOutput: "debug: n = 3\n",
            standardError: "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n"
                + "  3 [ra] 0x000055 static Lesson01.reluNeuron(weights:bias:input:) + 67 in GradeLesson01 at /x/Exercises/Lesson01.swift:20:32\n",
            outputBytes: 13, seconds: 0.2)
        let failure = grader.interpret(result, folder: "Exercises", stub: "Exercises/Lesson01.swift:19").failure
        #expect(failure?.kind == .crashed)
        #expect(failure?.summary == "your code crashed: " + CrashReport.describe(signal: 4))
        #expect(failure?.details.contains("Fatal error: Index out of range") == true)
        #expect(failure?.location == "Exercises/Lesson01.swift:20:32")
        #expect(failure?.output == "debug: n = 3")
    }

    @Test("a child's reported outcome is read past what the student printed")
    func interpretReported() throws {
        let outcome = Outcome.failed(Failure(kind: .wrongAnswer, summary: "wrong bias"))
        let json = String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
        let result = ChildProcess.Result(ending: .exited(0), standardOutput: "hello\n\n" + ExerciseRunner.marker + json + "\n",
                                         standardError: "", outputBytes: 100, seconds: 0.1)
        let failure = grader.interpret(result, folder: "Exercises", stub: "Exercises/Lesson01.swift:46").failure
        #expect(failure?.summary == "wrong bias")
        #expect(failure?.location == "Exercises/Lesson01.swift:46")
        #expect(failure?.output == "hello")
    }
}
