import TensorCore

/// Fitting a network to samples of a function: full-batch gradient descent with Adam on the
/// half squared error, the "learned" counterpart of the universal-approximation construction.
public enum FunctionFitting {
    /// Trains `network` on the batch (inputs `[m, d]`, targets `[m, 1]`) for `steps` full-batch
    /// Adam steps with the given learning rate; returns the loss (1/m) Σ ½(ŷ − y)² before each step.
    @discardableResult
    public static func train(_ network: inout Sequential, inputs: Tensor, targets: Tensor, steps: Int,
                             learningRate: Double) -> [Double] {
        check(inputs.rank == 2 && targets.shape == [inputs.shape[0], 1],
                     "FunctionFitting.train: inputs \(inputs.shape) and targets \(targets.shape); expected [m, d] and [m, 1]")
        var optimizer = Adam(learningRate: learningRate)
        var losses: [Double] = []
        losses.reserveCapacity(steps)
        for _ in 0..<steps {
            losses.append(network.computeGradients(input: inputs, target: targets, loss: .halfSquaredError))
            optimizer.step(&network)
        }
        return losses
    }
}

/// The short course's Genz exercise: for each test function and dimension d, train a network on
/// n random points of [0, 1]ᵈ and measure its mean and maximum absolute error on uniform test points.
public struct GenzStudy: Sendable {
    /// What to run: the families, dimensions and sample sizes, and how to train.
    public struct Configuration: Sendable {
        public var families: [GenzFamily]
        public var dimensions: [Int]
        public var sampleSizes: [Int]
        /// The hidden layer widths of every network (ReLU), e.g. `[32, 32]`; the output is linear.
        public var hiddenWidths: [Int]
        /// Full-batch Adam steps per network.
        public var steps: Int
        public var learningRate: Double
        /// The number of uniform test points on which errors are measured.
        public var testPoints: Int

        public init(families: [GenzFamily], dimensions: [Int], sampleSizes: [Int], hiddenWidths: [Int],
                    steps: Int, learningRate: Double, testPoints: Int) {
            self.families = families
            self.dimensions = dimensions
            self.sampleSizes = sampleSizes
            self.hiddenWidths = hiddenWidths
            self.steps = steps
            self.learningRate = learningRate
            self.testPoints = testPoints
        }

        /// The number of networks the study trains.
        public var networkCount: Int { families.count * dimensions.count * sampleSizes.count }
    }

    /// The errors of one trained network.
    public struct Entry: Sendable, Equatable {
        public var family: GenzFamily
        public var dimension: Int
        public var samples: Int
        /// Mean |network − f| over the test points.
        public var meanError: Double
        /// Max |network − f| over the test points.
        public var maxError: Double
        /// Mean |f − mean of the training targets|: the error of a "network" that learned nothing
        /// but the average, for scale.
        public var constantMeanError: Double
        /// The standard deviation of f over the test points, for scale.
        public var spread: Double
    }

    public var configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Runs the study. All randomness (parameters c and w, training and test points, initial
    /// weights) comes from generators seeded by `seed`, per family and dimension. The training
    /// sets are nested: the n points are the first n of the largest sample, so a larger n only
    /// adds data. Targets are standardised with the training mean and standard deviation before
    /// training, and the network's outputs are mapped back. `progress` is called after each network.
    public func run(seed: UInt64, progress: (Entry) -> Void = { _ in }) -> [Entry] {
        var entries: [Entry] = []
        for family in configuration.families {
            for dimension in configuration.dimensions {
                var generator = SeededGenerator(seed: seed, stream: "Genz \(family.name), d = \(dimension)")
                let (c, w) = family.randomParameters(dimension: dimension, using: &generator)
                let largest = configuration.sampleSizes.max() ?? 0
                let trainInputs = Tensor.uniform([largest, dimension], in: 0...1, using: &generator)
                let trainTargets = family.values(trainInputs, c: c, w: w)
                let testInputs = Tensor.uniform([configuration.testPoints, dimension], in: 0...1, using: &generator)
                let testTargets = family.values(testInputs, c: c, w: w).scalars
                let testMean = testTargets.reduce(0, +) / Double(testTargets.count)
                let spread = (testTargets.reduce(0) { $0 + ($1 - testMean) * ($1 - testMean) } / Double(testTargets.count)).squareRoot()
                for n in configuration.sampleSizes {
                    let inputs = trainInputs.rows(0..<n)
                    let targets = Array(trainTargets.scalars[0..<n])
                    let mean = targets.reduce(0, +) / Double(n)
                    let variance = targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
                    let scale = variance > 1e-24 ? variance.squareRoot() : 1
                    let standardised = Tensor(shape: [n, 1], scalars: targets.map { ($0 - mean) / scale })
                    var network = Sequential(layerSizes: [dimension] + configuration.hiddenWidths + [1],
                                             weightInitializer: .heUniform, using: &generator)
                    FunctionFitting.train(&network, inputs: inputs, targets: standardised,
                                          steps: configuration.steps, learningRate: configuration.learningRate)
                    let predictions = network.predict(testInputs).scalars.map { $0 * scale + mean }
                    var (sum, worst, constantSum) = (0.0, 0.0, 0.0)
                    for (p, t) in zip(predictions, testTargets) {
                        sum += abs(p - t)
                        worst = max(worst, abs(p - t))
                        constantSum += abs(mean - t)
                    }
                    let count = Double(testTargets.count)
                    let entry = Entry(family: family, dimension: dimension, samples: n, meanError: sum / count,
                                      maxError: worst, constantMeanError: constantSum / count, spread: spread)
                    entries.append(entry)
                    progress(entry)
                }
            }
        }
        return entries
    }
}
