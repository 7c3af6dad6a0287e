// Lesson 02 reference answers: the same API as `Exercises/Lesson02.swift`.

import Grading

public enum Lesson02: Lesson02Answers {
    public static func denseBackward(input: [[Double]], weights: [[Double]], bias: [Double],
                                     outputGradient: [[Double]]) throws -> DenseLayerGradients {
        let (m, n, k) = (input.count, weights.count, bias.count)
        // δ = ∂L/∂y ⊙ ReLU′(z), z = x·W + b.
        var delta = outputGradient
        for i in 0..<m {
            for j in 0..<k {
                var z = bias[j]
                for p in 0..<n { z += input[i][p] * weights[p][j] }
                if !(z > 0) { delta[i][j] = 0 }
            }
        }
        // ∂L/∂W = xᵀ·δ, ∂L/∂b = Σ_rows δ, ∂L/∂x = δ·Wᵀ.
        var dW = [[Double]](repeating: [Double](repeating: 0, count: k), count: n)
        var db = [Double](repeating: 0, count: k)
        var dx = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
        for i in 0..<m {
            for j in 0..<k {
                db[j] += delta[i][j]
                for p in 0..<n {
                    dW[p][j] += input[i][p] * delta[i][j]
                    dx[i][p] += delta[i][j] * weights[p][j]
                }
            }
        }
        return DenseLayerGradients(weights: dW, bias: db, input: dx)
    }

    public static func networkGradient(weights: [[[Double]]], biases: [[Double]], input: [Double],
                                       label: [Double]) throws -> NetworkGradients {
        // Forward: remember every z and a (a¹ = x).
        var zs: [[Double]] = []
        var activations = [input]
        for (w, b) in zip(weights, biases) {
            let previous = activations.last!
            let z = w.indices.map { j in zip(w[j], previous).reduce(b[j]) { $0 + $1.0 * $1.1 } }
            zs.append(z)
            activations.append(z.map { max($0, 0) })
        }
        let slope = { (z: Double) -> Double in z > 0 ? 1 : 0 }
        // (1) δᴸ = (aᴸ − y) ⊙ σ′(zᴸ).
        var delta = zip(zip(activations.last!, label), zs.last!).map { ($0.0 - $0.1) * slope($1) }
        var weightGradients = [[[Double]]](repeating: [], count: weights.count)
        var biasGradients = [[Double]](repeating: [], count: weights.count)
        for l in stride(from: weights.count - 1, through: 0, by: -1) {
            // (3) ∂C/∂wˡⱼₖ = δˡⱼ aˡ⁻¹ₖ and (4) ∂C/∂bˡⱼ = δˡⱼ.
            weightGradients[l] = delta.map { d in activations[l].map { d * $0 } }
            biasGradients[l] = delta
            // (2) δˡ⁻¹ⱼ = Σₖ δˡₖ wˡₖⱼ σ′(zˡ⁻¹ⱼ).
            if l > 0 {
                delta = zs[l - 1].indices.map { j in
                    weights[l].indices.reduce(0) { $0 + delta[$1] * weights[l][$1][j] } * slope(zs[l - 1][j])
                }
            }
        }
        return NetworkGradients(weights: weightGradients, biases: biasGradients)
    }

    public static func centralDifference(of f: ([Double]) -> Double, at point: [Double], step: Double) throws -> [Double] {
        point.indices.map { i in
            var plus = point, minus = point
            plus[i] += step
            minus[i] -= step
            return (f(plus) - f(minus)) / (2 * step)
        }
    }

    public static func miniBatchStep(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                                     learningRate: Double) throws -> (weights: [Double], bias: Double) {
        let s = Double(inputs.count)
        var weightGradient = [Double](repeating: 0, count: weights.count)
        var biasGradient = 0.0
        for (x, y) in zip(inputs, targets) {
            let residual = zip(weights, x).reduce(bias) { $0 + $1.0 * $1.1 } - y
            for j in weights.indices { weightGradient[j] += residual * x[j] / s }
            biasGradient += residual / s
        }
        return (zip(weights, weightGradient).map { $0 - learningRate * $1 }, bias - learningRate * biasGradient)
    }
}
