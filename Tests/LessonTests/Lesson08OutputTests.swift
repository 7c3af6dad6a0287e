import Foundation
import Testing

/// Lesson 08's real output (`Lesson08 --quick`, the binary built beside the tests): the tables
/// and claims it prints. The numbers are the ones `Lesson08Tests` re-derives in scalar code.
@Suite("Lesson08 output")
struct Lesson08OutputTests {
    /// The cells of a table row: the line split at gaps of two or more spaces.
    static func cells(_ line: String) -> [String] {
        line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The first row whose first cell is `label`, after the first line containing `header`.
    static func row(_ lines: [String], _ label: String, after header: String) -> [String]? {
        guard let start = lines.firstIndex(where: { $0.contains(header) }) else { return nil }
        return lines[start...].lazy.map(cells).first { $0.first == label }
    }

    /// The text after ` = ` on the result line `  label = value`.
    static func value(_ lines: [String], _ label: String) -> String? {
        lines.first { $0.hasPrefix("  \(label) = ") || $0.hasPrefix("  \(label)  ") && $0.contains(" = ") }
            .map { String($0[$0.range(of: " = ")!.upperBound...]) }
    }

    static func holds(_ lines: [String], _ claim: String) -> Bool {
        lines.contains { $0.hasPrefix("  ✓") && $0.contains(claim) }
    }

    @Test("seeds 000 lines 802–905, 003 lines 309–396, 004 lines 1017–1027: Lesson08 --quick prints the tables the tests derive")
    func quickRun() async throws {
        let lines = try await LessonOutputFidelityTests.checkCommon("Lesson08", expectedSlips: 11)
        let rightAnswers = LessonOutputFidelityTests.row(lines, "the gradient when every answer is right")
        #expect(rightAnswers.contains("notes (000:868)") && rightAnswers.contains("≠"), "\(rightAnswers)")
        // z = (4, 0, 0), class 1: p = (e⁴, 1, 1)/(e⁴ + 2), and ‖p − e₁‖ = √((1 − p₁)² + 2p₂²) ≈ 0.0433.
        let p2 = 1 / (exp(4.0) + 2)
        let rightNorm = ((2 * p2) * (2 * p2) + 2 * p2 * p2).squareRoot()
        #expect(lines.contains("  ‖∂C/∂z‖ = \(String(format: "%.4f", rightNorm))"),
                "a correctly classified example keeps a gradient of length \(rightNorm)")
        #expect(lines.contains { $0.contains("5 of 5 comparisons with the notes agree") })
        #expect(!lines.contains { $0.hasPrefix("  ✗") }, "\(lines.filter { $0.hasPrefix("  ✗") })")

        // Gradient descent on x₁² + 100x₂² (003:335–345): the iteration column of each row.
        let descent: [(String, String)] = [
            ("0.001", "4601"), ("0.002", "2298"), ("0.005", "917"), ("0.008", "572"), ("0.009", "508"),
            ("0.0099", "476"), ("2/202", "478"), ("0.00999", "4601"), ("0.01 = 2/λmax", "stalls"),
            ("0.0101", "diverges"), ("0.011", "diverges"),
        ]
        for (step, count) in descent {
            let row = Self.row(lines, step, after: "factor of x₂")
            #expect(row?.count == 5 && row?[3] == count, "η = \(step): \(row ?? [])")
        }
        #expect(Self.holds(lines, "every count equals the closed-form prediction"))

        // Momentum and Nesterov (003:365, 004:1022–1023).
        #expect(Self.value(lines, "best heavy ball") == "55 iterations at α = 0.015, m = 0.7")
        #expect(Self.value(lines, "best Nesterov") == "96 iterations at η = 0.003, μ = 0.9")
        #expect(Self.row(lines, "0.001", after: "004:1023 as printed").map { Array($0.dropFirst()) }
                == ["2277", "diverges", "diverges", "diverges", "diverges"])
        #expect(Self.holds(lines, "the three notations give the same iterates"))
        #expect(Self.holds(lines, "the library's shifted form follows Sutskever's look-ahead points"))

        // Per-coordinate methods (003:378–392, 004:1024–1026).
        #expect(Self.row(lines, "AdaGrad", after: "method ↓ step →") == ["AdaGrad", "stalls", "stalls", "22430", "276", "40"])
        #expect(Self.row(lines, "RMSProp", after: "method ↓ step →") == ["RMSProp"] + Array(repeating: "stalls", count: 5))
        #expect(Self.row(lines, "Adam", after: "method ↓ step →") == ["Adam", "15061", "3122", "310", "151", "170"])
        #expect(Self.holds(lines, "each written-out rule matches the library's optimizer over 300 steps"))
        #expect(Self.value(lines, "largest M⁽¹⁾ as printed") == "3945.1")
        #expect(Self.value(lines, "t at which M⁽²⁾ overflows to ∞") == "329")

        // The lecture's Adam against Kingma–Ba as the valley narrows (000:885–902).
        #expect(Self.row(lines, "1", after: "κ   Kingma–Ba Adam") == ["1", "137 (α = 3)", "116 (α = 3)", "1"])
        #expect(Self.row(lines, "100", after: "κ   Kingma–Ba Adam") == ["100", "151 (α = 1)", "170 (α = 3)", "478"])
        #expect(Self.row(lines, "10000", after: "κ   Kingma–Ba Adam") == ["10000", "180 (α = 1)", "3150 (α = 3)", "57590"])

        // ε (000:873–877, 900).
        #expect(Self.row(lines, "1e-06", after: "000:900").map { Array($0.dropFirst()) } == ["0.990099", "0.0099995"])

        // The digits comparison: 14 settings, every cell with its spread over 5 runs.
        guard let header = lines.firstIndex(where: { $0.contains("test accuracy %") }) else {
            Issue.record("no digits table")
            return
        }
        let table = lines[(header + 2)...].prefix { !$0.isEmpty }.map(Self.cells)
        #expect(table.count == 14 && table.allSatisfy { $0.count == 4 && $0[1].contains("±") && $0[2].contains("±") },
                "\(table)")
        #expect(Self.holds(lines, "every setting lowered the training loss in every run"))
        #expect(lines.firstIndex { $0.hasPrefix("  ✓ at the same α = 0.001, Kingma–Ba Adam ends lower") }.map { lines[$0 + 1].contains("5 of 5 runs") } == true)
    }
}
