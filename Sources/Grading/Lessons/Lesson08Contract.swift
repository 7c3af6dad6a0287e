/// The exercises of Lesson 08, optimizers.
///
/// `Exercises.Lesson08` (the stubs a student fills in) and `Solutions.Lesson08` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson08Checks`, grades either.
public protocol Lesson08Answers: SendableMetatype {
    /// Exercise 1: one heavy-ball step in the Berkeley handout's form, v ← m v + g, θ ← θ − α v.
    static func momentumStep(parameters: [Double], velocity: [Double], gradient: [Double],
                             learningRate: Double, momentum: Double) throws -> (parameters: [Double], velocity: [Double])

    /// Exercise 2: step t (counting from 1) of Kingma and Ba's Adam, per coordinate, with bias
    /// correction and ε added to √v̂.
    static func adamStep(parameters: [Double], firstMoment: [Double], secondMoment: [Double], gradient: [Double],
                         step: Int, learningRate: Double, beta1: Double, beta2: Double,
                         epsilon: Double) throws -> (parameters: [Double], firstMoment: [Double], secondMoment: [Double])

    /// Exercise 3: the largest step size η for which gradient descent on f(x) = Σᵢ aᵢxᵢ² converges
    /// from every start is the bound η < this value.
    static func largestStableStep(coefficients: [Double]) throws -> Double

    /// Exercise 4: step t (from 1) of the main lecture's Adam: one scalar q for ‖g‖², ε under the
    /// root, θ ← θ − α v̂ / √(q̂ + ε).
    static func lectureAdamStep(parameters: [Double], firstMoment: [Double], squaredNorm: Double, gradient: [Double],
                                step: Int, learningRate: Double, beta1: Double, beta2: Double,
                                epsilon: Double) throws -> (parameters: [Double], firstMoment: [Double], squaredNorm: Double)
}
