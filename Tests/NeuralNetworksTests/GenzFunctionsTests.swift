@testable import NeuralNetworks
import TensorCore
import Testing

@Suite("Genz functions and fitting")
struct GenzFunctionsTests {
    @Test("values on a batch equal values point by point")
    func batchMatchesPoints() {
        var generator = SeededGenerator(seed: 1)
        for family in GenzFamily.allCases {
            let (c, w) = family.randomParameters(dimension: 3, using: &generator)
            let points = Tensor.uniform([5, 3], in: 0...1, using: &generator)
            let batch = family.values(points, c: c, w: w)
            for i in 0..<5 {
                #expect(batch[i] == family.value(points.row(i).scalars, c: c, w: w))
            }
        }
    }

    @Test("the Gaussian and continuous functions peak at w with value 1")
    func peaks() {
        #expect(GenzFamily.gaussian.value([0.3, 0.7], c: [5, 5], w: [0.3, 0.7]) == 1)
        #expect(GenzFamily.continuous.value([0.3, 0.7], c: [5, 5], w: [0.3, 0.7]) == 1)
    }

    @Test("FunctionFitting.train lowers the loss of a small network on a smooth target")
    func trainingLowersLoss() {
        var generator = SeededGenerator(seed: 2)
        var network = Sequential(layerSizes: [1, 16, 1], weightInitializer: .heUniform, using: &generator)
        let xs = Tensor.linspace(from: -1, to: 1, count: 64).reshaped([64, 1])
        let losses = FunctionFitting.train(&network, inputs: xs, targets: xs.map { $0 * $0 }, steps: 500, learningRate: 0.01)
        #expect(losses.count == 500)
        #expect(losses.last! < 0.05 * losses.first!)
    }

    @Test("GenzStudy is reproducible and reports one entry per network")
    func studyIsReproducible() {
        let configuration = GenzStudy.Configuration(families: [.gaussian], dimensions: [2], sampleSizes: [10, 20],
                                                    hiddenWidths: [8], steps: 50, learningRate: 0.01, testPoints: 100)
        let first = GenzStudy(configuration).run(seed: 3)
        #expect(first.count == configuration.networkCount)
        #expect(first == GenzStudy(configuration).run(seed: 3))
    }
}
