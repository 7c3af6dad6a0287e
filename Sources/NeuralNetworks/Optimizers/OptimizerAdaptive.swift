import TensorCore

/// AdaGrad (Duchi et al. 2011): G ← G + g², θ ← θ − η g / (√G + ε), per coordinate.
///
/// Each coordinate gets its own step size, smaller where gradients have been large; because G
/// only grows, the steps shrink for ever.
public struct AdaGrad: Optimizer {
    /// η, the base step size.
    public var learningRate: Double
    /// ε, added to √G so that the first steps are not divisions by zero.
    public var epsilon: Double
    private var sumOfSquares = SlotState()

    /// AdaGrad with base step η (default 0.01) and ε (default 1e-8).
    public init(learningRate: Double = 0.01, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.epsilon = epsilon
    }

    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int) {
        let (eta, eps) = (learningRate, epsilon)
        sumOfSquares.withTensor(slot, shape: parameter.shape) { s in
            withBuffers(&parameter, gradient, "AdaGrad") { p, g in
                for i in 0..<p.count {
                    s[i] += g[i] * g[i]
                    p[i] -= eta * g[i] / (s[i].squareRoot() + eps)
                }
            }
        }
    }

    public mutating func reset() { sumOfSquares = SlotState() }
}

/// RMSProp (Hinton 2012): s ← ρs + (1 − ρ)g², θ ← θ − η g / (√s + ε), per coordinate.
///
/// AdaGrad with a moving average instead of a sum, so the step sizes adapt without dying out.
public struct RMSProp: Optimizer {
    /// η, the base step size.
    public var learningRate: Double
    /// ρ ∈ [0, 1), the decay of the moving average of g².
    public var decay: Double
    /// ε, added to √s to avoid division by zero.
    public var epsilon: Double
    private var meanSquare = SlotState()

    /// RMSProp with step η (default 0.001), decay ρ (default 0.9) and ε (default 1e-8).
    public init(learningRate: Double = 0.001, decay: Double = 0.9, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.decay = decay
        self.epsilon = epsilon
    }

    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int) {
        let (eta, rho, eps) = (learningRate, decay, epsilon)
        meanSquare.withTensor(slot, shape: parameter.shape) { s in
            withBuffers(&parameter, gradient, "RMSProp") { p, g in
                for i in 0..<p.count {
                    s[i] = rho * s[i] + (1 - rho) * g[i] * g[i]
                    p[i] -= eta * g[i] / (s[i].squareRoot() + eps)
                }
            }
        }
    }

    public mutating func reset() { meanSquare = SlotState() }
}

/// Adam (Kingma and Ba 2015), per coordinate, with bias correction:
///
/// m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ),
/// θ ← θ − η m̂ / (√v̂ + ε).
///
/// t counts the updates of each parameter separately (from 1). The bias correction makes the
/// first step have magnitude ≈ η in every coordinate whatever the gradient's scale.
public struct Adam: Optimizer {
    /// η, the step size.
    public var learningRate: Double
    /// β₁, the decay of the moving average of g (the momentum).
    public var beta1: Double
    /// β₂, the decay of the moving average of g².
    public var beta2: Double
    /// ε, added to √v̂ to avoid division by zero.
    public var epsilon: Double
    private var firstMoment = SlotState()
    private var secondMoment = SlotState()
    private var steps: [Int] = []

    /// Adam with η (default 0.001), β₁ (0.9), β₂ (0.999) and ε (1e-8), the paper's defaults.
    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, slot: Int) {
        if slot >= steps.count { steps += Array(repeating: 0, count: slot + 1 - steps.count) }
        steps[slot] += 1
        let t = Double(steps[slot])
        let (eta, b1, b2, eps) = (learningRate, beta1, beta2, epsilon)
        let correction1 = 1 - pow(b1, t), correction2 = 1 - pow(b2, t)
        let shape = parameter.shape
        firstMoment.withTensor(slot, shape: shape) { m in
            secondMoment.withTensor(slot, shape: shape) { v in
                withBuffers(&parameter, gradient, "Adam") { p, g in
                    guard p.count > 0 else { return }
                    let constants = Constants(eta: eta, b1: b1, b2: b2, eps: eps,
                                              correction1: correction1, correction2: correction2)
                    let buffers = Buffers(p: p.baseAddress!, g: g.baseAddress!, m: m.baseAddress!, v: v.baseAddress!)
                    let count = p.count
                    guard count >= Self.splitFrom else {
                        Self.update(buffers, 0..<count, constants)
                        return
                    }
                    // A large tensor (a 120 × 84 layer's weights) is updated in two halves, one
                    // per core. Every coordinate's update depends on that coordinate alone, so
                    // the numbers are the same however the range is cut; the cut is on a multiple
                    // of 4, so even the grouping into vector lanes is unchanged.
                    let cut = count / 2 / 4 * 4
                    TwoCores.run { half in Self.update(buffers, half == 0 ? 0..<cut : cut..<count, constants) }
                }
            }
        }
    }

    /// Tensors of at least this many coordinates are updated on two cores: below it, waking the
    /// second core costs more than half the update.
    static let splitFrom = 4_096

    /// The step's scalars: η, β₁, β₂, ε and the two bias corrections 1 − βᵗ.
    private struct Constants {
        let eta, b1, b2, eps, correction1, correction2: Double
    }

    /// The parameter, gradient and both moments, for the two halves of a split update. Each
    /// half writes a disjoint range, which is what makes the unchecked `Sendable` sound.
    private struct Buffers: @unchecked Sendable {
        let p: UnsafeMutablePointer<Double>
        let g: UnsafePointer<Double>
        let m: UnsafeMutablePointer<Double>
        let v: UnsafeMutablePointer<Double>
    }

    /// Adam's update of the coordinates in `range`.
    @inline(__always)
    private static func update(_ buffers: Buffers, _ range: Range<Int>, _ k: Constants) {
        let (p, g, m, v) = (buffers.p, buffers.g, buffers.m, buffers.v)
        let (eta, b1, b2, eps, correction1, correction2) = (k.eta, k.b1, k.b2, k.eps, k.correction1, k.correction2)
        // Four coordinates at a time, then the rest one by one. The vector lanes do exactly the
        // scalar operations in the same order (IEEE division and square root are correctly
        // rounded either way), so the result is bit for bit the same; only the division and
        // square root, the slow part, run 4-wide.
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            let gi = load(g, i)
            let mi = SIMD4(repeating: b1) * load(m, i) + SIMD4(repeating: 1 - b1) * gi
            let vi = SIMD4(repeating: b2) * load(v, i) + SIMD4(repeating: 1 - b2) * gi * gi
            store(mi, m, i)
            store(vi, v, i)
            let mHat = mi / SIMD4(repeating: correction1), vHat = vi / SIMD4(repeating: correction2)
            let step = SIMD4(repeating: eta) * mHat / (vHat.squareRoot() + SIMD4(repeating: eps))
            store(load(p, i) - step, p, i)
            i += 4
        }
        while i < range.upperBound {
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            let mHat = m[i] / correction1, vHat = v[i] / correction2
            p[i] -= eta * mHat / (vHat.squareRoot() + eps)
            i += 1
        }
    }

    public mutating func reset() {
        firstMoment = SlotState()
        secondMoment = SlotState()
        steps = []
    }

    @inline(__always)
    private static func load(_ base: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
        UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private static func load(_ base: UnsafeMutablePointer<Double>, _ i: Int) -> SIMD4<Double> {
        load(UnsafePointer(base), i)
    }

    @inline(__always)
    private static func store(_ value: SIMD4<Double>, _ base: UnsafeMutablePointer<Double>, _ i: Int) {
        UnsafeMutableRawPointer(base + i).storeBytes(of: value, as: SIMD4<Double>.self)
    }
}
