// The forward and backward passes of `QNetwork` on one half of a batch, on raw buffers, and
// the layout of the scratch memory they work in.

import Dispatch
import Foundation
import TensorCore

/// Where each half-batch keeps its numbers inside `QNetwork`'s one scratch array. Per half:
/// every layer's outputs (rows × width, layers 1…L; layer 0 is the caller's input), every
/// layer's δ = ∂L/∂(pre-activation), the half's partial gradient in parameter order, its sums
/// of the loss and of Q(s, a), and for a Q-learning step Q_φ(s′, ·), Q_θ(s′, ·) and the targets.
struct PassLayout: Sendable {
    /// The most rows one half holds.
    let rowCapacity: Int
    /// Offset of layer l's output within a half (index 0 unused).
    let outputOffsets: [Int]
    /// Offset of layer l's δ within a half (index 0 unused).
    let deltaOffsets: [Int]
    /// Offset of each parameter tensor's partial gradient within a half.
    let gradientOffsets: [Int]
    /// Offset of the half's (loss sum, Q sum).
    let lossOffset: Int
    /// Offsets of Q_φ(s′, ·) and Q_θ(s′, ·) (rows × actions each) and of the targets y (rows).
    let nextTargetQOffset: Int, nextOnlineQOffset: Int, targetsOffset: Int
    /// Doubles per half.
    let halfStride: Int

    /// A batch is computed as at most this many pieces.
    static let halves = 2

    init(layerSizes: [Int], rowCapacity: Int) {
        self.rowCapacity = rowCapacity
        var offset = 0
        var outputs = [0], deltas = [0]
        for width in layerSizes.dropFirst() {
            outputs.append(offset)
            offset += rowCapacity * width
        }
        for width in layerSizes.dropFirst() {
            deltas.append(offset)
            offset += rowCapacity * width
        }
        var gradients: [Int] = []
        for l in 0..<(layerSizes.count - 1) {
            gradients.append(offset)
            offset += layerSizes[l] * layerSizes[l + 1]
            gradients.append(offset)
            offset += layerSizes[l + 1]
        }
        outputOffsets = outputs
        deltaOffsets = deltas
        gradientOffsets = gradients
        lossOffset = offset
        offset += 2
        let actions = layerSizes[layerSizes.count - 1]
        nextTargetQOffset = offset
        offset += rowCapacity * actions
        nextOnlineQOffset = offset
        offset += rowCapacity * actions
        targetsOffset = offset
        offset += rowCapacity
        halfStride = offset
    }

    /// Two halves from `QNetwork.rowsToSplit` rows on, else one piece.
    static func halfCount(rows: Int) -> Int { rows >= QNetwork.rowsToSplit ? halves : 1 }

    /// Calls `body(half, firstRow, rowCount)` for each piece of a batch of `rows`, on separate
    /// cores when the machine has more than one. Each call must touch only its own half.
    static func forEachHalf(of rows: Int, _ body: @Sendable (_ half: Int, _ start: Int, _ count: Int) -> Void) {
        let count = halfCount(rows: rows)
        if count > 1 && coreCount > 1 {
            DispatchQueue.concurrentPerform(iterations: count) { half in
                body(half, rows * half / count, rows * (half + 1) / count - rows * half / count)
            }
        } else {
            for half in 0..<count {
                body(half, rows * half / count, rows * (half + 1) / count - rows * half / count)
            }
        }
    }

    /// Read once: asking Foundation costs microseconds per call.
    static let coreCount = ProcessInfo.processInfo.activeProcessorCount
}

/// The caller's buffers, handed to the worker threads. The halves read `inputs` and write
/// disjoint parts of `scratch` and `output`, which is what makes the unchecked `Sendable` sound.
struct PassBuffers: @unchecked Sendable {
    /// The network's inputs, row after row (the states s).
    let inputs: UnsafePointer<Double>
    let scratch: UnsafeMutablePointer<Double>
    /// Where `predict` writes the Q-values.
    var output: UnsafeMutablePointer<Double>? = nil
    /// The chosen actions aᵢ of a gradient computation.
    var actions: UnsafePointer<Int>? = nil
}

/// Where a gradient computation's targets come from: given (`targets`), or computed by each
/// half from rewards, terminal flags and next states (a Q-learning step).
enum PassTargets: @unchecked Sendable {
    case given(UnsafePointer<Double>)
    case computed(rewards: UnsafePointer<Double>, terminals: UnsafePointer<Double>, nextStates: UnsafePointer<Double>)
}

/// The passes themselves: one half-batch, one thread, no allocation.
enum Pass {
    /// Runs the network on `rows` inputs, leaving each layer's output in the half's scratch;
    /// returns the last layer's (the Q-values). Each layer is the product X·W with the
    /// library's matrix kernel, then the bias and, on hidden layers, ReLU.
    static func forward(layerSizes: [Int], parameters: [Tensor], layout: PassLayout,
                        inputs: UnsafePointer<Double>, rows: Int, scratch: UnsafeMutablePointer<Double>)
        -> UnsafeMutablePointer<Double> {
        let last = layerSizes.count - 1
        var x = inputs
        for l in 1...last {
            let nIn = layerSizes[l - 1], nOut = layerSizes[l]
            let y = scratch + layout.outputOffsets[l]
            parameters[2 * (l - 1)].withUnsafeBufferPointer { w in
                matmul(UnsafeBufferPointer(start: x, count: rows * nIn), w,
                       into: UnsafeMutableBufferPointer(start: y, count: rows * nOut), m: rows, n: nOut, k: nIn)
            }
            parameters[2 * (l - 1) + 1].withUnsafeBufferPointer { b in
                addBias(b, to: y, rows: rows, applyingReLU: l < last)
            }
            x = UnsafePointer(y)
        }
        return scratch + layout.outputOffsets[last]
    }

    /// y[r, j] += b[j] for every row r, then max(·, 0) if `applyingReLU`.
    private static func addBias(_ b: UnsafeBufferPointer<Double>, to y: UnsafeMutablePointer<Double>,
                                rows: Int, applyingReLU: Bool) {
        let n = b.count
        for r in 0..<rows {
            let row = y + r * n
            if applyingReLU {
                for j in 0..<n { row[j] = max(row[j] + b[j], 0) }
            } else {
                for j in 0..<n { row[j] += b[j] }
            }
        }
    }

    /// After `forward` on the same rows: the loss on the chosen actions and its gradient with
    /// respect to every parameter, written into the half's partial gradient; the half's sums of
    /// the loss and of Q(s, a) go to `layout.lossOffset`. `scale` is 1/m for the whole batch.
    ///
    /// Layer by layer from the top: ∂L/∂W = xᵀδ, ∂L/∂b = Σ_rows δ, δ_prev = (δWᵀ) ⊙ [x > 0].
    static func backward(layerSizes: [Int], parameters: [Tensor], layout: PassLayout,
                         inputs: UnsafePointer<Double>, rows: Int,
                         actions: UnsafePointer<Int>, targets: UnsafePointer<Double>,
                         scale: Double, loss: DQNLoss, scratch: UnsafeMutablePointer<Double>) {
        let top = layerSizes.count - 1
        let nA = layerSizes[top]
        let q = scratch + layout.outputOffsets[top]
        let deltaTop = scratch + layout.deltaOffsets[top]
        deltaTop.update(repeating: 0, count: rows * nA)
        var totalLoss = 0.0, totalQ = 0.0
        for r in 0..<rows {
            let value = q[r * nA + actions[r]]
            let error = value - targets[r]
            totalLoss += loss.value(error)
            totalQ += value
            deltaTop[r * nA + actions[r]] = loss.derivative(error) * scale
        }
        scratch[layout.lossOffset] = totalLoss
        scratch[layout.lossOffset + 1] = totalQ

        for l in stride(from: top, through: 1, by: -1) {
            let nIn = layerSizes[l - 1], nOut = layerSizes[l]
            let x = l == 1 ? inputs : UnsafePointer(scratch + layout.outputOffsets[l - 1])
            let delta = UnsafeBufferPointer(start: scratch + layout.deltaOffsets[l], count: rows * nOut)
            let weightGradient = scratch + layout.gradientOffsets[2 * (l - 1)]
            let biasGradient = scratch + layout.gradientOffsets[2 * (l - 1) + 1]
            matmul(UnsafeBufferPointer(start: x, count: rows * nIn), delta,
                   into: UnsafeMutableBufferPointer(start: weightGradient, count: nIn * nOut),
                   m: nIn, n: nOut, k: rows, transposeA: true)
            biasGradient.update(repeating: 0, count: nOut)
            for r in 0..<rows {
                for j in 0..<nOut { biasGradient[j] += delta[r * nOut + j] }
            }
            if l > 1 {
                let previous = scratch + layout.deltaOffsets[l - 1]
                parameters[2 * (l - 1)].withUnsafeBufferPointer { w in
                    matmul(delta, w, into: UnsafeMutableBufferPointer(start: previous, count: rows * nIn),
                           m: rows, n: nIn, k: nOut, transposeB: true)
                }
                // ReLU′: only units whose output (this layer's input x) was positive pass δ on.
                for i in 0..<(rows * nIn) where x[i] <= 0 { previous[i] = 0 }
            }
        }
    }
}
