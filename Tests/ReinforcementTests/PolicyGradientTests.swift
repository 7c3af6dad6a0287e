import NeuralNetworks
import Reinforcement
import TensorCore
import Testing

/// The policy-gradient pieces: log-probability gradients against central differences, the
/// reward-to-go, and the Monte Carlo estimator against the exact gradient of a small MDP.
@Suite("Policy gradients")
struct PolicyGradientTests {
    @Test("∂ log softmax(z)ₐ/∂z = eₐ − softmax(z) agrees with central differences for every action")
    func logSoftmaxGradient() {
        let logits = [0.3, -1.2, 2.0]
        for action in 0..<3 {
            let analytic = SoftmaxPolicy.logProbabilityGradient(logits: logits, action: action)
            let result = checkGradient(at: Tensor(logits), analyticGradient: Tensor(analytic)) { z in
                logSoftmax(z)[action]
            }
            #expect(result.passes(tolerance: 1e-8), "\(result)")
            #expect(abs(analytic.reduce(0, +)) < 1e-15)
        }
    }

    @Test("the policy-gradient loss −(1/m) Σ wᵢ log π(aᵢ|sᵢ): its logit gradient against central differences")
    func policyGradientLoss() {
        let logits = Tensor([[0.5, -0.5], [1.5, 0.2], [-2, 1]])
        let actions = [0, 1, 1], weights = [2.0, -1.0, 0.5]
        let (_, gradient) = SoftmaxPolicy.policyGradientLoss(logits: logits, actions: actions, weights: weights)
        let result = checkGradient(at: logits, analyticGradient: gradient) { z in
            SoftmaxPolicy.policyGradientLoss(logits: z, actions: actions, weights: weights).value
        }
        #expect(result.passes(tolerance: 1e-8), "\(result)")
    }

    @Test("a policy network: back-propagating the policy-gradient loss gives the parameters' central differences")
    func networkGradient() {
        var generator = SeededGenerator(seed: 7)
        let policy = SoftmaxPolicy(layerSizes: [4, 8, 2], using: &generator)
        let states = Tensor.normal([5, 4], using: &generator)
        let actions = [0, 1, 1, 0, 1], weights = [1.0, -0.3, 2.0, 0.7, -1.1]
        var network = policy.network
        let (_, outputGradient) = SoftmaxPolicy.policyGradientLoss(logits: network.forward(states), actions: actions,
                                                                  weights: weights)
        network.backward(outputGradient)
        for index in 0..<network.parameters.count {
            var probe = policy.network
            let numeric = numericGradient(at: probe.parameters[index]) { value in
                var parameters = probe.parameters
                parameters[index] = value
                probe.parameters = parameters
                return SoftmaxPolicy.policyGradientLoss(logits: probe.predict(states), actions: actions,
                                                        weights: weights).value
            }
            let agreement = GradientAgreement(label: "\(index)", analytic: network.gradients[index], numeric: numeric)
            #expect(agreement.relativeError < 1e-7, "\(agreement)")
        }
    }

    @Test("the Gaussian policy's ∂log p/∂μ = (a − μ)/σ² and ∂log p/∂log σ = (a − μ)²/σ² − 1 against central differences")
    func gaussianGradient() {
        for (mean, logSigma, action) in [(0.0, 0.0, 1.3), (2.0, -0.7, 1.1), (-1.0, 0.4, 2.5)] {
            let policy = GaussianPolicy(mean: mean, logStandardDeviation: logSigma)
            let (dMean, dLogSigma) = policy.logDensityGradient(action)
            let result = checkGradient(at: Tensor([mean, logSigma]), analyticGradient: Tensor([dMean, dLogSigma])) { p in
                GaussianPolicy(mean: p[0], logStandardDeviation: p[1]).logDensity(action)
            }
            #expect(result.passes(tolerance: 1e-8), "\(result)")
        }
        // The density integrates to 1 (midpoint rule over ±10σ) — the dx the notes drop.
        let policy = GaussianPolicy(mean: 0.5, logStandardDeviation: log(0.3))
        let dx = 0.001
        let total = (0..<6000).reduce(0.0) { $0 + exp(policy.logDensity(-2.5 + (Double($1) + 0.5) * dx)) * dx }
        #expect(abs(total - 1) < 1e-9)
    }

    @Test("reward-to-go: [1, 2, 3] gives [6, 5, 3]; with γ = 0.5, [1, 2, 4] gives [3, 4, 4]; EpisodeRecord agrees")
    func rewardsToGo() {
        #expect(rewardToGo([1, 2, 3]) == [6, 5, 3])
        #expect(rewardToGo([1, 2, 4], discount: 0.5) == [3, 4, 4])
        #expect(rewardToGo([]) == [])
        var environment = CartPole()
        var generator = SeededGenerator(seed: 1)
        let record = environment.runEpisode(using: &generator) { _ in 0 }
        #expect(record.discountedReturns(discount: 0.9) == rewardToGo(record.rewards, discount: 0.9))
    }

    @Test("the small MDP: trajectory probabilities sum to 1, and the exact ∇J matches central differences of the exact J")
    func exactGradient() {
        let mdp = TabularMDP.twoStates
        let theta = [0.4, -0.2, -0.5, 0.3]
        let trajectories = mdp.allTrajectories(theta)
        #expect(abs(trajectories.reduce(0) { $0 + $1.probability } - 1) < 1e-12)
        #expect(abs(mdp.expectedReturn(theta) - mdp.values(theta)[0][0]) < 1e-12)
        let result = checkGradient(at: Tensor(theta), analyticGradient: Tensor(mdp.exactGradient(theta))) {
            mdp.expectedReturn($0.scalars)
        }
        #expect(result.passes(tolerance: 1e-7), "\(result)")
    }

    @Test("Monte Carlo policy gradients (whole return, reward-to-go, three baselines) are within 3 standard errors of the exact ∇J")
    func monteCarloMatchesExact() {
        let mdp = TabularMDP.twoStates
        let theta = [0.4, -0.2, -0.5, 0.3]
        let exact = mdp.exactGradient(theta)
        let meanReturn = mdp.expectedReturn(theta)
        let weightings: [PolicyGradientWeighting] = [
            .totalReturn(baseline: 0), .totalReturn(baseline: meanReturn), .rewardToGo(baseline: 0),
            .rewardToGo(baseline: meanReturn), .rewardToGoMinusValue,
        ]
        for weighting in weightings {
            var generator = SeededGenerator(seed: 11, stream: "\(weighting)")
            let n = 20_000
            var sum = Array(repeating: 0.0, count: 4), sumOfSquares = Array(repeating: 0.0, count: 4)
            for _ in 0..<n {
                let g = mdp.gradientEstimate(theta, mdp.sample(theta, using: &generator), weighting: weighting)
                for k in 0..<4 { sum[k] += g[k]; sumOfSquares[k] += g[k] * g[k] }
            }
            for k in 0..<4 {
                let mean = sum[k] / Double(n)
                let standardError = ((sumOfSquares[k] / Double(n) - mean * mean) / Double(n - 1)).squareRoot()
                #expect(abs(mean - exact[k]) < 3 * standardError, "\(weighting) θ\(k): \(mean) vs \(exact[k]) ± \(standardError)")
            }
        }
        // A wrong estimator (the score without the return) is far from ∇J: the test can fail.
        var generator = SeededGenerator(seed: 12)
        let wrong = (0..<20_000).map { _ in mdp.scoreFunction(theta, mdp.sample(theta, using: &generator)) }
        let wrongMean = (0..<4).map { k in wrong.reduce(0) { $0 + $1[k] } / 20_000 }
        #expect(zip(wrongMean, exact).contains { abs($0 - $1) > 0.1 })
    }

    @Test("variance: b* = E[‖g‖²R]/E[‖g‖²] beats b = E[R] and b = 0, and reward-to-go minus V beats both totals")
    func baselineVariance() {
        let mdp = TabularMDP.twoStates
        let theta = [0.4, -0.2, -0.5, 0.3]
        let meanReturn = mdp.expectedReturn(theta)
        let best = mdp.varianceMinimisingBaseline(theta)
        let v0 = mdp.exactVariance(theta, weighting: .totalReturn(baseline: 0))
        let vMean = mdp.exactVariance(theta, weighting: .totalReturn(baseline: meanReturn))
        let vBest = mdp.exactVariance(theta, weighting: .totalReturn(baseline: best))
        #expect(abs(best - meanReturn) > 0.05)
        #expect(vBest < vMean && vBest < v0)
        // The variance is a parabola in b with its minimum at b*.
        for shift in [-0.1, 0.1] {
            #expect(mdp.exactVariance(theta, weighting: .totalReturn(baseline: best + shift)) > vBest)
        }
        #expect(mdp.exactVariance(theta, weighting: .rewardToGoMinusValue) < vBest)
        // From samples, the estimate of b* approaches the exact one.
        var generator = SeededGenerator(seed: 5)
        let samples = (0..<40_000).map { _ in mdp.sample(theta, using: &generator) }
        let estimate = varianceMinimisingBaseline(scores: samples.map { mdp.scoreFunction(theta, $0) },
                                                  returns: samples.map(\.totalReward))
        #expect(abs(estimate - best) < 0.05, "\(estimate) vs \(best)")
    }

    @Test("the continuous bandit: the exact gradient of J(μ, log σ) matches central differences")
    func banditGradient() {
        let bandit = ContinuousBandit(best: 2, noise: 0.5)
        let policy = GaussianPolicy(mean: 0.3, logStandardDeviation: -0.2)
        let exact = bandit.exactGradient(policy)
        let result = checkGradient(at: Tensor([0.3, -0.2]), analyticGradient: Tensor([exact.mean, exact.logStandardDeviation])) {
            bandit.expectedReward(GaussianPolicy(mean: $0[0], logStandardDeviation: $0[1]))
        }
        #expect(result.passes(tolerance: 1e-8), "\(result)")
    }
}
