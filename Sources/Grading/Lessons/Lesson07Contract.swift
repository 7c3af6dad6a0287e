/// The exercises of Lesson 07, deep Q-learning.
///
/// `Exercises.Lesson07` (the stubs a student fills in) and `Solutions.Lesson07` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson07Checks`, grades either.
public protocol Lesson07Answers: SendableMetatype {
    /// Exercise 1: a ring-buffer replay memory of `capacity` slots receives transitions
    /// numbered 0, 1, 2, …, `appendCount − 1`; for each slot, the number of the transition it
    /// holds at the end, or −1 if it was never written.
    static func replaySlots(capacity: Int, appendCount: Int) throws -> [Int]

    /// Exercise 2: the linear ε schedule, from `start` at step 0 to `end` at step `duration`,
    /// constant afterwards.
    static func linearEpsilon(step: Int, start: Double, end: Double, duration: Int) throws -> Double

    /// Exercise 3: DQN targets y = r + γ (1 − terminal) maxₐ′ Q_target(s′, a′), one per transition.
    static func dqnTargets(rewards: [Double], terminals: [Bool], nextTargetQ: [[Double]],
                           discount: Double) throws -> [Double]

    /// Exercise 4: double-DQN targets y = r + γ (1 − terminal) Q_target(s′, arg maxₐ′ Q_online(s′, a′)).
    static func doubleDQNTargets(rewards: [Double], terminals: [Bool], nextOnlineQ: [[Double]],
                                 nextTargetQ: [[Double]], discount: Double) throws -> [Double]

    /// Exercise 5: the soft target update φ ← τθ + (1 − τ)φ on flat parameter lists.
    static func softUpdate(target: [Double], online: [Double], tau: Double) throws -> [Double]
}
