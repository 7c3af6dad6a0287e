import NeuralNetworks

/// The exercises of Lesson 04, universal approximation.
///
/// `Exercises.Lesson04` (the stubs a student fills in) and `Solutions.Lesson04` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson04Checks`, grades either.
public protocol Lesson04Answers: SendableMetatype {
    /// Exercise 1: the four-ReLU bump for [a, b] with ramp width Δ at the point x.
    static func reluBump(x: Double, a: Double, b: Double, ramp: Double) throws -> Double

    /// Exercise 2: the three-layer network 1 → 4k → k → 1 (ReLU, ReLU, linear) whose output is
    /// Σᵢ cᵢ · bumpᵢ(x) for the k pieces [edges[i], edges[i + 1]] with heights c = `heights`.
    static func stepNetwork(edges: [Double], heights: [Double], ramp: Double) throws -> Sequential

    /// Exercise 3: the box bump max(Σᵢ bumpᵢ(xᵢ) − (n − 1), 0) for the box with corners
    /// `lower` and `upper` (n numbers each) at the point x (n numbers).
    static func boxIndicator(x: [Double], lower: [Double], upper: [Double], ramp: Double) throws -> Double

    /// Exercise 4: ∫ |f − g| over [lower, upper] by the composite midpoint rule with `cells` cells.
    static func l1Distance(_ f: (Double) -> Double, _ g: (Double) -> Double,
                           lower: Double, upper: Double, cells: Int) throws -> Double

    /// Exercise 5: the Genz test function number `family` (1 … 6) at x with parameters c and w.
    static func genzValue(family: Int, x: [Double], c: [Double], w: [Double]) throws -> Double
}
