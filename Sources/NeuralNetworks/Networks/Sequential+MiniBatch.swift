import TensorCore

extension Sequential {
    /// One epoch of mini-batch gradient descent: the rows of `inputs` are shuffled (unless one
    /// batch holds them all), cut into consecutive batches of `batchSize` rows (the last one may
    /// be shorter), and for each batch the network computes the gradient of `loss` on that batch
    /// and `optimizer` takes one step.
    ///
    /// `batchSize` = m is batch gradient descent (one step per epoch, no shuffling),
    /// `batchSize` = 1 is stochastic gradient descent (m steps), anything between is mini-batch
    /// SGD. Because `Loss` averages over the rows of a batch, every step uses the mean gradient
    /// of its batch, an unbiased estimate of the full-data gradient.
    ///
    /// - Parameters:
    ///   - inputs: `[m, inputs]`, one sample per row.
    ///   - targets: `[m, outputs]`.
    ///   - afterStep: called after every step with the updated network (to record a path).
    /// - Returns: the number of steps taken, ⌈m / batchSize⌉, and the mean of the batch losses
    ///   weighted by batch size (each measured before its step).
    @discardableResult
    public mutating func trainEpoch(inputs: Tensor, targets: Tensor, loss: Loss, batchSize: Int,
                                    optimizer: inout some Optimizer, using generator: inout SeededGenerator,
                                    afterStep: (Sequential) -> Void = { _ in }) -> EpochSummary {
        check(inputs.rank == 2 && targets.rank == 2 && inputs.shape[0] == targets.shape[0],
                     "trainEpoch: inputs \(inputs.shape) and targets \(targets.shape) need the same number of rows")
        let m = inputs.shape[0]
        check(batchSize >= 1, "trainEpoch: batch size must be positive, got \(batchSize)")
        if batchSize >= m {
            let batchLoss = computeGradients(input: inputs, target: targets, loss: loss)
            optimizer.step(&self)
            afterStep(self)
            return EpochSummary(steps: 1, meanLoss: batchLoss)
        }
        let order = generator.permutation(m)
        var summary = EpochSummary(steps: 0, meanLoss: 0)
        for start in stride(from: 0, to: m, by: batchSize) {
            let rows = Array(order[start..<Swift.min(start + batchSize, m)])
            let batchLoss = computeGradients(input: inputs.rows(at: rows), target: targets.rows(at: rows), loss: loss)
            optimizer.step(&self)
            afterStep(self)
            summary.steps += 1
            summary.meanLoss += batchLoss * Double(rows.count) / Double(m)
        }
        return summary
    }
}

/// What one epoch of `Sequential.trainEpoch` did.
public struct EpochSummary: Sendable, Equatable {
    /// The number of optimizer steps, ⌈m / batchSize⌉.
    public var steps: Int
    /// The mean loss over the epoch's batches, weighted by batch size, each measured before its step.
    public var meanLoss: Double
}
