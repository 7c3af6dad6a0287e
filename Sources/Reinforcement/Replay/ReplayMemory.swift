import TensorCore

/// A fixed-capacity experience replay memory: a ring buffer of transitions (s, a, r, s′, done)
/// from which uniform random mini-batches are drawn.
///
/// When the memory is full, each new transition overwrites the oldest one, so the memory always
/// holds the most recent `capacity` transitions. Storage is flat (one array per field, states
/// row after row), so storing and sampling allocate nothing.
///
/// `terminated` is stored, not "done": a transition cut off by a time limit is stored with
/// `terminated == false`, because its next state still has a future worth bootstrapping from.
public struct ReplayMemory: Sendable {
    /// The most transitions the memory holds.
    public let capacity: Int
    /// The length of one observation.
    public let observationCount: Int
    /// The transitions stored so far (at most `capacity`).
    public private(set) var count = 0
    /// Where the next transition will be written: index of the oldest once the memory is full.
    public private(set) var nextIndex = 0

    /// s, row i at `i * observationCount`.
    public private(set) var states: [Double]
    public private(set) var actions: [Int]
    public private(set) var rewards: [Double]
    /// s′, laid out like `states`.
    public private(set) var nextStates: [Double]
    /// 1 where s′ is terminal, 0 otherwise (a number, so targets can multiply by 1 − done).
    public private(set) var terminals: [Double]

    public init(capacity: Int, observationCount: Int) {
        check(capacity >= 1 && observationCount >= 1, "ReplayMemory: capacity (\(capacity)) and observationCount (\(observationCount)) must be positive")
        self.capacity = capacity
        self.observationCount = observationCount
        states = Array(repeating: 0, count: capacity * observationCount)
        nextStates = states
        actions = Array(repeating: 0, count: capacity)
        rewards = Array(repeating: 0, count: capacity)
        terminals = Array(repeating: 0, count: capacity)
    }

    /// Stores one transition, overwriting the oldest when full.
    public mutating func append(state: [Double], action: Int, reward: Double, nextState: [Double], terminated: Bool) {
        check(state.count == observationCount && nextState.count == observationCount, "ReplayMemory.append: observations must have \(observationCount) numbers, got \(state.count) and \(nextState.count)")
        let base = nextIndex * observationCount
        for k in 0..<observationCount {
            states[base + k] = state[k]
            nextStates[base + k] = nextState[k]
        }
        actions[nextIndex] = action
        rewards[nextIndex] = reward
        terminals[nextIndex] = terminated ? 1 : 0
        nextIndex = (nextIndex + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// The transition at storage index `i` (0 ≤ i < count), for inspection and tests.
    public func transition(at i: Int) -> (state: [Double], action: Int, reward: Double, nextState: [Double], terminated: Bool) {
        let range = (i * observationCount)..<((i + 1) * observationCount)
        return (Array(states[range]), actions[i], rewards[i], Array(nextStates[range]), terminals[i] == 1)
    }

    /// Draws `batch.size` storage indices uniformly at random (with replacement) and copies those
    /// transitions into `batch`, reusing its storage.
    public func sample(into batch: inout ReplayBatch, using generator: inout SeededGenerator) {
        check(count > 0, "ReplayMemory.sample: the memory is empty")
        check(batch.observationCount == observationCount, "ReplayMemory.sample: batch observations have \(batch.observationCount) numbers, memory \(observationCount)")
        let n = observationCount
        for row in 0..<batch.size {
            let i = generator.index(below: count)
            batch.indices[row] = i
            for k in 0..<n {
                batch.states[row * n + k] = states[i * n + k]
                batch.nextStates[row * n + k] = nextStates[i * n + k]
            }
            batch.actions[row] = actions[i]
            batch.rewards[row] = rewards[i]
            batch.terminals[row] = terminals[i]
        }
    }
}

/// A mini-batch of transitions, laid out like the memory (states row after row); allocated once
/// and refilled by `ReplayMemory.sample(into:using:)`.
public struct ReplayBatch: Sendable {
    public let size: Int
    public let observationCount: Int
    /// The storage index each row was drawn from.
    public var indices: [Int]
    public var states: [Double]
    public var actions: [Int]
    public var rewards: [Double]
    public var nextStates: [Double]
    public var terminals: [Double]

    public init(size: Int, observationCount: Int) {
        self.size = size
        self.observationCount = observationCount
        indices = Array(repeating: 0, count: size)
        states = Array(repeating: 0, count: size * observationCount)
        nextStates = states
        actions = Array(repeating: 0, count: size)
        rewards = Array(repeating: 0, count: size)
        terminals = Array(repeating: 0, count: size)
    }
}
