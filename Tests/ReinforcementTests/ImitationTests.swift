import NeuralNetworks
import Reinforcement
import TensorCore
import Testing

@Suite("Imitation: the CartPole expert, behaviour cloning and DAgger")
struct ImitationTests {
    @Test("the linear expert x + ẋ + 10θ + 2θ̇ > 0 balances all 500 steps from 100 start states, cart within 0.2 m")
    func expertHolds() {
        var generator = SeededGenerator(seed: 3)
        let expert = CartPoleExpert()
        var environment = CartPole()
        for _ in 0..<100 {
            let episode = environment.runEpisode(using: &generator, policy: expert.action)
            #expect(episode.totalReward == 500 && !episode.terminated)
            #expect(episode.observations.allSatisfy { abs($0[0]) < 0.2 })
        }
        // Without the cart terms it drifts off the track: the x, ẋ gains matter.
        var anglesOnly = CartPole()
        let drifting = CartPoleExpert(gains: [0, 0, 1, 0])
        #expect(anglesOnly.runEpisode(using: &generator, policy: drifting.action).totalReward < 500)
    }

    @Test("demonstrations: the first n expert states, labelled with the expert's action; relabelling uses the expert")
    func datasets() {
        var generator = SeededGenerator(seed: 4)
        let expert = CartPoleExpert()
        let demonstrations = ImitationDataset.demonstrations(by: expert, count: 700, using: &generator)
        #expect(demonstrations.count == 700)
        #expect(zip(demonstrations.observations, demonstrations.actions).allSatisfy { expert.action($0) == $1 })
        // Always pushing left: the visited states are labelled by the expert, not by the policy.
        let relabelled = ImitationDataset.relabelled(by: expert, visitedBy: { _ in 0 }, count: 60, using: &generator)
        #expect(relabelled.count == 60)
        #expect(relabelled.actions.contains(1))
        #expect(zip(relabelled.observations, relabelled.actions).allSatisfy { expert.action($0) == $1 })
        var aggregated = demonstrations
        aggregated.aggregate(relabelled)
        #expect(aggregated.count == 760 && aggregated.observations.last == relabelled.observations.last)
    }

    @Test("behaviour cloning on 1,000 expert labels agrees with the expert on ≥ 95 % of its states")
    func cloningFits() {
        var generator = SeededGenerator(seed: 5)
        let expert = CartPoleExpert()
        let data = ImitationDataset.demonstrations(by: expert, count: 1_000, using: &generator)
        let policy = ImitationLearner().train(on: data, using: &generator)
        let agreement = accuracy(predicted: data.observations.map(policy.greedyAction), actual: data.actions)
        #expect(agreement >= 0.95, "\(agreement)")
    }

    @Test("a DAgger step adds exactly the requested labels, all the expert's, and retrains")
    func daggerStep() {
        var generator = SeededGenerator(seed: 6)
        var dagger = DAgger(expert: CartPoleExpert(), learner: ImitationLearner(epochs: 5), initialLabels: 50,
                            using: &generator)
        let before = dagger.policy.network.parameters
        dagger.step(labels: 40, using: &generator)
        #expect(dagger.dataset.count == 90)
        #expect(zip(dagger.dataset.observations, dagger.dataset.actions).allSatisfy { CartPoleExpert().action($0) == $1 })
        #expect(dagger.policy.network.parameters != before)
    }
}
