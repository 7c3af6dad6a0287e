import NeuralNetworks
import TensorCore
import Testing

@Suite struct BatchNormalizationTests {
    /// A batch whose four columns have very different means and scales.
    static func batch(rows: Int = 8, seed: UInt64 = 1) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let z = Tensor.normal([rows, 4], using: &generator)
        return z * Tensor([1, 10, 0.01, 3]) + Tensor([0, -5, 2, 100])
    }

    @Test func aWorkedColumnFollowsPyTorchsFormulas() {
        // x = (1, 2, 3, 4): μ = 2.5, biased σ² = 1.25, unbiased 5/3; ε = 0, momentum 0.1.
        var layer = BatchNormalization(features: 1, epsilon: 0)
        let y = layer.forward([[1], [2], [3], [4]])
        let s = 1.25.squareRoot()
        #expect(y.isApproximatelyEqual(to: Tensor([[-1.5 / s], [-0.5 / s], [0.5 / s], [1.5 / s]]), absoluteTolerance: 1e-15))
        #expect(abs(layer.runningMean[0] - 0.25) < 1e-15)                   // 0.9·0 + 0.1·2.5
        #expect(abs(layer.runningVariance[0] - (0.9 + 0.1 * 5.0 / 3)) < 1e-15)  // 0.9·1 + 0.1·(4/3)·1.25
        // γ and β act after the normalization.
        layer.scale = [2]
        layer.offset = [-1]
        #expect(layer.forward([[1], [2], [3], [4]]).isApproximatelyEqual(to: 2 * y - 1, absoluteTolerance: 1e-15))
    }

    @Test func trainingOutputHasMeanBetaAndStandardDeviationGamma() {
        var layer = BatchNormalization(features: 4, epsilon: 0)
        layer.scale = [1, 2, 0.5, 3]
        layer.offset = [0, 1, -1, 2]
        let y = layer.forward(Self.batch())
        let mean = y.mean(alongAxis: 0)
        let centred = y - mean
        let deviation = (centred * centred).mean(alongAxis: 0).map { $0.squareRoot() }
        #expect(mean.isApproximatelyEqual(to: layer.offset, absoluteTolerance: 1e-12))
        #expect(deviation.isApproximatelyEqual(to: layer.scale, absoluteTolerance: 1e-12))
        // Shifting or stretching a column (by a positive factor) changes nothing while training.
        var again = BatchNormalization(features: 4, epsilon: 0)
        again.parameters = layer.parameters
        #expect(again.forward(Self.batch() * Tensor([5, 0.1, 7, 2]) + 3).isApproximatelyEqual(to: y, absoluteTolerance: 1e-9))
    }

    @Test func backwardMatchesCentralDifferences() {
        var generator = SeededGenerator(seed: 2)
        var layer = BatchNormalization(features: 4)
        layer.scale = Tensor.normal([4], using: &generator)
        layer.offset = Tensor.normal([4], using: &generator)
        let x = Self.batch(rows: 6, seed: 3)
        let upstream = Tensor.normal([6, 4], using: &generator)
        let start = layer
        _ = layer.forward(x)
        let dx = layer.backward(upstream)
        /// L = Σ upstream ⊙ y in training mode, from a fresh copy each time.
        func loss(_ l: BatchNormalization, _ input: Tensor) -> Double {
            var probe = l
            return (probe.forward(input) * upstream).sum()
        }
        let checks = [
            checkGradient(label: "x", at: x, analyticGradient: dx, step: 1e-6) { loss(start, $0) },
            checkGradient(label: "γ", at: start.scale, analyticGradient: layer.scaleGradient) { γ in
                var copy = start
                copy.scale = γ
                return loss(copy, x)
            },
            checkGradient(label: "β", at: start.offset, analyticGradient: layer.offsetGradient) { β in
                var copy = start
                copy.offset = β
                return loss(copy, x)
            },
        ]
        for check in checks { #expect(check.passes(tolerance: 1e-6), "\(check)") }
        // μ_B and σ_B see every row: ∂L/∂x sums to zero in each column and is orthogonal to x̂.
        #expect(dx.sum(alongAxis: 0).isApproximatelyEqual(to: .zeros([4]), absoluteTolerance: 1e-9))
        // Without the two batch terms the gradient would be δ·γ/s, which the check above rejects.
        #expect(layer.backward(upstream, accumulate: false, needsInputGradient: false) == nil)
    }

    @Test func accumulateAddsTheParameterGradients() {
        var layer = BatchNormalization(features: 4)
        let x = Self.batch()
        let upstream = Tensor.ones([8, 4]) + Self.batch(seed: 9) * 0.1
        _ = layer.forward(x)
        layer.backward(upstream)
        let once = layer.gradients
        layer.backward(upstream, accumulate: true)
        #expect(zip(layer.gradients, once).allSatisfy { $0.isApproximatelyEqual(to: 2 * $1, absoluteTolerance: 1e-12) })
        layer.zeroGradients()
        #expect(layer.gradients.allSatisfy { $0 == .zeros([4]) })
    }

    @Test func inferenceUsesTheRunningStatistics() {
        // With momentum nil the running statistics are the plain average over the batches seen:
        // the mean of the batch means and the mean of the unbiased batch variances.
        var layer = BatchNormalization(features: 4, epsilon: 1e-5, momentum: nil)
        layer.scale = [1, 2, 3, 4]
        layer.offset = [0.5, 0, -0.5, 1]
        let batches = (1...5).map { Self.batch(rows: 10, seed: UInt64($0)) }
        var meanSum = Tensor.zeros([4]), varianceSum = Tensor.zeros([4])
        for batch in batches {
            let mean = batch.mean(alongAxis: 0)
            let centred = batch - mean
            meanSum += mean
            varianceSum += (centred * centred).sum(alongAxis: 0) / 9   // unbiased: m − 1 = 9
            _ = layer.forward(batch)
        }
        #expect(layer.batchesTracked == 5)
        #expect(layer.runningMean.isApproximatelyEqual(to: meanSum / 5, absoluteTolerance: 1e-12))
        #expect(layer.runningVariance.isApproximatelyEqual(to: varianceSum / 5, absoluteTolerance: 1e-9))
        // Inference is the fixed affine map of those statistics, row by row (a vector works too).
        let x = Self.batch(rows: 3, seed: 7)
        let expected = (x - meanSum / 5) / (varianceSum / 5 + 1e-5).map { $0.squareRoot() } * layer.scale + layer.offset
        #expect(layer(x).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-9))
        #expect(layer(x.row(1)).isApproximatelyEqual(to: expected.row(1), absoluteTolerance: 1e-9))
        // Inference never changes the statistics, and differs from training on the same batch.
        var probe = layer
        #expect(probe.forward(x) != layer(x))
    }

    @Test func afterOneBatchWithMomentumOneInferenceUsesTheUnbiasedVariance() {
        var layer = BatchNormalization(features: 4, epsilon: 0, momentum: 1)
        let x = Self.batch(rows: 5)
        let trainingOutput = layer.forward(x)
        // Training divided by the biased σ_B; inference divides by √(σ²_B·m/(m − 1)).
        #expect(layer(x).isApproximatelyEqual(to: trainingOutput * (4.0 / 5).squareRoot(), absoluteTolerance: 1e-12))
    }

    @Test func aNetworkWithBatchNormalizationHasCorrectParameterGradients() {
        var generator = SeededGenerator(seed: 6)
        let network = Sequential([
            Dense(inputs: 3, outputs: 5, weightInitializer: .normal(standardDeviation: 0.01), using: &generator),
            BatchNormalization(features: 5),
            ActivationLayer(.tanh),
            Dense(inputs: 5, outputs: 2, using: &generator),
        ])
        #expect(network.parameterCount == 3 * 5 + 5 + 2 * 5 + 5 * 2 + 2)
        let x = Tensor.normal([7, 3], using: &generator)
        let target = Tensor.normal([7, 2], using: &generator)
        var trained = network
        trained.computeGradients(input: x, target: target, loss: .halfSquaredError)
        // b₁ comes right before the normalization, which subtracts it again: its gradient is 0.
        #expect(trained.gradients[1].scalars.allSatisfy { abs($0) < 1e-12 }, "\(trained.gradients[1])")
        for index in 0..<network.parameterTensorCount where index != 1 {
            let result = checkTrainingModeGradient(of: network, parameter: index, gradient: trained.gradients[index],
                                                   input: x, target: target, step: 1e-6)
            #expect(result.passes(tolerance: 1e-6), "\(network.parameterName(index)): \(result)")
        }
    }
}
