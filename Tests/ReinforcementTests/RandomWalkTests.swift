import Reinforcement
import TensorCore
import Testing

@Suite("Random walk and TD prediction")
struct RandomWalkTests {
    static let walk = RandomWalk()
    static let truth = walk.trueValues()

    @Test("true values: mirror-symmetric, monotone, and a fixed point of the Bellman equation")
    func trueValues() {
        let v = Self.truth
        #expect(v.count == 1000)
        for s in 1...1000 { #expect(abs(v[s - 1] + v[1000 - s]) < 1e-9) }
        for s in 1..<1000 { #expect(v[s] > v[s - 1]) }
        for s in [1, 50, 400, 500, 900, 1000] {
            var total = 0.0
            for d in 1...100 {
                total += s - d < 1 ? -1 : v[s - d - 1]
                total += s + d > 1000 ? 1 : v[s + d - 1]
            }
            #expect(abs(total / 200 - v[s - 1]) < 1e-9)
        }
    }

    @Test("episodes start at 500, jump at most 100, and end with ±1")
    func episodes() {
        var random = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let (states, reward) = Self.walk.episode(random: &random)
            #expect(states.first == 500)
            for (a, b) in zip(states, states.dropFirst()) { #expect(abs(a - b) >= 1 && abs(a - b) <= 100) }
            #expect(reward == 1 ? states.last! > 900 : states.last! <= 100)
        }
    }

    @Test("gradient MC with 10 groups, α = 2·10⁻⁵, 100,000 episodes: RMS ≤ 0.08 (Sutton & Barto ≈ 0.05–0.06)")
    func gradientMonteCarlo() {
        var random = SeededGenerator(seed: 42)
        let features = StateAggregation()
        let w = RandomWalkPrediction.gradientMonteCarlo(Self.walk, features, episodes: 100_000, stepSize: 2e-5, random: &random)
        let error = rmsError(features.values(w), Self.truth)
        #expect(error <= 0.08)
        #expect(error >= 0.04, "a staircase cannot beat ≈ 0.05 on this ramp")
    }

    @Test("TD(0) is biased above MC, the residual gradient is worse, TD(0.8) lies in between")
    func temporalDifference() {
        var random = SeededGenerator(seed: 43)
        let features = StateAggregation()
        let td = rmsError(features.values(RandomWalkPrediction.temporalDifference(
            Self.walk, features, episodes: 20_000, stepSize: 1e-3, random: &random)), Self.truth)
        let residual = rmsError(features.values(RandomWalkPrediction.temporalDifference(
            Self.walk, features, episodes: 20_000, stepSize: 1e-3, residualGradient: true, random: &random)), Self.truth)
        let tdLambda = rmsError(features.values(RandomWalkPrediction.tdLambda(
            Self.walk, features, lambda: 0.8, episodes: 20_000, stepSize: 1e-3, random: &random)), Self.truth)
        #expect(td > 0.08 && td < 0.2)
        #expect(residual > 0.25)
        #expect(tdLambda < 0.08)
    }

    @Test("neural TD(0), 1–16–1 tanh, 6 × 500 episodes with α halved from 0.01: RMS below 0.1 (TD(0) with groups: ≈ 0.13)")
    func neural() {
        var random = SeededGenerator(seed: 44)  // the lesson's seed 42 + 2
        var network = NeuralRandomWalkValue(hidden: 16, random: &random)
        for block in 0..<6 { network.trainTD0(Self.walk, episodes: 500, stepSize: 0.01 / Double(1 << block), random: &random) }
        #expect(rmsError(network.values, Self.truth) < 0.1)
    }

    @Test("linear TD(λ) episode: traces (1,0,0), (0.5,1,0), (0.25,0.5,1) and the weight updates")
    func traces() {
        let result = linearTDLambdaEpisode(weights: [0.1, 0.2, 0.3], features: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
                                           rewards: [0, 0, 1], gamma: 1, lambda: 0.5, stepSize: 0.1)
        #expect(result.traces == [[1, 0, 0], [0.5, 1, 0], [0.25, 0.5, 1]])
        // δ₀ = 0.2 − 0.1 = 0.1 → w₀ += 0.01; δ₁ = 0.3 − 0.2 = 0.1 → w += 0.01·(0.5, 1, 0);
        // δ₂ = 1 − 0.3 = 0.7 → w += 0.07·(0.25, 0.5, 1).
        let expected = [0.1 + 0.01 + 0.005 + 0.0175, 0.2 + 0.01 + 0.035, 0.3 + 0.07]
        for (a, b) in zip(result.weights, expected) { #expect(abs(a - b) < 1e-12) }
    }

    @Test("RMS error: plain and weighted")
    func rms() {
        #expect(abs(rmsError([1, 2], [0, 0]) - (2.5).squareRoot()) < 1e-12)
        #expect(abs(rmsError([1, 2], [0, 0], weights: [1, 0]) - 1) < 1e-12)
    }
}
