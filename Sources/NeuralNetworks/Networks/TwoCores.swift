// Running the two halves of a split batch at the same time (see `Sequential.splitBatchesFrom`).

import Dispatch
import Foundation
import Synchronization
import TensorCore

/// Runs `body(0)` and `body(1)` on two cores when this process may use more than one CPU, one
/// after the other otherwise. The numbers do not depend on which: each call touches only its
/// own half.
///
/// The second half goes to `PartnerThread`, a thread kept for this alone that stays awake for a
/// moment after each half it runs. A DQN update calls `run` five times within half a
/// millisecond, each time for 10–150 µs of work per half. `DispatchQueue.concurrentPerform`,
/// used before, woke a sleeping worker for every call, which took 10–20 µs, and in a third to a
/// half of the calls the worker came too late and the calling thread ran both halves itself.
enum TwoCores {
    /// Whether this process may use more than one CPU. Under `taskset -c 0` the partner would
    /// only take turns with the caller on the one core, and its waiting would slow the caller.
    static let available = Processors.usable > 1

    static func run(_ body: @Sendable (Int) -> Void) {
        guard available else {
            body(0)
            body(1)
            return
        }
        if PartnerThread.shared.reserve() {
            PartnerThread.shared.run(body)
        } else {
            // Another thread is using the partner (tests run in parallel), or this call comes
            // from inside a half: Dispatch's pool still gives two cores, only slower to wake.
            DispatchQueue.concurrentPerform(iterations: 2, execute: body)
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

/// A thread that runs the second half of `TwoCores.run` while the caller runs the first.
///
/// After a half it keeps checking for the next one for `awakeSeconds` (yielding the core to any
/// other thread that wants it), then sleeps on a semaphore until it is posted work again. The
/// caller never waits for it to wake: if the partner has not taken half 1 by the time the
/// caller has finished half 0, the caller takes it and runs it itself, so a late or busy second
/// core costs nothing beyond running both halves on one.
///
/// One caller at a time (`reserve`); each half is taken by exactly one thread, through the
/// compare-and-exchange on `state`.
final class PartnerThread: @unchecked Sendable {
    static let shared = PartnerThread()

    /// How long the partner looks for new work after a half before it goes to sleep.
    static let awakeSeconds = 0.000_2

    /// Posted work's progress: idle → posted → taken (by the partner) → finished → idle, or
    /// posted → idle when the caller takes half 1 back.
    private enum State: Int {
        case idle, posted, taken, finished
    }

    /// Whether a caller holds the partner (between `reserve` and the end of `run`).
    private let reserved = Atomic<Bool>(false)
    private let state = Atomic<Int>(State.idle.rawValue)
    /// Whether the partner is (about to be) asleep on `wake`.
    private let sleeping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    /// The posted body: written by the caller before `state` becomes `posted`, read by the
    /// partner only after it has taken the half, cleared by the caller after the half is over.
    private var body: (@Sendable (Int) -> Void)? = nil

    private init() {
        let thread = Thread { [unowned self] in self.serve() }
        thread.name = "NeuralNetworks.TwoCores"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Claims the partner for one `run`; false if another caller holds it.
    func reserve() -> Bool {
        reserved.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    }

    /// Runs `body(0)` here and `body(1)` on the partner (or here, if the partner is late), and
    /// returns when both are done. Call only after a successful `reserve()`; releases it.
    func run(_ body: @Sendable (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            self.body = body
            state.store(State.posted.rawValue, ordering: .sequentiallyConsistent)
            if sleeping.load(ordering: .sequentiallyConsistent) { wake.signal() }
            body(0)
            if state.compareExchange(expected: State.posted.rawValue, desired: State.idle.rawValue,
                                     ordering: .acquiringAndReleasing).exchanged {
                body(1)
            } else {
                var spins = 0
                while state.load(ordering: .acquiring) != State.finished.rawValue {
                    spins += 1
                    if spins & 63 == 0 { sched_yield() }
                }
                state.store(State.idle.rawValue, ordering: .relaxed)
            }
            self.body = nil
        }
        reserved.store(false, ordering: .releasing)
    }

    /// The partner's loop: wait for a posted half, take it, run it, say so.
    private func serve() {
        while true {
            waitForPostedWork()
            if state.compareExchange(expected: State.posted.rawValue, desired: State.taken.rawValue,
                                     ordering: .acquiringAndReleasing).exchanged {
                body!(1)
                state.store(State.finished.rawValue, ordering: .releasing)
            }
        }
    }

    /// Returns when work may have been posted: as soon as `state` is seen `posted` while
    /// checking for `awakeSeconds`, or else after sleeping until `run` signals.
    private func waitForPostedWork() {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(Self.awakeSeconds * 1e9)
        var spins = 0
        while state.load(ordering: .acquiring) != State.posted.rawValue {
            spins += 1
            guard spins & 63 == 0 else { continue }
            sched_yield()
            if DispatchTime.now().uptimeNanoseconds < deadline { continue }
            // Asleep until signalled. `run` stores `posted` before it reads `sleeping`, and this
            // thread stores `sleeping` before it reads `state`, so at least one of the two sees
            // the other: work is never left posted while the partner sleeps. (A signal that
            // arrives when the partner did not need it only makes one later wait return at once.)
            sleeping.store(true, ordering: .sequentiallyConsistent)
            if state.load(ordering: .sequentiallyConsistent) != State.posted.rawValue { wake.wait() }
            sleeping.store(false, ordering: .sequentiallyConsistent)
            return
        }
    }
}
