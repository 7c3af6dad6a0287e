/// The exercises of Lesson 03, softmax and cross-entropy.
///
/// `Exercises.Lesson03` (the stubs a student fills in) and `Solutions.Lesson03` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson03Checks`, grades either.
public protocol Lesson03Answers: SendableMetatype {
    /// Exercise 1: ln softmax(z)ᵢ = zᵢ − ln Σⱼ e^(zⱼ) for every i, finite even for huge logits.
    static func stableLogSoftmax(_ logits: [Double]) throws -> [Double]

    /// Exercise 2: ∂C/∂zⱼ of C = −ln softmax(z)ₖ for true class k (0-based).
    static func crossEntropyGradient(logits: [Double], label: Int) throws -> [Double]

    /// Exercise 3: the gradients of L = −ln softmax(Wx + b)ᵧ with respect to W, b and x.
    static func linearSoftmaxGradients(weights: [[Double]], bias: [Double], input: [Double],
                                       label: Int) throws -> LinearSoftmaxGradients

    /// Exercise 4: the expected score Σᵢ pᵢ · score(report, answer i) under a scoring rule.
    static func expectedScore(rule: ScoringRule, belief: [Double], report: [Double]) throws -> Double

    /// Exercise 5: the confusion matrix, entry [a][p] counting true class a predicted as p.
    static func confusionMatrix(predicted: [Int], actual: [Int], classes: Int) throws -> [[Int]]
}

/// The gradients of Exercise 3; each has the shape of the thing it differentiates by.
public struct LinearSoftmaxGradients: Sendable {
    /// ∂L/∂W, shape [classes][inputs] like W.
    public var weights: [[Double]]
    /// ∂L/∂b, [classes] numbers.
    public var bias: [Double]
    /// ∂L/∂x, [inputs] numbers.
    public var input: [Double]

    public init(weights: [[Double]], bias: [Double], input: [Double]) {
        self.weights = weights
        self.bias = bias
        self.input = input
    }
}

/// How an exam grades a reported distribution q over the answers when answer i is right.
public enum ScoringRule: Sendable, CaseIterable {
    /// The probability put on the right answer: qᵢ.
    case linear
    /// The Brier rule: 1 − Σⱼ (qⱼ − [j = i])².
    case quadratic
    /// The natural log of the probability put on the right answer: ln qᵢ.
    case logarithmic
}
