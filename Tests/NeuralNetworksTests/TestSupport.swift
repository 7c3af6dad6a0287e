import Foundation
import NeuralNetworks
import TensorCore

/// Points from −4 to 4 that stay away from 0, where several activations have a kink.
let smoothPoints: [Double] = (0..<60).map { -4.01 + Double($0) * 0.137 }.filter { abs($0) > 1e-3 }

/// The central difference (f(x + h) − f(x − h)) / 2h.
func centralDifference(_ f: (Double) -> Double, at x: Double, step h: Double = 1e-5) -> Double {
    (f(x + h) - f(x - h)) / (2 * h)
}

/// A fresh path in a fresh temporary directory, and that directory.
func temporaryPath(_ name: String = "weights.txt") -> (path: String, directory: String) {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("NeuralNetworksTests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return (directory.appendingPathComponent(name).path, directory.path)
}

/// A one-hot matrix with the given class per row.
func oneHot(_ classes: [Int], count: Int) -> Tensor {
    var rows = [[Double]](repeating: [Double](repeating: 0, count: count), count: classes.count)
    for (i, c) in classes.enumerated() { rows[i][c] = 1 }
    return Tensor(rows)
}

/// Checks `gradient`, the gradient of parameter tensor `index` of `network` from one training pass
/// on (`input`, `target`), against central differences of the loss in training mode (`forward`).
///
/// `Sequential.checkGradients` differentiates the inference-mode loss (`predict`), which for
/// dropout and batch normalization is another function. Here every evaluation starts from a copy
/// of `network` as it was before the training pass, so dropout draws the same mask and batch
/// normalization uses the statistics of the same batch: the function differentiated is the one
/// the training pass computed.
func checkTrainingModeGradient(of network: Sequential, parameter index: Int, gradient: Tensor,
                               input: Tensor, target: Tensor, loss: Loss = .halfSquaredError,
                               step: Double = 1e-5) -> GradientCheckResult {
    checkGradient(at: network.parameters[index], analyticGradient: gradient, step: step) { value in
        var probe = network
        var parameters = probe.parameters
        parameters[index] = value
        probe.parameters = parameters
        return loss.value(prediction: probe.forward(input), target: target)
    }
}
