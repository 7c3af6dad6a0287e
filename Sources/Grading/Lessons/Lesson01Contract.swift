/// The exercises of Lesson 01, the perceptron.
///
/// `Exercises.Lesson01` (the stubs a student fills in) and `Solutions.Lesson01` (the reference
/// answers) both conform, so the compiler keeps their signatures identical and one set of
/// checks, `Lesson01Checks`, grades either.
public protocol Lesson01Answers: SendableMetatype {
    /// Exercise 1: the output of one neuron with a ReLU activation,
    /// `max(w₁x₁ + … + wₙxₙ + b, 0)`.
    static func reluNeuron(weights: [Double], bias: Double, input: [Double]) throws -> Double

    /// Exercise 2: the sigmoid's derivative σ′(z), given only the value `s = σ(z)`.
    static func sigmoidDerivative(sigmoid s: Double) throws -> Double

    /// Exercise 3: one epoch of the perceptron learning rule with a threshold activation.
    static func perceptronEpoch(weights: [Double], bias: Double, inputs: [[Double]], targets: [Double],
                                learningRate: Double) throws -> (weights: [Double], bias: Double)

    /// Exercise 4: weights of a network with two ReLU hidden units and a linear output that
    /// computes XNOR (1 when both inputs agree) exactly on {0, 1}².
    static func xnorNetwork() throws -> TwoLayerWeights
}

/// The weights of a 2–2–1 network: `ŷ = outputWeights · ReLU(hiddenWeights · x + hiddenBiases) + outputBias`.
public struct TwoLayerWeights: Sendable {
    /// Row `j` holds the two input weights of hidden unit `j` (shape 2 × 2).
    public var hiddenWeights: [[Double]]
    /// One bias per hidden unit (2 numbers).
    public var hiddenBiases: [Double]
    /// One weight per hidden unit into the output (2 numbers).
    public var outputWeights: [Double]
    /// The output's bias.
    public var outputBias: Double

    public init(hiddenWeights: [[Double]], hiddenBiases: [Double], outputWeights: [Double], outputBias: Double) {
        self.hiddenWeights = hiddenWeights
        self.hiddenBiases = hiddenBiases
        self.outputWeights = outputWeights
        self.outputBias = outputBias
    }

    /// The network's output on one input `[x₁, x₂]`.
    public func output(for input: [Double]) -> Double {
        var result = outputBias
        for (j, row) in hiddenWeights.enumerated() {
            let z = zip(row, input).reduce(hiddenBiases[j]) { $0 + $1.0 * $1.1 }
            result += outputWeights[j] * max(z, 0)
        }
        return result
    }
}
