// Lesson 03 exercises: softmax and cross-entropy.
//
// Replace each `throw NotAttempted()` with your answer, then run `swift test --filter Lesson03`
// (or `swift run Grade`) to have it graded. The lesson itself is `swift run Lesson03`.
// Plain Swift arrays and `Foundation`'s exp and log are all you need.

import Foundation
import Grading

public enum Lesson03: Lesson03Answers {
    /// Exercise 1. The log of the softmax of a vector of logits, computed so that it stays finite:
    /// ln softmax(z)ᵢ = zᵢ − ln(e^(z₁) + … + e^(zₙ)).
    ///
    /// - Parameter logits: z₁ … zₙ (n ≥ 1), possibly as large as 1000 or as small as −1000.
    /// - Returns: n numbers, each ≤ 0, whose exponentials add up to 1.
    ///
    /// Hints, one at a time: `swift run Grade hint stableLogSoftmax`.
    public static func stableLogSoftmax(_ logits: [Double]) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 2. The gradient of the cross-entropy C = −ln softmax(z)ₖ with respect to the
    /// logits, for one example whose true class is k.
    ///
    /// - Parameters:
    ///   - logits: z₁ … zₙ.
    ///   - label: k, the index of the true class (0-based: 0 ..< n).
    /// - Returns: n numbers, ∂C/∂z₁ … ∂C/∂zₙ; they add up to 0.
    ///
    /// Hints, one at a time: `swift run Grade hint crossEntropyGradient`.
    public static func crossEntropyGradient(logits: [Double], label: Int) throws -> [Double] {
        throw NotAttempted()
    }

    /// Exercise 3. A linear layer under a softmax: z = Wx + b, L = −ln softmax(z)ᵧ. Return the
    /// gradients of L with respect to W, b and x.
    ///
    /// - Parameters:
    ///   - weights: W with `classes` rows of `inputs` numbers (row i feeds logit i).
    ///   - bias: b, `classes` numbers.
    ///   - input: x, `inputs` numbers.
    ///   - label: y, the true class (0-based).
    /// - Returns: ∂L/∂W (`classes` rows of `inputs`), ∂L/∂b (`classes`) and ∂L/∂x (`inputs`).
    ///
    /// Hints, one at a time: `swift run Grade hint linearSoftmaxGradients`.
    public static func linearSoftmaxGradients(weights: [[Double]], bias: [Double], input: [Double],
                                              label: Int) throws -> LinearSoftmaxGradients {
        throw NotAttempted()
    }

    /// Exercise 4. The exam of section 3 with any number of answers. You believe answer i is
    /// right with probability pᵢ and hand in the distribution q. If answer i is right, the
    /// grader pays
    ///   - `.linear`: qᵢ,
    ///   - `.quadratic`: 1 − Σⱼ (qⱼ − [j = i])² (one minus the squared distance from q to eᵢ),
    ///   - `.logarithmic`: ln qᵢ (natural log).
    ///
    /// - Parameters:
    ///   - rule: the scoring rule.
    ///   - belief: p, n probabilities adding up to 1.
    ///   - report: q, n probabilities adding up to 1 (all positive).
    /// - Returns: the expected payment Σᵢ pᵢ · (payment when answer i is right).
    ///
    /// Hints, one at a time: `swift run Grade hint expectedScore`.
    public static func expectedScore(rule: ScoringRule, belief: [Double], report: [Double]) throws -> Double {
        throw NotAttempted()
    }

    /// Exercise 5. The confusion matrix of a classifier.
    ///
    /// - Parameters:
    ///   - predicted: the class the classifier gave each sample (0 ..< classes).
    ///   - actual: the true class of each sample (same count).
    ///   - classes: the number of classes.
    /// - Returns: `classes` rows of `classes` counts; entry [a][p] is how many samples of true
    ///   class a were predicted as p. Row a sums to the number of samples of class a.
    ///
    /// Hints, one at a time: `swift run Grade hint confusionMatrix`.
    public static func confusionMatrix(predicted: [Int], actual: [Int], classes: Int) throws -> [[Int]] {
        throw NotAttempted()
    }
}
