// Lesson 05 reference answers: the same API as `Exercises/Lesson05.swift`.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson05: Lesson05Answers {
    public static func xavierBound(width: Int) throws -> Double {
        // Var(U[−a, a]) = a²/3 = 1/W  ⇒  a = √(3/W) = √3 · (1/√W).
        (3 / Double(width)).squareRoot()
    }

    public static func heStandardDeviation(fanIn: Int) throws -> Double {
        // Var = 2/fanIn, twice Xavier's, because E[max(y, 0)²] = ½E[y²].
        (2 / Double(fanIn)).squareRoot()
    }

    public static func activationVariances(input: Tensor, weights: [Tensor], activation: Activation) throws -> [Double] {
        var a = input
        return weights.map { w in
            a = activation(matmul(a, w))
            let mean = a.mean()
            return a.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(a.count)
        }
    }

    public static func residualInputGradient(w1: Tensor, w2: Tensor, x: Tensor, outputGradient: Tensor) throws -> Tensor {
        let n = x.count
        let delta = outputGradient.reshaped([n, 1])
        // Branch: back through W₂ (W₂ᵀδ), the ReLU mask 1[W₁x > 0], then W₁ (W₁ᵀ·).
        let z = matmul(w1, x.reshaped([n, 1]))
        var back = matmul(w2, delta, transposeA: true)
        back = back.combined(with: z) { g, zi in zi > 0 ? g : 0 }
        let branch = matmul(w1, back, transposeA: true)
        // Skip connection: δ reaches x unchanged.
        return (branch + delta).reshaped([n])
    }
}
