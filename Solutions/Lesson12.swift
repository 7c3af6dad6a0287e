// Lesson 12 reference answers: the same API as `Exercises/Lesson12.swift`.

import Grading
import NeuralNetworks
import Reinforcement
import TensorCore

public enum Lesson12: Lesson12Answers {
    public static func pendulumStep(angle: Double, angularVelocity: Double,
                                    torque: Double) throws -> (reward: Double, angle: Double, angularVelocity: Double) {
        let u = min(max(torque, -2), 2)
        var wrapped = fmod(angle + Double.pi, 2 * Double.pi)
        if wrapped < 0 { wrapped += 2 * Double.pi }
        wrapped -= Double.pi
        let reward = -(wrapped * wrapped + 0.1 * angularVelocity * angularVelocity + 0.001 * u * u)
        let speed = min(max(angularVelocity + (3 * 10 / 2 * sin(angle) + 3 * u) * 0.05, -8), 8)
        return (reward, angle + speed * 0.05, speed)
    }

    public static func criticTargets(rewards: [Double], terminals: [Bool], nextValues: [Double],
                                     discount: Double) throws -> [Double] {
        rewards.indices.map { rewards[$0] + (terminals[$0] ? 0 : discount * nextValues[$0]) }
    }

    public static func actorGradient(actionGradients: [[Double]], actorJacobians: [[[Double]]]) throws -> [Double] {
        // Row vector ∇ₐQ (1 × k) times the Jacobian (k × p), per sample, then the mean.
        let p = actorJacobians[0][0].count
        var gradient = Array(repeating: 0.0, count: p)
        for (g, jacobian) in zip(actionGradients, actorJacobians) {
            for (gj, row) in zip(g, jacobian) {
                for q in 0..<p { gradient[q] += gj * row[q] }
            }
        }
        return gradient.map { $0 / Double(actionGradients.count) }
    }

    public static func ornsteinUhlenbeckStep(_ x: [Double], theta: Double, mean: Double, sigma: Double, timeStep: Double,
                                             normals: [Double]) throws -> [Double] {
        zip(x, normals).map { $0 + theta * (mean - $0) * timeStep + sigma * timeStep.squareRoot() * $1 }
    }

    public static func td3Targets(rewards: [Double], terminals: [Bool], nextValues1: [Double], nextValues2: [Double],
                                  discount: Double) throws -> [Double] {
        try criticTargets(rewards: rewards, terminals: terminals, nextValues: zip(nextValues1, nextValues2).map { min($0, $1) },
                          discount: discount)
    }
}
