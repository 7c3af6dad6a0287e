/// What grading one exercise found.
public enum Outcome: Sendable, Equatable, Codable {
    /// The exercise still throws `NotAttempted`.
    case notAttempted
    /// Every check of the exercise agreed.
    case passed
    /// A check disagreed, or the answer threw, crashed, ran out of time or did not compile.
    case failed(Failure)

    /// True unless the exercise is still a stub.
    public var isAttempted: Bool { self != .notAttempted }

    /// The failure, if the outcome is one.
    public var failure: Failure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }
}

/// Why an exercise failed, in words a student can act on: one summary line, then details such
/// as the input, the expected and the received value, the hint, the crash message, the place
/// in the student's file, and what the student's code printed.
public struct Failure: Sendable, Equatable, Codable, CustomStringConvertible {
    /// How the exercise failed.
    public enum Kind: String, Sendable, Codable {
        /// A check disagreed with the returned value.
        case wrongAnswer
        /// The answer threw an error other than `NotAttempted`.
        case threw
        /// The answer trapped or was killed by a signal.
        case crashed
        /// The answer used up its time limit.
        case timedOut
        /// The lesson's exercises file did not compile.
        case doesNotCompile
        /// The grader could not run the exercise or read its result.
        case noResult
    }

    public var kind: Kind
    /// One line, such as `wrong bias` or `crashed: signal 4 (illegal instruction: …)`.
    public var summary: String
    /// Further lines, each complete on its own.
    public var details: [String]
    /// Where in the student's file, such as `Exercises/Lesson03.swift:70:64`, if known.
    public var location: String?
    /// What the answer printed (the first lines only), if anything.
    public var output: String?

    public init(kind: Kind, summary: String, details: [String] = [], location: String? = nil, output: String? = nil) {
        self.kind = kind
        self.summary = summary
        self.details = details
        self.location = location
        self.output = output
    }

    /// The summary, then every detail, the location and the output on lines of their own.
    public var description: String {
        lines.joined(separator: "\n")
    }

    /// `description` split into lines, without indentation.
    public var lines: [String] {
        var lines = [summary] + details
        if let location, !details.contains(where: { $0.contains(location) }) { lines.append("at \(location)") }
        if let output, !output.isEmpty {
            lines.append("your code printed:")
            lines += output.split(separator: "\n", omittingEmptySubsequences: false).map { "| " + $0 }
        }
        return lines
    }
}
