import Testing
@testable import LessonRuntime

@Suite struct NumberFormattingTests {
    @Test func fixedDigitsTrimmed() {
        #expect(formatNumber(0.0024726, digits: 6) == "0.002473")
        #expect(formatNumber(-6.0) == "-6")
        #expect(formatNumber(0.5) == "0.5")
        #expect(formatNumber(1234.5, digits: 2) == "1234.5")
        #expect(formatNumber(2.0 / 3.0, digits: 3) == "0.667")
        #expect(formatNumber(0.1 + 0.2) == "0.3")
    }

    @Test func scientificForExtremes() {
        #expect(formatNumber(1e-18) == "1e-18")
        #expect(formatNumber(-1.25e-7) == "-1.25e-7")
        #expect(formatNumber(2.5e9) == "2.5e9")
        #expect(formatNumber(0.001, digits: 2) == "1e-3")
    }

    @Test func negativeZeroAndSpecials() {
        #expect(formatNumber(-0.0) == "0")
        #expect(formatNumber(-0.0000004, digits: 2).hasPrefix("-4"))
        #expect(formatNumber(-0.4, digits: 0) == "-4e-1")   // too small for 0 places: shown, not hidden
        #expect(formatNumber(.nan) == "nan")
        #expect(formatNumber(-.infinity) == "-inf")
    }
}
