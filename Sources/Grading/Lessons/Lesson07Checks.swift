import TensorCore

/// The checks that grade `Lesson07Answers`: small cases worked by hand first, then seeded random
/// cases so that an answer cannot be tuned to the examples.
public enum Lesson07Checks {
    /// The exercises of Lesson07, in the order of `Exercises/Lesson07.swift`.
    public static let exercises: [Exercise] = [
        Exercise(lesson: "Lesson07", name: "replaySlots", task: "which transition each slot of a ring buffer holds",
                 hints: ["With capacity 4 and 6 transitions, slots 0 and 1 have been overwritten once.",
                         "Start from an array of −1s with `capacity` entries and write k into slot k % capacity for every k in"
                         + " 0..<appendCount."])
        { (answers: any Lesson07Answers.Type) in try checkReplaySlots(answers) },
        Exercise(lesson: "Lesson07", name: "linearEpsilon", task: "the linear ε schedule",
                 hints: ["The fraction of the way done is min(t / duration, 1); mind integer division.",
                         "The fraction is min(Double(step)/Double(duration), 1); ε moves that fraction of the way from start "
                         + "to end."])
        { (answers: any Lesson07Answers.Type) in try checkLinearEpsilon(answers) },
        Exercise(lesson: "Lesson07", name: "dqnTargets", task: "y = r + γ(1 − terminal) maxₐ′ Q_target(s′, a′)",
                 hints: ["(1 − terminal) masks the bootstrap term.",
                         "For each i: rewards[i] when terminals[i], else rewards[i] + γ · nextTargetQ[i].max()!."])
        { (answers: any Lesson07Answers.Type) in try checkDQNTargets(answers) },
        Exercise(lesson: "Lesson07", name: "doubleDQNTargets", task: "y = r + γ(1 − terminal) Q_target(s′, arg max Q_online)",
                 hints: ["Find the index of the largest entry of the online row; do not take the max of the target row.",
                         "Find a′, the index of the largest entry of nextOnlineQ[i] (a loop, or indices.max(by:)); the target "
                         + "reads nextTargetQ[i][a′]."])
        { (answers: any Lesson07Answers.Type) in try checkDoubleDQNTargets(answers) },
        Exercise(lesson: "Lesson07", name: "softUpdate", task: "φ ← τθ + (1 − τ)φ",
                 hints: ["With τ = 1 the update is a hard copy, τ = 0 leaves φ unchanged.",
                         "Element by element: τ times the online value plus (1 − τ) times the old target value."])
        { (answers: any Lesson07Answers.Type) in try checkSoftUpdate(answers) },
    ]

    static func checkReplaySlots<A: Lesson07Answers>(_ answers: A.Type) throws {
        var cases: [(capacity: Int, count: Int)] = [(4, 0), (4, 3), (4, 4), (4, 9), (1, 5), (3, 7)]
        var generator = SeededGenerator(seed: 701)
        for _ in 0..<20 { cases.append((generator.int(in: 1...12), generator.int(in: 0...40))) }
        for c in cases {
            // Transition k goes to slot k mod capacity; later ones overwrite earlier ones.
            var expected = Array(repeating: -1, count: c.capacity)
            for k in 0..<c.count { expected[k % c.capacity] = k }
            let got = try answers.replaySlots(capacity: c.capacity, appendCount: c.count)
            let input = "capacity \(c.capacity), \(c.count) transitions appended"
            guard got.count == c.capacity else {
                throw WrongAnswer(quantity: "number of slots", input: input, expected: "\(c.capacity) slots \(expected)", got: "\(got.count) slots \(got)",
                                  hint: "return one entry per slot")
            }
            for slot in 0..<c.capacity {
                try expectEqual(got[slot], expected[slot], what: "slot contents", input: input + ", slot \(slot)",
                                hint: c.count > c.capacity ? "when full, the next write goes to the oldest slot: transition k lands in slot k mod capacity"
                                                           : "slots never written hold −1")
            }
        }
    }

    static func checkLinearEpsilon<A: Lesson07Answers>(_ answers: A.Type) throws {
        var cases: [(step: Int, start: Double, end: Double, duration: Int)] = [
            (0, 1, 0.05, 10_000), (5_000, 1, 0.05, 10_000), (10_000, 1, 0.05, 10_000), (25_000, 1, 0.05, 10_000),
            (1, 1, 0.1, 4), (3, 0.5, 0.5, 10),
        ]
        var generator = SeededGenerator(seed: 702)
        for _ in 0..<20 {
            let duration = generator.int(in: 1...500)
            cases.append((generator.int(in: 0...700), generator.uniform(in: 0.5...1), generator.uniform(in: 0...0.2), duration))
        }
        for c in cases {
            let fraction = min(Double(c.step) / Double(c.duration), 1)
            let expected = c.start + (c.end - c.start) * fraction
            let got = try answers.linearEpsilon(step: c.step, start: c.start, end: c.end, duration: c.duration)
            try expectClose(got, expected, tolerance: 1e-12,
                            what: "ε", input: "step \(c.step), start \(format(c.start)), end \(format(c.end)), duration \(c.duration)",
                            hint: c.step > c.duration ? "after the duration ε stays at its end value"
                                                     : "move a fraction step/duration of the way from start to end")
        }
    }

    /// Random transitions: rewards, terminal flags and next-state Q rows for `actions` actions.
    static func randomBatch(_ generator: inout SeededGenerator, rows: Int, actions: Int)
        -> (rewards: [Double], terminals: [Bool], online: [[Double]], target: [[Double]]) {
        let rewards = (0..<rows).map { _ in generator.uniform(in: -1...1) }
        let terminals = (0..<rows).map { _ in generator.bernoulli(0.3) }
        let online = (0..<rows).map { _ in (0..<actions).map { _ in generator.normal() } }
        let target = (0..<rows).map { _ in (0..<actions).map { _ in generator.normal() } }
        return (rewards, terminals, online, target)
    }

    static func checkDQNTargets<A: Lesson07Answers>(_ answers: A.Type) throws {
        var cases: [(rewards: [Double], terminals: [Bool], target: [[Double]], discount: Double)] = [
            ([1, 1, 0.5], [false, true, false], [[2, 3], [10, -4], [-1, -2]], 0.9),
        ]
        var generator = SeededGenerator(seed: 703)
        for _ in 0..<15 {
            let batch = randomBatch(&generator, rows: generator.int(in: 1...6), actions: generator.int(in: 2...5))
            cases.append((batch.rewards, batch.terminals, batch.target, generator.uniform(in: 0.5...0.999)))
        }
        for c in cases {
            let expected = zip(c.rewards, zip(c.terminals, c.target)).map { r, rest in
                r + (rest.0 ? 0 : c.discount * rest.1.max()!)
            }
            let got = try answers.dqnTargets(rewards: c.rewards, terminals: c.terminals, nextTargetQ: c.target,
                                             discount: c.discount)
            try expectClose(got, expected, tolerance: 1e-12,
                            what: "targets", input: "rewards \(format(c.rewards)), terminals \(c.terminals), next Q \(format(c.target)), γ = \(format(c.discount))",
                            hint: "a terminal next state has value 0, so its target is just r; otherwise add γ times the largest next Q")
        }
    }

    static func checkDoubleDQNTargets<A: Lesson07Answers>(_ answers: A.Type) throws {
        var cases: [(rewards: [Double], terminals: [Bool], online: [[Double]], target: [[Double]], discount: Double)] = [
            ([1, 2, 1], [false, false, true], [[5, 1], [0, 1], [5, 1]], [[2, 7], [4, 3], [2, 7]], 0.5),
        ]
        var generator = SeededGenerator(seed: 704)
        for _ in 0..<15 {
            let batch = randomBatch(&generator, rows: generator.int(in: 1...6), actions: generator.int(in: 2...5))
            cases.append((batch.rewards, batch.terminals, batch.online, batch.target, generator.uniform(in: 0.5...0.999)))
        }
        for c in cases {
            var expected: [Double] = []
            for i in c.rewards.indices {
                let choice = c.online[i].indices.max { c.online[i][$0] < c.online[i][$1] }!
                expected.append(c.rewards[i] + (c.terminals[i] ? 0 : c.discount * c.target[i][choice]))
            }
            let got = try answers.doubleDQNTargets(rewards: c.rewards, terminals: c.terminals, nextOnlineQ: c.online,
                                                   nextTargetQ: c.target, discount: c.discount)
            try expectClose(got, expected, tolerance: 1e-12,
                            what: "targets", input: "rewards \(format(c.rewards)), terminals \(c.terminals), online Q \(format(c.online)), target Q \(format(c.target)), γ = \(format(c.discount))",
                            hint: "pick a′ with the online network's row, then read that a′ from the target network's row; terminal rows get just r")
        }
    }

    static func checkSoftUpdate<A: Lesson07Answers>(_ answers: A.Type) throws {
        var cases: [(target: [Double], online: [Double], tau: Double)] = [
            ([0, 0], [1, -1], 0.1), ([1, 2, 3], [1, 2, 3], 0.5), ([4], [8], 1), ([4], [8], 0),
        ]
        var generator = SeededGenerator(seed: 705)
        for _ in 0..<15 {
            let n = generator.int(in: 1...10)
            cases.append(((0..<n).map { _ in generator.normal() }, (0..<n).map { _ in generator.normal() },
                          generator.uniform(in: 0.001...0.5)))
        }
        for c in cases {
            let expected = zip(c.target, c.online).map { c.tau * $1 + (1 - c.tau) * $0 }
            let got = try answers.softUpdate(target: c.target, online: c.online, tau: c.tau)
            try expectClose(got, expected, tolerance: 1e-12,
                            what: "new target parameters", input: "target \(format(c.target)), online \(format(c.online)), τ = \(format(c.tau))",
                            hint: "τ weighs the online parameters θ, 1 − τ the old target φ")
        }
    }
}
