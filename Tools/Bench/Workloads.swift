// The workloads of the table: each builds its inputs once, then times one call at a time.

import NeuralNetworks
import Reinforcement
import TensorCore

// MARK: - Matrix product

/// One product to time: `[m×k]·[k×n]`, counted as 2·m·n·k floating-point operations.
struct Shape {
    let m: Int, k: Int, n: Int
    var label: String { m == k && k == n ? "\(m)³" : "[\(m)×\(k)]·[\(k)×\(n)]" }
    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
}

/// Square sizes, then the shapes of the lessons' networks: Lesson07's batch of 128 through
/// 4 → 128 → 128 → 2 and Lesson06's batch of 32 candidates through 198 → 40 → 1.
let matmulShapes = [32, 64, 128, 256, 512].map { Shape(m: $0, k: $0, n: $0) } + [
    Shape(m: 128, k: 4, n: 128), Shape(m: 128, k: 128, n: 2), Shape(m: 32, k: 198, n: 40), Shape(m: 32, k: 40, n: 1),
]

func matmulRow(_ shape: Shape, name: String? = nil, plan: MeasurementPlan, generator: inout SeededGenerator) -> Row {
    let a = Tensor.uniform([shape.m, shape.k], in: -1...1, using: &generator)
    let b = Tensor.uniform([shape.k, shape.n], in: -1...1, using: &generator)
    return measure("matmul", name ?? shape.label, unit: "GFLOP/s", unitsPerCall: shape.flops, scale: 1e-9, plan: plan) {
        matmul(a, b).scalars[0]
    }
}

// MARK: - Lesson07: one DQN update

/// Lesson07's gradient step, as `DQNAgent` takes it (`DQNUpdate.step`): sample 128 transitions
/// from the replay memory, Q_φ(s′, ·) from the target network and Q_θ(s′, ·) from the online one
/// (double-DQN targets), then forward, the loss of `DQNConfiguration.cartPole` (squared), backward and Adam on Q_θ(s, a).
struct DQNUpdateWorkload {
    var online: Sequential
    var target: Sequential
    var configuration = DQNConfiguration.cartPole
    var optimizer = Adam(learningRate: 1e-3)
    var memory: ReplayMemory
    var batch: ReplayBatch
    var generator: SeededGenerator

    init(layerSizes: [Int], batchSize: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        online = Sequential.qNetwork(layerSizes: layerSizes, using: &random)
        target = online
        let n = layerSizes[0], actions = layerSizes[layerSizes.count - 1]
        memory = ReplayMemory(capacity: 10_000, observationCount: n)
        for _ in 0..<10_000 {
            let state = (0..<n).map { _ in random.uniform(in: -1...1) }
            let next = state.map { $0 + random.uniform(in: -0.05...0.05) }
            memory.append(state: state, action: random.index(below: actions), reward: 1, nextState: next,
                          terminated: random.uniform() < 0.05)
        }
        generator = random
        batch = ReplayBatch(size: batchSize, observationCount: n)
    }

    mutating func step() -> Double {
        memory.sample(into: &batch, using: &generator)
        configuration.doubleDQN = true
        configuration.discount = 0.99
        return DQNUpdate.step(online: &online, target: target, optimizer: &optimizer, batch: batch,
                              configuration: configuration).loss
    }
}

func dqnRows(plan: MeasurementPlan) -> [Row] {
    [[4, 120, 84, 2], [4, 64, 64, 2]].map { sizes in
        var update = DQNUpdateWorkload(layerSizes: sizes, batchSize: 128, seed: 7)
        let label = sizes.map(String.init).joined(separator: "–")
        var row = measure("dqn", "update \(label), batch 128", unit: "updates/s", unitsPerCall: 1, plan: plan) {
            update.step()
        }
        row.flopsPerUnit = dqnUpdateFlops(layerSizes: sizes, batchSize: 128)
        return row
    }
}

/// The floating-point operations of one update's products, 2 per multiply–add: three forward
/// passes (Q_φ(s′, ·), Q_θ(s′, ·), Q_θ(s, ·)), then ∂L/∂W of every layer and ∂L/∂x of every layer
/// but the first. 13.6 MFLOP for 4–120–84–2 and batch 128; biases and activations left out.
func dqnUpdateFlops(layerSizes: [Int], batchSize: Int) -> Double {
    let products = zip(layerSizes, layerSizes.dropFirst()).map { Double($0 * $1) }
    let multiplyAdds = 3 * products.reduce(0, +) + products.reduce(0, +) + products.dropFirst().reduce(0, +)
    return 2 * Double(batchSize) * multiplyAdds
}

/// The floating-point operations of one dense evaluation of a 198–H–1 network, 2 per
/// multiply–add (15,920 for H = 40): the yardstick that turns evaluations/s into a share of the
/// peak. The sparse path skips the zero inputs, so this overstates the work it does.
func tdGammonEvaluationFlops(hidden: Int) -> Double { 2 * Double(198 * hidden + hidden) }

// MARK: - Lesson06: TD-Gammon

/// Candidate sets as the self-play loop sees them: every legal result of each roll in a game
/// between two random players.
func backgammonCandidateSets(seed: UInt64) -> [[BackgammonPosition]] {
    var random = SeededGenerator(seed: seed)
    let moves = BackgammonMoveGenerator()
    var sets: [[BackgammonPosition]] = []
    while sets.count < 200 {
        var position = BackgammonPosition.start
        while true {
            let (d1, d2) = rollDice(&random)
            moves.generate(position, d1, d2)
            sets.append(moves.positions)
            let next = moves.positions[random.index(below: moves.count)]
            if next.playerHasWon { break }
            position = next.swapped
        }
    }
    return sets
}

func tdGammonRows(plan: MeasurementPlan) -> [Row] {
    var generator = SeededGenerator(seed: 6)
    let network = TDGammonNetwork(hiddenCount: 40, using: &generator)
    let sets = backgammonCandidateSets(seed: 6)
    let all = sets.flatMap { $0 }
    var rows: [Row] = []
    for (batchSize, useMatmul) in [(1, false), (4, false), (16, false), (32, false), (32, true)] {
        // Batches of exactly `batchSize` distinct positions, cycled through.
        let batches = stride(from: 0, to: all.count - batchSize, by: batchSize).prefix(512).map {
            Array(all[$0..<($0 + batchSize)])
        }
        let evaluator = TDGammonEvaluator(useMatmul: useMatmul)
        var next = 0
        let name = (batchSize == 1 ? "evaluate 198–40–1, 1 position" : "evaluate 198–40–1, batch \(batchSize)")
            + (useMatmul ? " (matmul)" : "")
        var row = measure("tdgammon", name, unit: "positions/s", unitsPerCall: Double(batchSize), plan: plan) {
            next = next == batches.count - 1 ? 0 : next + 1
            return Double(evaluator.evaluate(network, batches[next]))
        }
        row.flopsPerUnit = tdGammonEvaluationFlops(hidden: 40)
        rows.append(row)
    }
    var random = SeededGenerator(seed: 66)
    let trainer = TDGammonTrainer(network: network)
    rows.append(measure("tdgammon", "self-play TD(λ) training game", unit: "games/s", unitsPerCall: 1, plan: plan) {
        Double(trainer.trainOneGame(random: &random))
    })
    return rows
}

// MARK: - Classification head

/// Softmax + categorical cross-entropy on a batch of 128 logits over 10 classes: the loss and
/// its gradient with respect to the logits (forward and backward of the last layer).
func softmaxRow(plan: MeasurementPlan, generator: inout SeededGenerator) -> Row {
    let logits = Tensor.uniform([128, 10], in: -3...3, using: &generator)
    var oneHot = [Double](repeating: 0, count: 128 * 10)
    for r in 0..<128 { oneHot[r * 10 + generator.index(below: 10)] = 1 }
    let target = Tensor(shape: [128, 10], scalars: oneHot)
    return measure("softmax", "softmax + cross-entropy 128×10, fwd+bwd", unit: "batches/s", unitsPerCall: 1,
                   plan: plan) {
        let (value, gradient) = Loss.categoricalCrossEntropyWithLogits.evaluate(prediction: logits, target: target)
        return value + gradient.scalars[0]
    }
}

// MARK: - Convolution

/// One convolution to time: a batch through `Convolution2D` (im2col, then one `matmul`).
struct ConvolutionShape {
    let batch: Int, input: ImageShape, filters: Int, size: Int, padding: Int
    var label: String { "conv \(input) → \(filters)×\(size)², p \(padding), batch \(batch)" }
    /// 2 · m · F · H′ · W′ · C · f · f: the multiply–adds of the definition, padding included.
    func flops(_ layer: Convolution2D) -> Double {
        2 * Double(batch) * Double(layer.outputShape.count) * Double(layer.window.patchLength)
    }
}

/// Lesson10's digit reader (one 8 × 8 grey image, 6 filters of 3 × 3, batch 32) and a
/// mid-sized layer of the kind image networks stack (16 → 32 channels on 32 × 32).
let convolutionShapes = [
    ConvolutionShape(batch: 32, input: ImageShape(channels: 1, height: 8, width: 8), filters: 6, size: 3, padding: 1),
    ConvolutionShape(batch: 32, input: ImageShape(channels: 16, height: 32, width: 32), filters: 32, size: 3, padding: 1),
]

/// Forward alone (GFLOP/s of the definition), then forward + backward with ∂L/∂x (three times
/// the forward's operations: the output, ∂L/∂W and ∂L/∂x).
func convolutionRows(_ shape: ConvolutionShape, plan: MeasurementPlan, generator: inout SeededGenerator) -> [Row] {
    var layer = Convolution2D(input: shape.input, filters: shape.filters, kernelSize: shape.size,
                              padding: shape.padding, using: &generator)
    let x = Tensor.uniform([shape.batch, shape.input.count], in: -1...1, using: &generator)
    let delta = Tensor.uniform([shape.batch, layer.outputShape.count], in: -1...1, using: &generator)
    let flops = shape.flops(layer)
    let forward = measure("conv", shape.label, unit: "GFLOP/s", unitsPerCall: flops, scale: 1e-9, plan: plan) {
        layer(x).scalars[0]
    }
    let both = measure("conv", "  forward + backward", unit: "GFLOP/s", unitsPerCall: 3 * flops, scale: 1e-9, plan: plan) {
        _ = layer.forward(x)
        return layer.backward(delta).scalars[0]
    }
    return [forward, both]
}
