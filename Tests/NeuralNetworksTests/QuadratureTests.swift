@testable import NeuralNetworks
import TensorCore
import Testing

@Suite("Quadrature")
struct QuadratureTests {
    @Test("the midpoint rule is exact for linear functions and second-order for x²")
    func orders() {
        #expect(abs(Quadrature.integral(from: -1, to: 3, cells: 7) { 2 * $0 + 1 } - 12) < 1e-12)
        let coarse = abs(Quadrature.integral(from: 0, to: 1, cells: 10) { $0 * $0 } - 1.0 / 3)
        let fine = abs(Quadrature.integral(from: 0, to: 1, cells: 20) { $0 * $0 } - 1.0 / 3)
        #expect(abs(coarse / fine - 4) < 1e-6)
    }

    @Test("the network and closure versions of the L1 distance agree")
    func networkVersionAgrees() {
        let network = UniversalApproximation.sigmoidBump(from: 0, to: 1, steepness: 5)
        let byNetwork = Quadrature.l1Distance(network, { $0 * $0 }, from: -1, to: 2, cells: 300)
        let byClosure = Quadrature.l1Distance(from: -1, to: 2, cells: 300, { network.predict(Tensor([$0]))[0] }, { $0 * $0 })
        #expect(abs(byNetwork - byClosure) < 1e-12)
    }

    @Test("the 2-D midpoint rule integrates |x₁ − x₂| over the unit square to 1/3")
    func twoDimensions() {
        let zero = Sequential([Dense(weights: .zeros([2, 1]), bias: .zeros([1]))])
        let value = Quadrature.l1Distance2D(zero, { abs($0[0] - $0[1]) }, from: 0, to: 1, cells: 200)
        #expect(abs(value - 1.0 / 3) < 1e-4)
        #expect(Quadrature.gridMidpoints(from: 0, to: 1, cells: 2).scalars == [0.25, 0.25, 0.75, 0.25, 0.25, 0.75, 0.75, 0.75])
    }
}
