import NeuralNetworks
import Testing

@Suite struct UnitSquareBoxesTests {
    @Test("k = 2: four boxes of side ½, row by row, each with f at its centre")
    func twoByTwo() {
        let (lower, upper, heights) = UniversalApproximation.unitSquareBoxes(perAxis: 2) { $0[0] + 10 * $0[1] }
        #expect(lower == [[0, 0], [0, 0.5], [0.5, 0], [0.5, 0.5]])
        #expect(upper == [[0.5, 0.5], [0.5, 1], [1, 0.5], [1, 1]])
        #expect(heights == [0.25 + 2.5, 0.25 + 7.5, 0.75 + 2.5, 0.75 + 7.5])
    }
}
