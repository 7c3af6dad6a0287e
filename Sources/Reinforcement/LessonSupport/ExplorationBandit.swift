import TensorCore

/// A k-armed Gaussian bandit test bed for comparing exploration rules without a network: arm a
/// pays N(q*(a), 1) with true values q*(a) ~ N(0, 1) drawn per run; the learner keeps sample
/// averages Q(a) (starting at 0) and picks arms with `choose(Q, generator)`.
public enum BanditTestBed {
    /// Averages over `runs` independent bandits of `steps` pulls each: the mean reward per step
    /// and the fraction of pulls of the best arm, both over the last half of the pulls.
    public static func evaluate(arms: Int = 10, steps: Int, runs: Int, seed: UInt64,
                                choose: ([Double], inout SeededGenerator) -> Int)
        -> (meanReward: Double, optimalFraction: Double) {
        var generator = SeededGenerator(seed: seed)
        var rewardTotal = 0.0, optimalCount = 0, counted = 0
        for _ in 0..<runs {
            let trueValues = (0..<arms).map { _ in generator.normal() }
            let best = Exploration.greedy(trueValues)
            var estimates = Array(repeating: 0.0, count: arms)
            var pulls = Array(repeating: 0, count: arms)
            for t in 0..<steps {
                let arm = choose(estimates, &generator)
                let reward = trueValues[arm] + generator.normal()
                pulls[arm] += 1
                estimates[arm] += (reward - estimates[arm]) / Double(pulls[arm])
                if t >= steps / 2 {
                    rewardTotal += reward
                    if arm == best { optimalCount += 1 }
                    counted += 1
                }
            }
        }
        return (rewardTotal / Double(counted), Double(optimalCount) / Double(counted))
    }
}
