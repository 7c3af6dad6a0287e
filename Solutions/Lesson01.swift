// Lesson 01 reference answers: the same API as `Exercises/Lesson01.swift`.

import Grading
import TensorCore

public enum Lesson01: Lesson01Answers {
    public static func reluNeuron(weights: [Double], bias: Double, input: [Double]) throws -> Double {
        check(weights.count == input.count, "reluNeuron: \(weights.count) weights for \(input.count) inputs")
        let z = zip(weights, input).reduce(bias) { $0 + $1.0 * $1.1 }
        return max(z, 0)
    }

    public static func sigmoidDerivative(sigmoid s: Double) throws -> Double {
        // σ′(z) = e⁻ᶻ / (1 + e⁻ᶻ)² = σ(z) · (1 − σ(z)).
        s * (1 - s)
    }

    public static func perceptronEpoch(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                                       learningRate: Double) throws -> (weights: [Double], bias: Double) {
        var weights = weights
        var bias = bias
        for (x, t) in zip(inputs, targets) {
            let z = zip(weights, x).reduce(bias) { $0 + $1.0 * $1.1 }
            let y: Double = z > 0 ? 1 : 0
            let step = learningRate * (y - t)
            for i in weights.indices { weights[i] -= step * x[i] }
            bias -= step
        }
        return (weights, bias)
    }

    public static func xnorNetwork() throws -> TwoLayerWeights {
        // h₁ = ReLU(x₁ + x₂) counts the active inputs; h₂ = ReLU(x₁ + x₂ − 1) is 1 only for
        // (1, 1). XOR is h₁ − 2h₂, so XNOR = 1 − XOR = 1 − h₁ + 2h₂: 1, 0, 0, 1.
        TwoLayerWeights(hiddenWeights: [[1, 1], [1, 1]], hiddenBiases: [0, -1],
                        outputWeights: [-1, 2], outputBias: 1)
    }
}
