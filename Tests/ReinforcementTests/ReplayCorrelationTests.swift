import Reinforcement
import Testing

@Suite struct ReplayCorrelationTests {
    @Test("lag-one correlation: hand-computed on [1, 2, 3, 4] is 0.25; an alternating series is negative")
    func handComputed() {
        // Mean 2.5, deviations (−1.5, −0.5, 0.5, 1.5): Σ dᵢdᵢ₊₁ = 0.75 − 0.25 + 0.75 = 1.25, Σ dᵢ² = 5.
        #expect(abs(lagOneCorrelation([1, 2, 3, 4]) - 0.25) < 1e-15)
        #expect(lagOneCorrelation([1, -1, 1, -1, 1, -1]) < -0.8)
    }
}
