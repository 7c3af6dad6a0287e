// Lesson 09 — Overfitting and its cures: early stopping, dropout, batch normalization,
// residual networks and ensembles.
//
// A network with far more weights than training examples learns its training set by heart;
// this lesson makes that visible on 200 digits and measures, over five runs each, what the
// lecture's remedies do: stopping at the best validation loss, dropout (three ways of writing
// it, one way of implementing it), batch normalization (its backward pass and its running
// statistics), residual blocks against the degradation of deep plain networks, and averaging
// several networks. Run it with `swift run Lesson09`; the exercises are in
// `Exercises/Lesson09.swift`.
//
// Sources: main lecture (seed 000) lines 905–1005; Berkeley handouts (seed 003) lines 499–646;
// short course (seed 004) lines 1098–1152.

import Datasets
import Foundation
import LessonRuntime
import NeuralNetworks
import TensorCore

let epochsOption = Option("epochs", default: 100, quick: 60, atLeast: 10, help: "epochs of every digits run")
let stepsOption = Option("steps", default: 600, quick: 400, atLeast: 20,
                         help: "SGD steps of every deep-network run (batch normalization, residual blocks)")
let notebook = Notebook(
    title: "Lesson 09 · Overfitting and its cures",
    summary: "When a network memorises its training set, and what early stopping, dropout, batch "
        + "normalization, residual blocks and ensembles do about it, measured over five runs.",
    flags: [epochsOption, stepsOption])
let quick = notebook.options.quick
/// Epochs of every digits training run (sections 1–3 and 6).
let epochs = notebook.options[epochsOption]
/// SGD steps of every deep regression run (sections 4 and 5).
let deepSteps = notebook.options[stepsOption]
/// Every statistical claim of the lesson is measured over this many independent runs.
let runs = 5

/// The mean and sample standard deviation of one quantity over the runs, "mean ± sd".
func spread(_ values: [Double], scale: Double = 1, digits: Int = 4) -> String {
    let estimate = MonteCarloEstimate(values)
    return "\(formatNumber(scale * estimate.mean, digits: digits)) ± \(formatNumber(scale * estimate.standardDeviation, digits: digits))"
}
/// The mean of a list.
func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
/// A percentage with `digits` decimals.
func percent(_ fraction: Double, digits: Int = 1) -> String { formatNumber(100 * fraction, digits: digits) }
/// "k of n" for a count of runs.
func of(_ count: Int) -> String { "\(count) of \(runs)" }
/// A claim about the runs is made only when it holds in most of them.
func most(_ count: Int) -> Bool { 2 * count > runs }
/// Time per part of the lesson, on standard error (never in the notebook's output).
var partClock = Stopwatch()
@MainActor
func reportTime(_ part: String) {
    report("\(part): \(Stopwatch.describe(seconds: partClock.seconds))")
    partClock.restart()
}

notebook.prose("""
    You will learn: what overfitting looks like in numbers (and why a gap between training \
    and test accuracy is not yet overfitting); early stopping with a validation set; \
    dropout as the notes write it three ways, as libraries implement it, and as an \
    ensemble; batch normalization with its backward pass, its running statistics and the \
    unbiased m/(m − 1); how it rescues a badly scaled deep network; the degradation puzzle \
    of deep plain networks and what residual blocks do about it; and what averaging \
    several networks buys. Every effect is measured over \(runs) runs and printed with \
    its spread.
    """)

// MARK: - 1. Overfitting

notebook.section("Memorising 200 digits")
notebook.prose("""
    The main lecture describes the symptom (000:905–907): the score on the training data \
    keeps getting better while the score on new data does not, because the network has \
    started to memorise. To see it, give a network far more weights than examples. From \
    Lesson 03's 1,797 digits (8 × 8 pixels, scaled to [0, 1]) each run draws 200 training \
    images, 200 validation images and keeps the other 1,397 as the test set. The network \
    is 64 → 128 → 128 → 10 with ReLU, He initialisation and softmax cross-entropy: 26,122 \
    weights for 200 examples, 130 per example. Adam (α = 10⁻³) takes batches of 20 for \
    \(epochs) epochs. The \(runs) runs differ in the split, the initial weights and the \
    order of the batches.
    """)

let (digitImages, digitLabels) = try Digits.load()
let pixels = digitImages / Digits.maximumPixel
let trainCount = 200, validationCount = 200, hiddenWidth = 128, batchSize = 20

/// Images with their labels (and one-hot targets for training).
struct LabelledSet {
    let images: Tensor
    let labels: [Int]
    var targets: Tensor { oneHot(labels, classes: 10) }
    init(rows: [Int]) {
        images = pixels.rows(at: rows)
        labels = rows.map { digitLabels[$0] }
    }
}
/// One run's data: a training, a validation and a test set, drawn from the named stream.
struct DigitsSplit {
    let train: LabelledSet, validation: LabelledSet, test: LabelledSet
    @MainActor init(run: Int) {
        var generator = notebook.generator("digits split \(run)")
        let order = generator.permutation(digitLabels.count)
        train = LabelledSet(rows: Array(order[0..<trainCount]))
        validation = LabelledSet(rows: Array(order[trainCount..<(trainCount + validationCount)]))
        test = LabelledSet(rows: Array(order[(trainCount + validationCount)...]))
    }
}
let splits = (0..<runs).map(DigitsSplit.init)

/// Cross-entropy and accuracy of logits against labels.
struct Score {
    let loss: Double, accuracy: Double
    init(logits: Tensor, labels: [Int]) {
        loss = Loss.categoricalCrossEntropyWithLogits.value(prediction: logits, target: oneHot(labels, classes: 10))
        accuracy = NeuralNetworks.accuracy(predicted: logits.argmax(alongAxis: 1), actual: labels)
    }
}
/// The scores after every epoch of one training run (index 0 is epoch 1).
struct History {
    var train: [Score] = [], validation: [Score] = [], test: [Score] = []
    /// The epoch (from 1) with the lowest validation loss.
    var bestValidationEpoch: Int { validation.indices.min { validation[$0].loss < validation[$1].loss }! + 1 }
    /// The epoch (from 1) with the lowest test loss (for the picture only: never used to choose).
    var lowestTestEpoch: Int { test.indices.min { test[$0].loss < test[$1].loss }! + 1 }
    /// The first epoch at which every training image is classified correctly, if any.
    var firstPerfectEpoch: Int? { train.firstIndex { $0.accuracy == 1 }.map { $0 + 1 } }
}

/// The digits network, 64 → 128 → 128 → 10, with a dropout layer after each hidden layer
/// when `dropoutRate` is given. The weights come from the stream `weightStream`, so a network
/// with dropout starts from exactly the weights of the one without.
@MainActor
func digitsNetwork(weightStream: String, dropoutRate: Double? = nil, maskStream: String = "") -> Sequential {
    var generator = notebook.generator(weightStream)
    var layers: [any Layer] = []
    for (index, (inputs, outputs)) in [(Digits.pixelCount, hiddenWidth), (hiddenWidth, hiddenWidth)].enumerated() {
        layers.append(Dense(inputs: inputs, outputs: outputs, activation: .relu, weightInitializer: .heUniform, using: &generator))
        if let dropoutRate {
            layers.append(Dropout(rate: dropoutRate, generator: notebook.generator("\(maskStream) layer \(index + 1)")))
        }
    }
    layers.append(Dense(inputs: hiddenWidth, outputs: 10, weightInitializer: .heUniform, using: &generator))
    return Sequential(layers)
}

/// Trains `network` on `split.train` for `epochs` epochs of shuffled batches (from
/// `batchStream`) with Adam. With `record`, scores every set after every epoch; `snapshot` is
/// called after every epoch with the epoch number and the network.
@MainActor
func train(_ network: inout Sequential, on split: DigitsSplit, batchStream: String, record: Bool,
           snapshot: (Int, Sequential) -> Void = { _, _ in }) -> History {
    var optimizer = Adam(learningRate: 1e-3)
    var batches = notebook.generator(batchStream)
    let targets = split.train.targets
    var history = History()
    for epoch in 1...epochs {
        // One epoch: shuffle, then for each batch a forward and backward pass and an Adam step.
        let order = batches.permutation(trainCount)
        for first in stride(from: 0, to: trainCount, by: batchSize) {
            let rows = Array(order[first..<min(first + batchSize, trainCount)])
            network.computeGradients(input: split.train.images.rows(at: rows), target: targets.rows(at: rows),
                                     loss: .categoricalCrossEntropyWithLogits)
            optimizer.step(&network)
        }
        if record {
            history.train.append(Score(logits: network(split.train.images), labels: split.train.labels))
            history.validation.append(Score(logits: network(split.validation.images), labels: split.validation.labels))
            history.test.append(Score(logits: network(split.test.images), labels: split.test.labels))
        }
        snapshot(epoch, network)
    }
    return history
}

/// The epochs at which the plain runs keep a copy of their weights, for the snapshot
/// ensembles of section 6: the last epoch and every tenth before it in the second half.
let snapshotEpochs = Array(stride(from: epochs, to: epochs / 2, by: -10).reversed())
let dropoutRate = 0.5
var plainHistories: [History] = [], dropoutHistories: [History] = []
var plainNetworks: [Sequential] = [], dropoutNetworks: [Sequential] = []
var plainSnapshots: [[Sequential]] = []
var digitsProgress = ProgressBar("digits: plain and dropout runs", total: 2 * runs)
for run in 0..<runs {
    var plain = digitsNetwork(weightStream: "digits weights \(run)")
    var snapshots: [Sequential] = []
    plainHistories.append(train(&plain, on: splits[run], batchStream: "digits batches \(run)", record: true) { epoch, network in
        if snapshotEpochs.contains(epoch) { snapshots.append(network) }
    })
    plainNetworks.append(plain)
    plainSnapshots.append(snapshots)
    digitsProgress.advance()
    var withDropout = digitsNetwork(weightStream: "digits weights \(run)", dropoutRate: dropoutRate,
                                    maskStream: "dropout masks \(run)")
    dropoutHistories.append(train(&withDropout, on: splits[run], batchStream: "digits batches \(run)", record: true))
    dropoutNetworks.append(withDropout)
    digitsProgress.advance()
}
digitsProgress.finish()
reportTime("digits runs, plain and dropout")

/// The mean over the runs of one score after every epoch, in percent or as a loss.
func meanCurve(_ histories: [History], _ pick: (History) -> [Score], _ value: (Score) -> Double) -> [Double] {
    (0..<epochs).map { e in mean(histories.map { value(pick($0)[e]) }) }
}
let epochAxis = (1...epochs).map(Double.init)
var lossPlot = LinePlot(title: "Cross-entropy (mean of \(runs) runs)", xLabel: "epoch", yLabel: "log₁₀ loss",
                        width: 37, height: 14)
lossPlot.add("training", x: epochAxis, y: meanCurve(plainHistories, \.train, \.loss).map { log10($0) })
lossPlot.add("test", x: epochAxis, y: meanCurve(plainHistories, \.test, \.loss).map { log10($0) })
var accuracyPlot = LinePlot(title: "Accuracy % (mean of \(runs) runs)", xLabel: "epoch", yLabel: "%",
                            width: 37, height: 14)
accuracyPlot.add("training", x: epochAxis, y: meanCurve(plainHistories, \.train, \.accuracy).map { 100 * $0 })
accuracyPlot.add("test", x: epochAxis, y: meanCurve(plainHistories, \.test, \.accuracy).map { 100 * $0 })
notebook.show(panels: [lossPlot, accuracyPlot])

/// How much the test loss at the end exceeds its lowest value, as a fraction.
func testLossRise(_ history: History) -> Double {
    history.test.last!.loss / history.test[history.lowestTestEpoch - 1].loss - 1
}
notebook.table(["run", "100 % train at epoch", "lowest test loss (epoch)", "test loss at end", "rise",
                "test acc % (lowest / end)"],
               rows: plainHistories.enumerated().map { run, history in
                   let low = history.lowestTestEpoch
                   return ["\(run + 1)", history.firstPerfectEpoch.map(String.init) ?? "never",
                           "\(formatNumber(history.test[low - 1].loss, digits: 4)) (\(low))",
                           formatNumber(history.test.last!.loss, digits: 4), "\(percent(testLossRise(history))) %",
                           "\(percent(history.test[low - 1].accuracy)) / \(percent(history.test.last!.accuracy))"]
               })
let perfectRuns = plainHistories.filter { $0.firstPerfectEpoch != nil }.count
/// Overfitting in a run: the test loss is lowest before the last tenth of training and ends higher.
let risingRuns = plainHistories.filter { $0.lowestTestEpoch <= epochs * 9 / 10 && testLossRise($0) > 0 }.count
let finalGaps = plainHistories.map { $0.train.last!.accuracy - $0.test.last!.accuracy }
let gapsAtLowest = plainHistories.map { $0.train[$0.lowestTestEpoch - 1].accuracy - $0.test[$0.lowestTestEpoch - 1].accuracy }
notebook.result("runs reaching 100 % training accuracy", of(perfectRuns))
notebook.result("runs whose test loss bottoms out before epoch \(epochs * 9 / 10) and then rises", of(risingRuns))
notebook.result("gap train − test accuracy (points) at the lowest test loss", spread(gapsAtLowest, scale: 100, digits: 2))
notebook.result("gap train − test accuracy (points) at the end", spread(finalGaps, scale: 100, digits: 2))
notebook.check("every run classifies all 200 training digits correctly", perfectRuns == runs)
notebook.check("in most runs (\(of(risingRuns))) the test loss rises again after its lowest point", most(risingRuns))
let lastPerfectEpoch = plainHistories.compactMap(\.firstPerfectEpoch).max() ?? epochs
notebook.prose("""
    Read the two panels together. Training accuracy reaches 100 % by epoch \
    \(lastPerfectEpoch) in \(of(perfectRuns)) runs and the training loss keeps falling towards zero. The test loss falls, reaches \
    its lowest point and then climbs again (in \(of(risingRuns)) runs, by \
    \(spread(plainHistories.map(testLossRise), scale: 100, digits: 1)) % by the end), \
    while test accuracy hardly moves after that point. Two words need care here. The \
    generalisation gap, the difference between training and test scores, is already \
    \(spread(gapsAtLowest, scale: 100, digits: 1)) points at the epoch of the lowest test loss, when the \
    test loss is still at its best: a gap alone says the test set is harder than the \
    training set, which is always true, not that training went too far. Overfitting is \
    the later part, where more training makes the test loss worse. Here the network keeps \
    increasing its confidence on training images it already classifies correctly, and \
    the test images it gets wrong are then wrong with more confidence, which the \
    cross-entropy punishes even when the accuracy barely changes.
    """)

// MARK: - 2. Early stopping

notebook.section("Early stopping")
notebook.prose("""
    The lecture's first remedy is not to train too long (000:909; the short course \
    004:1114–1116 says the same). The test set cannot decide when to stop: a number \
    chosen by looking at the test set no longer estimates performance on new data. That \
    is what the 200 validation images are for: keep the weights of the epoch with the \
    lowest validation loss, then report the test scores of those weights.
    """)
let stopEpochs = plainHistories.map(\.bestValidationEpoch)
let stoppedTestLoss = plainHistories.map { $0.test[$0.bestValidationEpoch - 1].loss }
let finalTestLoss = plainHistories.map { $0.test.last!.loss }
let stoppedTestAccuracy = plainHistories.map { $0.test[$0.bestValidationEpoch - 1].accuracy }
let finalTestAccuracy = plainHistories.map { $0.test.last!.accuracy }
notebook.table(["run", "stop at epoch", "lowest test loss at", "test loss: stopped / end",
                "test acc %: stopped / end"],
               rows: (0..<runs).map { run in
                   ["\(run + 1)", "\(stopEpochs[run])", "\(plainHistories[run].lowestTestEpoch)",
                    "\(formatNumber(stoppedTestLoss[run], digits: 4)) / \(formatNumber(finalTestLoss[run], digits: 4))",
                    "\(percent(stoppedTestAccuracy[run])) / \(percent(finalTestAccuracy[run]))"]
               })
let lossGains = (0..<runs).map { finalTestLoss[$0] - stoppedTestLoss[$0] }
let accuracyGains = (0..<runs).map { stoppedTestAccuracy[$0] - finalTestAccuracy[$0] }
let lossWins = lossGains.filter { $0 > 0 }.count, accuracyWins = accuracyGains.filter { $0 > 0 }.count
notebook.result("test loss, end − stopped", spread(lossGains))
notebook.result("test accuracy (points), stopped − end", spread(accuracyGains, scale: 100, digits: 2))
notebook.result("runs where stopping lowers the test loss", of(lossWins))
notebook.result("runs where stopping raises the test accuracy", of(accuracyWins))
// Whether stopping helped is a measurement, not a promise: the sentence follows the runs.
let stoppingClear = most(lossWins) && mean(lossGains) > MonteCarloEstimate(lossGains).standardDeviation
notebook.prose("""
    \(stoppingClear ? "Early stopping does what it promises for the quantity it watches: the weights chosen by validation loss have a lower test loss than the weights at the end in \(of(lossWins)) runs, by \(spread(lossGains))." : "Here early stopping is not reliably better even for the loss it watches: the stopped weights have the lower test loss in \(of(lossWins)) runs, by \(spread(lossGains)), not clearly more than the spread. After \(epochs) epochs the test loss has only begun to climb (compare a run with more epochs), and a noisy validation set can pick an epoch that is no better than the last.") For accuracy the measured effect is \
    \(spread(accuracyGains, scale: 100, digits: 2)) points (better in \(of(accuracyWins)) runs)\
    \(abs(mean(accuracyGains)) < MonteCarloEstimate(accuracyGains).standardDeviation ? ", smaller than its own spread: these runs do not show that stopping early changes how many test digits are right" : ""). \
    A validation set of 200 images is also noisy: its best epoch lands \
    some way from the epoch of the lowest test loss.
    """)

// MARK: - 3. Dropout

notebook.section("Dropout, three ways")
notebook.prose("""
    The lecture's second remedy: while training, switch off random units. The three \
    sources write it differently. The main lecture (000:916) drops each input with \
    probability p, then draws the mask as rⱼ ~ Bernoulli(p) (000:925), which *keeps* a \
    unit with probability p, and finally multiplies the weights by 1/p (000:934). The \
    Berkeley handout (003:562–578) keeps a unit with probability p and divides by p \
    during training, leaving the network unchanged at test time. The short course \
    (004:1128–1144) reads dropout as bagging: every mask is a different sub-network, and \
    the prediction should be the average over all of them. Write q for the probability of \
    keeping a unit. The expectation of a unit's contribution under the mask settles what \
    the factor must be:
    """)
notebook.formula("""
    E[rⱼ yⱼ] = q yⱼ,      E[rⱼ yⱼ / q] = yⱼ,      rⱼ ~ Bernoulli(q)
    """)
notebook.prose("""
    During training the next layer sees on average q times the full signal. At test time \
    all units are on, so either the weights leaving a dropout layer are multiplied by q \
    after training (Srivastava et al. 2014), or the kept units are divided by q during \
    training and nothing changes afterwards ("inverted" dropout, the handout's code, Keras \
    and PyTorch). With 100,000 masks, q = 0.5, on the vector y = (0.5, 1, 2, 4):
    """)
do {
    var generator = notebook.generator("mask expectation")
    let y = [0.5, 1, 2, 4], q = 1 - dropoutRate, draws = 100_000
    var kept = [0.0, 0, 0, 0]
    for _ in 0..<draws { for j in y.indices where generator.bernoulli(q) { kept[j] += y[j] } }
    let plainMean = kept.map { $0 / Double(draws) }
    let invertedMean = plainMean.map { $0 / q }
    // The mean of 100,000 masked values has standard error yⱼ√(q(1 − q)/draws).
    let tolerance = y.map { 5 * $0 * (q * (1 - q) / Double(draws)).squareRoot() }
    notebook.table(["yⱼ", "mean of rⱼyⱼ", "q·yⱼ", "mean of rⱼyⱼ/q"],
                   rows: y.indices.map { [formatNumber(y[$0]), formatNumber(plainMean[$0], digits: 4),
                                          formatNumber(q * y[$0]), formatNumber(invertedMean[$0], digits: 4)] })
    notebook.check("the masked mean is q·y and the inverted mean is y (within 5 standard errors, every unit)",
                   y.indices.allSatisfy { abs(plainMean[$0] - q * y[$0]) < q * tolerance[$0] && abs(invertedMean[$0] - y[$0]) < tolerance[$0] })
}
notebook.slip("what p is", notes: "drop with p (916); rⱼ ~ Bernoulli(p) (925)", at: .notes("000", 916...925),
              correct: "one meaning; Bernoulli(p) keeps with p",
              why: """
                A Bernoulli(p) variable is 1 with probability p, so 000:925 keeps a unit with \
                probability p, while 000:916 and the Keras line 000:1001 drop it with \
                probability p; the handout (003:575) uses p for keeping. With p = 0.5 the two \
                readings agree, which hides the mix-up; with p = 0.2 one drops a fifth of the \
                units and the other keeps a fifth.
                """)
notebook.slip("the factor after training", notes: "multiply the weights by 1/p", at: .notes("000", 934),
              correct: "multiply them by q, the keep probability",
              why: """
                Trained with the unscaled mask, the next layer has learnt to expect q times \
                the full signal; with all units on at test time its weights must shrink by q. \
                Multiplying by 1/p enlarges them instead: with q = p = 0.5 the weights come out \
                2/0.5 = 4 times too large (measured below).
                """)
notebook.slip("which units", notes: "each input of each neuron", at: .notes("000", 916),
              correct: "each unit, for all the neurons it feeds",
              why: """
                The formula 000:925–927 draws one rⱼ per unit j of layer l and multiplies yⱼ \
                by it, so every neuron of layer l + 1 sees the same unit dropped. Dropping each \
                connection on its own is a different method (DropConnect, Wan et al. 2013).
                """)
let hiddenUnits = 2 * hiddenWidth
notebook.slip("how many sub-networks", notes: "an infinite ensemble", at: .notes("000", 935),
              correct: "2ⁿ for n droppable units: 2^\(hiddenUnits) ≈ 10^\(formatNumber(Double(hiddenUnits) * log10(2.0), digits: 1)) here",
              why: """
                Each mask is one of 2ⁿ subsets of the n units that can be dropped, so the \
                ensemble is finite, though far too large to enumerate: the \(hiddenUnits) \
                hidden units of the digits network give 2^\(hiddenUnits) sub-networks, all \
                sharing one set of weights.
                """)

notebook.prose("""
    The library's `Dropout` layer is inverted dropout: `forward` (training) draws a fresh \
    mask M with entries 1/q or 0 from its own named stream and returns M ⊙ x; `backward` \
    returns M ⊙ ∂L/∂y; calling the layer (inference) returns x unchanged. The mask is \
    part of the function being differentiated, so the check by central differences \
    replays the same mask for every evaluation:
    """)
do {
    var generator = notebook.generator("dropout check")
    let before = Dropout(rate: dropoutRate, generator: notebook.generator("dropout check masks"))
    let x = Tensor.normal([4, 6], using: &generator), upstream = Tensor.normal([4, 6], using: &generator)
    var layer = before
    _ = layer.forward(x)
    let analytic = layer.backward(upstream)
    let result = checkGradient(at: x, analyticGradient: analytic) { input in
        var replay = before   // a copy of the layer before its forward pass draws the same mask
        return (replay.forward(input) * upstream).sum()
    }
    notebook.result("dropout ∂L/∂x: largest relative error", result.maxRelativeError, digits: 12)
    notebook.check("dropout's backward pass matches central differences (relative error < 1e-6)", result.passes(tolerance: 1e-6))
}

reportTime("dropout checks")
notebook.prose("""
    Now the same \(runs) runs as in section 1 (same splits, same initial weights, same \
    batches) with a dropout layer of rate \(formatNumber(dropoutRate)) after each hidden layer:
    """)
let dropoutFinalAccuracy = dropoutHistories.map { $0.test.last!.accuracy }
let dropoutFinalLoss = dropoutHistories.map { $0.test.last!.loss }
let dropoutStoppedAccuracy = dropoutHistories.map { $0.test[$0.bestValidationEpoch - 1].accuracy }
notebook.table(["run", "plain: test acc % / loss", "dropout: test acc % / loss", "dropout 100 % train at"],
               rows: (0..<runs).map { run in
                   ["\(run + 1)", "\(percent(finalTestAccuracy[run])) / \(formatNumber(finalTestLoss[run], digits: 4))",
                    "\(percent(dropoutFinalAccuracy[run])) / \(formatNumber(dropoutFinalLoss[run], digits: 4))",
                    dropoutHistories[run].firstPerfectEpoch.map { "epoch \($0)" } ?? "never"]
               })
let dropoutAccuracyGains = (0..<runs).map { dropoutFinalAccuracy[$0] - finalTestAccuracy[$0] }
let dropoutLossGains = (0..<runs).map { finalTestLoss[$0] - dropoutFinalLoss[$0] }
let dropoutStoppedGains = (0..<runs).map { dropoutStoppedAccuracy[$0] - stoppedTestAccuracy[$0] }
let dropoutAccuracyWins = dropoutAccuracyGains.filter { $0 > 0 }.count
let dropoutLossWins = dropoutLossGains.filter { $0 > 0 }.count
notebook.result("test accuracy at the end, plain", "\(spread(finalTestAccuracy, scale: 100, digits: 2)) %")
notebook.result("test accuracy at the end, dropout", "\(spread(dropoutFinalAccuracy, scale: 100, digits: 2)) %")
notebook.result("dropout − plain, paired (points)", "\(spread(dropoutAccuracyGains, scale: 100, digits: 2)), better in \(of(dropoutAccuracyWins))")
notebook.result("dropout − plain, both stopped early (points)", spread(dropoutStoppedGains, scale: 100, digits: 2))
notebook.result("plain − dropout test loss at the end", "\(spread(dropoutLossGains)), lower in \(of(dropoutLossWins))")
let dropoutClear = most(dropoutAccuracyWins) && mean(dropoutAccuracyGains) > MonteCarloEstimate(dropoutAccuracyGains).standardDeviation
notebook.prose("""
    What these runs show: with dropout the training set takes much longer to memorise, \
    and the test accuracy at the end changes by \(spread(dropoutAccuracyGains, scale: 100, digits: 2)) \
    points (better in \(of(dropoutAccuracyWins)) runs). \
    \(dropoutClear ? "The gain is larger than its spread over runs, but it is about one point: on 200 small digits dropout is a modest help, not a cure." : "That is not larger than its spread over runs, so these runs do not establish that dropout helps on this data; its effect here is at most about a point either way.") \
    The test loss at the end is lower with dropout in \(of(dropoutLossWins)) runs.
    """)

notebook.prose("""
    The ensemble view (004:1136–1144). Each mask is a sub-network, and bagging would \
    average the predicted distributions of all of them. Inverted dropout instead runs the \
    whole network once with all units on. How close is that to the average over masks? \
    For each trained dropout network, the test set's predicted probabilities averaged \
    over K masks, against the single pass:
    """)
let maskCounts = quick ? [1, 4, 16] : [1, 4, 16, 64]
var maskRows: [[String]] = []
var ensembleAgreement: [Double] = [], averagedAccuracy = Array(repeating: [Double](), count: maskCounts.count)
var averagedLoss = Array(repeating: [Double](), count: maskCounts.count)
var wrongFactorAccuracy: [Double] = [], wrongFactorLoss: [Double] = []
for run in 0..<runs {
    let test = splits[run].test
    let targets = test.targets
    var sampler = dropoutNetworks[run]
    sampler.layers = sampler.layers.enumerated().map { index, layer in
        // A fresh mask stream for the evaluation, so the masks do not repeat the training ones.
        layer is Dropout ? Dropout(rate: dropoutRate, generator: notebook.generator("evaluation masks \(run) \(index)")) : layer
    }
    var sum = Tensor.zeros([test.labels.count, 10])
    var drawn = 0
    for (k, count) in maskCounts.enumerated() {
        while drawn < count {
            sum += softmax(sampler.forward(test.images))
            drawn += 1
        }
        let average = sum / Double(count)
        averagedAccuracy[k].append(accuracy(predicted: average.argmax(alongAxis: 1), actual: test.labels))
        averagedLoss[k].append(-mean((0..<test.labels.count).map { log(average[$0, test.labels[$0]]) }))
        if count == maskCounts.last! {
            let single = dropoutNetworks[run].predictClasses(test.images)
            ensembleAgreement.append(Double(zip(single, average.argmax(alongAxis: 1)).filter { $0 == $1 }.count)
                                     / Double(single.count))
        }
    }
    // The notes' rule (000:934) for a network trained with the unscaled mask: its layers after
    // a dropout hold W/q; multiplying by 1/p = 1/q gives W/q² where the right factor q gives W.
    var notesRule = dropoutNetworks[run]
    let q = 1 - dropoutRate
    for index in notesRule.layers.indices where index > 0 && notesRule.layers[index - 1] is Dropout {
        notesRule[dense: index].weights *= 1 / (q * q)
    }
    let notesLogits = notesRule(test.images)
    wrongFactorAccuracy.append(accuracy(predicted: notesLogits.argmax(alongAxis: 1), actual: test.labels))
    wrongFactorLoss.append(Loss.categoricalCrossEntropyWithLogits.value(prediction: notesLogits, target: targets))
}
notebook.table(["prediction", "test accuracy %", "test loss"],
               rows: [["single pass, all units on (inverted dropout)", spread(dropoutFinalAccuracy, scale: 100, digits: 2),
                       spread(dropoutFinalLoss)]]
                   + maskCounts.indices.map { k in
                       ["average of \(maskCounts[k]) mask\(maskCounts[k] == 1 ? "" : "s")", spread(averagedAccuracy[k], scale: 100, digits: 2),
                        spread(averagedLoss[k])]
                   }
                   + [["the notes' 1/p rule (weights × 4)", spread(wrongFactorAccuracy, scale: 100, digits: 2), spread(wrongFactorLoss)]])
notebook.result("test digits on which \(maskCounts.last!) masks and the single pass agree", "\(spread(ensembleAgreement, scale: 100, digits: 2)) %")
let singleBeatsOneMask = (0..<runs).filter { dropoutFinalAccuracy[$0] > averagedAccuracy[0][$0] }.count
let wrongFactorWorse = (0..<runs).filter { wrongFactorLoss[$0] > dropoutFinalLoss[$0] }.count
notebook.check("the single pass is more accurate than one random mask in most runs (\(of(singleBeatsOneMask)))", most(singleBeatsOneMask))
notebook.check("the notes' factor 1/p raises the test loss in most runs (\(of(wrongFactorWorse)))", most(wrongFactorWorse))
notebook.prose("""
    One mask is a poor predictor; averaging more masks approaches the single pass with all \
    units on, and with \(maskCounts.last!) masks the two agree on \(percent(mean(ensembleAgreement))) % of the \
    test digits. The notes' 1/p makes the network 4 times too confident: a ReLU network \
    scales with its weights except for the biases, so most classifications survive \
    (\(spread(wrongFactorAccuracy, scale: 100, digits: 2)) %), but the probabilities do not, and the \
    test loss grows to \(spread(wrongFactorLoss, digits: 3)).
    """)

reportTime("dropout mask averages")
notebook.prose("""
    Why should one pass approximate an average over masks at all? The short course asks \
    for the arithmetic mean of the sub-networks' distributions (004:1144). The weight \
    scaling rule gives exactly something else: for a single softmax layer with dropout on \
    its inputs, the normalised *geometric* mean over all masks equals the softmax of the \
    scaled network, because log softmax is the logits minus a term that is the same for \
    every class, and the logits are linear in the mask. With n = 10 inputs every one of \
    the 2¹⁰ = 1,024 masks can be enumerated:
    """)
do {
    var generator = notebook.generator("softmax layer masks")
    let inputCount = 10, classes = 3, q = 1 - dropoutRate
    let weights = Tensor.normal([inputCount, classes], using: &generator), bias = Tensor.normal([classes], using: &generator)
    let x = Tensor.normal([inputCount], using: &generator)
    var logMeans = Tensor.zeros([classes]), arithmetic = Tensor.zeros([classes])
    for code in 0..<(1 << inputCount) {
        let keep = Tensor((0..<inputCount).map { (code >> $0) & 1 == 1 ? 1.0 : 0.0 })
        let kept = keep.sum()
        let probability = pow(q, kept) * pow(1 - q, Double(inputCount) - kept)
        let logits = matmul((keep * x).reshaped([1, inputCount]), weights).reshaped([classes]) + bias
        logMeans += probability * logSoftmax(logits)
        arithmetic += probability * softmax(logits)
    }
    let geometric = softmax(logMeans)   // exp of the mean log-probability, normalised
    let scaled = softmax(matmul((q * x).reshaped([1, inputCount]), weights).reshaped([classes]) + bias)
    notebook.table(["class", "arithmetic mean", "normalised geometric mean", "weights × q"],
                   rows: (0..<classes).map { [ "\($0)", formatNumber(arithmetic[$0], digits: 6),
                                               formatNumber(geometric[$0], digits: 6), formatNumber(scaled[$0], digits: 6)] })
    let geometricGap = (geometric - scaled).scalars.map(abs).max()!
    let arithmeticGap = (arithmetic - scaled).scalars.map(abs).max()!
    notebook.results(["largest |geometric − scaled|": geometricGap, "largest |arithmetic − scaled|": arithmeticGap], digits: 12)
    notebook.check("the geometric mean over all 1,024 masks equals the scaled network (to 1e-12)", geometricGap < 1e-12)
    notebook.check("the arithmetic mean differs from it by more than 1e-4", arithmeticGap > 1e-4)
}
notebook.prose("""
    With hidden layers the identity is no longer exact, but the measurements above show \
    the single pass staying close to the average over many masks. So 004:1144's \
    arithmetic mean is what bagging would compute; what dropout's test-time network \
    computes is, for one softmax layer exactly and for deeper networks approximately, a \
    geometric mean.
    """)

// MARK: - 4. Batch normalization

notebook.section("Batch normalization")
notebook.prose("""
    Ioffe and Szegedy (2015) normalise every unit over the mini-batch. For a batch of m \
    values a₁ … aₘ of one unit (before its activation), the handout writes (003:521–533):
    """)
notebook.formula("""
    μ_B = (1/m) Σᵢ aᵢ,      σ²_B = (1/m) Σᵢ (aᵢ − μ_B)²
    âᵢ = (aᵢ − μ_B) / √(σ²_B + ε),      yᵢ = γ âᵢ + β
    """)
notebook.prose("""
    γ and β are learnt, one pair per unit, so the layer can undo the normalisation if \
    that helps (γ = σ_B, β = μ_B gives the input back, up to ε). ε keeps the division \
    finite when a unit is constant over the batch. A worked batch of four rows and three \
    units, γ = (1, 2, 0.5), β = (0, 1, −1), ε = 10⁻⁵:
    """)
let workedBatch: Tensor = [[1, 10, -1], [2, 20, -1], [3, 30, 1], [4, 100, 1]]
var workedLayer = BatchNormalization(features: 3)
workedLayer.scale = [1, 2, 0.5]
workedLayer.offset = [0, 1, -1]
let workedMean = workedBatch.mean(alongAxis: 0)
let workedVariance = ((workedBatch - workedMean) * (workedBatch - workedMean)).mean(alongAxis: 0)
let workedOutput = workedLayer.forward(workedBatch)
notebook.table(["unit", "μ_B", "σ²_B (÷ m)", "σ_B", "y for the four rows"],
               rows: (0..<3).map { j in
                   ["\(j + 1)", formatNumber(workedMean[j], digits: 4), formatNumber(workedVariance[j], digits: 4),
                    formatNumber(workedVariance[j].squareRoot(), digits: 4),
                    (0..<4).map { formatNumber(workedOutput[$0, j], digits: 4) }.joined(separator: ", ")]
               })
let outputMean = workedOutput.mean(alongAxis: 0)
let outputDeviation = ((workedOutput - outputMean) * (workedOutput - outputMean)).mean(alongAxis: 0).map { $0.squareRoot() }
notebook.check("each output column has mean β and standard deviation γ (up to ε; to 1e-4)",
               (0..<3).allSatisfy { abs(outputMean[$0] - workedLayer.offset[$0]) < 1e-9 && abs(outputDeviation[$0] - workedLayer.scale[$0]) < 1e-4 })

notebook.prose("""
    The handout's problem (003:537–540): draw the computational graph and find the \
    gradients with respect to x, γ and β. Per unit, the graph is a chain with two side \
    branches, because μ_B and σ²_B are computed from the whole column:
    """)
notebook.formula("""
    a ─► μ = (1/m)Σa ─► d = a − μ ─► v = (1/m)Σd² ─► s = √(v + ε)
      ─► â = d/s ─► y = γâ + β      (a also feeds d, and d also feeds â)
    """)
notebook.prose("""
    Going backwards with δᵢ = ∂L/∂yᵢ, every step is one line of the chain rule, and the \
    code below runs exactly these lines, on the page:
    """)
notebook.formula("""
    ∂L/∂β = Σᵢ δᵢ            ∂L/∂γ = Σᵢ δᵢ âᵢ          gᵢ = ∂L/∂âᵢ = γ δᵢ
    ∂L/∂s = −Σᵢ gᵢ dᵢ / s²        ∂L/∂v = ∂L/∂s / (2s)
    ∂L/∂dᵢ = gᵢ/s + ∂L/∂v · 2dᵢ/m                      (through â and through v)
    ∂L/∂aᵢ = ∂L/∂dᵢ − (1/m) Σₖ ∂L/∂dₖ                  (through d and through μ)
    """)
/// The backward pass of batch normalization for one batch, step by step along the graph above.
func graphBackward(_ a: Tensor, gamma: Tensor, upstream delta: Tensor, epsilon: Double)
    -> (input: Tensor, gamma: Tensor, beta: Tensor) {
    let m = Double(a.shape[0])
    let mu = a.mean(alongAxis: 0)
    let d = a - mu
    let v = (d * d).mean(alongAxis: 0)
    let s = (v + epsilon).map { $0.squareRoot() }
    let aHat = d / s
    let dBeta = delta.sum(alongAxis: 0)
    let dGamma = (delta * aHat).sum(alongAxis: 0)
    let g = delta * gamma
    let dS = -(g * d).sum(alongAxis: 0) / (s * s)
    let dV = dS / (2 * s)
    let dD = g / s + dV * (2 / m) * d
    let dA = dD - dD.mean(alongAxis: 0)
    return (dA, dGamma, dBeta)
}
do {
    var generator = notebook.generator("batch norm check")
    var layer = BatchNormalization(features: 5)
    layer.scale = Tensor.uniform([5], in: 0.5...2, using: &generator)
    layer.offset = Tensor.normal([5], using: &generator)
    let x = Tensor.normal([8, 5], using: &generator) * Tensor([1, 10, 0.1, 3, 50]) + Tensor([0, 5, -2, 100, 1])
    let upstream = Tensor.normal([8, 5], using: &generator)
    let start = layer
    _ = layer.forward(x)
    let dx = layer.backward(upstream)
    let onPage = graphBackward(x, gamma: start.scale, upstream: upstream, epsilon: start.epsilon)
    /// L = Σ upstream ⊙ y in training mode, from a fresh copy of the layer.
    func loss(_ candidate: BatchNormalization, _ input: Tensor) -> Double {
        var probe = candidate
        return (probe.forward(input) * upstream).sum()
    }
    let checks = [
        checkGradient(label: "∂L/∂x", at: x, analyticGradient: onPage.input, step: 1e-6) { loss(start, $0) },
        checkGradient(label: "∂L/∂γ", at: start.scale, analyticGradient: onPage.gamma) { gamma in
            var copy = start
            copy.scale = gamma
            return loss(copy, x)
        },
        checkGradient(label: "∂L/∂β", at: start.offset, analyticGradient: onPage.beta) { beta in
            var copy = start
            copy.offset = beta
            return loss(copy, x)
        },
    ]
    notebook.table(["gradient (8 rows × 5 units)", "largest relative error vs central differences"],
                   rows: checks.map { [$0.label, formatSignificant($0.maxRelativeError, figures: 2)] })
    notebook.check("the graph's backward pass matches central differences (every relative error < 1e-6)",
                   checks.allSatisfy { $0.passes(tolerance: 1e-6) })
    let libraryGap = max((dx - onPage.input).scalars.map(abs).max()!, (layer.scaleGradient - onPage.gamma).scalars.map(abs).max()!,
                         (layer.offsetGradient - onPage.beta).scalars.map(abs).max()!)
    notebook.result("largest difference from the library's one-line form", libraryGap, digits: 15)
    notebook.check("the library's (m·g − Σg − â·Σ(g ⊙ â))/(m·s) equals the step-by-step pass (to 1e-12)", libraryGap < 1e-12)
    let columnSums = dx.sum(alongAxis: 0).scalars.map(abs).max()!
    notebook.check("∂L/∂x sums to zero over the batch in every unit (to 1e-10): shifting a whole column changes nothing",
                   columnSums < 1e-10)
}

notebook.prose("""
    At test time there may be a single input, and the prediction for one image must not \
    depend on which other images share its batch. So the layer keeps running estimates of \
    each unit's mean and variance during training and uses those instead. The paper \
    averages the batch statistics over training and uses the unbiased variance, \
    Var[x] = m/(m − 1) · E[σ²_B], since σ²_B (divided by m) is on average too small by \
    exactly that factor. PyTorch's `BatchNorm1d` keeps exponential averages with momentum \
    0.1: mean ← 0.9 mean + 0.1 μ_B and variance ← 0.9 variance + 0.1 σ²_B·m/(m − 1), \
    starting from 0 and 1. The library's layer does the same (and, with momentum nil, the \
    paper's plain average). Inference then maps every row on its own:
    """)
notebook.formula("y = γ (x − running mean) / √(running variance + ε) + β")
do {
    let m = Double(workedBatch.shape[0])
    notebook.table(["unit", "running mean", "0.1·μ_B", "running variance", "0.9 + 0.1·σ²_B·m/(m − 1)"],
                   rows: (0..<3).map { j in
                       [ "\(j + 1)", formatNumber(workedLayer.runningMean[j], digits: 4), formatNumber(0.1 * workedMean[j], digits: 4),
                         formatNumber(workedLayer.runningVariance[j], digits: 4),
                         formatNumber(0.9 + 0.1 * workedVariance[j] * m / (m - 1), digits: 4)]
                   })
    notebook.check("after the worked batch the running statistics follow PyTorch's update with m/(m − 1) (to 1e-12)",
                   (0..<3).allSatisfy { abs(workedLayer.runningMean[$0] - 0.1 * workedMean[$0]) < 1e-12
                       && abs(workedLayer.runningVariance[$0] - (0.9 + 0.1 * workedVariance[$0] * m / (m - 1))) < 1e-12 })
    // Many batches from one distribution: the running statistics converge to its mean and variance.
    var generator = notebook.generator("running statistics")
    var layer = BatchNormalization(features: 2, momentum: nil)
    let trueMean = Tensor([3, -1]), trueDeviation = Tensor([2, 0.5])
    for _ in 0..<400 { _ = layer.forward(Tensor.normal([8, 2], using: &generator) * trueDeviation + trueMean) }
    var biased = BatchNormalization(features: 2, momentum: nil)
    var biasedGenerator = notebook.generator("running statistics")
    var biasedSum = Tensor.zeros([2])
    for _ in 0..<400 {
        let batch = Tensor.normal([8, 2], using: &biasedGenerator) * trueDeviation + trueMean
        _ = biased.forward(batch)
        let centred = batch - batch.mean(alongAxis: 0)
        biasedSum += (centred * centred).mean(alongAxis: 0)
    }
    notebook.prose("""
        Averaged over 400 batches of m = 8 from a distribution with variances 4 and 0.25:
        """)
    notebook.table(["unit", "true variance", "mean of σ²_B (÷ m)", "running variance (× m/(m − 1))"],
                   rows: (0..<2).map { j in
                       ["\(j + 1)", formatNumber(trueDeviation[j] * trueDeviation[j]), formatNumber(biasedSum[j] / 400, digits: 4),
                        formatNumber(layer.runningVariance[j], digits: 4)]
                   })
    let unbiasedCloser = (0..<2).allSatisfy {
        abs(layer.runningVariance[$0] / (trueDeviation[$0] * trueDeviation[$0]) - 1) < abs(biasedSum[$0] / 400 / (trueDeviation[$0] * trueDeviation[$0]) - 1)
    }
    notebook.check("the unbiased running variance is closer to the true variance than the mean of σ²_B, in both units",
                   unbiasedCloser)
}

notebook.prose("""
    The notes' version of these formulas has slips:
    """)
notebook.slip("μ_B, σ_B", notes: "σ_B ... is the variance", at: .notes("000", 943),
              correct: "σ_B is the standard deviation; σ²_B the variance",
              why: """
                The formula above it (000:941) divides by σ_B, which must be a standard \
                deviation for x̂ to have unit variance; dividing by the variance would leave \
                a unit with variance 1/σ²_B.
                """)
notebook.slip("the missing ε", notes: "x̂ = (x − μ_B)/σ_B", at: .notes("000", 941),
              correct: "(x − μ_B)/√(σ²_B + ε)",
              why: """
                Without ε a unit that is constant over a batch (a ReLU unit that is zero for \
                every example, common in practice) gives 0/0. The handout keeps ε (003:527); \
                the test-time formula 000:952 drops it too.
                """)
notebook.slip("statistics at test time", notes: "mean and variances over the entire training set", at: .notes("000", 954),
              correct: "running mean, unbiased variance (m/(m − 1))",
              why: """
                σ in 000:952 is again a standard deviation. The paper averages the batch \
                statistics of the trained network with the factor m/(m − 1); libraries keep \
                exponential running averages during training instead of a second pass over \
                the data.
                """)
notebook.slip("which index", notes: "each dimension, a^(i)", at: .notes("003", 525),
              correct: "dimension k, a^(k); i numbers the examples",
              why: """
                In the formula right below (003:527) the superscript (k) is the dimension and \
                the subscript i the example in the batch, as in μ_B^(k); the sentence names the \
                dimension by the example's letter.
                """)
notebook.slip("one symbol, two values", notes: "ā = (a − μ)/√(σ² + ε) · γ + β", at: .notes("003", 533),
              correct: "ā = (a − μ)/√(σ² + ε), then y = γā + β",
              why: """
                003:527 and 003:533 give the same name ā to the normalised value and to the \
                layer's output; the backward pass needs both, and ∂L/∂γ = Σ δ·ā only makes \
                sense with ā the normalised one.
                """)
notebook.slip("the layer's output statistics", notes: "mean close to 0, standard deviation close to 1", at: .notes("004", 1150),
              correct: "mean β and standard deviation |γ| per unit",
              why: """
                Only the normalised value has mean 0 and standard deviation 1 over the batch; \
                the output is γx̂ + β, which the worked batch above shows with γ = 2, β = 1 \
                for its second unit. Keeping statistics at 0 and 1 is exactly what the \
                learnt γ and β are there to undo when that helps.
                """)
let sigmoidOfOne = sigmoid(1), sigmoidOfZero = 0.5
notebook.slip("sigmoid of small pixel values", notes: "1 to 255 ... reduced to a number close to 1", at: .notes("004", 1151),
              correct: "σ(1) = \(formatNumber(sigmoidOfOne, digits: 4)), σ(2) = \(formatNumber(sigmoid(2), digits: 4)); σ(0) = \(formatNumber(sigmoidOfZero))",
              why: """
                The sigmoid is close to 1 only from about 3 on (σ(3) = \(formatNumber(sigmoid(3), digits: 4))); the \
                raw pixel values 1 and 2 land well inside its range, and 0 maps to 0.5, \
                not to a value that stands apart from the rest. The point of the paragraph \
                holds for most of 0 … 255, which saturate.
                """)

notebook.prose("""
    What is batch normalization good for? The notes report that it helps in practice, \
    while the reason first given for it is now doubted (000:958–961, 003:517). One effect \
    is easy to measure: it makes a network insensitive to the scale of its weights, \
    because multiplying a unit's incoming weights by c multiplies μ_B and σ_B by c as \
    well. Lesson 05 trained a 30-layer ReLU network (width 32) on t(x₁, x₂) = \
    sin(πx₁)cos(πx₂) and found that weights drawn from N(0, 0.01²) do not learn at all: \
    the signal shrinks by a factor of about 0.06 per layer. The same network, the same \
    weights, with a batch normalization layer between every dense layer and its ReLU, \
    against the original, each trained for \(deepSteps) steps of SGD with momentum \
    (η = 0.01, μ = 0.9, batches of 32), over \(runs) runs:
    """)
let study = InitializationStudy.quick
/// Lesson 05's deep regression network: `hiddenLayers` ReLU layers of `width` units, weights
/// from `initializer` (drawn from `weightStream`), optionally with batch normalization
/// before every ReLU, and one linear output.
@MainActor
func deepNetwork(_ initializer: Initializer, normalized: Bool, weightStream: String) -> Sequential {
    var generator = notebook.generator(weightStream)
    var layers: [any Layer] = []
    var width = 2
    for _ in 0..<study.hiddenLayers {
        if normalized {
            layers += [Dense(inputs: width, outputs: study.width, weightInitializer: initializer, using: &generator),
                       BatchNormalization(features: study.width), ActivationLayer(.relu)] as [any Layer]
        } else {
            layers.append(Dense(inputs: width, outputs: study.width, activation: .relu, weightInitializer: initializer,
                                using: &generator))
        }
        width = study.width
    }
    layers.append(Dense(inputs: width, outputs: 1, weightInitializer: initializer, using: &generator))
    return Sequential(layers)
}
/// The steps after which the deep runs measure their training loss: ten, evenly spread.
let evaluationSteps = (1...10).map { $0 * deepSteps / 10 }
/// Trains a regression network on Lesson 05's task for `deepSteps` steps and returns the
/// training-set loss before training and after each of `evaluationSteps`.
@MainActor
func trainDeep(_ network: inout Sequential, run: Int, optimizer: some Optimizer, progress: inout ProgressBar) -> [Double] {
    var optimizer = optimizer
    let (inputs, targets) = study.dataset(seed: notebook.seed("regression data \(run)"))
    var batches = notebook.generator("regression batches \(run)")
    // The loss on all 256 points, in inference mode (batch normalization uses its running statistics).
    func trainingLoss() -> Double { Loss.halfSquaredError.value(prediction: network(inputs), target: targets) }
    var curve = [trainingLoss()]
    var order: [Int] = []
    for step in 1...deepSteps {
        if order.count < study.batchSize { order += batches.permutation(study.sampleCount) }
        let batch = Array(order.prefix(study.batchSize))
        order.removeFirst(study.batchSize)
        network.computeGradients(input: inputs.rows(at: batch), target: targets.rows(at: batch), loss: .halfSquaredError)
        optimizer.step(&network)
        if evaluationSteps.contains(step) { curve.append(trainingLoss()) }
    }
    progress.advance()
    return curve
}
var normProgress = ProgressBar("batch normalization: 2 × \(runs) deep runs", total: 2 * runs)
var badScaleCurves: [[Double]] = [], normalizedCurves: [[Double]] = []
for run in 0..<runs {
    let momentum = Momentum(learningRate: study.learningRate, momentum: study.momentum)
    var plain = deepNetwork(.normal(standardDeviation: 0.01), normalized: false, weightStream: "bad scale weights \(run)")
    badScaleCurves.append(trainDeep(&plain, run: run, optimizer: momentum, progress: &normProgress))
    var normalized = deepNetwork(.normal(standardDeviation: 0.01), normalized: true, weightStream: "bad scale weights \(run)")
    normalizedCurves.append(trainDeep(&normalized, run: run, optimizer: momentum, progress: &normProgress))
}
normProgress.finish()
reportTime("batch normalization runs")
let badRatio = badScaleCurves.map { $0.last! / $0.first! }, normalizedRatio = normalizedCurves.map { $0.last! / $0.first! }
notebook.table(["run", "N(0, 0.01²): loss start → end", "with batch norm: start → end"],
               rows: (0..<runs).map { run in
                   ["\(run + 1)", "\(formatNumber(badScaleCurves[run].first!, digits: 4)) → \(formatNumber(badScaleCurves[run].last!, digits: 4))",
                    "\(formatNumber(normalizedCurves[run].first!, digits: 4)) → \(formatNumber(normalizedCurves[run].last!, digits: 4))"]
               })
notebook.result("end / start, N(0, 0.01²)", spread(badRatio))
notebook.result("end / start, with batch normalization", spread(normalizedRatio))
let stuckRuns = badRatio.filter { $0 > 0.95 }.count
let rescuedRuns = normalizedRatio.filter { $0 < 0.8 }.count
notebook.check("without batch normalization the loss stays within 5 % of its start in most runs (\(of(stuckRuns)))", most(stuckRuns))
notebook.check("with batch normalization the loss falls by more than 20 % in most runs (\(of(rescuedRuns)))", most(rescuedRuns))
let curveAxis = ([0] + evaluationSteps).map(Double.init)
var rescuePlot = LinePlot(title: "Loss of 30 ReLU layers, N(0, 0.01²) weights (mean of \(runs) runs)",
                          xLabel: "SGD step", yLabel: "log₁₀ loss")
rescuePlot.add("plain", x: curveAxis, y: (0...10).map { e in log10(mean(badScaleCurves.map { $0[e] })) })
rescuePlot.add("batch normalization", x: curveAxis, y: (0...10).map { e in log10(mean(normalizedCurves.map { $0[e] })) })
notebook.show(rescuePlot)
notebook.prose("""
    The plain network predicts the mean of the targets for the whole run, because the \
    signal that reaches its output is about 0.06³⁰ ≈ 10⁻³⁷ of the input. With batch \
    normalization the same weights give every layer unit-variance inputs, the gradients \
    reach the bottom, and the loss falls by more than 20 % in \(of(rescuedRuns)) runs (to \
    \(spread(normalizedRatio, digits: 2)) of its start). It does not make this network fast: \
    compare Lesson 05's He-initialised network without it, which goes far lower in 500 steps. \
    What batch normalization removed is the dependence on the weights' scale. The price is a \
    dependence between the examples of a batch while training, and two modes (training \
    with batch statistics, inference with running ones) that must not be confused.
    """)

// MARK: - 5. Residual networks

notebook.section("Residual networks and the degradation puzzle")
notebook.prose("""
    The lecture's last trick starts from a figure of He et al. (2015, Fig. 1; 000:979–980): \
    on CIFAR-10 a plain 56-layer network has a higher *training* error than a 20-layer \
    one. That is not overfitting, which would show a low training error and a high test \
    error. It is puzzling because the deeper network could copy the shallow one and make \
    its extra layers the identity, so a solution at least as good exists; the optimiser \
    just does not find it. Their answer is the residual block (000:987), which only has to \
    learn the difference from the identity:
    """)
let depthWidth = 16, shallowDepth = 10, deepDepth = 50
notebook.formula("""
    y = σ(W₂ σ(W₁x) + x)
    ∂L/∂x = δ + W₁ᵀ(σ′(W₁x) ⊙ W₂ᵀδ),      δ = ∂L/∂y ⊙ σ′(W₂σ(W₁x) + x)
    """)
notebook.prose("""
    The gradient arrives at x through the identity path unchanged (Lesson 02 derived it \
    for the handout's block, Lesson 05 measured it across 20 blocks). A miniature of the \
    puzzle on Lesson 05's regression task, with layers of \(depthWidth) units: plain ReLU \
    networks of \(shallowDepth) and of \(deepDepth) layers, and a \(deepDepth)-layer network made of one \
    dense layer, \((deepDepth - 2) / 2) residual blocks (two dense layers each, W₂ starting at a \
    tenth of its He draw) and the output layer. All use He initialisation and Adam \
    (α = 10⁻³), \(deepSteps) steps, the same data and batches, \(runs) runs:
    """)
/// A regression network of `depth` dense layers of width `depthWidth`: plain, or residual
/// blocks between an input and an output layer.
@MainActor
func depthNetwork(depth: Int, residual: Bool, weightStream: String) -> Sequential {
    var generator = notebook.generator(weightStream)
    let width = depthWidth
    var layers: [any Layer] = [Dense(inputs: 2, outputs: width, activation: .relu, weightInitializer: .heUniform, using: &generator)]
    if residual {
        for _ in 0..<((depth - 2) / 2) {
            layers.append(ResidualBlock(width: width, weightInitializer: .heUniform, branchScale: 0.1, using: &generator))
        }
    } else {
        for _ in 0..<(depth - 2) {
            layers.append(Dense(inputs: width, outputs: width, activation: .relu, weightInitializer: .heUniform, using: &generator))
        }
    }
    layers.append(Dense(inputs: width, outputs: 1, weightInitializer: .heUniform, using: &generator))
    return Sequential(layers)
}
let depthVariants: [(name: String, depth: Int, residual: Bool)] = [
    ("plain, \(shallowDepth) layers", shallowDepth, false), ("plain, \(deepDepth) layers", deepDepth, false),
    ("residual, \(deepDepth) layers", deepDepth, true),
]
var depthCurves = Array(repeating: [[Double]](), count: depthVariants.count)
var depthProgress = ProgressBar("residual: 3 × \(runs) deep runs", total: depthVariants.count * runs)
for run in 0..<runs {
    for (v, variant) in depthVariants.enumerated() {
        var network = depthNetwork(depth: variant.depth, residual: variant.residual, weightStream: "depth weights \(run) \(v)")
        depthCurves[v].append(trainDeep(&network, run: run, optimizer: Adam(learningRate: 1e-3), progress: &depthProgress))
    }
}
depthProgress.finish()
reportTime("depth runs")
var depthPlot = LinePlot(title: "Training loss against depth (mean of log₁₀ over \(runs) runs)", xLabel: "Adam step",
                         yLabel: "log₁₀ loss")
for (v, variant) in depthVariants.enumerated() {
    depthPlot.add(variant.name, x: curveAxis, y: (0...10).map { e in mean(depthCurves[v].map { log10($0[e]) }) })
}
notebook.show(depthPlot)
let finalDepthLoss = depthCurves.map { $0.map { log10($0.last!) } }
notebook.table(["network", "log₁₀ final training loss", "per run"],
               rows: depthVariants.indices.map { v in
                   [depthVariants[v].name, spread(finalDepthLoss[v], digits: 2),
                    finalDepthLoss[v].map { formatNumber($0, digits: 2) }.joined(separator: ", ")]
               })
let deepWorse = (0..<runs).filter { finalDepthLoss[1][$0] > finalDepthLoss[0][$0] }.count
let residualBetter = (0..<runs).filter { finalDepthLoss[2][$0] < finalDepthLoss[1][$0] }.count
let residualBeatsShallow = (0..<runs).filter { finalDepthLoss[2][$0] < finalDepthLoss[0][$0] }.count
notebook.result("runs where \(deepDepth) plain layers end higher than \(shallowDepth)", of(deepWorse))
notebook.result("runs where \(deepDepth) residual layers end lower than \(deepDepth) plain", of(residualBetter))
notebook.result("runs where \(deepDepth) residual layers end lower than \(shallowDepth) plain", of(residualBeatsShallow))
notebook.check("the deep plain network trains worse than the shallow one in most runs (\(of(deepWorse)))", most(deepWorse))
notebook.check("the residual network of the same depth trains better than the plain one in most runs (\(of(residualBetter)))",
               most(residualBetter))
notebook.prose("""
    The miniature reproduces the puzzle's shape: measured on the training set itself, \
    more plain layers make the fit worse (in \(of(deepWorse)) runs), and the same depth \
    made of residual blocks fits better than the deep plain stack (in \(of(residualBetter)) \
    runs), and \(most(residualBeatsShallow) ? "in \(of(residualBeatsShallow)) runs it also fits better than the shallow network, as the extra depth should allow" : "it beats the shallow network in only \(of(residualBeatsShallow)) runs, so these runs do not show that the extra depth pays off"). \
    Why the plain stack fails is less clear than that it fails: in a plain stack every \
    layer multiplies the gradient by another matrix (Lesson 05), while a block adds it back \
    through the identity path, but He et al. checked that their plain networks, which had \
    batch normalization, did not suffer from vanishing gradients, and left the cause open. \
    These runs do not settle it either.
    """)

notebook.prose("""
    The handout's survey of architectures (003:503–509) quotes sizes that can be \
    recomputed from the published layer lists. VGG-16: thirteen 3 × 3 convolutions and \
    three fully connected layers; ResNet-152: a 7 × 7 convolution, 50 bottleneck blocks \
    (1 × 1, 3 × 3, 1 × 1 convolutions with batch normalization, widths 64 to 512, four \
    times wider outputs) and one fully connected layer:
    """)
let vgg = PublishedArchitectures.vgg16, resnet = PublishedArchitectures.resnet152
let (vggConvolutions, vggDense, resnetCount) = (vgg.convolutional, vgg.dense, resnet.total)
notebook.compare("VGG-16 parameters (millions)", notes: 138, at: .notes("003", 507), written: "roughly 138 million",
                 computed: Double(vggConvolutions + vggDense) / 1e6, tolerance: 0.5, digits: 3)
notebook.compare("ResNet-152 parameters (millions)", notes: 60, at: .notes("003", 509), written: "about 60 million",
                 computed: Double(resnetCount) / 1e6, tolerance: 0.5, digits: 3)
notebook.prose("""
    The three fully connected layers at the end of VGG-16 hold \
    \(formatNumber(Double(vggDense) / 1e6, digits: 1)) million of its \
    \(formatNumber(Double(vggConvolutions + vggDense) / 1e6, digits: 1)) million weights \
    (\(percent(Double(vggDense) / Double(vggConvolutions + vggDense), digits: 0)) %), although the handout describes it \
    as convolutions alone; Lesson 10, whose range that slide is in, names the slip at 003:507.
    """)

// MARK: - 6. Ensembles

notebook.section("Ensembles")
notebook.prose("""
    The handout's last remedy (003:542–558): train several networks and average their \
    predicted probabilities. Their errors are partly independent, so the average varies \
    less than any one of them. Different initial weights and batch orders are enough \
    randomness; the data need not be resampled (003:553). For each of the \(runs) splits of \
    section 1, \(memberCount - 1) more plain networks are trained from other initial weights and \
    batch orders, giving \(memberCount) members. Cheaper variants use one training run: a snapshot \
    ensemble averages the predictions of copies saved along the way (epochs \
    \(snapshotEpochs.map(String.init).joined(separator: ", "))), and parameter averaging \
    averages those copies' weights into one network (003:551: only along one trajectory, \
    never across independent runs).
    """)
let memberCount = quick ? 3 : 4
var singleAccuracy: [Double] = [], ensembleAccuracy: [Double] = [], singleLoss: [Double] = [], ensembleLoss: [Double] = []
var snapshotAccuracy: [Double] = [], snapshotLoss: [Double] = [], averagedWeightsAccuracy: [Double] = [], averagedWeightsLoss: [Double] = []
var independentAverageAccuracy: [Double] = []
var ensembleProgress = ProgressBar("ensembles: \(memberCount - 1) more members per split", total: runs * (memberCount - 1))
/// The mean cross-entropy of predicted probabilities against labels.
func crossEntropy(probabilities: Tensor, labels: [Int]) -> Double {
    -mean(labels.indices.map { log(probabilities[$0, labels[$0]]) })
}
/// The average of networks' parameters, tensor by tensor, in the first network's architecture.
func averageParameters(_ networks: [Sequential]) -> Sequential {
    var average = networks[0]
    average.parameters = average.parameters.indices.map { index in
        networks.dropFirst().reduce(networks[0].parameters[index]) { $0 + $1.parameters[index] } / Double(networks.count)
    }
    return average
}
for run in 0..<runs {
    let test = splits[run].test
    var members = [plainNetworks[run]]
    for member in 1..<memberCount {
        var network = digitsNetwork(weightStream: "digits weights \(run) member \(member)")
        _ = train(&network, on: splits[run], batchStream: "digits batches \(run) member \(member)", record: false)
        members.append(network)
        ensembleProgress.advance()
    }
    let probabilities = members.map { softmax($0(test.images)) }
    let memberScores = probabilities.map { (accuracy(predicted: $0.argmax(alongAxis: 1), actual: test.labels),
                                            crossEntropy(probabilities: $0, labels: test.labels)) }
    singleAccuracy.append(mean(memberScores.map(\.0)))
    singleLoss.append(mean(memberScores.map(\.1)))
    let averaged = probabilities.dropFirst().reduce(probabilities[0], +) / Double(memberCount)
    ensembleAccuracy.append(accuracy(predicted: averaged.argmax(alongAxis: 1), actual: test.labels))
    ensembleLoss.append(crossEntropy(probabilities: averaged, labels: test.labels))
    // Averaging the weights of independent runs instead: their hidden units are not matched.
    let independentAverage = averageParameters(members)
    independentAverageAccuracy.append(accuracy(predicted: independentAverage.predictClasses(test.images), actual: test.labels))
    // Snapshots of run 1 of this split.
    let snapshots = plainSnapshots[run]
    let snapshotProbabilities = snapshots.map { softmax($0(test.images)) }
    let snapshotAverage = snapshotProbabilities.dropFirst().reduce(snapshotProbabilities[0], +) / Double(snapshots.count)
    snapshotAccuracy.append(accuracy(predicted: snapshotAverage.argmax(alongAxis: 1), actual: test.labels))
    snapshotLoss.append(crossEntropy(probabilities: snapshotAverage, labels: test.labels))
    let weightAverage = averageParameters(snapshots)
    averagedWeightsAccuracy.append(accuracy(predicted: weightAverage.predictClasses(test.images), actual: test.labels))
    averagedWeightsLoss.append(weightAverage.crossEntropy(inputs: test.images, labels: test.labels))
}
ensembleProgress.finish()
reportTime("ensemble members")
notebook.table(["prediction", "test accuracy %", "test loss"], rows: [
    ["one network (mean of the \(memberCount) members)", spread(singleAccuracy, scale: 100, digits: 2), spread(singleLoss)],
    ["average of the \(memberCount) members' probabilities", spread(ensembleAccuracy, scale: 100, digits: 2), spread(ensembleLoss)],
    ["one run, final weights", spread(finalTestAccuracy, scale: 100, digits: 2), spread(finalTestLoss)],
    ["snapshot ensemble of that run (\(snapshotEpochs.count) copies)", spread(snapshotAccuracy, scale: 100, digits: 2), spread(snapshotLoss)],
    ["average of those copies' weights", spread(averagedWeightsAccuracy, scale: 100, digits: 2), spread(averagedWeightsLoss)],
    ["average of the \(memberCount) members' weights", spread(independentAverageAccuracy, scale: 100, digits: 2), "—"],
])
let ensembleGains = (0..<runs).map { ensembleAccuracy[$0] - singleAccuracy[$0] }
let ensembleWins = ensembleGains.filter { $0 > 0 }.count
let ensembleLossWins = (0..<runs).filter { ensembleLoss[$0] < singleLoss[$0] }.count
let snapshotGains = (0..<runs).map { snapshotAccuracy[$0] - finalTestAccuracy[$0] }
notebook.result("ensemble − one network (points)", "\(spread(ensembleGains, scale: 100, digits: 2)), better in \(of(ensembleWins))")
notebook.result("snapshot ensemble − final weights (points)", spread(snapshotGains, scale: 100, digits: 2))
notebook.check("averaging \(memberCount) networks' probabilities beats the average member's accuracy in most splits (\(of(ensembleWins)))",
               most(ensembleWins))
notebook.check("and lowers the test loss in most splits (\(of(ensembleLossWins)))", most(ensembleLossWins))
notebook.prose("""
    Averaging \(memberCount) independently trained networks gains \(spread(ensembleGains, scale: 100, digits: 2)) points of \
    test accuracy over a single one and lowers the test loss in \(of(ensembleLossWins)) splits: the most \
    reliable improvement of this lesson, bought with \(memberCount) times the training. Snapshots \
    of one run are nearly free but are too alike to gain much here \
    (\(spread(snapshotGains, scale: 100, digits: 2)) points); snapshot ensembles in the literature use a \
    cyclic learning rate so that the copies differ more. Averaging the weights of \
    independent networks, on the other hand, destroys them \
    (\(spread(independentAverageAccuracy, scale: 100, digits: 1)) %): the same hidden unit has a different \
    role in each run, which is why 003:551 restricts parameter averaging to one trajectory.
    """)

// MARK: - Recap

notebook.recap([
    "200 digits and 26,122 weights: 100 % training accuracy in \(of(perfectRuns)) runs; the test loss rises after its minimum in \(of(risingRuns)). A gap between training and test is not yet overfitting; a rising test loss is.",
    "Early stopping on a validation set (never the test set) lowered the test loss in \(of(lossWins)) runs (by \(spread(lossGains))); its effect on accuracy was \(spread(accuracyGains, scale: 100, digits: 2)) points.",
    "Dropout: keep with probability q and divide by q while training (inverted), or multiply the weights by q afterwards; never by 1/p. On these digits it changed test accuracy by \(spread(dropoutAccuracyGains, scale: 100, digits: 2)) points.",
    "The single dropout pass is exactly the normalised geometric mean over masks for one softmax layer, and close to the average over many masks in the digits network.",
    "Batch normalization: biased σ²_B while training, running averages with m/(m − 1) at inference, ε under the root; its backward pass has the two extra terms from μ_B and σ²_B. It let the N(0, 0.01²) network learn (loss down by more than 20 %) in \(of(rescuedRuns)) runs.",
    "\(deepDepth) plain layers fitted their training data worse than \(shallowDepth) in \(of(deepWorse)) runs: not overfitting but an optimisation failure; \(deepDepth) layers in residual blocks fitted better than the plain stack in \(of(residualBetter)).",
    "Averaging \(memberCount) networks' probabilities gained \(spread(ensembleGains, scale: 100, digits: 2)) points; averaging the weights of independent runs does not work.",
    "The notes' \(notebook.slips) slips: p kept and dropped (000:916/925), 1/p for q (000:934), inputs for units (000:916), an infinite ensemble (000:935), σ_B called a variance (000:943), no ε (000:941), test statistics (000:954), the dimension index (003:525), one symbol for two values (003:533), BN's output statistics (004:1150) and σ(1) (004:1151).",
])
notebook.exercises(lesson: "Lesson09", [
    "invertedDropout — forward and backward pass of inverted dropout",
    "batchNormTraining — batch normalization with the batch's statistics",
    "updatedRunningStatistics — the running mean and unbiased running variance",
    "batchNormInference — batch normalization with the running statistics",
    "batchNormInputGradient — ∂L/∂x of batch normalization",
])
notebook.finish()
