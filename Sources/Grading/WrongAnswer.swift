/// A check's verdict that an answer is wrong: the input it was given, what was expected,
/// what came back, and a hint towards the fix.
public struct WrongAnswer: Error, CustomStringConvertible, Sendable {
    public let input: String
    public let expected: String
    public let got: String
    public let hint: String

    public init(input: String, expected: String, got: String, hint: String) {
        self.input = input
        self.expected = expected
        self.got = got
        self.hint = hint
    }

    public var description: String {
        "input: \(input); expected: \(expected); got: \(got). Hint: \(hint)"
    }
}

/// Checks that a number is within `tolerance` of the expected one (NaN and ±∞ always fail).
public func expectClose(_ got: Double, _ expected: Double, tolerance: Double = 1e-9,
                        input: @autoclosure () -> String, hint: @autoclosure () -> String) throws {
    guard got.isFinite, abs(got - expected) <= tolerance else {
        throw WrongAnswer(input: input(), expected: format(expected), got: format(got), hint: hint())
    }
}

/// Checks a list of numbers element by element; a wrong length is reported as a shape error.
public func expectClose(_ got: [Double], _ expected: [Double], tolerance: Double = 1e-9,
                        input: @autoclosure () -> String, hint: @autoclosure () -> String) throws {
    guard got.count == expected.count else {
        throw WrongAnswer(input: input(), expected: "\(expected.count) numbers \(format(expected))",
                          got: "\(got.count) numbers \(format(got))",
                          hint: "the result has the wrong length. " + hint())
    }
    for (g, e) in zip(got, expected) where !(g.isFinite && abs(g - e) <= tolerance) {
        throw WrongAnswer(input: input(), expected: format(expected), got: format(got), hint: hint())
    }
}

/// Checks that an integer answer is exactly right.
public func expectEqual(_ got: Int, _ expected: Int,
                        input: @autoclosure () -> String, hint: @autoclosure () -> String) throws {
    guard got == expected else {
        throw WrongAnswer(input: input(), expected: "\(expected)", got: "\(got)", hint: hint())
    }
}

/// A short, deterministic rendering of a number for messages: up to 10 significant digits.
func format(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "+∞" : "−∞" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(Double("\(x)")!)"
}

func format(_ xs: [Double]) -> String {
    "[" + xs.map(format).joined(separator: ", ") + "]"
}

/// Renders a matrix given as rows, for messages.
func format(_ rows: [[Double]]) -> String {
    "[" + rows.map(format).joined(separator: ", ") + "]"
}
