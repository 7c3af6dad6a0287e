import Foundation
import Grading
import Testing

// The grader must tell right from wrong: these answer sets are broken on purpose.

/// Wrong in every way a student might be: forgets max(·, 0), returns NaN, throws, and
/// returns weights of the wrong shape.
enum BrokenLesson01: Lesson01Answers {
    struct Oops: Error {}
    static func reluNeuron(weights: [Double], bias: Double, input: [Double]) throws -> Double {
        zip(weights, input).reduce(bias) { $0 + $1.0 * $1.1 }
    }
    static func sigmoidDerivative(sigmoid s: Double) throws -> Double { .nan }
    static func perceptronEpoch(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                                learningRate: Double) throws -> (weights: [Double], bias: Double) {
        throw Oops()
    }
    static func xnorNetwork() throws -> TwoLayerWeights {
        TwoLayerWeights(hiddenWeights: [[1, 1]], hiddenBiases: [0], outputWeights: [1], outputBias: 0)
    }
}

/// Right for the lecture's examples only, and updates the bias with the wrong sign.
enum NearlyLesson01: Lesson01Answers {
    static func reluNeuron(weights: [Double], bias: Double, input: [Double]) throws -> Double {
        [6, 0, 0, 1, 0][min(weights.count, 4)]
    }
    static func sigmoidDerivative(sigmoid s: Double) throws -> Double { s * (1 - s) }
    static func perceptronEpoch(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                                learningRate: Double) throws -> (weights: [Double], bias: Double) {
        var (w, b) = (weights, bias)
        for (x, t) in zip(inputs, targets) {
            let y: Double = zip(w, x).reduce(b) { $0 + $1.0 * $1.1 } > 0 ? 1 : 0
            for i in w.indices { w[i] -= learningRate * (y - t) * x[i] }
            b += learningRate * (y - t)
        }
        return (w, b)
    }
    static func xnorNetwork() throws -> TwoLayerWeights {
        // The lesson's XOR network: right shape, wrong function.
        TwoLayerWeights(hiddenWeights: [[1, 1], [1, 1]], hiddenBiases: [0, -1], outputWeights: [1, -2], outputBias: 0)
    }
}

@Suite("The grader")
struct GraderTests {
    func outcomes<A: Lesson01Answers>(_ answers: A.Type) -> [String: Outcome] {
        Dictionary(uniqueKeysWithValues: Lesson01Checks.exercises(answers).map { ($0.name, $0.grade()) })
    }

    func reason(_ outcome: Outcome?) -> String {
        if case .failed(let reason) = outcome { return reason }
        return ""
    }

    @Test("a wrong answer fails with input, expected, got and a hint")
    func wrongAnswer() {
        let r = reason(outcomes(BrokenLesson01.self)["reluNeuron"])
        #expect(r.contains("input: weights [1, 1, 1], bias 0, input [-10, 0, 0]"))
        #expect(r.contains("expected: 0") && r.contains("got: -10") && r.contains("Hint:"))
    }

    @Test("NaN, a thrown error and a wrong shape each fail their own exercise")
    func nanThrowShape() {
        let o = outcomes(BrokenLesson01.self)
        #expect(reason(o["sigmoidDerivative"]).contains("got: NaN"))
        #expect(reason(o["perceptronEpoch"]).contains("threw an error: Oops"))
        #expect(reason(o["xnorNetwork"]).contains("hiddenWeights 2 × 2"))
    }

    @Test("answers tuned to the lecture's examples, or with one sign wrong, still fail")
    func nearlyRight() {
        let o = outcomes(NearlyLesson01.self)
        #expect(o["reluNeuron"] != .passed)
        #expect(o["sigmoidDerivative"] == .passed)
        #expect(o["perceptronEpoch"] != .passed)
        #expect(reason(o["xnorNetwork"]).contains("x = [0, 0]"))
    }

    @Test("a stub is not attempted, and not a failure")
    func stub() {
        let exercise = Exercise(lesson: "LessonXX", name: "stub", task: "nothing") { throw NotAttempted() }
        #expect(exercise.grade() == .notAttempted)
        let card = ReportCard(grading: [exercise])
        #expect(card.total == "1 exercises: 0 passed, 0 failed, 1 not attempted")
    }

    @Test("student code that traps ends only its child process")
    func trapIsContained() async {
        await #expect(processExitsWith: .failure) {
            let exercise = Exercise(lesson: "LessonXX", name: "trap", task: "crash") {
                let empty: [Double] = []
                _ = empty[CommandLine.arguments.count + 1]
            }
            _ = exercise.grade()
        }
    }
}
