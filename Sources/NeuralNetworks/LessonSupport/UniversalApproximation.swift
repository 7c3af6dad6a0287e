import TensorCore

/// The constructive proof that ReLU networks approximate continuous functions, as real networks.
///
/// The pieces, in the order of the argument:
/// - `reluBump`: four ReLUs that approximate the indicator 1[a,b], ramping up on [a, a + Δ] and
///   down on [b, b + Δ];
/// - `StepFunction`: a sum of simple functions Σ cᵢ 1[aᵢ,bᵢ] that approximates a continuous f;
/// - `stepNetwork`: the three-layer network (ReLU pairs → bumps → weighted sum) that outputs the
///   bump version of a step function;
/// - `boxIndicator` and `boxNetwork`: the same in n dimensions, with the box indicator written
///   as max(Σᵢ 1[aᵢ,bᵢ](xᵢ) − (n − 1), 0) because a ReLU network cannot multiply;
/// - `sigmoidBump`: Cybenko-style bump σ(k(x − a)) − σ(k(x − b)) from two shifted sigmoids.
public enum UniversalApproximation {
    /// The ReLU bump for [a, b] with ramp width Δ:
    /// (max(x − a, 0) − max(x − a − Δ, 0) − max(x − b, 0) + max(x − b − Δ, 0)) / Δ.
    ///
    /// It is 0 left of a, rises linearly to 1 on [a, a + Δ], stays 1 up to b, falls to 0 on
    /// [b, b + Δ] and is 0 after. Needs Δ > 0 and a + Δ ≤ b for the plateau to exist.
    public static func reluBump(_ x: Double, from a: Double, to b: Double, ramp: Double) -> Double {
        check(ramp > 0, "reluBump: the ramp Δ must be positive, got \(ramp)")
        let relu = { (z: Double) in max(z, 0) }
        return (relu(x - a) - relu(x - a - ramp) - relu(x - b) + relu(x - b - ramp)) / ramp
    }

    /// The bump approximation of the indicator of the box [a₁, b₁] × … × [aₙ, bₙ]:
    /// max(Σᵢ bumpᵢ(xᵢ) − (n − 1), 0). It is 1 only where every coordinate's bump is 1.
    public static func boxIndicator(_ x: [Double], lower: [Double], upper: [Double], ramp: Double) -> Double {
        check(x.count == lower.count && x.count == upper.count,
                     "boxIndicator: point has \(x.count) coordinates, box \(lower.count) and \(upper.count)")
        var sum = 0.0
        for i in x.indices { sum += reluBump(x[i], from: lower[i], to: upper[i], ramp: ramp) }
        return max(sum - Double(x.count - 1), 0)
    }

    /// The three-layer ReLU network of the one-dimensional proof, for a step function with k pieces:
    ///
    /// - layer 1 (1 → 4k, ReLU): unit 4i + (0, 1, 2, 3) computes max(x − aᵢ, 0), max(x − aᵢ − Δ, 0),
    ///   max(x − bᵢ, 0), max(x − bᵢ − Δ, 0);
    /// - layer 2 (4k → k, ReLU): unit i combines its four units with weights (1, −1, −1, 1)/Δ into
    ///   the bump of [aᵢ, bᵢ] (the ReLU changes nothing, because a bump is never negative);
    /// - layer 3 (k → 1, linear): weights c₁ … c_k, bias 0.
    ///
    /// Layer 2 is stored as a full 4k × k matrix, as a dense layer must be, so most of its entries
    /// are zeros: the network has 4k² + 10k + 1 parameters, of which 14k + 1 can be non-zero.
    public static func stepNetwork(_ steps: StepFunction, ramp: Double) -> Sequential {
        check(ramp > 0, "stepNetwork: the ramp Δ must be positive, got \(ramp)")
        let k = steps.pieces
        var firstWeights = Tensor.ones([1, 4 * k])
        var firstBias = Tensor.zeros([4 * k])
        var secondWeights = Tensor.zeros([4 * k, k])
        var outputWeights = Tensor.zeros([k, 1])
        for i in 0..<k {
            let (a, b) = (steps.edges[i], steps.edges[i + 1])
            let shifts = [a, a + ramp, b, b + ramp]
            let signs: [Double] = [1, -1, -1, 1]
            for j in 0..<4 {
                firstWeights[0, 4 * i + j] = 1
                firstBias[4 * i + j] = -shifts[j]
                secondWeights[4 * i + j, i] = signs[j] / ramp
            }
            outputWeights[i, 0] = steps.heights[i]
        }
        return Sequential([
            Dense(weights: firstWeights, bias: firstBias, activation: .relu),
            Dense(weights: secondWeights, bias: .zeros([k]), activation: .relu),
            Dense(weights: outputWeights, bias: .zeros([1]), activation: .identity),
        ])
    }

    /// The parameter count of `stepNetwork` with k pieces, as dense layers count them: 4k² + 10k + 1.
    public static func stepNetworkParameterCount(pieces k: Int) -> Int { 4 * k * k + 10 * k + 1 }

    /// The number of entries of `stepNetwork` with k pieces that can be non-zero: 14k + 1.
    public static func stepNetworkNonZeroCount(pieces k: Int) -> Int { 14 * k + 1 }

    /// The four-layer ReLU network of the n-dimensional proof, for J boxes with heights cⱼ:
    ///
    /// - layer 1 (n → 4nJ, ReLU): for box j and coordinate i, the four shifted ReLUs of xᵢ;
    /// - layer 2 (4nJ → nJ, ReLU): the bumps 1[aⱼᵢ, bⱼᵢ](xᵢ);
    /// - layer 3 (nJ → J, ReLU): max(Σᵢ bumpⱼᵢ − (n − 1), 0), the box indicator;
    /// - layer 4 (J → 1, linear): Σⱼ cⱼ · boxⱼ.
    ///
    /// `lower[j]` and `upper[j]` are the corners of box j (n numbers each).
    /// The k × k grid of boxes of side 1/k that tile the unit square, with each box's height set
    /// to `f` at its centre: the piecewise-constant approximation that `boxNetwork` turns into a
    /// network. Boxes are listed row by row (x₁ outer, x₂ inner).
    public static func unitSquareBoxes(perAxis k: Int, heightAt f: ([Double]) -> Double)
        -> (lower: [[Double]], upper: [[Double]], heights: [Double]) {
        check(k >= 1, "unitSquareBoxes: needs at least one box per axis, got \(k)")
        let h = 1 / Double(k)
        var lower: [[Double]] = [], upper: [[Double]] = [], heights: [Double] = []
        for i in 0..<k {
            for j in 0..<k {
                lower.append([Double(i) * h, Double(j) * h])
                upper.append([Double(i + 1) * h, Double(j + 1) * h])
                heights.append(f([(Double(i) + 0.5) * h, (Double(j) + 0.5) * h]))
            }
        }
        return (lower, upper, heights)
    }

    public static func boxNetwork(lower: [[Double]], upper: [[Double]], heights: [Double], ramp: Double) -> Sequential {
        check(lower.count == upper.count && lower.count == heights.count && !lower.isEmpty,
                     "boxNetwork: \(lower.count) lower corners, \(upper.count) upper corners, \(heights.count) heights")
        let boxes = lower.count
        let n = lower[0].count
        var firstWeights = Tensor.zeros([n, 4 * n * boxes])
        var firstBias = Tensor.zeros([4 * n * boxes])
        var secondWeights = Tensor.zeros([4 * n * boxes, n * boxes])
        var thirdWeights = Tensor.zeros([n * boxes, boxes])
        var thirdBias = Tensor.zeros([boxes])
        var outputWeights = Tensor.zeros([boxes, 1])
        let signs: [Double] = [1, -1, -1, 1]
        for j in 0..<boxes {
            check(lower[j].count == n && upper[j].count == n, "boxNetwork: box \(j) is not \(n)-dimensional")
            for i in 0..<n {
                let bump = j * n + i
                let shifts = [lower[j][i], lower[j][i] + ramp, upper[j][i], upper[j][i] + ramp]
                for s in 0..<4 {
                    firstWeights[i, 4 * bump + s] = 1
                    firstBias[4 * bump + s] = -shifts[s]
                    secondWeights[4 * bump + s, bump] = signs[s] / ramp
                }
                thirdWeights[bump, j] = 1
            }
            thirdBias[j] = -Double(n - 1)
            outputWeights[j, 0] = heights[j]
        }
        return Sequential([
            Dense(weights: firstWeights, bias: firstBias, activation: .relu),
            Dense(weights: secondWeights, bias: .zeros([n * boxes]), activation: .relu),
            Dense(weights: thirdWeights, bias: thirdBias, activation: .relu),
            Dense(weights: outputWeights, bias: .zeros([1]), activation: .identity),
        ])
    }

    /// The sawtooth of depth L on [0, 1]: the tent map t(x) = 2·ReLU(x) − 4·ReLU(x − ½) composed
    /// L times, as a network with L hidden layers of two ReLUs each and a linear output.
    ///
    /// Each hidden layer computes (ReLU(t), ReLU(t − ½)) of the previous tent value t, so the
    /// network has 2L hidden units, yet its output has 2ᴸ linear pieces on [0, 1]. A network with
    /// one hidden layer of n ReLUs has at most n + 1 pieces on a line, so it needs 2ᴸ − 1 units
    /// for the same function: depth buys pieces exponentially, width only linearly.
    public static func sawtoothNetwork(depth: Int) -> Sequential {
        check(depth >= 1, "sawtoothNetwork: depth must be at least 1, got \(depth)")
        var layers = [Dense(weights: Tensor(shape: [1, 2], scalars: [1, 1]), bias: Tensor([0, -0.5]), activation: .relu)]
        for _ in 1..<depth {
            // t = 2u − 4v from the previous pair (u, v), then (ReLU(t), ReLU(t − ½)).
            layers.append(Dense(weights: Tensor(shape: [2, 2], scalars: [2, 2, -4, -4]), bias: Tensor([0, -0.5]),
                                activation: .relu))
        }
        layers.append(Dense(weights: Tensor(shape: [2, 1], scalars: [2, -4]), bias: .zeros([1]), activation: .identity))
        return Sequential(layers)
    }

    /// The number of linear pieces of a one-input network on [lower, upper], counted as kinks
    /// (changes of slope between consecutive cells of a grid with `cells` cells) plus one.
    ///
    /// A kink strictly inside a cell changes the slope twice in a row (into and out of the
    /// mixed cell), so a run of changes in consecutive cells counts as one kink; two kinks
    /// less than two cells apart are therefore counted once. Use a grid fine enough for that.
    public static func linearPieces(of network: Sequential, from lower: Double, to upper: Double, cells: Int) -> Int {
        let xs = (0...cells).map { lower + (upper - lower) * Double($0) / Double(cells) }
        let ys = network.predict(Tensor(shape: [cells + 1, 1], scalars: xs)).scalars
        let h = (upper - lower) / Double(cells)
        var kinks = 0
        var previousChanged = false
        var slope = (ys[1] - ys[0]) / h
        for i in 1..<cells {
            let next = (ys[i + 1] - ys[i]) / h
            let changed = abs(next - slope) > 1e-6 * max(1, abs(slope))
            if changed && !previousChanged { kinks += 1 }
            previousChanged = changed
            slope = next
        }
        return kinks + 1
    }

    /// A one-hidden-layer sigmoid network (1 → 2 → 1) for σ(k(x − a)) − σ(k(x − b)): a smooth
    /// bump on [a, b] whose edges sharpen as the steepness k grows.
    public static func sigmoidBump(from a: Double, to b: Double, steepness k: Double) -> Sequential {
        Sequential([
            Dense(weights: Tensor(shape: [1, 2], scalars: [k, k]), bias: Tensor([-k * a, -k * b]), activation: .sigmoid),
            Dense(weights: Tensor(shape: [2, 1], scalars: [1, -1]), bias: .zeros([1]), activation: .identity),
        ])
    }
}

/// A step function s(x) = Σᵢ cᵢ 1[aᵢ,bᵢ](x) on consecutive pieces [edges[i], edges[i + 1]].
///
/// On a shared edge the right-hand piece wins, and the last piece includes its right end.
public struct StepFunction: Sendable, Equatable {
    /// a₁ < a₂ < … < a_{k+1}: k + 1 edges for k pieces.
    public var edges: [Double]
    /// c₁ … c_k, one height per piece.
    public var heights: [Double]

    public init(edges: [Double], heights: [Double]) {
        check(edges.count == heights.count + 1 && !heights.isEmpty,
                     "StepFunction: k pieces need k + 1 edges, got \(edges.count) edges and \(heights.count) heights")
        self.edges = edges
        self.heights = heights
    }

    /// The step function with k equal pieces on [lower, upper] whose heights are f at the midpoints.
    public init(approximating f: (Double) -> Double, from lower: Double, to upper: Double, pieces k: Int) {
        check(k > 0 && upper > lower, "StepFunction: need k > 0 pieces on a non-empty interval")
        let width = (upper - lower) / Double(k)
        let edges = (0...k).map { lower + Double($0) * width }
        self.init(edges: edges, heights: (0..<k).map { f(lower + (Double($0) + 0.5) * width) })
    }

    /// The number of pieces k.
    public var pieces: Int { heights.count }

    /// s(x): the height of the piece containing x, 0 outside [a₁, a_{k+1}].
    public func callAsFunction(_ x: Double) -> Double {
        guard x >= edges[0], x <= edges[pieces] else { return 0 }
        var low = 0, high = pieces   // the piece i with edges[i] ≤ x < edges[i + 1]
        while high - low > 1 {
            let middle = (low + high) / 2
            if edges[middle] <= x { low = middle } else { high = middle }
        }
        return heights[low]
    }
}
