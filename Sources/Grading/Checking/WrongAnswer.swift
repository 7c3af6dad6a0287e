/// A check's verdict that an answer is wrong: which quantity (the weights, the bias, ∂L/∂W…),
/// the input it was given, what was expected, what came back, where they first differ, and a
/// hint towards the fix.
public struct WrongAnswer: Error, CustomStringConvertible, Sendable {
    /// What is wrong, such as `bias` or `∂L/∂W`: the report says `wrong bias`.
    public let quantity: String
    public let input: String
    public let expected: String
    public let got: String
    /// Where a list or matrix first differs, such as `index 1: expected 0.25, got 0.35`.
    public let difference: String?
    public let hint: String

    public init(quantity: String, input: String, expected: String, got: String, difference: String? = nil,
                hint: String) {
        self.quantity = quantity
        self.input = input
        self.expected = expected
        self.got = got
        self.difference = difference
        self.hint = hint
    }

    /// The verdict as a report's failure: `wrong <quantity>`, then one line per field.
    public var failure: Failure {
        var details = ["input: \(input)", "expected: \(expected)", "got: \(got)"]
        if let difference { details.append("first difference at \(difference)") }
        details.append("hint: \(hint)")
        return Failure(kind: .wrongAnswer, summary: "wrong \(quantity)", details: details)
    }

    public var description: String { failure.description }
}

/// Whether `got` is within `tolerance` of `expected`; NaN and ±∞ never are.
func isClose(_ got: Double, _ expected: Double, _ tolerance: Double) -> Bool {
    got.isFinite && abs(got - expected) <= tolerance
}

/// Checks that a number is within `tolerance` of the expected one (NaN and ±∞ always fail).
/// `quantity` names what the number is (`bias`, `σ′(z)`), for the report.
public func expectClose(_ got: Double, _ expected: Double, tolerance: Double = 1e-9, what quantity: String,
                        input: @autoclosure () -> String, hint: @autoclosure () -> String) throws {
    guard isClose(got, expected, tolerance) else {
        let (e, g) = formatApart(expected, got)
        throw WrongAnswer(quantity: quantity, input: input(), expected: e, got: g, hint: hint())
    }
}

/// Checks a list of numbers element by element and names the first index that differs; a wrong
/// length is reported as a wrong shape.
public func expectClose(_ got: [Double], _ expected: [Double], tolerance: Double = 1e-9, what quantity: String,
                        input: @autoclosure () -> String, hint: @autoclosure () -> String) throws {
    guard got.count == expected.count else {
        throw WrongAnswer(quantity: "shape of \(quantity)", input: input(),
                          expected: "\(expected.count) numbers \(format(expected))",
                          got: "\(got.count) numbers \(format(got))", hint: "the result has the wrong length. " + hint())
    }
    for i in got.indices where !isClose(got[i], expected[i], tolerance) {
        let (e, g) = formatApart(expected[i], got[i])
        throw WrongAnswer(quantity: quantity, input: input(), expected: format(expected), got: format(got),
                          difference: "index \(i): expected \(e), got \(g)", hint: hint())
    }
}

/// Checks a matrix given as rows entry by entry and names the first entry `[i][j]` that
/// differs; a wrong shape is reported with both shapes.
public func expectClose(_ got: [[Double]], _ expected: [[Double]], tolerance: Double = 1e-9, what quantity: String,
                        input: @autoclosure () -> String, hint: @autoclosure () -> String) throws {
    guard got.count == expected.count, zip(got, expected).allSatisfy({ $0.count == $1.count }) else {
        throw WrongAnswer(quantity: "shape of \(quantity)", input: input(),
                          expected: "\(expected.count) rows of lengths \(expected.map(\.count))",
                          got: "\(got.count) rows of lengths \(got.map(\.count))",
                          hint: "the result has the wrong shape. " + hint())
    }
    for i in got.indices {
        for j in got[i].indices where !isClose(got[i][j], expected[i][j], tolerance) {
            let (e, g) = formatApart(expected[i][j], got[i][j])
            throw WrongAnswer(quantity: quantity, input: input(), expected: format(expected), got: format(got),
                              difference: "[\(i)][\(j)]: expected \(e), got \(g)", hint: hint())
        }
    }
}

/// Checks that an integer answer is exactly right.
public func expectEqual(_ got: Int, _ expected: Int, what quantity: String,
                        input: @autoclosure () -> String, hint: @autoclosure () -> String) throws {
    guard got == expected else {
        throw WrongAnswer(quantity: quantity, input: input(), expected: "\(expected)", got: "\(got)", hint: hint())
    }
}
