import Foundation
import NeuralNetworks
import TensorCore
import Testing

/// `logSoftmax` computes (xᵢ − max) − ln Σ, as its documentation says. With logits near 10⁸ or
/// 10¹⁵ the other grouping, xᵢ − (max + ln Σ), rounds max + ln Σ to the spacing of doubles
/// there (1.5·10⁻⁸ and 0.125) and loses that much; PyTorch's error at 10⁸ is about 4·10⁻¹⁶.
@Suite struct LogSoftmaxPrecisionTests {
    /// Two logits c + a and c: the exact answer is [−ln(1 + e⁻ᵃ), −a − ln(1 + e⁻ᵃ)], which
    /// `log1p` gives to within an ulp whatever c is (the differences of the logits are exact).
    @Test("logits c + a and c: error below 4 ulp of the answer for c up to 10¹⁵", arguments: [0.0, 1e8, 1e15])
    func twoLogitsAgainstClosedForm(offset: Double) {
        for a in [0.0, 0.5, 1.0, 2.0, 3.0] {
            let logits = Tensor([offset + a, offset])
            let spread = (offset + a) - offset          // what the logits really differ by
            let lnSum = log1p(exp(-spread))
            let exact = [-lnSum, -spread - lnSum]
            let computed = logSoftmax(logits).scalars
            for (c, e) in zip(computed, exact) {
                #expect(abs(c - e) <= 4 * max(e.magnitude, 1) * Double.ulpOfOne,
                        "c = \(offset), a = \(a): computed \(c), exact \(e), error \(abs(c - e))")
            }
        }
    }

    #if arch(x86_64) && !os(Windows)
    /// Three logits near 10⁸ and near 10¹⁵, against the same formula evaluated in Float80
    /// (64-bit significand): the double result must be within 2 ulp of it.
    @Test("logits near 10⁸ and 10¹⁵ against Float80", arguments: [1e8, 1e15])
    func threeLogitsAgainstFloat80(offset: Double) {
        let logits = [offset + 1.25, offset - 0.5, offset + 3]
        let largest = Float80(logits.max()!)
        let lnSum: Float80 = logl(logits.map { expl(Float80($0) - largest) }.reduce(0, +))
        let reference = logits.map { Double((Float80($0) - largest) - lnSum) }
        let computed = logSoftmax(Tensor(logits)).scalars
        for (c, r) in zip(computed, reference) {
            #expect(abs(c - r) <= 2 * r.ulp, "near \(offset): computed \(c), Float80 \(r), error \(abs(c - r))")
        }
    }
    #endif

    @Test("each row of a matrix on its own scale")
    func rowsAreIndependent() {
        let rows = logSoftmax(Tensor([[1e15 + 2, 1e15], [2, 0]])).scalars
        #expect(rows[0] == rows[2] && rows[1] == rows[3], "shifting a row by 10¹⁵ changes nothing: \(rows)")
    }
}
