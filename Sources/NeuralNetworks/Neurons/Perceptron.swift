import TensorCore

/// Rosenblatt's threshold perceptron: y = H(w·x + w₀), where H is the step function
/// (1 if its argument is > 0, else 0) and the bias w₀ is the weight of a constant input x₀ = 1.
///
/// It learns by the perceptron rule, one sample at a time: w ← w − η(y − t)x and
/// w₀ ← w₀ − η(y − t), which changes nothing when the output y equals the target t ∈ {0, 1}.
/// On linearly separable data (OR, AND) it stops making mistakes after finitely many updates
/// (the perceptron convergence theorem); on XOR it never does.
public struct Perceptron: Sendable {
    /// w, one weight per input.
    public var weights: Tensor
    /// w₀, the weight of the constant input x₀ = 1.
    public var bias: Double

    /// A perceptron with the given weights and bias.
    public init(weights: Tensor, bias: Double = 0) {
        check(weights.rank == 1, "Perceptron: weights must be a vector, got shape \(weights.shape)")
        self.weights = weights
        self.bias = bias
    }

    /// A perceptron with `inputCount` inputs and all weights (and the bias) zero.
    public init(inputCount: Int) {
        self.init(weights: .zeros([inputCount]), bias: 0)
    }

    /// A perceptron whose weights and bias are drawn uniformly from `range`.
    public init(inputCount: Int, initialRange range: ClosedRange<Double>, using generator: inout SeededGenerator) {
        let bias = generator.uniform(in: range)
        self.init(weights: .uniform([inputCount], in: range, using: &generator), bias: bias)
    }

    /// The number of inputs.
    public var inputCount: Int { weights.count }

    /// The weighted sum w·x + w₀ before the threshold.
    public func activation(for input: Tensor) -> Double {
        check(input.shape == weights.shape,
                     "Perceptron: input \(input.shape) does not match \(weights.count) weights")
        return dot(weights, input) + bias
    }

    /// The output H(w·x + w₀) ∈ {0, 1}.
    public func output(for input: Tensor) -> Double {
        activation(for: input) > 0 ? 1 : 0
    }

    /// The output H(w·x + w₀) ∈ {0, 1} for an input given as an array.
    public func output(for input: [Double]) -> Double {
        output(for: Tensor(input))
    }

    /// Applies the perceptron rule to one sample and returns whether the output was wrong
    /// before the update (when it was right, nothing changes).
    @discardableResult
    public mutating func update(input: Tensor, target: Double, learningRate: Double = 1) -> Bool {
        let error = output(for: input) - target
        guard error != 0 else { return false }
        weights.add(input, scaledBy: -learningRate * error)
        bias -= learningRate * error
        return true
    }

    /// One pass over the samples in order, updating after each; returns the number of mistakes
    /// (samples whose output was wrong before their own update).
    ///
    /// Shapes: `inputs` is `[samples, inputCount]`, `targets` is `[samples]` of 0s and 1s.
    @discardableResult
    public mutating func trainEpoch(inputs: Tensor, targets: Tensor, learningRate: Double = 1) -> Int {
        check(inputs.rank == 2 && inputs.shape[1] == inputCount,
                     "Perceptron.trainEpoch: inputs \(inputs.shape) should be [samples, \(inputCount)]")
        check(targets.shape == [inputs.shape[0]],
                     "Perceptron.trainEpoch: targets \(targets.shape) should be [\(inputs.shape[0])]")
        var mistakes = 0
        for i in 0..<inputs.shape[0] where update(input: inputs.row(i), target: targets[i], learningRate: learningRate) {
            mistakes += 1
        }
        return mistakes
    }

    /// `trainEpoch(inputs:targets:learningRate:)` for samples given as arrays.
    @discardableResult
    public mutating func trainEpoch(inputs: [[Double]], targets: [Double], learningRate: Double = 1) -> Int {
        trainEpoch(inputs: Tensor(inputs), targets: Tensor(targets), learningRate: learningRate)
    }

    /// Trains epoch after epoch until an epoch makes no mistakes or `maxEpochs` have run;
    /// returns the number of mistakes of each epoch (the last is 0 if it converged).
    @discardableResult
    public mutating func train(inputs: Tensor, targets: Tensor, learningRate: Double = 1,
                               maxEpochs: Int = 100) -> [Int] {
        var history: [Int] = []
        for _ in 0..<maxEpochs {
            let mistakes = trainEpoch(inputs: inputs, targets: targets, learningRate: learningRate)
            history.append(mistakes)
            if mistakes == 0 { break }
        }
        return history
    }

    /// `train(inputs:targets:learningRate:maxEpochs:)` for samples given as arrays.
    @discardableResult
    public mutating func train(inputs: [[Double]], targets: [Double], learningRate: Double = 1,
                               maxEpochs: Int = 100) -> [Int] {
        train(inputs: Tensor(inputs), targets: Tensor(targets), learningRate: learningRate, maxEpochs: maxEpochs)
    }
}
