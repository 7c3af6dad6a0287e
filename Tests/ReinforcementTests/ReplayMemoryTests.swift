import Reinforcement
import TensorCore
import Testing

@Suite("Replay memory")
struct ReplayMemoryTests {
    func fill(_ memory: inout ReplayMemory, _ count: Int) {
        for i in 0..<count {
            let x = Double(i)
            memory.append(state: [x, -x], action: i % 2, reward: x / 10, nextState: [x + 1, -x - 1], terminated: i % 3 == 0)
        }
    }

    @Test("a ring buffer: keeps the newest `capacity` transitions, overwriting the oldest")
    func ringBuffer() {
        var memory = ReplayMemory(capacity: 4, observationCount: 2)
        fill(&memory, 3)
        #expect(memory.count == 3 && memory.nextIndex == 3)
        // Six more (i = 0…5) go to slots 3, 0, 1, 2, 3, 0: nine appends, slot = append number mod 4.
        fill(&memory, 6)
        #expect(memory.count == 4)
        let stored = (0..<4).map { memory.transition(at: $0).state[0] }
        #expect(stored == [5, 2, 3, 4])
        #expect(memory.nextIndex == 1)
        let t = memory.transition(at: 1)
        #expect(t.action == 0 && t.reward == 0.2 && t.nextState == [3, -3] && !t.terminated)
        #expect(memory.transition(at: 2).terminated)
    }

    @Test("mini-batches are uniform over the stored transitions and copy them exactly")
    func uniformSampling() {
        var memory = ReplayMemory(capacity: 10, observationCount: 2)
        fill(&memory, 10)
        var batch = ReplayBatch(size: 50, observationCount: 2)
        var generator = SeededGenerator(seed: 9)
        var counts = Array(repeating: 0, count: 10)
        for _ in 0..<400 {
            memory.sample(into: &batch, using: &generator)
            for row in 0..<batch.size {
                let i = batch.indices[row]
                counts[i] += 1
                let t = memory.transition(at: i)
                #expect(Array(batch.states[(2 * row)..<(2 * row + 2)]) == t.state)
                #expect(Array(batch.nextStates[(2 * row)..<(2 * row + 2)]) == t.nextState)
                #expect(batch.actions[row] == t.action && batch.rewards[row] == t.reward)
                #expect(batch.terminals[row] == (t.terminated ? 1 : 0))
            }
        }
        // 20,000 draws over 10 slots: 2,000 each, standard deviation ≈ 42.
        #expect(counts.allSatisfy { abs($0 - 2000) < 200 })
    }

    @Test("sampling never returns a slot that was not written yet")
    func partialMemory() {
        var memory = ReplayMemory(capacity: 100, observationCount: 2)
        fill(&memory, 5)
        var batch = ReplayBatch(size: 64, observationCount: 2)
        var generator = SeededGenerator(seed: 2)
        memory.sample(into: &batch, using: &generator)
        #expect(batch.indices.allSatisfy { $0 < 5 })
    }
}
