// Lesson 09 reference answers: the same API as `Exercises/Lesson09.swift`.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson09: Lesson09Answers {
    public static func invertedDropout(input: [Double], keep: [Bool], rate: Double,
                                       outputGradient: [Double]) throws -> (output: [Double], inputGradient: [Double]) {
        // The mask holds 1/q for a kept unit and 0 for a dropped one; y = mask ⊙ x is linear in x.
        let mask = keep.map { $0 ? 1 / (1 - rate) : 0 }
        return (zip(mask, input).map { $0 * $1 }, zip(mask, outputGradient).map { $0 * $1 })
    }

    /// Column j's mean and biased variance (÷ m).
    static func statistics(_ batch: [[Double]], column j: Int) -> (mean: Double, variance: Double) {
        let m = Double(batch.count)
        let mean = batch.reduce(0) { $0 + $1[j] } / m
        return (mean, batch.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) } / m)
    }

    public static func batchNormTraining(batch: [[Double]], scale: [Double], offset: [Double],
                                         epsilon: Double) throws -> [[Double]] {
        let columns = scale.indices.map { statistics(batch, column: $0) }
        return batch.map { row in
            row.indices.map { j in
                scale[j] * (row[j] - columns[j].mean) / (columns[j].variance + epsilon).squareRoot() + offset[j]
            }
        }
    }

    public static func updatedRunningStatistics(batch: [[Double]], runningMean: [Double], runningVariance: [Double],
                                                momentum: Double) throws -> (mean: [Double], variance: [Double]) {
        let m = Double(batch.count)
        let columns = runningMean.indices.map { statistics(batch, column: $0) }
        return (runningMean.indices.map { (1 - momentum) * runningMean[$0] + momentum * columns[$0].mean },
                runningVariance.indices.map { (1 - momentum) * runningVariance[$0] + momentum * columns[$0].variance * m / (m - 1) })
    }

    public static func batchNormInference(batch: [[Double]], runningMean: [Double], runningVariance: [Double],
                                          scale: [Double], offset: [Double], epsilon: Double) throws -> [[Double]] {
        batch.map { row in
            row.indices.map { j in scale[j] * (row[j] - runningMean[j]) / (runningVariance[j] + epsilon).squareRoot() + offset[j] }
        }
    }

    public static func batchNormInputGradient(batch: [[Double]], scale: [Double], epsilon: Double,
                                              outputGradient: [[Double]]) throws -> [[Double]] {
        let m = Double(batch.count)
        var result = batch
        for j in scale.indices {
            let (mean, variance) = statistics(batch, column: j)
            let s = (variance + epsilon).squareRoot()
            let normalized = batch.map { ($0[j] - mean) / s }
            let g = outputGradient.map { $0[j] * scale[j] }          // ∂L/∂x̂
            let gSum = g.reduce(0, +)                                 // through μ_B
            let gDot = zip(g, normalized).reduce(0) { $0 + $1.0 * $1.1 }   // through σ²_B
            for i in batch.indices { result[i][j] = (m * g[i] - gSum - normalized[i] * gDot) / (m * s) }
        }
        return result
    }
}
