// Lesson 11 reference answers: the same API as `Exercises/Lesson11.swift`.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson11: Lesson11Answers {
    public static func rewardToGo(rewards: [Double], discount: Double) throws -> [Double] {
        // Backwards: R̂ₜ = rₜ + γ R̂ₜ₊₁, with R̂_T = 0.
        var result = Array(repeating: 0.0, count: rewards.count)
        var running = 0.0
        for t in rewards.indices.reversed() {
            running = rewards[t] + discount * running
            result[t] = running
        }
        return result
    }

    public static func logSoftmaxGradient(logits: [Double], action: Int) throws -> [Double] {
        // log softmax(z)ₐ = zₐ − log Σ e^{zⱼ}: the derivative is [j = a] − softmax(z)ⱼ.
        let largest = logits.max()!
        let exponentials = logits.map { exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        return exponentials.indices.map { ($0 == action ? 1 : 0) - exponentials[$0] / total }
    }

    public static func varianceMinimisingBaseline(scores: [[Double]], returns: [Double]) throws -> Double {
        // d/db Σ ‖gᵢ‖²(Rᵢ − b)² = 0  ⇔  b = Σ ‖gᵢ‖² Rᵢ / Σ ‖gᵢ‖².
        let squaredNorms = scores.map { $0.reduce(0) { $0 + $1 * $1 } }
        return zip(squaredNorms, returns).reduce(0) { $0 + $1.0 * $1.1 } / squaredNorms.reduce(0, +)
    }

    public static func daggerAggregate(states: [[Double]], labels: [Int], visited: [[Double]],
                                       expertGains: [Double]) throws -> (states: [[Double]], labels: [Int]) {
        let newLabels = visited.map { s in zip(expertGains, s).reduce(0) { $0 + $1.0 * $1.1 } > 0 ? 1 : 0 }
        return (states + visited, labels + newLabels)
    }

    public static func gaussianLogDensityGradient(action: Double, mean: Double,
                                                  logStandardDeviation: Double) throws -> (mean: Double, logStandardDeviation: Double) {
        // log p = −(a − μ)²/(2σ²) − log σ − ½ log 2π, with σ² = e^{2 log σ}.
        let variance = exp(2 * logStandardDeviation)
        let difference = action - mean
        return (difference / variance, difference * difference / variance - 1)
    }
}
