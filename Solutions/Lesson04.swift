// Lesson 04 reference answers: the same API as `Exercises/Lesson04.swift`.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson04: Lesson04Answers {
    public static func reluBump(x: Double, a: Double, b: Double, ramp: Double) throws -> Double {
        (max(x - a, 0) - max(x - a - ramp, 0) - max(x - b, 0) + max(x - b - ramp, 0)) / ramp
    }

    public static func stepNetwork(edges: [Double], heights: [Double], ramp: Double) throws -> Sequential {
        let k = heights.count
        var hingeBias = Tensor.zeros([4 * k])
        var bumpWeights = Tensor.zeros([4 * k, k])
        let signs: [Double] = [1, -1, -1, 1]
        for i in 0..<k {
            let shifts = [edges[i], edges[i] + ramp, edges[i + 1], edges[i + 1] + ramp]
            for j in 0..<4 {
                hingeBias[4 * i + j] = -shifts[j]
                bumpWeights[4 * i + j, i] = signs[j] / ramp
            }
        }
        return Sequential([
            Dense(weights: .ones([1, 4 * k]), bias: hingeBias, activation: .relu),
            Dense(weights: bumpWeights, bias: .zeros([k]), activation: .relu),
            Dense(weights: Tensor(shape: [k, 1], scalars: heights), bias: .zeros([1]), activation: .identity),
        ])
    }

    public static func boxIndicator(x: [Double], lower: [Double], upper: [Double], ramp: Double) throws -> Double {
        var sum = 0.0
        for i in x.indices { sum += try reluBump(x: x[i], a: lower[i], b: upper[i], ramp: ramp) }
        return max(sum - Double(x.count - 1), 0)
    }

    public static func l1Distance(_ f: (Double) -> Double, _ g: (Double) -> Double,
                                  lower: Double, upper: Double, cells: Int) throws -> Double {
        let h = (upper - lower) / Double(cells)
        var total = 0.0
        for i in 0..<cells {
            let midpoint = lower + (Double(i) + 0.5) * h
            total += abs(f(midpoint) - g(midpoint))
        }
        return h * total
    }

    public static func genzValue(family: Int, x: [Double], c: [Double], w: [Double]) throws -> Double {
        let d = x.count
        var sum = 0.0
        switch family {
        case 1:
            for i in 0..<d { sum += c[i] * x[i] }
            return cos(2 * Double.pi * w[0] + sum)
        case 2:
            var product = 1.0
            for i in 0..<d { product *= 1 / (1 / (c[i] * c[i]) + (x[i] - w[i]) * (x[i] - w[i])) }
            return product
        case 3:
            for i in 0..<d { sum += c[i] * x[i] }
            return pow(1 + sum, -Double(d + 1))
        case 4:
            for i in 0..<d { sum += c[i] * c[i] * (x[i] - w[i]) * (x[i] - w[i]) }
            return exp(-sum)
        case 5:
            for i in 0..<d { sum += c[i] * abs(x[i] - w[i]) }
            return exp(-sum)
        default:
            if x[0] > w[0] || (d > 1 && x[1] > w[1]) { return 0 }
            for i in 0..<d { sum += c[i] * x[i] }
            return exp(sum)
        }
    }
}
