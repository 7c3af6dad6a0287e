import Grading
import Testing

/// Grades `Exercises/Lesson07.swift` and checks `Solutions/Lesson07.swift`.
/// Run just these with `swift test --filter Lesson07`.
///
/// Each student exercise is its own test (not one parameterized test), because Swift Testing
/// reports a cancelled test as "cancelled: not attempted" but a cancelled test *case* as passed.
@Suite("Lesson07 exercises")
struct Lesson07Exercises {
    @Test("Lesson07.replaySlots") func replaySlots() async throws {
        try await gradeStudentExercise("Lesson07.replaySlots")
    }

    @Test("Lesson07.linearEpsilon") func linearEpsilon() async throws {
        try await gradeStudentExercise("Lesson07.linearEpsilon")
    }

    @Test("Lesson07.dqnTargets") func dqnTargets() async throws {
        try await gradeStudentExercise("Lesson07.dqnTargets")
    }

    @Test("Lesson07.doubleDQNTargets") func doubleDQNTargets() async throws {
        try await gradeStudentExercise("Lesson07.doubleDQNTargets")
    }

    @Test("Lesson07.softUpdate") func softUpdate() async throws {
        try await gradeStudentExercise("Lesson07.softUpdate")
    }

    @Test("every exercise has its own test above")
    func everyExerciseIsListed() {
        #expect(exerciseNames("Lesson07") == ["replaySlots", "linearEpsilon", "dqnTargets", "doubleDQNTargets", "softUpdate"])
    }

    @Test("reference answers in Solutions/Lesson07.swift pass", arguments: exerciseNames("Lesson07"))
    func solution(_ name: String) {
        gradeReferenceAnswer("Lesson07.\(name)")
    }
}

/// Plausible mistakes, one per exercise: the grader must fail every one of them.
enum MistakenLesson07: Lesson07Answers {
    static func replaySlots(capacity: Int, appendCount: Int) throws -> [Int] {
        // Stops writing when full instead of overwriting the oldest.
        (0..<capacity).map { $0 < appendCount ? $0 : -1 }
    }
    static func linearEpsilon(step: Int, start: Double, end: Double, duration: Int) throws -> Double {
        // Integer division: jumps from start to end.
        start + (end - start) * Double(min(step / duration, 1))
    }
    static func dqnTargets(rewards: [Double], terminals: [Bool], nextTargetQ: [[Double]],
                           discount: Double) throws -> [Double] {
        // Forgets the terminal mask.
        rewards.indices.map { rewards[$0] + discount * nextTargetQ[$0].max()! }
    }
    static func doubleDQNTargets(rewards: [Double], terminals: [Bool], nextOnlineQ: [[Double]],
                                 nextTargetQ: [[Double]], discount: Double) throws -> [Double] {
        // Plain DQN's max of the target row.
        rewards.indices.map { terminals[$0] ? rewards[$0] : rewards[$0] + discount * nextTargetQ[$0].max()! }
    }
    static func softUpdate(target: [Double], online: [Double], tau: Double) throws -> [Double] {
        // τ on the wrong side.
        zip(target, online).map { tau * $0 + (1 - tau) * $1 }
    }
}

@Suite("Lesson07 grader")
struct Lesson07GraderTests {
    @Test("every plausible mistake fails its check with input, expected, got and a hint")
    func mistakesFail() {
        for exercise in Lesson07Checks.exercises(MistakenLesson07.self) {
            guard case .failed(let reason) = exercise.grade() else {
                Issue.record("\(exercise.name) should fail")
                continue
            }
            #expect(reason.contains("input:") && reason.contains("expected:") && reason.contains("got:") && reason.contains("Hint:"),
                    "\(exercise.name): \(reason)")
        }
    }
}
