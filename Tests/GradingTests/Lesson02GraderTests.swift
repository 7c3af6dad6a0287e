import Grading
import SolutionsLesson02
import Testing

/// Nearly right on purpose: each answer makes one mistake a student might make.
enum NearlyLesson02: Lesson02Answers {
    typealias Reference = SolutionsLesson02.Lesson02

    /// Forgets the ReLU mask: δ = ∂L/∂y.
    static func denseBackward(input: [[Double]], weights: [[Double]], bias: [Double],
                              outputGradient: [[Double]]) throws -> DenseLayerGradients {
        let noBias = bias.map { _ in 1e9 }   // every z > 0, so no unit is masked
        return try Reference.denseBackward(input: input, weights: weights, bias: noBias, outputGradient: outputGradient)
    }

    /// Right for the lecture's example only: returns its gradient for any network.
    static func networkGradient(weights: [[[Double]]], biases: [[Double]], input: [Double],
                                label: [Double]) throws -> NetworkGradients {
        NetworkGradients(weights: [[[0, 0, 0, 0], [-6, 6, 6, 6]], [[0, 0], [6, 6]], [[6, 6]]],
                         biases: [[0, 6], [3, 3], [3]])
    }

    /// One-sided differences.
    static func centralDifference(of f: ([Double]) -> Double, at point: [Double], step: Double) throws -> [Double] {
        point.indices.map { i in
            var plus = point
            plus[i] += step
            return (f(plus) - f(point)) / step
        }
    }

    /// Sums the batch gradient instead of averaging it.
    static func miniBatchStep(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                              learningRate: Double) throws -> (weights: [Double], bias: Double) {
        try Reference.miniBatchStep(weights: weights, bias: bias, inputs: inputs, targets: targets,
                                    learningRate: learningRate * Double(inputs.count))
    }
}

/// Wrong shapes: ∂W missing a row, bias gradients missing a layer, a gradient of length 1.
enum MisshapenLesson02: Lesson02Answers {
    typealias Reference = SolutionsLesson02.Lesson02

    static func denseBackward(input: [[Double]], weights: [[Double]], bias: [Double],
                              outputGradient: [[Double]]) throws -> DenseLayerGradients {
        var result = try Reference.denseBackward(input: input, weights: weights, bias: bias, outputGradient: outputGradient)
        result.weights.removeLast()
        return result
    }

    static func networkGradient(weights: [[[Double]]], biases: [[Double]], input: [Double],
                                label: [Double]) throws -> NetworkGradients {
        var result = try Reference.networkGradient(weights: weights, biases: biases, input: input, label: label)
        result.biases.removeLast()
        return result
    }

    static func centralDifference(of f: ([Double]) -> Double, at point: [Double], step: Double) throws -> [Double] {
        [Double.nan]
    }

    static func miniBatchStep(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                              learningRate: Double) throws -> (weights: [Double], bias: Double) {
        (weights.map { $0 - learningRate }, bias)
    }
}

@Suite("Lesson02 grader")
struct Lesson02GraderTests {
    func outcomes<A: Lesson02Answers>(_ answers: A.Type) -> [String: Outcome] {
        Dictionary(uniqueKeysWithValues: Lesson02Checks.exercises.map { ($0.name, $0.grade(answers)) })
    }

    func reason(_ outcome: Outcome?) -> String {
        outcome?.failure?.description ?? ""
    }

    @Test("a missing ReLU mask, an answer tuned to the notes, one-sided differences and a summed gradient all fail")
    func nearlyRightFails() {
        let o = outcomes(NearlyLesson02.self)
        #expect(reason(o["denseBackward"]).contains("ReLU′"))
        #expect(reason(o["denseBackward"]).hasPrefix("wrong ∂L/∂W"))
        #expect(reason(o["denseBackward"]).contains("first difference at ["))
        #expect(reason(o["miniBatchStep"]).hasPrefix("wrong weights"))
        #expect(reason(o["networkGradient"]).contains("hint:"))
        #expect(reason(o["centralDifference"]).contains("one-sided"))
        #expect(reason(o["miniBatchStep"]).contains("mean over the batch"))
    }

    @Test("wrong shapes and NaN are reported as failures with the expected shape")
    func shapesFail() {
        let o = outcomes(MisshapenLesson02.self)
        #expect(reason(o["denseBackward"]).hasPrefix("wrong shape of ∂L/∂W"))
        #expect(reason(o["denseBackward"]).contains("wrong shape"))
        #expect(reason(o["networkGradient"]).contains("bias gradients"))
        #expect(reason(o["centralDifference"]).contains("wrong length"))
        #expect(o["miniBatchStep"] != .passed)
    }
}
