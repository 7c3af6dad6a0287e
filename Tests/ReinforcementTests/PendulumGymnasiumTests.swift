import Foundation
import Reinforcement
import Testing

/// The library's Pendulum against Gymnasium 1.4.0's `Pendulum-v1` (numpy 2.4.6, Linux x86-64),
/// bit for bit, given float64 torques. The reference numbers were produced by Gymnasium itself
/// with `Tools/PendulumReference/gymnasium_pendulum.py`; each is a float64 written as its bits:
/// (θ, θ̇) before the step, the torque, the reward, and (θ, θ̇) after it.
@Suite("Pendulum is bit-identical to Gymnasium 1.4.0's Pendulum-v1")
struct PendulumGymnasiumTests {
    /// One transition: the state, torque and Gymnasium's reward and next state.
    static func compare(_ numbers: [UInt64]) -> (rewardMatches: Bool, stateMatches: Bool) {
        var pendulum = Pendulum()
        _ = pendulum.reset(angle: Double(bitPattern: numbers[0]), angularVelocity: Double(bitPattern: numbers[1]))
        let result = pendulum.step([Double(bitPattern: numbers[2])])
        return (result.reward.bitPattern == numbers[3],
                [pendulum.angle.bitPattern, pendulum.angularVelocity.bitPattern] == [numbers[4], numbers[5]])
    }

    static let transitions: [[UInt64]] = [
        [0x400206150C78DD8E, 0x3FEF1C257CFD3B6C, 0x4005890120C78054, 0xC014B292AA4324DB, 0x4002C3F76ECB4293, 0x3FFDAB5F5CDFC8B6],
        [0x400607AAE6BAFC84, 0x401EF3D3B1D9BCE5, 0x4000000000000000, 0xC02B265F07BD12F7, 0x40093ADE19EE2FB7, 0x4020000000000000],
        [0x400A04F06EF1BD47, 0x40128A7B6C9103E4, 0x4000000000000000, 0xC026AD1F68D67B7A, 0x400BF5D05C78762E, 0x401368BF47433908],
        [0x40231F53A8A2AAA1, 0x4020000000000000, 0x4000000000000000, 0xC02EDECAA2902CB6, 0x4023EC20756F776E, 0x4020000000000000],
        [0xBF77B73B9BEE0E00, 0xC010B8EE60DF055D, 0xBFD817869288D590, 0xBFFBF774E779644D, 0xBFCBE2D7ED2EA78F, 0xC010F732CA318273],
        [0xBFF8382BB6BEEB2D, 0xBFEB28865C3EC95E, 0xC000000000000000, 0xC002F059129B4B2D, 0xBFF9BCC61111E900, 0xBFFE5C0F0E7BD486],
        [0x40093ADE19EE2FB7, 0x4020000000000000, 0x4000000000000000, 0xC0303289059D8E3D, 0x400C6E114D2162EA, 0x4020000000000000],
        [0x3FE87E69DA5B3B72, 0xBFE8D86FC9BECB58, 0xC00415E1A5E8FC0A, 0xBFE4CE2D21DEDF0E, 0x3FE79A5AC647A750, 0xBFE1D12D918792A6]
    ]

    @Test("single steps (torques beyond ±2, the speed limit, θ beyond ±π) give Gymnasium's reward and next state in every bit")
    func singleSteps() {
        for numbers in Self.transitions {
            let (reward, state) = Self.compare(numbers)
            #expect(reward && state, "\(numbers.map { String($0, radix: 16) })")
        }
    }

    /// The bulk comparison: set NEURALRL_GYMNASIUM_PENDULUM to a file written by
    /// `Tools/PendulumReference/gymnasium_pendulum.py` (20,000 steps compared equal when this
    /// test was written, rewards included); without it the test is skipped.
    @Test("every transition of a Gymnasium file (NEURALRL_GYMNASIUM_PENDULUM) matches bit for bit",
          .enabled(if: ProcessInfo.processInfo.environment["NEURALRL_GYMNASIUM_PENDULUM"] != nil,
                   "set NEURALRL_GYMNASIUM_PENDULUM to a file from Tools/PendulumReference/gymnasium_pendulum.py"))
    func transitionFile() throws {
        let path = ProcessInfo.processInfo.environment["NEURALRL_GYMNASIUM_PENDULUM"]!
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var compared = 0, rewardsDiffering = 0, statesDiffering = 0
        for line in text.split(separator: "\n") {
            let numbers = line.split(separator: " ").compactMap { UInt64($0, radix: 16) }
            guard numbers.count == 6 else { Issue.record("malformed line: \(line)"); return }
            let (reward, state) = Self.compare(numbers)
            compared += 1
            if !reward { rewardsDiffering += 1 }
            if !state { statesDiffering += 1 }
            if (!reward || !state) && rewardsDiffering + statesDiffering <= 5 { Issue.record("differs from Gymnasium: \(line)") }
        }
        #expect(compared > 0 && rewardsDiffering == 0 && statesDiffering == 0,
                "of \(compared) steps, \(rewardsDiffering) rewards and \(statesDiffering) next states differ")
    }
}
