import TensorCore

/// Numerical integration by the composite midpoint rule, for L1 distances ∫ |f − g|.
///
/// The interval [lower, upper] is cut into `cells` equal cells of width h, and the integral is
/// h · Σ f(midpoint). The rule is exact for a function that is linear on every cell, so for the
/// piecewise-linear functions of ReLU networks it is exact as soon as every kink lies on a cell
/// edge; otherwise its error is at most of order h² per kink for Lipschitz integrands.
public enum Quadrature {
    /// The midpoints lower + (i + ½)h, i = 0 … cells − 1.
    public static func midpoints(from lower: Double, to upper: Double, cells: Int) -> [Double] {
        check(cells > 0 && upper > lower, "Quadrature: need cells > 0 on a non-empty interval")
        let h = (upper - lower) / Double(cells)
        return (0..<cells).map { lower + (Double($0) + 0.5) * h }
    }

    /// ∫ f over [lower, upper] by the composite midpoint rule with `cells` cells.
    public static func integral(from lower: Double, to upper: Double, cells: Int, _ f: (Double) -> Double) -> Double {
        let h = (upper - lower) / Double(cells)
        return h * midpoints(from: lower, to: upper, cells: cells).reduce(0) { $0 + f($1) }
    }

    /// ∫ |f − g| over [lower, upper] by the composite midpoint rule with `cells` cells.
    public static func l1Distance(from lower: Double, to upper: Double, cells: Int,
                                  _ f: (Double) -> Double, _ g: (Double) -> Double) -> Double {
        integral(from: lower, to: upper, cells: cells) { abs(f($0) - g($0)) }
    }

    /// ∫ |network(x) − f(x)| over [lower, upper] for a network with one input and one output,
    /// evaluating the network once on the batch of all midpoints.
    public static func l1Distance(_ network: Sequential, _ f: (Double) -> Double,
                                  from lower: Double, to upper: Double, cells: Int) -> Double {
        let xs = midpoints(from: lower, to: upper, cells: cells)
        let outputs = network.predict(Tensor(shape: [cells, 1], scalars: xs)).scalars
        let h = (upper - lower) / Double(cells)
        var total = 0.0
        for i in 0..<cells { total += abs(outputs[i] - f(xs[i])) }
        return h * total
    }

    /// The midpoints of a `cells × cells` grid on the square [lower, upper]², as a batch
    /// `[cells², 2]`, row by row (x₂ fixed within a row of the grid, x₁ varying).
    public static func gridMidpoints(from lower: Double, to upper: Double, cells: Int) -> Tensor {
        let axis = midpoints(from: lower, to: upper, cells: cells)
        var scalars: [Double] = []
        scalars.reserveCapacity(2 * cells * cells)
        for x2 in axis { for x1 in axis { scalars += [x1, x2] } }
        return Tensor(shape: [cells * cells, 2], scalars: scalars)
    }

    /// ∫∫ |network(x) − f(x)| over the square [lower, upper]² by the two-dimensional midpoint
    /// rule with `cells × cells` cells.
    public static func l1Distance2D(_ network: Sequential, _ f: ([Double]) -> Double,
                                    from lower: Double, to upper: Double, cells: Int) -> Double {
        let points = gridMidpoints(from: lower, to: upper, cells: cells)
        let outputs = network.predict(points).scalars
        let h = (upper - lower) / Double(cells)
        var total = 0.0
        for i in 0..<(cells * cells) {
            total += abs(outputs[i] - f([points[i, 0], points[i, 1]]))
        }
        return h * h * total
    }
}
