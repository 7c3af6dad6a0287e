import Grading
import Testing

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
        for exercise in Lesson07Checks.exercises {
            guard let reason = exercise.grade(MistakenLesson07.self).failure?.description else {
                Issue.record("\(exercise.name) should fail")
                continue
            }
            #expect(reason.contains("input:") && reason.contains("expected:") && reason.contains("got:") && reason.contains("hint:"),
                    "\(exercise.name): \(reason)")
        }
    }
}
