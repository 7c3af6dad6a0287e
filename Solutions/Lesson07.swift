// Lesson 07 reference answers: the same API as `Exercises/Lesson07.swift`.

import Grading

public enum Lesson07: Lesson07Answers {
    public static func replaySlots(capacity: Int, appendCount: Int) throws -> [Int] {
        // Transition k is written to slot k mod capacity, overwriting what was there.
        var slots = Array(repeating: -1, count: capacity)
        for k in 0..<appendCount { slots[k % capacity] = k }
        return slots
    }

    public static func linearEpsilon(step: Int, start: Double, end: Double, duration: Int) throws -> Double {
        let fraction = min(Double(step) / Double(duration), 1)
        return start + (end - start) * fraction
    }

    public static func dqnTargets(rewards: [Double], terminals: [Bool], nextTargetQ: [[Double]],
                                  discount: Double) throws -> [Double] {
        rewards.indices.map { i in
            terminals[i] ? rewards[i] : rewards[i] + discount * nextTargetQ[i].max()!
        }
    }

    public static func doubleDQNTargets(rewards: [Double], terminals: [Bool], nextOnlineQ: [[Double]],
                                        nextTargetQ: [[Double]], discount: Double) throws -> [Double] {
        rewards.indices.map { i in
            guard !terminals[i] else { return rewards[i] }
            // The online network chooses a′ = arg max; the target network evaluates it.
            var choice = 0
            for a in nextOnlineQ[i].indices where nextOnlineQ[i][a] > nextOnlineQ[i][choice] { choice = a }
            return rewards[i] + discount * nextTargetQ[i][choice]
        }
    }

    public static func softUpdate(target: [Double], online: [Double], tau: Double) throws -> [Double] {
        zip(target, online).map { phi, theta in tau * theta + (1 - tau) * phi }
    }
}
