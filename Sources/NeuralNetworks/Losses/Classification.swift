import TensorCore

/// One-hot rows: label k becomes the unit vector eₖ of length `classes`.
///
/// Shapes: m labels → `[m, classes]`. Every label must lie in `0..<classes`.
public func oneHot(_ labels: [Int], classes: Int) -> Tensor {
    check(classes > 0, "oneHot: classes must be positive, got \(classes)")
    var result = Tensor.zeros([labels.count, classes])
    result.withUnsafeMutableBufferPointer { p in
        for (i, label) in labels.enumerated() {
            check((0..<classes).contains(label), "oneHot: label \(label) outside 0..<\(classes)")
            p[i * classes + label] = 1
        }
    }
    return result
}

/// The fraction of predictions equal to their label, in [0, 1].
public func accuracy(predicted: [Int], actual: [Int]) -> Double {
    check(predicted.count == actual.count && !actual.isEmpty,
                 "accuracy: \(predicted.count) predictions for \(actual.count) labels")
    return Double(zip(predicted, actual).filter { $0 == $1 }.count) / Double(actual.count)
}

/// The confusion matrix: entry [a][p] counts the samples of true class a predicted as p.
///
/// Rows are the true classes, columns the predictions, so the diagonal holds the right
/// answers and each row sums to the number of samples of that class.
public func confusionMatrix(predicted: [Int], actual: [Int], classes: Int) -> [[Int]] {
    check(predicted.count == actual.count, "confusionMatrix: \(predicted.count) predictions for \(actual.count) labels")
    var matrix = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    for (p, a) in zip(predicted, actual) {
        check((0..<classes).contains(p) && (0..<classes).contains(a),
                     "confusionMatrix: class \(a) or prediction \(p) outside 0..<\(classes)")
        matrix[a][p] += 1
    }
    return matrix
}

extension Sequential {
    /// The predicted class of every row: the index of the largest output (softmax keeps the
    /// order of the logits, so the logits suffice). Shape `[m, inputs]` → m classes.
    public func predictClasses(_ inputs: Tensor) -> [Int] {
        predict(inputs).argmax(alongAxis: 1)
    }

    /// One epoch of mini-batch training for classification with softmax and cross-entropy:
    /// `trainEpoch` with one-hot targets and `Loss.categoricalCrossEntropyWithLogits` (shuffled
    /// batches of `batchSize`, one optimizer step each). Returns the mean of the batch losses,
    /// weighted by batch size.
    ///
    /// The last layer should be linear (`.identity`): the loss applies the softmax itself.
    /// Shapes: `inputs` `[m, n]`, `labels` m classes in `0..<outputCount`.
    @discardableResult
    public mutating func trainClassifierEpoch(inputs: Tensor, labels: [Int], batchSize: Int,
                                              optimizer: inout some Optimizer,
                                              using generator: inout SeededGenerator) -> Double {
        check(inputs.rank == 2 && inputs.shape[0] == labels.count,
                     "trainClassifierEpoch: inputs \(inputs.shape) for \(labels.count) labels")
        return trainEpoch(inputs: inputs, targets: oneHot(labels, classes: outputCount),
                          loss: .categoricalCrossEntropyWithLogits, batchSize: batchSize,
                          optimizer: &optimizer, using: &generator).meanLoss
    }

    /// The mean cross-entropy −(1/m) Σ ln softmax(z)ₖ of the network's logits on labelled data.
    public func crossEntropy(inputs: Tensor, labels: [Int]) -> Double {
        Loss.categoricalCrossEntropyWithLogits.value(prediction: predict(inputs),
                                                     target: oneHot(labels, classes: outputCount))
    }
}
