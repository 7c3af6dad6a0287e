import Foundation
import Reinforcement
import TensorCore
import Testing

@Suite("Exploration: ε schedule, ε-greedy, Boltzmann")
struct ExplorationTests {
    @Test("the linear schedule goes from start to end over its duration, then stays")
    func linearSchedule() {
        let schedule = LinearSchedule(start: 1, end: 0.05, duration: 10_000)
        #expect(schedule.value(at: 0) == 1)
        #expect(abs(schedule.value(at: 5_000) - 0.525) < 1e-12)
        #expect(abs(schedule.value(at: 10_000) - 0.05) < 1e-12)
        #expect(abs(schedule.value(at: 60_000) - 0.05) < 1e-12)
    }

    @Test("ε-greedy picks the greedy action with probability 1 − ε + ε/|A|")
    func epsilonGreedyFrequencies() {
        var generator = SeededGenerator(seed: 4)
        let q = [0.1, 0.7, 0.3, -1]
        var greedy = 0
        let n = 40_000
        for _ in 0..<n where Exploration.epsilonGreedy(q, epsilon: 0.2, using: &generator) == 1 { greedy += 1 }
        // Expected 0.85; standard error √(0.85·0.15/40000) ≈ 0.0018.
        #expect(abs(Double(greedy) / Double(n) - 0.85) < 0.01)
        #expect(Exploration.greedy([2, 5, 5]) == 1)
    }

    @Test("Boltzmann probabilities are a softmax of Q/T: uniform as T → ∞, greedy as T → 0")
    func boltzmann() {
        let q = [1.0, 2.0, 0.0]
        let p = Exploration.boltzmannProbabilities(q, temperature: 1)
        let z = exp(1.0) + exp(2.0) + 1
        #expect(abs(p[0] - exp(1) / z) < 1e-12 && abs(p[1] - exp(2) / z) < 1e-12)
        #expect(Exploration.boltzmannProbabilities(q, temperature: 1e6).allSatisfy { abs($0 - 1.0 / 3) < 1e-5 })
        #expect(Exploration.boltzmannProbabilities(q, temperature: 0.01)[1] > 0.999999)
        // Stable for large values.
        #expect(Exploration.boltzmannProbabilities([1000, 1001], temperature: 1).allSatisfy { $0.isFinite })
        var generator = SeededGenerator(seed: 8)
        var counts = [0, 0, 0]
        for _ in 0..<30_000 { counts[Exploration.boltzmann(q, temperature: 1, using: &generator)] += 1 }
        for a in 0..<3 { #expect(abs(Double(counts[a]) / 30_000 - p[a]) < 0.01) }
    }
}
