// Lesson 03 reference answers: the same API as `Exercises/Lesson03.swift`.

import Foundation
import Grading

public enum Lesson03: Lesson03Answers {
    public static func stableLogSoftmax(_ logits: [Double]) throws -> [Double] {
        // ln Σ e^(zⱼ) = m + ln Σ e^(zⱼ − m) with m = max z: every exponent is ≤ 0.
        guard let largest = logits.max() else { return [] }
        let logSum = largest + log(logits.reduce(0) { $0 + exp($1 - largest) })
        return logits.map { $0 - logSum }
    }

    public static func crossEntropyGradient(logits: [Double], label: Int) throws -> [Double] {
        // ∂C/∂zⱼ = pⱼ − [j = k].
        let logP = try stableLogSoftmax(logits)
        return logP.indices.map { exp(logP[$0]) - ($0 == label ? 1 : 0) }
    }

    public static func linearSoftmaxGradients(weights: [[Double]], bias: [Double], input: [Double],
                                              label: Int) throws -> LinearSoftmaxGradients {
        let logits = weights.indices.map { i in zip(weights[i], input).reduce(bias[i]) { $0 + $1.0 * $1.1 } }
        let delta = try crossEntropyGradient(logits: logits, label: label)
        let dW = delta.map { d in input.map { d * $0 } }                       // δ xᵀ
        let dx = input.indices.map { j in weights.indices.reduce(0) { $0 + weights[$1][j] * delta[$1] } }   // Wᵀδ
        return LinearSoftmaxGradients(weights: dW, bias: delta, input: dx)
    }

    public static func expectedScore(rule: ScoringRule, belief: [Double], report: [Double]) throws -> Double {
        func payment(ifRight i: Int) -> Double {
            switch rule {
            case .linear: report[i]
            case .quadratic: 1 - report.indices.reduce(0) { $0 + pow(report[$1] - ($1 == i ? 1 : 0), 2) }
            case .logarithmic: log(report[i])
            }
        }
        return belief.indices.reduce(0) { $0 + belief[$1] * payment(ifRight: $1) }
    }

    public static func confusionMatrix(predicted: [Int], actual: [Int], classes: Int) throws -> [[Int]] {
        var matrix = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        for (p, a) in zip(predicted, actual) { matrix[a][p] += 1 }
        return matrix
    }
}
