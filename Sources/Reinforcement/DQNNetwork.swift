import NeuralNetworks
import TensorCore

/// The loss a DQN update minimises on the chosen actions, averaged over the mini-batch of m:
/// squared ½(Q − y)² (gradient (Q − y)/m), or Huber with threshold 1, which is ½(Q − y)² for
/// |Q − y| ≤ 1 and |Q − y| − ½ beyond (gradient clip(Q − y, −1, 1)/m): quadratic near the
/// target, linear far from it, so a single wild target cannot produce a huge step.
public enum DQNLoss: String, Sendable, CaseIterable {
    case squared
    case huber

    /// The loss of one error e = Q − y.
    public func value(_ error: Double) -> Double {
        switch self {
        case .squared: return 0.5 * error * error
        case .huber: return abs(error) <= 1 ? 0.5 * error * error : abs(error) - 0.5
        }
    }

    /// The derivative of `value` with respect to Q.
    public func derivative(_ error: Double) -> Double {
        switch self {
        case .squared: return error
        case .huber: return min(max(error, -1), 1)
        }
    }
}

/// A small action-value network Q_θ(s, ·): dense layers with ReLU between them and a linear
/// output with one unit per action, written for speed on the tiny batches of DQN.
///
/// The parameters use the layout of the library's `Dense` (W `[inputs, outputs]`, b `[outputs]`,
/// in the order W₁, b₁, W₂, b₂, …), so the library's optimizers update them directly and
/// `sequential` turns them into a `Sequential` for a summary or a gradient check. Unlike
/// `Sequential`, the forward and backward passes reuse buffers allocated once, and the backward
/// pass starts from the loss on the *chosen* actions only: the other outputs have no target.
public struct QNetwork: Sendable {
    /// Widths, input first: `[4, 64, 64, 2]`.
    public let layerSizes: [Int]
    /// W₁, b₁, W₂, b₂, … (Dense layout).
    public var parameters: [Tensor]
    /// ∂L/∂θ from the last `trainStep`, same layout as `parameters`.
    public private(set) var gradients: [Tensor]

    /// Post-activation values per layer for the last forward pass: `activations[0]` the input,
    /// the last one Q. Each sized for `capacity` rows.
    private var activations: [[Double]]
    /// ∂L/∂(pre-activation) per layer, scratch for the backward pass.
    private var deltas: [[Double]]
    private var capacity = 0

    /// A network with PyTorch's default initialisation for linear layers: every weight and bias
    /// uniform in ±1/√fanIn.
    public init(layerSizes: [Int], using generator: inout SeededGenerator) {
        if layerSizes.count < 2 || layerSizes.contains(where: { $0 < 1 }) {
            fatalError("QNetwork: need at least two positive layer sizes, got \(layerSizes)")
        }
        self.layerSizes = layerSizes
        var parameters: [Tensor] = []
        for l in 0..<(layerSizes.count - 1) {
            let bound = 1 / Double(layerSizes[l]).squareRoot()
            parameters.append(Tensor.uniform([layerSizes[l], layerSizes[l + 1]], in: -bound...bound, using: &generator))
            parameters.append(Tensor.uniform([layerSizes[l + 1]], in: -bound...bound, using: &generator))
        }
        self.parameters = parameters
        self.gradients = parameters.map { Tensor.zeros($0.shape) }
        self.activations = layerSizes.map { _ in [] }
        self.deltas = layerSizes.map { _ in [] }
    }

    /// The number of actions (output units).
    public var actionCount: Int { layerSizes[layerSizes.count - 1] }
    /// The number of observation inputs.
    public var observationCount: Int { layerSizes[0] }
    /// All weights and biases.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The same network as a library `Sequential` (ReLU hidden layers, identity output).
    public var sequential: Sequential {
        Sequential((0..<(layerSizes.count - 1)).map { l in
            Dense(weights: parameters[2 * l], bias: parameters[2 * l + 1],
                  activation: l == layerSizes.count - 2 ? .identity : .relu)
        })
    }

    private mutating func reserve(rows: Int) {
        guard rows > capacity else { return }
        capacity = rows
        for l in layerSizes.indices {
            activations[l] = Array(repeating: 0, count: rows * layerSizes[l])
            deltas[l] = Array(repeating: 0, count: rows * layerSizes[l])
        }
    }

    /// Q(s, ·) for one observation.
    public mutating func qValues(_ observation: [Double]) -> [Double] {
        forward(observation, rows: 1)
        return Array(activations[layerSizes.count - 1][0..<actionCount])
    }

    /// Q(s, ·) for `rows` observations laid out row after row in `inputs`, written row after
    /// row into `output` (which must hold `rows · actionCount` numbers).
    public mutating func predict(_ inputs: [Double], rows: Int, into output: inout [Double]) {
        forward(inputs, rows: rows)
        let q = activations[layerSizes.count - 1]
        for i in 0..<(rows * actionCount) { output[i] = q[i] }
    }

    /// The forward pass, leaving every layer's output in `activations`.
    private mutating func forward(_ inputs: [Double], rows: Int) {
        if inputs.count < rows * observationCount {
            fatalError("QNetwork: \(rows) rows need \(rows * observationCount) inputs, got \(inputs.count)")
        }
        reserve(rows: rows)
        for i in 0..<(rows * observationCount) { activations[0][i] = inputs[i] }
        let last = layerSizes.count - 2
        for l in 0...last {
            let nIn = layerSizes[l], nOut = layerSizes[l + 1]
            let relu = l < last
            let input = activations[l]
            parameters[2 * l].withUnsafeBufferPointer { w in
                parameters[2 * l + 1].withUnsafeBufferPointer { b in
                    input.withUnsafeBufferPointer { x in
                        activations[l + 1].withUnsafeMutableBufferPointer { y in
                            Self.denseForward(x: x, w: w, b: b, y: y, rows: rows, nIn: nIn, nOut: nOut, relu: relu)
                        }
                    }
                }
            }
        }
    }

    private static func denseForward(x: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>,
                                     b: UnsafeBufferPointer<Double>, y: UnsafeMutableBufferPointer<Double>,
                                     rows: Int, nIn: Int, nOut: Int, relu: Bool) {
        for r in 0..<rows {
            let yRow = y.baseAddress! + r * nOut
            for j in 0..<nOut { yRow[j] = b[j] }
            for k in 0..<nIn {
                let a = x[r * nIn + k]
                if a == 0 { continue }
                let wRow = w.baseAddress! + k * nOut
                for j in 0..<nOut { yRow[j] += a * wRow[j] }
            }
            if relu { for j in 0..<nOut where yRow[j] < 0 { yRow[j] = 0 } }
        }
    }

    /// One gradient computation on a mini-batch: Q_θ(sᵢ, aᵢ) against targets yᵢ. Fills
    /// `gradients` with ∂L/∂θ of L = (1/m) Σᵢ loss(Q_θ(sᵢ, aᵢ) − yᵢ) and returns L and the mean of
    /// Q_θ(sᵢ, aᵢ). The targets are constants here: no gradient flows into them.
    @discardableResult
    public mutating func computeGradients(states: [Double], actions: [Int], targets: [Double], rows: Int,
                                          loss: DQNLoss) -> (loss: Double, meanQ: Double) {
        forward(states, rows: rows)
        let top = layerSizes.count - 1
        let nA = actionCount
        var total = 0.0, sumQ = 0.0
        let scale = 1 / Double(rows)
        for i in 0..<(rows * nA) { deltas[top][i] = 0 }
        for r in 0..<rows {
            let q = activations[top][r * nA + actions[r]]
            let error = q - targets[r]
            total += loss.value(error)
            sumQ += q
            deltas[top][r * nA + actions[r]] = loss.derivative(error) * scale
        }
        // Backward, layer by layer: ∂L/∂W = xᵀδ, ∂L/∂b = Σ_rows δ, δ_prev = (δWᵀ) ⊙ [x > 0].
        for l in stride(from: top - 1, through: 0, by: -1) {
            let nIn = layerSizes[l], nOut = layerSizes[l + 1]
            let input = activations[l], delta = deltas[l + 1]
            input.withUnsafeBufferPointer { x in
                delta.withUnsafeBufferPointer { d in
                    gradients[2 * l].withUnsafeMutableBufferPointer { gw in
                        Self.denseWeightGradient(x: x, delta: d, gw: gw, rows: rows, nIn: nIn, nOut: nOut)
                    }
                    gradients[2 * l + 1].withUnsafeMutableBufferPointer { gb in
                        for j in 0..<nOut { gb[j] = 0 }
                        for r in 0..<rows { for j in 0..<nOut { gb[j] += d[r * nOut + j] } }
                    }
                }
            }
            if l > 0 {
                parameters[2 * l].withUnsafeBufferPointer { w in
                    input.withUnsafeBufferPointer { x in
                        delta.withUnsafeBufferPointer { d in
                            deltas[l].withUnsafeMutableBufferPointer { dPrev in
                                Self.denseInputGradient(x: x, delta: d, w: w, dPrev: dPrev, rows: rows, nIn: nIn, nOut: nOut)
                            }
                        }
                    }
                }
            }
        }
        return (total * scale, sumQ * scale)
    }

    private static func denseWeightGradient(x: UnsafeBufferPointer<Double>, delta: UnsafeBufferPointer<Double>,
                                            gw: UnsafeMutableBufferPointer<Double>, rows: Int, nIn: Int, nOut: Int) {
        for i in 0..<(nIn * nOut) { gw[i] = 0 }
        for r in 0..<rows {
            let dRow = delta.baseAddress! + r * nOut
            for k in 0..<nIn {
                let a = x[r * nIn + k]
                if a == 0 { continue }
                let gRow = gw.baseAddress! + k * nOut
                for j in 0..<nOut { gRow[j] += a * dRow[j] }
            }
        }
    }

    private static func denseInputGradient(x: UnsafeBufferPointer<Double>, delta: UnsafeBufferPointer<Double>,
                                           w: UnsafeBufferPointer<Double>, dPrev: UnsafeMutableBufferPointer<Double>,
                                           rows: Int, nIn: Int, nOut: Int) {
        for r in 0..<rows {
            let dRow = delta.baseAddress! + r * nOut
            for k in 0..<nIn {
                // ReLU′: the unit's output was positive (its input to this layer is x).
                guard x[r * nIn + k] > 0 else { dPrev[r * nIn + k] = 0; continue }
                let wRow = w.baseAddress! + k * nOut
                var s = 0.0
                for j in 0..<nOut { s += dRow[j] * wRow[j] }
                dPrev[r * nIn + k] = s
            }
        }
    }

    /// φ ← θ: the hard update of a target network.
    public mutating func copyParameters(from online: QNetwork) {
        for i in parameters.indices {
            online.parameters[i].withUnsafeBufferPointer { source in
                parameters[i].withUnsafeMutableBufferPointer { p in
                    for k in 0..<p.count { p[k] = source[k] }
                }
            }
        }
    }

    /// φ ← τθ + (1 − τ)φ: the soft (Polyak) update of a target network toward `online`.
    public mutating func softUpdate(toward online: QNetwork, tau: Double) {
        for i in parameters.indices {
            online.parameters[i].withUnsafeBufferPointer { source in
                parameters[i].withUnsafeMutableBufferPointer { p in
                    for k in 0..<p.count { p[k] = tau * source[k] + (1 - tau) * p[k] }
                }
            }
        }
    }
}
