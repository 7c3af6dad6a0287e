import Testing
@testable import LessonRuntime

@Suite struct MovingAverageTests {
    @Test func handComputedWindowOfThree() {
        // Means of [1], [1, 2], [1, 2, 6], [2, 6, 3], [6, 3, 0]: the window fills, then slides.
        let averages = movingAverage([1, 2, 6, 3, 0], window: 3)
        #expect(averages == [1, 1.5, 3, 11.0 / 3, 3])
    }

    @Test func windowOfOneReturnsTheValues() {
        let values: [Double] = [4, -2, 7.5, 0, 1e6]
        #expect(movingAverage(values, window: 1) == values)
    }

    @Test func windowLargerThanTheDataIsTheRunningMean() {
        // Never more than 4 values seen, so every entry is the mean of all values so far.
        #expect(movingAverage([2, 4, 9, 1], window: 10) == [2, 3, 5, 4])
    }

    @Test func emptyInputGivesAnEmptyCurve() {
        #expect(movingAverage([], window: 5).isEmpty)
    }

    @Test func sameLengthAsTheInput() {
        let values = (0..<57).map { Double($0 % 7) - 3 }
        for window in [1, 2, 10, 56, 57, 100] {
            #expect(movingAverage(values, window: window).count == values.count)
        }
    }

    @Test func matchesTheMeanOfTheLastWindowValues() {
        // Against the definition, entry by entry, on values whose sums stay exact in binary.
        let values = (0..<40).map { Double(($0 * 37) % 23) - 11 }
        for window in [2, 5, 13] {
            let averages = movingAverage(values, window: window)
            for i in values.indices {
                let last = values[max(0, i - window + 1)...i]
                #expect(averages[i] == last.reduce(0, +) / Double(last.count), "window \(window), index \(i)")
            }
        }
    }
}
