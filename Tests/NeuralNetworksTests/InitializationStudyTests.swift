import NeuralNetworks
import TensorCore
import Testing

@Suite struct InitializationStudyTests {
    let tiny = InitializationStudy(hiddenLayers: 3, width: 8, sampleCount: 40, batchSize: 8, steps: 60,
                                   learningRate: 0.01, momentum: 0.9, evaluationInterval: 20)

    @Test func theDataSetIsTheTargetOnUniformPoints() {
        let (inputs, targets) = tiny.dataset(seed: 3)
        #expect(inputs.shape == [40, 2] && targets.shape == [40, 1])
        #expect(inputs.scalars.allSatisfy { $0 >= -1 && $0 <= 1 })
        for i in 0..<40 {
            #expect(targets[i, 0] == InitializationStudy.target(inputs[i, 0], inputs[i, 1]))
        }
        #expect(tiny.dataset(seed: 3).inputs == inputs, "the same seed gives the same data")
    }

    @Test func theNetworkHasTheConfiguredShape() {
        let network = tiny.network(weightInitializer: .heUniform, seed: 1)
        let dense = network.layers.indices.map { network[dense: $0] }
        #expect(dense.map(\.inputCount) == [2, 8, 8, 8])
        #expect(dense.map(\.outputCount) == [8, 8, 8, 1])
        #expect(dense.dropLast().allSatisfy { $0.activation == .relu })
        #expect(dense.last!.activation == .identity)
    }

    @Test func trainingRecordsTheLossAndIsReproducible() {
        var steps: [Int] = []
        let history = tiny.train(weightInitializer: .heUniform, seed: 5) { steps.append($0) }
        #expect(history.count == 4)
        #expect(steps == Array(1...60))
        #expect(history == tiny.train(weightInitializer: .heUniform, seed: 5))
        #expect(history.last! < history.first!, "a shallow He network learns something in 60 steps: \(history)")
    }
}
