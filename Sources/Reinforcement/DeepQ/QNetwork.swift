import NeuralNetworks
import TensorCore

/// Q-networks are plain `Sequential`s: ReLU hidden layers, a linear output per action.
extension Sequential {
    /// Q_θ(s, ·) with the given widths, input first (`[4, 64, 64, 2]`): dense ReLU layers and a
    /// linear output, every weight and bias drawn as PyTorch's `nn.Linear` does
    /// (`Initializer.pytorchLinear`), and batches of 64 rows or more split over two cores.
    public static func qNetwork(layerSizes: [Int], using generator: inout SeededGenerator) -> Sequential {
        var network = Sequential(layerSizes: layerSizes, hiddenActivation: .relu, outputActivation: .identity,
                                 weightInitializer: .pytorchLinear, biasInitializer: .pytorchLinear,
                                 using: &generator)
        network.splitBatchesFrom = 64
        return network
    }

    /// Q(s, ·) for one observation.
    public func qValues(_ observation: [Double]) -> [Double] {
        predict(Tensor(observation)).scalars
    }

    /// φ ← θ: the hard update of a target network (the tensors are shared until either changes).
    public mutating func copyParameters(from online: Sequential) {
        parameters = online.parameters
    }

    /// φ ← τθ + (1 − τ)φ: the soft (Polyak) update of a target network toward `online`.
    public mutating func softUpdate(toward online: Sequential, tau: Double) {
        let source = online.parameters
        var index = 0
        visitParameters { parameter, _ in
            source[index].withUnsafeBufferPointer { θ in
                parameter.withUnsafeMutableBufferPointer { φ in
                    for k in 0..<φ.count { φ[k] = tau * θ[k] + (1 - tau) * φ[k] }
                }
            }
            index += 1
        }
    }
}
