import Foundation
import Reinforcement
import Testing

/// The library's CartPole against Gymnasium 1.4.0's `CartPole-v1` (numpy 2.4.6, Linux x86-64),
/// bit for bit. The reference numbers below were produced by Gymnasium itself with
/// `Tools/CartPoleReference/gymnasium_transitions.py`; each is a float64 written as its bits.
@Suite("CartPole is bit-identical to Gymnasium 1.4.0's CartPole-v1")
struct CartPoleGymnasiumTests {
    /// (state, action, Gymnasium's next state). These eight are steps on which the library's
    /// earlier grouping, (m_p l θ̇) θ̇ and (m_p cos θ) cos θ, rounded differently from
    /// Gymnasium's m_p l θ̇² and m_p cos²θ, so a broken grouping fails here.
    static let transitions: [([UInt64], Int, [UInt64])] = [
        ([0xBFD627179879A394, 0xBFE13FB4D66430F2, 0xBF9A3A010116A234, 0xBFB87631B926F8A0], 0,
         [0xBFD6D7B86DD9CE7F, 0xBFE77B1022A1163C, 0xBF9C2EFABDFB0803, 0x3FC82F30CF6D3F58]),
        ([0x3FD2E0498FF655E6, 0x3FE30EE138EB202A, 0x3F9F7B0E230A3F71, 0xBFD5B0ED6C654DB0], 0,
         [0x3FD3A3714A8F19BF, 0x3FD999F0B88D9B1F, 0x3F988A1E5245FD9F, 0xBFA2CB42C105FB38]),
        ([0x3FE671D3D68DD378, 0x3FE8895E99A5ABFC, 0x3FB3D49678F050C3, 0xBFBAAA30F699FBAC], 1,
         [0x3FE6EF74733A1978, 0x3FEEBE0E06741A2A, 0x3FB34C105F86D5F8, 0xBFD7C58E29DBF7D2]),
        ([0x3FC534E0E02B4A46, 0x3FD6B3E53F013B4C, 0x3FA4015E47DDDBC4, 0x3FA91F65AD6D03F8], 1,
         [0x3FC61D5AAF7D4268, 0x3FE1939FAEC39F34, 0x3FA481FF08C67053, 0xBFCD929570D734E8]),
        ([0x3FE590C2A0793C23, 0x3FED94774839F4CE, 0x3F13BE70FB4638E0, 0xBFDEDC43652E3278], 0,
         [0x3FE62835A709C108, 0x3FE75604A9A298B6, 0xBF8398AE4012899D, 0xBFC8411D5469812A]),
        ([0x3FF1A6614BCD47EB, 0x3FD6D41DF811AF57, 0x3F94747FA918E21B, 0x3F772D45A7CC4380], 1,
         [0x3FF1C399C4150CA2, 0x3FE1A61AD0C14A4C, 0x3F94922A3FB2397C, 0xBFD1F6430131FA0B]),
        ([0x3FE0A3E0243B9DBF, 0xBFE1E7B809267015, 0x3FA40A8A3FF1AABF, 0x3FC46C1A5A8627E2], 1,
         [0x3FE048338035BA39, 0xBFD75C16C88F84F4, 0x3FA5ACC9CC4E51C7, 0xBFBEDB3DBF7CB8A8]),
        ([0x3FD4F89C124D8431, 0xBFC72CBA48448B40, 0x3F9B09CD40C4E51C, 0xBFC55275AFDB11B2], 0,
         [0x3FD4BD4849E66E52, 0xBFD81944AA9C035B, 0x3F97A072BE3B71A3, 0x3FC131402F199DE6]),
    ]

    @Test("eight single steps give Gymnasium's next state in every bit")
    func singleSteps() {
        for (state, action, expected) in Self.transitions {
            let next = CartPole.nextState(state.map(Double.init(bitPattern:)), action: action)
            #expect(next.map(\.bitPattern) == expected, "from \(state.map { String($0, radix: 16) }), action \(action)")
        }
    }

    @Test("a 500-step episode (policy: push toward θ + θ̇/2) stays bit-identical to Gymnasium's")
    func wholeEpisode() {
        // Gymnasium: env.reset(seed=2024), then a = 1 if θ + 0.5 θ̇ > 0 else 0 for 500 steps;
        // the episode is truncated, not terminated. States after steps 1, 10, 100, 250 and 500:
        let start: [UInt64] = [0x3F920150227F21E8, 0xBF9D40D88B29BE7A, 0xBF938319C645DF74, 0x3F9EAA52F4C372E4]
        let expected: [Int: [UInt64]] = [
            1: [0x3F916B893E6EF004, 0xBFCC98BD851A2A21, 0xBF92E6181D89A4D6, 0x3FD44278F468BB24],
            10: [0x3F34813434726680, 0xBF9C11F61F6909A0, 0x3F53400068CAB250, 0x3F723D885F5E3F80],
            100: [0xBFA6EA2CB4996020, 0xBF9BF13168DFDCE8, 0xBF73E3A8E539BD67, 0x3F5BC8863282C600],
            250: [0xBFC0ABDDE4D7DDF7, 0xBF9BB4D7F8DE7FB8, 0x3EFC3B7950B3D000, 0xBF6BB603E8357F80],
            500: [0xBFD0CB04A5E41AE1, 0xBF9BDE4BF4FD24E8, 0xBF78291BAB13FC63, 0x3F1BAF0BE96E4000],
        ]
        var cart = CartPole()
        var observation = cart.reset(to: start.map(Double.init(bitPattern:)))
        for step in 1...500 {
            let result = cart.step(observation[2] + 0.5 * observation[3] > 0 ? 1 : 0)
            observation = result.observation
            if let want = expected[step] {
                #expect(observation.map(\.bitPattern) == want, "state after step \(step)")
            }
            #expect(!result.terminated || step == 500, "the pole fell at step \(step)")
            if result.isDone { #expect(step == 500 && result.truncated); break }
        }
    }

    /// The bulk comparison: set NEURALRL_GYMNASIUM_TRANSITIONS to a file written by
    /// `Tools/CartPoleReference/gymnasium_transitions.py` (100,000 steps compared equal when
    /// this test was written); without it the test is skipped.
    @Test("every transition of a Gymnasium file (NEURALRL_GYMNASIUM_TRANSITIONS) matches bit for bit",
          .enabled(if: ProcessInfo.processInfo.environment["NEURALRL_GYMNASIUM_TRANSITIONS"] != nil,
                   "set NEURALRL_GYMNASIUM_TRANSITIONS to a file from Tools/CartPoleReference/gymnasium_transitions.py"))
    func transitionFile() throws {
        let path = ProcessInfo.processInfo.environment["NEURALRL_GYMNASIUM_TRANSITIONS"]!
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var compared = 0, differing = 0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 9, let action = Int(fields[4]) else {
                Issue.record("malformed line: \(line)"); return
            }
            let numbers = fields.enumerated().filter { $0.offset != 4 }.compactMap { UInt64($0.element, radix: 16) }
            guard numbers.count == 8 else { Issue.record("malformed line: \(line)"); return }
            let next = CartPole.nextState(numbers[0..<4].map(Double.init(bitPattern:)), action: action)
            compared += 1
            if next.map(\.bitPattern) != Array(numbers[4..<8]) {
                differing += 1
                if differing <= 5 { Issue.record("differs from Gymnasium: \(line)") }
            }
        }
        #expect(compared > 0 && differing == 0, "\(differing) of \(compared) steps differ")
    }
}
