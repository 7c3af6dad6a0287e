import Foundation
@testable import Grading
import Testing

// The checks must tell right from wrong and say what is wrong: these answer sets are broken
// on purpose, in the ways a student's might be.

/// Forgets max(·, 0), returns NaN, throws, and returns weights of the wrong shape.
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

@Suite("The checks")
struct GraderTests {
    func outcomes(_ answers: any Lesson01Answers.Type) -> [String: Outcome] {
        Dictionary(uniqueKeysWithValues: Lesson01Checks.exercises.map { ($0.name, $0.grade(answers)) })
    }

    func reason(_ outcome: Outcome?) -> String {
        outcome?.failure?.description ?? ""
    }

    @Test("a wrong answer names the quantity, the input, expected and got, and a hint")
    func wrongAnswer() {
        let r = reason(outcomes(BrokenLesson01.self)["reluNeuron"])
        #expect(r.hasPrefix("wrong neuron output"))
        #expect(r.contains("input: weights [1, 1, 1], bias 0, input [-10, 0, 0]"))
        #expect(r.contains("expected: 0") && r.contains("got: -10") && r.contains("hint:"))
    }

    @Test("NaN, a thrown error and a wrong shape each fail their own exercise, with both shapes")
    func nanThrowShape() {
        let o = outcomes(BrokenLesson01.self)
        #expect(reason(o["sigmoidDerivative"]).contains("got: NaN"))
        #expect(reason(o["perceptronEpoch"]).contains("threw an error: Oops"))
        #expect(o["perceptronEpoch"]?.failure?.kind == .threw)
        let shape = reason(o["xnorNetwork"])
        #expect(shape.hasPrefix("wrong shape of the network"))
        #expect(shape.contains("expected: hiddenWeights: 2 rows of 2 numbers"))
        #expect(shape.contains("got: hiddenWeights: 1 rows of [2] numbers; hiddenBiases: 1 numbers"))
    }

    @Test("answers tuned to the lecture's examples, or with the bias's sign wrong, fail and say which")
    func nearlyRight() {
        let o = outcomes(NearlyLesson01.self)
        #expect(o["reluNeuron"] != .passed)
        #expect(o["sigmoidDerivative"] == .passed)
        #expect(reason(o["perceptronEpoch"]).hasPrefix("wrong weights and bias"))
        #expect(reason(o["xnorNetwork"]).contains("x = [0, 0]"))
    }

    @Test("a stub is not attempted, and not a failure")
    func stub() {
        let exercise = Exercise(lesson: "LessonXX", name: "stub", task: "nothing", hints: ["none"]) { (_: Any.Type) in
            throw NotAttempted()
        }
        #expect(exercise.grade(Int.self) == .notAttempted)
        let card = ReportCard(entries: [(exercise, .notAttempted)])
        #expect(card.progress == "0 of 1 passed, 0 failed, 1 not attempted")
    }

    @Test("numbers print with 6 significant digits, more only where two would read the same")
    func formatting() {
        #expect(format(0.123456789) == "0.123457")
        #expect(format(3) == "3")
        #expect(format(-.infinity) == "−∞")
        #expect(formatApart(1 / 3, 1 / 3 + 1e-9) == ("0.333333333", "0.333333334"))
    }

    @Test("a list or a matrix names the first index that differs")
    func firstDifference() {
        #expect(throws: WrongAnswer.self) {
            try expectClose([1, 2, 3], [1, 2.5, 3], what: "weights", input: "x", hint: "h")
        }
        do {
            try expectClose([[1, 2], [3, 4]], [[1, 2], [3, 4.5]], what: "∂W", input: "x", hint: "h")
            Issue.record("a wrong matrix passed")
        } catch let wrong as WrongAnswer {
            #expect(wrong.failure.summary == "wrong ∂W")
            #expect(wrong.difference == "[1][1]: expected 4.5, got 4")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("every exercise has a task, two hints, and a stub and an answer in its lesson's files")
    func declarations() {
        #expect(Curriculum.all.count == Set(Curriculum.all.map(\.identifier)).count)
        for exercise in Curriculum.all {
            #expect(!exercise.task.isEmpty && exercise.hints.count == 2, "\(exercise.identifier)")
            #expect(Curriculum.location(of: exercise, in: "Exercises", root: Curriculum.compiledRoot) != nil,
                    "no stub of \(exercise.identifier) in Exercises/\(exercise.lesson).swift")
            #expect(Curriculum.location(of: exercise, in: "Solutions", root: Curriculum.compiledRoot) != nil,
                    "no answer of \(exercise.identifier) in Solutions/\(exercise.lesson).swift")
        }
    }

    @Test("the compiled root is the package's folder: it holds Package.swift, the sources and the exercises")
    func compiledRoot() {
        let root = Curriculum.compiledRoot
        for item in ["Package.swift", "Sources/Grading", "Exercises", "Solutions"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(item).path), "\(item) in \(root.path)")
        }
    }
}
