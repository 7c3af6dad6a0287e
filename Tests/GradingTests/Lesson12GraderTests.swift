import Grading
import TensorCore  // the C math library, re-exported once for the package
import Testing

@Suite("Lesson12 grader")
struct Lesson12GraderTests {
    @Test("the checks fail plausible wrong answers, with a hint")
    func checksCatchWrongAnswers() {
        for exercise in Lesson12Checks.exercises {
            guard let reason = exercise.grade(PlausiblyWrongLesson12.self).failure?.description else {
                Issue.record("\(exercise.identifier) accepted a wrong answer")
                continue
            }
            #expect(reason.contains("hint:"), "\(exercise.identifier): \(reason)")
        }
    }
}

/// Answers with the mistakes a student is likely to make.
enum PlausiblyWrongLesson12: Lesson12Answers {
    /// Computes the reward on the state after the step, and moves θ with the old θ̇.
    static func pendulumStep(angle: Double, angularVelocity: Double,
                             torque: Double) throws -> (reward: Double, angle: Double, angularVelocity: Double) {
        let u = min(max(torque, -2), 2)
        let speed = min(max(angularVelocity + (15 * sin(angle) + 3 * u) * 0.05, -8), 8)
        let next = angle + angularVelocity * 0.05
        let wrapped = atan2(sin(next), cos(next))
        return (-(wrapped * wrapped + 0.1 * speed * speed + 0.001 * u * u), next, speed)
    }

    /// Bootstraps through terminal states.
    static func criticTargets(rewards: [Double], terminals: [Bool], nextValues: [Double],
                              discount: Double) throws -> [Double] {
        zip(rewards, nextValues).map { $0 + discount * $1 }
    }

    /// Sums over the batch instead of averaging.
    static func actorGradient(actionGradients: [[Double]], actorJacobians: [[[Double]]]) throws -> [Double] {
        let p = actorJacobians[0][0].count
        var gradient = Array(repeating: 0.0, count: p)
        for (g, jacobian) in zip(actionGradients, actorJacobians) {
            for (gj, row) in zip(g, jacobian) {
                for q in 0..<p { gradient[q] += gj * row[q] }
            }
        }
        return gradient
    }

    /// Scales the kick by dt instead of √dt.
    static func ornsteinUhlenbeckStep(_ x: [Double], theta: Double, mean: Double, sigma: Double, timeStep: Double,
                                      normals: [Double]) throws -> [Double] {
        zip(x, normals).map { $0 + theta * (mean - $0) * timeStep + sigma * timeStep * $1 }
    }

    /// Takes the larger of the two target critics.
    static func td3Targets(rewards: [Double], terminals: [Bool], nextValues1: [Double], nextValues2: [Double],
                           discount: Double) throws -> [Double] {
        rewards.indices.map { rewards[$0] + (terminals[$0] ? 0 : discount * max(nextValues1[$0], nextValues2[$0])) }
    }
}
