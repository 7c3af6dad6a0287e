import TensorCore

/// A small, fully specified experiment: train the same deep, plain ReLU network from different
/// weight initializations and compare the loss curves.
///
/// Every hyperparameter is a named property, so a lesson and its tests run exactly the same
/// configuration. The task is regression of t(x₁, x₂) = sin(πx₁)·cos(πx₂) on points drawn
/// uniformly from [−1, 1]², with the half squared error, mini-batch SGD with momentum, and a
/// network of `hiddenLayers` ReLU layers of `width` units and one linear output. Each run draws
/// the same data set and the same sequence of mini-batches; only the weights differ.
public struct InitializationStudy: Sendable {
    /// The number of hidden ReLU layers.
    public var hiddenLayers: Int
    /// The width of every hidden layer.
    public var width: Int
    /// The number of training points.
    public var sampleCount: Int
    /// The number of points per SGD step.
    public var batchSize: Int
    /// The number of SGD steps.
    public var steps: Int
    /// η of `Momentum`.
    public var learningRate: Double
    /// μ of `Momentum`.
    public var momentum: Double
    /// The loss on the whole training set is recorded every `evaluationInterval` steps.
    public var evaluationInterval: Int

    public init(hiddenLayers: Int, width: Int, sampleCount: Int, batchSize: Int, steps: Int,
                learningRate: Double, momentum: Double, evaluationInterval: Int) {
        check(hiddenLayers >= 1 && width >= 1 && sampleCount >= batchSize && batchSize >= 1 && steps >= 1
                     && evaluationInterval >= 1, "InitializationStudy: invalid configuration")
        self.hiddenLayers = hiddenLayers
        self.width = width
        self.sampleCount = sampleCount
        self.batchSize = batchSize
        self.steps = steps
        self.learningRate = learningRate
        self.momentum = momentum
        self.evaluationInterval = evaluationInterval
    }

    /// The configuration of a full lesson run.
    public static let standard = InitializationStudy(
        hiddenLayers: 30, width: 32, sampleCount: 256, batchSize: 32, steps: 1500,
        learningRate: 0.01, momentum: 0.9, evaluationInterval: 25)

    /// The configuration of `--quick` and of the tests: the same network, fewer steps.
    public static let quick = InitializationStudy(
        hiddenLayers: 30, width: 32, sampleCount: 256, batchSize: 32, steps: 500,
        learningRate: 0.01, momentum: 0.9, evaluationInterval: 25)

    /// The function the network learns, t(x₁, x₂) = sin(πx₁)·cos(πx₂).
    public static func target(_ x1: Double, _ x2: Double) -> Double {
        sin(Double.pi * x1) * cos(Double.pi * x2)
    }

    /// The training set: inputs `[sampleCount, 2]` uniform on [−1, 1]² and targets `[sampleCount, 1]`.
    public func dataset(seed: UInt64) -> (inputs: Tensor, targets: Tensor) {
        var generator = SeededGenerator(seed: seed, stream: "data")
        let inputs = Tensor.uniform([sampleCount, 2], in: -1...1, using: &generator)
        let targets = Tensor(shape: [sampleCount, 1], scalars: (0..<sampleCount).map {
            Self.target(inputs[$0, 0], inputs[$0, 1])
        })
        return (inputs, targets)
    }

    /// The network 2 → width → … → width → 1 with weights drawn by `weightInitializer`.
    public func network(weightInitializer: Initializer, seed: UInt64) -> Sequential {
        var generator = SeededGenerator(seed: seed)
        return Sequential(layerSizes: [2] + Array(repeating: width, count: hiddenLayers) + [1],
                          hiddenActivation: .relu, outputActivation: .identity,
                          weightInitializer: weightInitializer, using: &generator)
    }

    /// Trains one network and returns the training-set loss before the first step and after
    /// every `evaluationInterval` steps (`steps / evaluationInterval + 1` numbers).
    ///
    /// `seed` fixes the data, the weights and the mini-batches; `progress` is called after
    /// every step with the step number (1…steps), for a progress bar.
    public func train(weightInitializer: Initializer, seed: UInt64,
                      progress: ((Int) -> Void)? = nil) -> [Double] {
        let (inputs, targets) = dataset(seed: seed)
        var model = network(weightInitializer: weightInitializer, seed: SeededGenerator.seed(seed, stream: "weights"))
        var optimizer = Momentum(learningRate: learningRate, momentum: momentum)
        var batches = SeededGenerator(seed: seed, stream: "mini-batches")
        let loss = Loss.halfSquaredError
        var history = [loss.value(prediction: model.predict(inputs), target: targets)]
        var order: [Int] = []
        for step in 1...steps {
            if order.count < batchSize { order += batches.permutation(sampleCount) }
            let batch = Array(order.prefix(batchSize))
            order.removeFirst(batchSize)
            model.computeGradients(input: inputs.rows(at: batch), target: targets.rows(at: batch), loss: loss)
            optimizer.step(&model)
            if step % evaluationInterval == 0 {
                history.append(loss.value(prediction: model.predict(inputs), target: targets))
            }
            progress?(step)
        }
        return history
    }
}
