import NeuralNetworks
import TensorCore
import Testing

@Suite struct LossTests {
    /// A prediction and target suited to the loss: probabilities for the cross-entropies
    /// (one-hot targets for the categorical ones), arbitrary numbers otherwise.
    static func example(for loss: Loss) -> (prediction: Tensor, target: Tensor) {
        var g = SeededGenerator(seed: 11)
        switch loss {
        case .binaryCrossEntropy:
            return (.uniform([4, 3], in: 0.1...0.9, using: &g), Tensor(shape: [4, 3], scalars: (0..<12).map { Double($0 % 2) }))
        case .categoricalCrossEntropy:
            return (softmax(.normal([4, 3], using: &g)), oneHot([0, 2, 1, 2], count: 3))
        case .categoricalCrossEntropyWithLogits:
            return (.normal([4, 3], standardDeviation: 2, using: &g), oneHot([0, 2, 1, 2], count: 3))
        case .binaryCrossEntropyWithLogits:
            return (.normal([4, 3], standardDeviation: 2, using: &g), .uniform([4, 3], in: 0...1, using: &g))
        default:
            return (.normal([4, 3], using: &g), .normal([4, 3], using: &g))
        }
    }

    @Test(arguments: Loss.allCases)
    func gradientMatchesFiniteDifferences(_ loss: Loss) {
        let (prediction, target) = Self.example(for: loss)
        let (_, gradient) = loss.evaluate(prediction: prediction, target: target)
        let check = checkGradient(label: loss.name, at: prediction, analyticGradient: gradient) {
            loss.value(prediction: $0, target: target)
        }
        #expect(check.passes(tolerance: 1e-6), "\(check)")
    }

    /// Huber per element, as PyTorch's `nn.HuberLoss(delta:)` defines it: ½e² inside ±δ,
    /// δ(|e| − ½δ) outside, gradient clip(e, −δ, δ); the batch mean over rows.
    @Test func huberConventions() {
        let target = Tensor.zeros([3, 1])
        let prediction: Tensor = [[0.5], [-2], [3]]
        let one = Loss.huber(delta: 1).evaluate(prediction: prediction, target: target)
        let oneValue: Double = (0.125 + 1.5 + 2.5) / 3
        let oneGradient: Tensor = Tensor([[0.5], [-1.0], [1.0]]) / 3
        #expect(one.value == oneValue)
        #expect(one.gradient == oneGradient)
        let two = Loss.huber(delta: 2).evaluate(prediction: prediction, target: target)
        let twoValue: Double = (0.125 + 2 + 4) / 3
        let twoGradient: Tensor = Tensor([[0.5], [-2.0], [2.0]]) / 3
        #expect(two.value == twoValue)
        #expect(two.gradient == twoGradient)
        // Inside ±δ it is the half squared error exactly.
        let small: Tensor = [[0.3], [-0.7], [0.9]]
        #expect(Loss.huber(delta: 1).evaluate(prediction: small, target: target).value
                == Loss.halfSquaredError.evaluate(prediction: small, target: target).value)
    }

    @Test func squaredErrorConventions() {
        let prediction: Tensor = [[1, 2], [3, 4]]
        let target = Tensor.zeros([2, 2])
        let half = Loss.halfSquaredError.evaluate(prediction: prediction, target: target)
        #expect(half.value == 7.5)                       // ½ · (1 + 4 + 9 + 16) / 2
        #expect(half.gradient == prediction / 2)          // (ŷ − y)/m
        let full = Loss.squaredError.evaluate(prediction: prediction, target: target)
        #expect(full.value == 15)
        #expect(full.gradient == prediction)              // 2(ŷ − y)/m
        let mae = Loss.meanAbsoluteError.evaluate(prediction: -prediction, target: target)
        #expect(mae.value == 5 && mae.gradient == Tensor(shape: [2, 2], repeating: -0.5))
        // A vector is one sample: E = ½ Σ (ŷ − y)².
        #expect(Loss.halfSquaredError.value(prediction: [3, 4], target: [0, 0]) == 12.5)
    }

    @Test func logitVersionsAgreeWithProbabilityVersions() {
        let logits: Tensor = [[2, -1, 0.5], [0, 3, -2]]
        let target = oneHot([0, 1], count: 3)
        let fromLogits = Loss.categoricalCrossEntropyWithLogits.evaluate(prediction: logits, target: target)
        let fromProbabilities = Loss.categoricalCrossEntropy.value(prediction: softmax(logits), target: target)
        #expect(abs(fromLogits.value - fromProbabilities) < 1e-12)
        #expect(fromLogits.gradient.isApproximatelyEqual(to: (softmax(logits) - target) / 2, absoluteTolerance: 1e-15))
        let binary = Loss.binaryCrossEntropyWithLogits.value(prediction: logits, target: target)
        let binaryFromP = Loss.binaryCrossEntropy.value(prediction: logits.map { Activation.sigmoid($0) }, target: target)
        #expect(abs(binary - binaryFromP) < 1e-12)
    }

    @Test func crossEntropyFromLogitsIsStable() {
        let huge: Tensor = [[1000, -1000]]
        let categorical = Loss.categoricalCrossEntropyWithLogits.evaluate(prediction: huge, target: [[0, 1]])
        #expect(categorical.value == 2000 && categorical.gradient == [[1, -1]])
        let binary = Loss.binaryCrossEntropyWithLogits.evaluate(prediction: huge, target: [[0, 1]])
        #expect(binary.value == 2000 && binary.gradient == [[1, -1]])
    }
}
