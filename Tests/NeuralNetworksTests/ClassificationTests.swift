import NeuralNetworks
import TensorCore
import Testing

@Suite("Classification helpers")
struct ClassificationTests {
    @Test("oneHot puts a single 1 in each row, at the label")
    func oneHotRows() {
        let codes = oneHot([2, 0, 1], classes: 3)
        #expect(codes == Tensor([[0, 0, 1], [1, 0, 0], [0, 1, 0]]))
    }

    @Test("accuracy and confusionMatrix count right answers and mistakes")
    func accuracyAndConfusion() {
        let actual = [0, 0, 1, 2, 2, 2], predicted = [0, 1, 1, 2, 0, 2]
        #expect(accuracy(predicted: predicted, actual: actual) == 4.0 / 6)
        #expect(confusionMatrix(predicted: predicted, actual: actual, classes: 3) == [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    }

    @Test("trainClassifierEpoch lowers the cross-entropy on separable blobs and is reproducible")
    func trainingLearns() {
        func run() -> (first: Double, last: Double, accuracy: Double) {
            var generator = SeededGenerator(seed: 3)
            let centres: [[Double]] = [[2, 0], [-2, 0], [0, 2]]
            var rows: [[Double]] = [], labels: [Int] = []
            for i in 0..<150 {
                let c = i % 3
                rows.append([centres[c][0] + generator.normal(standardDeviation: 0.5),
                             centres[c][1] + generator.normal(standardDeviation: 0.5)])
                labels.append(c)
            }
            let inputs = Tensor(rows)
            var network = Sequential(layerSizes: [2, 8, 3], using: &generator)
            var optimizer = Adam(learningRate: 0.01)
            let first = network.crossEntropy(inputs: inputs, labels: labels)
            for _ in 0..<30 {
                network.trainClassifierEpoch(inputs: inputs, labels: labels, batchSize: 16, optimizer: &optimizer,
                                             using: &generator)
            }
            return (first, network.crossEntropy(inputs: inputs, labels: labels),
                    accuracy(predicted: network.predictClasses(inputs), actual: labels))
        }
        let a = run(), b = run()
        #expect(a.last < a.first / 4)
        #expect(a.accuracy > 0.95)
        #expect(a.last == b.last)
    }
}
