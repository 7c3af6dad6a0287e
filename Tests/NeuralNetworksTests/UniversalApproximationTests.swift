@testable import NeuralNetworks
import TensorCore
import Testing

@Suite("UniversalApproximation")
struct UniversalApproximationTests {
    @Test("reluBump is 0, a ramp, 1, a ramp, 0")
    func bumpShape() {
        let bump = { UniversalApproximation.reluBump($0, from: 1, to: 2, ramp: 0.5) }
        #expect(bump(0) == 0)
        #expect(abs(bump(1.25) - 0.5) < 1e-12)
        #expect(abs(bump(1.5) - 1) < 1e-12)
        #expect(abs(bump(2) - 1) < 1e-12)
        #expect(abs(bump(2.25) - 0.5) < 1e-12)
        #expect(bump(3) == 0)
    }

    @Test("StepFunction takes midpoint values, the right-hand piece on a shared edge, and 0 outside")
    func stepFunction() {
        let steps = StepFunction(approximating: { $0 }, from: 0, to: 1, pieces: 4)
        #expect(steps.edges == [0, 0.25, 0.5, 0.75, 1])
        #expect(steps.heights == [0.125, 0.375, 0.625, 0.875])
        #expect(steps(0.25) == 0.375)
        #expect(steps(1) == 0.875)
        #expect(steps(1.01) == 0 && steps(-0.01) == 0)
    }

    @Test("stepNetwork has the documented shapes and parameter counts")
    func stepNetworkShapes() {
        for k in [1, 2, 5] {
            let network = UniversalApproximation.stepNetwork(StepFunction(approximating: { $0 }, from: 0, to: 1, pieces: k), ramp: 0.01)
            #expect(network.parameters.map(\.shape) == [[1, 4 * k], [4 * k], [4 * k, k], [k], [k, 1], [1]])
            #expect(network.parameterCount == UniversalApproximation.stepNetworkParameterCount(pieces: k))
        }
    }

    @Test("boxNetwork has four layers and reproduces a single box")
    func boxNetwork() {
        let network = UniversalApproximation.boxNetwork(lower: [[0, 0]], upper: [[0.5, 0.5]], heights: [3], ramp: 0.1)
        #expect(network.layers.count == 4)
        #expect(abs(network.predict(Tensor([0.25, 0.25]))[0] - 3) < 1e-12)
        #expect(network.predict(Tensor([0.8, 0.25]))[0] == 0)
    }

    @Test("sigmoidBump is ½ − σ(−k) at the left edge and close to 1 in the middle")
    func sigmoidBump() {
        let network = UniversalApproximation.sigmoidBump(from: 0, to: 1, steepness: 20)
        #expect(abs(network.predict(Tensor([0]))[0] - (0.5 - Activation.sigmoid(-20))) < 1e-12)
        #expect(network.predict(Tensor([0.5]))[0] > 0.99)
    }
}
