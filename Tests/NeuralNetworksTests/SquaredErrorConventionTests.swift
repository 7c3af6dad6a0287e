import NeuralNetworks
import TensorCore
import Testing

/// What `Loss.squaredError` is next to PyTorch's `nn.MSELoss()`, which averages over all m·n
/// elements: with n outputs it is n times that, and equal to it only when n = 1.
@Suite struct SquaredErrorConventionTests {
    /// `nn.MSELoss()` (reduction "mean"): the mean of (ŷ − y)² over every element.
    func torchMSE(_ prediction: Tensor, _ target: Tensor) -> Double {
        zip(prediction.scalars, target.scalars).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(prediction.count)
    }

    @Test("squaredError = n × nn.MSELoss() for m samples of n outputs; the same when n = 1")
    func nTimesMeanSquaredError() {
        var generator = SeededGenerator(seed: 3, stream: "squared error")
        for (m, n) in [(4, 1), (4, 3), (1, 5), (7, 2)] {
            let prediction = Tensor.uniform([m, n], in: -2...2, using: &generator)
            let target = Tensor.uniform([m, n], in: -2...2, using: &generator)
            let ours = Loss.squaredError.value(prediction: prediction, target: target)
            let torch = torchMSE(prediction, target)
            #expect(abs(ours - Double(n) * torch) <= 1e-12 * ours, "m = \(m), n = \(n)")
            if n > 1 { #expect(abs(ours - torch) > 0.1 * torch, "with n = \(n) it is not PyTorch's mean") }
            // Its gradient is likewise n times torch's 2(ŷ − y)/(m·n).
            let gradient = Loss.squaredError.evaluate(prediction: prediction, target: target).gradient
            for i in 0..<prediction.count {
                let torchGradient = 2 * (prediction.scalars[i] - target.scalars[i]) / Double(m * n)
                #expect(abs(gradient.scalars[i] - Double(n) * torchGradient) <= 1e-12)
            }
        }
    }
}
