// Lesson 09 exercises: dropout and batch normalization.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson09`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson09`.
// A batch is a list of rows: one sample per row, one unit per column.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson09: Lesson09Answers {
    /// Exercise 1. Inverted dropout on one sample, forward and backward. Unit i is kept when
    /// `keep[i]` is true; the keep probability is q = 1 − `rate`. Forward: yᵢ = xᵢ/q for a kept
    /// unit and 0 for a dropped one. Backward: ∂L/∂xᵢ from ∂L/∂yᵢ with the same mask.
    ///
    /// - Parameters:
    ///   - input: x, n numbers.
    ///   - keep: the mask, n booleans.
    ///   - rate: the probability p of dropping a unit, 0 ≤ p < 1.
    ///   - outputGradient: ∂L/∂y, n numbers.
    /// - Returns: y and ∂L/∂x, n numbers each.
    ///
    /// Hints, one at a time: `swift run Grade hint invertedDropout`.
    public static func invertedDropout(input: [Double], keep: [Bool], rate: Double,
                                       outputGradient: [Double]) throws -> (output: [Double], inputGradient: [Double]) {
        throw NotAttempted()
    }

    /// Exercise 2. Batch normalization in training mode (Ioffe and Szegedy 2015, Algorithm 1):
    /// for every column j, μⱼ = mean, σⱼ² = (1/m)Σᵢ(xᵢⱼ − μⱼ)², x̂ᵢⱼ = (xᵢⱼ − μⱼ)/√(σⱼ² + ε),
    /// yᵢⱼ = γⱼ x̂ᵢⱼ + βⱼ.
    ///
    /// - Parameters:
    ///   - batch: m rows (m ≥ 2) of n numbers.
    ///   - scale: γ, n numbers; `offset`: β, n numbers.
    ///   - epsilon: ε ≥ 0.
    /// - Returns: y, m rows of n numbers.
    ///
    /// Hints, one at a time: `swift run Grade hint batchNormTraining`.
    public static func batchNormTraining(batch: [[Double]], scale: [Double], offset: [Double],
                                         epsilon: Double) throws -> [[Double]] {
        throw NotAttempted()
    }

    /// Exercise 3. The running statistics after one training batch, as PyTorch keeps them:
    /// meanⱼ ← (1 − α)·meanⱼ + α·μⱼ and varianceⱼ ← (1 − α)·varianceⱼ + α·σⱼ²·m/(m − 1), where
    /// μⱼ and σⱼ² are the batch mean and biased variance of column j.
    ///
    /// - Parameters:
    ///   - batch: m rows (m ≥ 2) of n numbers.
    ///   - runningMean, runningVariance: n numbers each, before this batch.
    ///   - momentum: α ∈ (0, 1], the weight of the new batch.
    /// - Returns: the new running mean and variance, n numbers each.
    ///
    /// Hints, one at a time: `swift run Grade hint updatedRunningStatistics`.
    public static func updatedRunningStatistics(batch: [[Double]], runningMean: [Double], runningVariance: [Double],
                                                momentum: Double) throws -> (mean: [Double], variance: [Double]) {
        throw NotAttempted()
    }

    /// Exercise 4. Batch normalization at inference: every row on its own,
    /// yᵢⱼ = γⱼ (xᵢⱼ − meanⱼ)/√(varianceⱼ + ε) + βⱼ with the running statistics.
    ///
    /// - Parameters:
    ///   - batch: m rows (m ≥ 1) of n numbers.
    ///   - runningMean, runningVariance, scale (γ), offset (β): n numbers each.
    ///   - epsilon: ε ≥ 0.
    /// - Returns: y, m rows of n numbers.
    ///
    /// Hints, one at a time: `swift run Grade hint batchNormInference`.
    public static func batchNormInference(batch: [[Double]], runningMean: [Double], runningVariance: [Double],
                                          scale: [Double], offset: [Double], epsilon: Double) throws -> [[Double]] {
        throw NotAttempted()
    }

    /// Exercise 5. The backward pass of training-mode batch normalization with respect to its
    /// input (the Berkeley handout's problem, 003:537–540): given ∂L/∂y for every entry, return
    /// ∂L/∂x. Remember that μⱼ and σⱼ² are functions of the whole column.
    ///
    /// - Parameters:
    ///   - batch: x, m rows (m ≥ 2) of n numbers.
    ///   - scale: γ, n numbers.
    ///   - epsilon: ε ≥ 0.
    ///   - outputGradient: ∂L/∂y, m rows of n numbers.
    /// - Returns: ∂L/∂x, m rows of n numbers.
    ///
    /// Hints, one at a time: `swift run Grade hint batchNormInputGradient`.
    public static func batchNormInputGradient(batch: [[Double]], scale: [Double], epsilon: Double,
                                              outputGradient: [[Double]]) throws -> [[Double]] {
        throw NotAttempted()
    }
}
