import Foundation
import Testing

/// Lesson 11's results, read from its quick run (`Lesson11 --quick --no-color`, seed 42). The
/// tiny MDP's numbers are recomputed here by a plain enumeration (no library code), so a slip
/// in the library's policy-gradient code shows up as a mismatch with what the lesson prints.
@Suite("Lesson11 policy gradients and imitation")
struct Lesson11Tests {
    static func quickRun() async throws -> LessonRun { try await LessonRun.quick("Lesson11") }

    /// The tiny MDP of section 1, enumerated by hand: (probability, return, score ∇log p) of
    /// every action sequence and transition outcome, for θ = (0.4, −0.2 | −0.5, 0.3).
    static func enumerate() -> [(p: Double, r: Double, g: [Double])] {
        let theta = [0.4, -0.2, -0.5, 0.3]
        let rewards = [[1.0, 0.0], [3.0, -1.0]]
        // P(next = 1 | s, a): stay → 0, leave → 0.8; from state 1 either action → 0.5.
        let toOne = [[0.0, 0.8], [0.5, 0.5]]
        func pi(_ s: Int) -> [Double] {
            let e = [exp(theta[2 * s]), exp(theta[2 * s + 1])]
            return [e[0] / (e[0] + e[1]), e[1] / (e[0] + e[1])]
        }
        var result: [(p: Double, r: Double, g: [Double])] = []
        func walk(_ s: Int, _ t: Int, _ p: Double, _ r: Double, _ g: [Double]) {
            if t == 3 { result.append((p, r, g)); return }
            for a in 0..<2 {
                var score = g
                for b in 0..<2 { score[2 * s + b] += (a == b ? 1 : 0) - pi(s)[b] }
                let pa = p * pi(s)[a], ra = r + rewards[s][a]
                if t == 2 { result.append((pa, ra, score)); continue }
                for next in 0..<2 {
                    let q = next == 1 ? toOne[s][a] : 1 - toOne[s][a]
                    if q > 0 { walk(next, t + 1, pa * q, ra, score) }
                }
            }
        }
        walk(0, 0, 1, 0, [0, 0, 0, 0])
        return result
    }

    @Test("seed 003 lines 1110–1181 on the tiny MDP: J, the exact ∇J, E[R] and b* = E[‖g‖²R]/E[‖g‖²] as the lesson prints them")
    func tinyMDP() async throws {
        let paths = Self.enumerate()
        let j = paths.reduce(0) { $0 + $1.p * $1.r }
        let gradient = (0..<4).map { k in paths.reduce(0) { $0 + $1.p * $1.g[k] * $1.r } }
        let squared = paths.map { $0.g.reduce(0) { $0 + $1 * $1 } }
        let bStar = zip(paths, squared).reduce(0) { $0 + $1.0.p * $1.1 * $1.0.r }
            / zip(paths, squared).reduce(0) { $0 + $1.0.p * $1.1 }
        let run = try await Self.quickRun()
        #expect(try abs(#require(run.number("J(θ)")) - j) < 1e-6)
        let printed = try #require(run.value("exact ∇J (θ₀₀, θ₀₁, θ₁₀, θ₁₁)"))
        let numbers = printed.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",")
            .compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        #expect(numbers.count == 4 && zip(numbers, gradient).allSatisfy { abs($0 - $1) < 1e-6 }, "\(printed) vs \(gradient)")
        #expect(try abs(#require(run.number("E[R]")) - j) < 1e-4)
        #expect(try abs(#require(run.number("b*, the variance-minimising constant")) - bStar) < 1e-4)
        #expect(abs(bStar - j) > 0.2, "b* and E[R] differ on this MDP")
        #expect(run.held("Σ_τ p ∇log p R equals the central differences of J"))
        #expect(run.held("it is zero to 1e-15 in every coordinate"))
    }

    @Test("the Monte Carlo gradient: the largest sample is within 3 standard errors, and the error shrinks with n")
    func monteCarlo() async throws {
        let run = try await Self.quickRun()
        let rows = try #require(run.table("trajectories"))
        #expect(rows.count == 3)
        let errors = rows.compactMap { $0.count >= 3 ? LessonRun.leadingNumber($0[$0.count - 2]) : nil }
        let units = rows.compactMap { $0.last.flatMap(LessonRun.leadingNumber) }
        #expect(errors.count == 3 && errors.last! < errors.first!, "\(rows)")
        #expect(units.count == 3 && units.last! < 3, "\(rows)")
        #expect(run.held("the estimate from 10000 trajectories is within 3 standard errors"))
    }

    @Test("variance: b* beats E[R] beats 0; reward-to-go helps every baseline; all six means are ∇J")
    func variance() async throws {
        let run = try await Self.quickRun()
        let rows = try #require(run.table("exact total variance"))
        let variance = Dictionary(uniqueKeysWithValues: rows.compactMap { row in
            row.count == 3 ? LessonRun.leadingNumber(row[1]).map { (row[0], $0) } : nil
        })
        #expect(variance.count == 6, "\(rows)")
        let (zero, mean, best) = (variance["R(τ), b = 0"] ?? 0, variance["R(τ) − E[R]"] ?? 0, variance["R(τ) − b*"] ?? 0)
        #expect(best < mean && mean < zero)
        #expect((variance["reward-to-go − V_t(sₜ)"] ?? .infinity) < best)
        #expect(run.held("all six estimators have exactly the mean ∇J"))
        #expect(run.held("reward-to-go cuts the variance for each baseline"))
        #expect(run.comparison("b* from 4000 sampled trajectories")?.agrees == true)
    }

    @Test("imitation: the expert balances 100 of 100 episodes; DAgger gets every seed to 500 with fewer labels than cloning")
    func imitation() async throws {
        let run = try await Self.quickRun()
        #expect(run.number("the expert's mean return") == 500)
        // The table's rows (the result lines that follow it are not rows).
        let rows = try #require(run.table("expert labels")).filter { $0.first.flatMap(Int.init) != nil }
        #expect(rows.map(\.first) == ["50", "100", "200", "400"])
        #expect(rows.allSatisfy { $0.count == 5 && $0[1].contains("±") && $0[3].contains("±") }, "\(rows)")
        #expect(run.held("DAgger brings every seed to 500 with fewer expert labels than cloning needs"))
        // The row where DAgger first has 5 of 5 comes before cloning's.
        let daggerAll = rows.firstIndex { $0.count == 5 && $0[4] == "5 of 5" }
        let cloningAll = rows.firstIndex { $0.count == 5 && $0[2] == "5 of 5" }
        #expect(daggerAll != nil && daggerAll! < (cloningAll ?? rows.count))
    }

    @Test("CartPole in the quick run: REINFORCE and the actor-critic beat 3× the random policy; the page's update is the library's")
    func cartPole() async throws {
        let run = try await Self.quickRun()
        #expect(run.held("this page's update and the library's give bit-identical networks"))
        #expect(run.held("in 30000 steps REINFORCE learns"))
        #expect(run.held("the actor-critic learns"))
        #expect(run.row("REINFORCE + baseline")?.count == 4)
    }

    @Test("the Gaussian policy: derivatives match central differences; the bandit's mean reaches 2 ± 0.2 on 5 seeds")
    func gaussian() async throws {
        let run = try await Self.quickRun()
        #expect(run.held("both derivatives match central differences"))
        #expect(run.held("on every seed the mean ends within 0.2 of the best action 2"))
        let rows = try #require(run.table("σ after 100"))
        #expect(rows.count == 5 && rows.allSatisfy { ($0.last.flatMap(LessonRun.leadingNumber) ?? 1) < 1 })
    }

    @Test("seeds 003 lines 1034–1305 and 004 lines 1998–2300: 12 slips, each with a citation, counted in tally and recap; every check holds")
    func slipsAndChecks() async throws {
        let run = try await Self.quickRun()
        #expect(run.status == 0, "\(run)")
        #expect(run.failedChecks.isEmpty, "\(run.failedChecks)")
        let slips = run.lines.filter { $0.hasSuffix("≠") || $0.contains("≠  ") }
        #expect(slips.count == 12, "\(slips)")
        let text = run.lines.joined(separator: " ")
        #expect(text.contains("12 slips in the notes corrected"))
        #expect(text.contains("The notes' 12 slips"))
        let citation = #/notes \((\d{3}):(\d+)\): /#
        let cited = run.lines.filter { $0.contains("notes (") }
        #expect(cited.count == 12 && cited.allSatisfy { $0.firstMatch(of: citation) != nil }, "\(cited)")
        for line in run.lines where line.hasPrefix("  ✓") || line.contains("notes (") || line.contains("correct: ") {
            #expect(line.unicodeScalars.filter { !(0x0300...0x036F).contains($0.value) }.count <= 80, "\(line)")
        }
    }

    @Test("bad command lines exit 64: an unknown flag, a bad --seeds range, an unknown --method")
    func badArguments() async throws {
        #expect(try await LessonRun.launch("Lesson11", ["--frobnicate"]).status == 64)
        #expect(try await LessonRun.launch("Lesson11", ["--seeds", "5-1"]).status == 64)
        #expect(try await LessonRun.launch("Lesson11", ["--seeds", "1-2", "--method", "ppo"]).status == 64)
    }
}
