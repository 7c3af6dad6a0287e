// Running the two halves of a split batch at the same time (see `Sequential.splitBatchesFrom`).

import Dispatch
import Foundation
import TensorCore

/// Runs `body(0)` and `body(1)` on two cores when the machine has more than one, one after the
/// other otherwise. The numbers do not depend on which: each call touches only its own half.
enum TwoCores {
    /// Read once: asking Foundation costs microseconds per call.
    static let available = ProcessInfo.processInfo.activeProcessorCount > 1

    static func run(_ body: @Sendable (Int) -> Void) {
        if available {
            DispatchQueue.concurrentPerform(iterations: 2, execute: body)
        } else {
            body(0)
            body(1)
        }
    }
}

/// One half of a split batch: its rows (then its output or gradient) and its copy of the
/// layers, changed by one thread only, which is what makes the unchecked `Sendable` sound.
final class HalfBatch: @unchecked Sendable {
    var tensor: Tensor
    var layers: [any Layer] = []
    init(_ tensor: Tensor) { self.tensor = tensor }
}
