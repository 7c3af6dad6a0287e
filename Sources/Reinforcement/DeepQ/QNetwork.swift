import NeuralNetworks
import TensorCore

/// A small action-value network Q_θ(s, ·): dense layers with ReLU between them and a linear
/// output with one unit per action, written for speed on the mini-batches of DQN.
///
/// The parameters use the layout of the library's `Dense` (W `[inputs, outputs]`, b `[outputs]`,
/// in the order W₁, b₁, W₂, b₂, …), so the library's optimizers update them directly and
/// `sequential` turns them into a `Sequential` for a summary or a gradient check. Unlike
/// `Sequential`, the passes reuse buffers allocated once, and the backward pass starts from the
/// loss on the *chosen* actions only: the other outputs have no target.
///
/// A batch of at least `rowsToSplit` rows is cut into two halves that run on two cores, each
/// half's gradient summed into the result at the end (`HalfBatchPass.swift`). The cut depends
/// only on the number of rows, never on the number of cores, so a seeded run gives the same
/// numbers on a one-core and a many-core machine.
public struct QNetwork: Sendable {
    /// Widths, input first: `[4, 64, 64, 2]`.
    public let layerSizes: [Int]
    /// W₁, b₁, W₂, b₂, … (Dense layout).
    public var parameters: [Tensor]
    /// ∂L/∂θ from the last `computeGradients`, same layout as `parameters`.
    public private(set) var gradients: [Tensor]

    /// Batches of at least this many rows are computed as two halves in parallel. Below it a
    /// half's work is too small to pay for waking a second core.
    public static let rowsToSplit = 64

    /// Every layer's outputs and δs and a partial gradient, per half-batch (see `PassLayout`).
    private var scratch: [Double] = []
    private var layout: PassLayout

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
        self.layout = PassLayout(layerSizes: layerSizes, rowCapacity: 0)
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

    /// Grows the scratch buffer, once, to hold a batch of `rows`.
    private mutating func reserve(rows: Int) {
        let halves = PassLayout.halfCount(rows: rows)
        let perHalf = (rows + halves - 1) / halves
        guard perHalf > layout.rowCapacity else { return }
        layout = PassLayout(layerSizes: layerSizes, rowCapacity: perHalf)
        scratch = Array(repeating: 0, count: PassLayout.halves * layout.halfStride)
    }

    private func checkInputs(_ count: Int, rows: Int) {
        check(count >= rows * observationCount, "QNetwork: \(rows) rows of \(observationCount) observations need \(rows * observationCount) inputs, got \(count)")
    }

    /// Q(s, ·) for one observation.
    public mutating func qValues(_ observation: [Double]) -> [Double] {
        var output = Array(repeating: 0.0, count: actionCount)
        predict(observation, rows: 1, into: &output)
        return output
    }

    /// Q(s, ·) for `rows` observations laid out row after row in `inputs`, written row after
    /// row into `output` (which must hold `rows · actionCount` numbers).
    public mutating func predict(_ inputs: [Double], rows: Int, into output: inout [Double]) {
        checkInputs(inputs.count, rows: rows)
        check(output.count >= rows * actionCount, "QNetwork: \(rows) rows of \(actionCount) Q-values need an output of \(rows * actionCount), got \(output.count)")
        reserve(rows: rows)
        let (sizes, parameters, layout) = (layerSizes, self.parameters, self.layout)
        let nA = actionCount, nIn = observationCount
        inputs.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { q in
                scratch.withUnsafeMutableBufferPointer { s in
                    let buffers = PassBuffers(inputs: x.baseAddress!, scratch: s.baseAddress!, output: q.baseAddress!)
                    PassLayout.forEachHalf(of: rows) { half, start, count in
                        let base = buffers.scratch + half * layout.halfStride
                        let top = Pass.forward(layerSizes: sizes, parameters: parameters, layout: layout,
                                               inputs: buffers.inputs + start * nIn, rows: count, scratch: base)
                        (buffers.output! + start * nA).update(from: top, count: count * nA)
                    }
                }
            }
        }
    }

    /// One gradient computation on a mini-batch: Q_θ(sᵢ, aᵢ) against targets yᵢ. Fills
    /// `gradients` with ∂L/∂θ of L = (1/m) Σᵢ loss(Q_θ(sᵢ, aᵢ) − yᵢ) and returns L and the mean of
    /// Q_θ(sᵢ, aᵢ). The targets are constants here: no gradient flows into them.
    @discardableResult
    public mutating func computeGradients(states: [Double], actions: [Int], targets: [Double], rows: Int,
                                          loss: DQNLoss) -> (loss: Double, meanQ: Double) {
        check(targets.count >= rows, "QNetwork: \(rows) rows need \(rows) targets, got \(targets.count)")
        return targets.withUnsafeBufferPointer { y in
            computeGradients(states: states, actions: actions, rows: rows, loss: loss, targets: .given(y.baseAddress!),
                             targetNetwork: nil, doubleDQN: false, discount: 0)
        }
    }

    /// The gradient of one Q-learning step on a replay mini-batch, as one pass over both cores.
    ///
    /// For each half of the batch: Q(s′, ·) from `target` (this network itself when `target` is
    /// nil), with double-DQN targets also Q_θ(s′, ·) from this network, the targets y of
    /// `DQNTargets`, and then the gradient of `computeGradients` on (s, a, y). The numbers are
    /// exactly those of `predict`, `DQNTargets` and `computeGradients` called one after the
    /// other; doing it in one go wakes the second core once per update instead of three times.
    @discardableResult
    public mutating func computeQLearningGradients(on batch: ReplayBatch, target: QNetwork?, doubleDQN: Bool,
                                                   discount: Double, loss: DQNLoss) -> (loss: Double, meanQ: Double) {
        check(target == nil || target!.layerSizes == layerSizes, "QNetwork: target network \(target!.layerSizes) differs from online network \(layerSizes)")
        let rows = batch.size
        checkInputs(batch.nextStates.count, rows: rows)
        return batch.rewards.withUnsafeBufferPointer { r in
            batch.terminals.withUnsafeBufferPointer { t in
                batch.nextStates.withUnsafeBufferPointer { next in
                    computeGradients(states: batch.states, actions: batch.actions, rows: rows, loss: loss,
                                     targets: .computed(rewards: r.baseAddress!, terminals: t.baseAddress!,
                                                        nextStates: next.baseAddress!),
                                     targetNetwork: target?.parameters, doubleDQN: doubleDQN, discount: discount)
                }
            }
        }
    }

    /// The shared body of the two gradient computations: per half of the batch, the targets
    /// (given, or computed with `targetNetwork`'s parameters as Q_φ, this network's own when
    /// nil), then the forward and backward pass; then the halves' sums, in a fixed order.
    private mutating func computeGradients(states: [Double], actions: [Int], rows: Int, loss: DQNLoss,
                                           targets: PassTargets, targetNetwork: [Tensor]?, doubleDQN: Bool,
                                           discount: Double) -> (loss: Double, meanQ: Double) {
        checkInputs(states.count, rows: rows)
        check(actions.count >= rows, "QNetwork: \(rows) rows need \(rows) actions, got \(actions.count)")
        reserve(rows: rows)
        let (sizes, parameters, layout) = (layerSizes, self.parameters, self.layout)
        let targetParameters = targetNetwork ?? parameters
        let nIn = observationCount, nA = actionCount, scale = 1 / Double(rows)
        let halves = PassLayout.halfCount(rows: rows)
        var totals = (loss: 0.0, q: 0.0)
        states.withUnsafeBufferPointer { x in
            actions.withUnsafeBufferPointer { a in
                scratch.withUnsafeMutableBufferPointer { s in
                    let buffers = PassBuffers(inputs: x.baseAddress!, scratch: s.baseAddress!, actions: a.baseAddress!)
                    PassLayout.forEachHalf(of: rows) { half, start, count in
                        let base = buffers.scratch + half * layout.halfStride
                        let y: UnsafePointer<Double>
                        switch targets {
                        case .given(let given):
                            y = given + start
                        case .computed(let rewards, let terminals, let nextStates):
                            // Q_φ(s′, ·), then Q_θ(s′, ·) for double DQN, then y row by row.
                            let next = nextStates + start * nIn
                            let targetQ = base + layout.nextTargetQOffset, onlineQ = base + layout.nextOnlineQOffset
                            targetQ.update(from: Pass.forward(layerSizes: sizes, parameters: targetParameters, layout: layout,
                                                              inputs: next, rows: count, scratch: base), count: count * nA)
                            if doubleDQN {
                                onlineQ.update(from: Pass.forward(layerSizes: sizes, parameters: parameters, layout: layout,
                                                                  inputs: next, rows: count, scratch: base), count: count * nA)
                            }
                            let computed = base + layout.targetsOffset
                            for i in 0..<count {
                                let row = start + i
                                computed[i] = doubleDQN
                                    ? DQNTargets.double(reward: rewards[row], terminal: terminals[row],
                                                        nextOnlineQ: onlineQ + i * nA, nextTargetQ: targetQ + i * nA,
                                                        actionCount: nA, discount: discount)
                                    : DQNTargets.standard(reward: rewards[row], terminal: terminals[row],
                                                          nextTargetQ: targetQ + i * nA, actionCount: nA, discount: discount)
                            }
                            y = UnsafePointer(computed)
                        }
                        _ = Pass.forward(layerSizes: sizes, parameters: parameters, layout: layout,
                                         inputs: buffers.inputs + start * nIn, rows: count, scratch: base)
                        Pass.backward(layerSizes: sizes, parameters: parameters, layout: layout,
                                      inputs: buffers.inputs + start * nIn, rows: count,
                                      actions: buffers.actions! + start, targets: y,
                                      scale: scale, loss: loss, scratch: base)
                    }
                    // The halves' sums, in a fixed order: half 0, then half 1.
                    for half in 0..<halves {
                        let base = s.baseAddress! + half * layout.halfStride
                        totals.loss += base[layout.lossOffset]
                        totals.q += base[layout.lossOffset + 1]
                    }
                    for p in gradients.indices {
                        gradients[p].withUnsafeMutableBufferPointer { g in
                            let offset = layout.gradientOffsets[p]
                            g.baseAddress!.update(from: s.baseAddress! + offset, count: g.count)
                            for half in 1..<halves {
                                let partial = s.baseAddress! + half * layout.halfStride + offset
                                for i in 0..<g.count { g[i] += partial[i] }
                            }
                        }
                    }
                }
            }
        }
        return (totals.loss * scale, totals.q * scale)
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
