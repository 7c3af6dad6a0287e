import TensorCore

/// The replay memory R of DDPG: transitions (s, a, r, s′, terminated) with a vector action a,
/// kept in the library's one ring buffer, `ReplayMemory`.
///
/// Each stored "state" row is the pair (s, a) side by side, which is exactly the critic's input,
/// and each "next state" row is s′ followed by `actionCount` zeros (unused). The ring buffer,
/// its overwriting of the oldest transition and its uniform sampling with replacement are
/// `ReplayMemory`'s, not a copy of them.
public struct ContinuousReplayMemory: Sendable {
    /// The ring buffer, with rows of `observationCount + actionCount` numbers.
    public private(set) var storage: ReplayMemory
    /// The length of s.
    public let observationCount: Int
    /// The length of a.
    public let actionCount: Int

    public init(capacity: Int, observationCount: Int, actionCount: Int) {
        check(observationCount >= 1 && actionCount >= 1,
              "ContinuousReplayMemory: observationCount (\(observationCount)) and actionCount (\(actionCount)) must be positive")
        storage = ReplayMemory(capacity: capacity, observationCount: observationCount + actionCount)
        self.observationCount = observationCount
        self.actionCount = actionCount
    }

    /// The transitions stored so far (at most the capacity).
    public var count: Int { storage.count }
    /// The most transitions the memory holds.
    public var capacity: Int { storage.capacity }

    /// Stores one transition, overwriting the oldest when full.
    public mutating func append(state: [Double], action: [Double], reward: Double, nextState: [Double],
                                terminated: Bool) {
        check(state.count == observationCount && nextState.count == observationCount && action.count == actionCount,
              "ContinuousReplayMemory.append: expected s and s′ of \(observationCount) numbers and a of \(actionCount), "
                + "got \(state.count), \(nextState.count) and \(action.count)")
        storage.append(state: state + action, action: 0, reward: reward,
                       nextState: nextState + Array(repeating: 0, count: actionCount), terminated: terminated)
    }

    /// Draws a uniform mini-batch of `size` transitions (with replacement).
    public func sample(size: Int, using generator: inout SeededGenerator) -> ContinuousBatch {
        var batch = ReplayBatch(size: size, observationCount: observationCount + actionCount)
        storage.sample(into: &batch, using: &generator)
        return ContinuousBatch(batch, observationCount: observationCount, actionCount: actionCount)
    }
}

/// A mini-batch of continuous-action transitions as tensors, one transition per row.
public struct ContinuousBatch: Sendable {
    /// (sᵢ, aᵢ) side by side, `[m, n + k]`: the critic's input for Q(sᵢ, aᵢ).
    public var statesAndActions: Tensor
    /// sᵢ, `[m, n]`.
    public var states: Tensor
    /// aᵢ, `[m, k]`.
    public var actions: Tensor
    /// rᵢ.
    public var rewards: [Double]
    /// 1 where sᵢ₊₁ is terminal, 0 otherwise.
    public var terminals: [Double]
    /// sᵢ₊₁, `[m, n]`.
    public var nextStates: Tensor

    /// The size m of the batch.
    public var size: Int { rewards.count }

    /// A batch from its parts (for tests and exercises).
    public init(states: Tensor, actions: Tensor, rewards: [Double], terminals: [Double], nextStates: Tensor) {
        check(states.rank == 2 && actions.rank == 2 && nextStates.shape == states.shape
              && actions.shape[0] == states.shape[0] && rewards.count == states.shape[0] && terminals.count == rewards.count,
              "ContinuousBatch: states \(states.shape), actions \(actions.shape), next states \(nextStates.shape), "
                + "\(rewards.count) rewards and \(terminals.count) terminal flags do not describe one batch")
        self.states = states
        self.actions = actions
        self.rewards = rewards
        self.terminals = terminals
        self.nextStates = nextStates
        self.statesAndActions = Tensor(concatenating: [states, actions], alongAxis: 1)
    }

    init(_ batch: ReplayBatch, observationCount n: Int, actionCount k: Int) {
        let m = batch.size, width = n + k
        var s = [Double](), a = [Double](), next = [Double]()
        s.reserveCapacity(m * n)
        a.reserveCapacity(m * k)
        next.reserveCapacity(m * n)
        for row in 0..<m {
            s.append(contentsOf: batch.states[(row * width)..<(row * width + n)])
            a.append(contentsOf: batch.states[(row * width + n)..<((row + 1) * width)])
            next.append(contentsOf: batch.nextStates[(row * width)..<(row * width + n)])
        }
        statesAndActions = Tensor(shape: [m, width], scalars: batch.states)
        states = Tensor(shape: [m, n], scalars: s)
        actions = Tensor(shape: [m, k], scalars: a)
        rewards = batch.rewards
        terminals = batch.terminals
        nextStates = Tensor(shape: [m, n], scalars: next)
    }
}
