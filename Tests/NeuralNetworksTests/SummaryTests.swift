import NeuralNetworks
import TensorCore
import Testing

@Suite struct SummaryTests {
    @Test func smallNetworkCounts() {
        var generator = SeededGenerator(seed: 0)
        let one = Sequential(layerSizes: [900, 16, 1], hiddenActivation: .relu, using: &generator)
        #expect(one.layers.map(\.parameterCount) == [14_416, 17])
        let table = one.summary()
        #expect(table.contains("14,416") && table.contains("(None, 16)") && table.contains("(None, 1)"))
        #expect(table.contains("Total params: 14,433"))
        #expect(table.contains("Layer (type)") && table.contains("Output Shape") && table.contains("Param #"))

        let two = Sequential(layerSizes: [900, 16, 2], hiddenActivation: .relu, using: &generator)
        #expect(two.layers[1].parameterCount == 34)
        #expect(two.summary().contains(" 34\n"))
    }

    @Test func mnistNetworkCounts() {
        var generator = SeededGenerator(seed: 0)
        let network = Sequential(layerSizes: [784, 512, 512, 10], hiddenActivation: .relu,
                                 outputActivation: .identity, using: &generator)
        #expect(network.layers.map(\.parameterCount) == [401_920, 262_656, 5_130])
        #expect(network.parameterCount == 669_706)
        let table = network.summary()
        for text in ["401,920", "262,656", "5,130", "Total params: 669,706", "dense_2 (Dense)"] {
            #expect(table.contains(text), "missing \(text) in\n\(table)")
        }
    }
}

