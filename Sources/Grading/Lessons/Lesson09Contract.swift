/// The exercises of Lesson 09, overfitting and its cures.
///
/// `Exercises.Lesson09` (the stubs a student fills in) and `Solutions.Lesson09` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson09Checks`, grades either. A batch is given as rows (one sample per row, one
/// unit per column), as the library's tensors are.
public protocol Lesson09Answers: SendableMetatype {
    /// Exercise 1: inverted dropout on one sample, forward and backward. `keep[i]` says whether
    /// unit i survives this mask; `rate` is the probability of dropping (q = 1 − rate keeps).
    /// Returns y = mask ⊙ x and ∂L/∂x = mask ⊙ ∂L/∂y, with mask entries 1/q or 0.
    static func invertedDropout(input: [Double], keep: [Bool], rate: Double,
                                outputGradient: [Double]) throws -> (output: [Double], inputGradient: [Double])

    /// Exercise 2: batch normalization in training mode: each column normalized by its batch
    /// mean and biased batch variance (÷ m), with ε under the root, then γ x̂ + β.
    static func batchNormTraining(batch: [[Double]], scale: [Double], offset: [Double],
                                  epsilon: Double) throws -> [[Double]]

    /// Exercise 3: the running statistics after one training batch, PyTorch's rule:
    /// mean ← (1 − α) mean + α μ_B, variance ← (1 − α) variance + α σ²_B · m/(m − 1).
    static func updatedRunningStatistics(batch: [[Double]], runningMean: [Double], runningVariance: [Double],
                                         momentum: Double) throws -> (mean: [Double], variance: [Double])

    /// Exercise 4: batch normalization at inference: γ (x − mean)/√(variance + ε) + β with the
    /// running statistics, row by row.
    static func batchNormInference(batch: [[Double]], runningMean: [Double], runningVariance: [Double],
                                   scale: [Double], offset: [Double], epsilon: Double) throws -> [[Double]]

    /// Exercise 5: ∂L/∂x of batch normalization in training mode, given ∂L/∂y.
    static func batchNormInputGradient(batch: [[Double]], scale: [Double], epsilon: Double,
                                       outputGradient: [[Double]]) throws -> [[Double]]
}
