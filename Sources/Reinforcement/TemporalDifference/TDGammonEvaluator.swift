// Move choice at speed: the network's value of every afterstate of a roll, from sparse inputs.

import NeuralNetworks
import TensorCore

/// Evaluates a batch of afterstates with a `TDGammonNetwork`, giving the same numbers, bit for
/// bit, as `network.sequential.predict` on the encoded batch, but several times faster.
///
/// It is an optimisation of the same parameters, not a second network: it reads the weights of
/// the network's two `Dense` layers in place and applies their own activations. The saving is in
/// the hidden layer: a position switches on only 30–50 of the 198 input units, so row r of
/// Z = X·W₁ is the sum over the non-zero xᵢ of xᵢ·(row i of W₁), and the other ~150 rows of W₁
/// are never read. The sum runs in the matrix kernel's order (input i ascending, one multiply–add
/// each, starting from +0, the bias added after), and a multiply–add by a zero input leaves the
/// kernel's sum unchanged, so skipping those changes no bit. That holds when the kernel treats
/// every column alike, which it does for H a multiple of 4 above 4; for other widths, and with
/// `useMatmul`, the hidden layer runs through `matmul` itself. The output layer always does.
/// Buffers are kept between calls, so an evaluation allocates nothing once they have grown.
public final class TDGammonEvaluator {
    /// Encoded inputs of the last batch, row-major [n, 198].
    public private(set) var inputs: [Double] = []
    /// Hidden pre-activations z₁ = x·W₁ + b₁ of the last batch, row-major [n, H].
    public private(set) var hiddenPreActivations: [Double] = []
    /// Hidden activations σ(z₁) of the last batch, row-major [n, H].
    public private(set) var hidden: [Double] = []
    /// Output pre-activations z₂ = σ(z₁)·W₂ + b₂ of the last batch (n).
    public private(set) var outputPreActivations: [Double] = []
    /// Values σ(z₂) of the last batch (n).
    public private(set) var values: [Double] = []
    /// Network evaluations performed so far (one per position).
    public private(set) var evaluationCount = 0
    /// Whether the hidden layer always uses the library's dense `matmul` (true) rather than the
    /// sparse sum where it applies (false, the default). Both give the same bits.
    public var useMatmul: Bool

    public init(useMatmul: Bool = false) { self.useMatmul = useMatmul }

    /// Whether the sparse sum reproduces `matmul`'s bits for a hidden layer of `width` units: the
    /// kernel then computes every column with the same fused multiply–adds, for one row or many.
    public static func sparsePathApplies(hiddenCount width: Int) -> Bool { width > 4 && width % 4 == 0 }

    /// Fills `values` with the network's value of each position (each an afterstate whose mover
    /// is `player`) and returns the index of the largest (the first on ties, by `argmax`).
    @discardableResult
    public func evaluate(_ network: TDGammonNetwork, _ positions: [BackgammonPosition]) -> Int {
        let n = positions.count, h = network.hiddenCount, d = TDGammonEncoding.inputCount
        check(n > 0, "TDGammonEvaluator: no positions to evaluate")
        evaluationCount += n
        resize(&inputs, n * d)
        resize(&hiddenPreActivations, n * h)
        resize(&hidden, n * h)
        resize(&outputPreActivations, n)
        resize(&values, n)
        inputs.withUnsafeMutableBufferPointer { x in
            for (r, p) in positions.enumerated() { TDGammonEncoding.encode(p, firstSideOnRoll: false, into: x.baseAddress! + r * d) }
        }
        let hiddenLayer = network.hiddenLayer, outputLayer = network.outputLayer
        // z₁ = x·W₁ + b₁, a₁ = f₁(z₁)
        hiddenLayer.weights.withUnsafeBufferPointer { w in
            inputs.withUnsafeBufferPointer { x in
                hiddenPreActivations.withUnsafeMutableBufferPointer { z in
                    if useMatmul || !Self.sparsePathApplies(hiddenCount: h) {
                        matmul(x, w, into: z, m: n, n: h, k: d)
                    } else {
                        Self.sparseProduct(x.baseAddress!, w.baseAddress!, into: z.baseAddress!, rows: n, depth: d, width: h)
                    }
                }
            }
        }
        hiddenLayer.bias.withUnsafeBufferPointer { b in
            hiddenPreActivations.withUnsafeMutableBufferPointer { z in
                hidden.withUnsafeMutableBufferPointer { a in
                    for r in 0..<n {
                        for j in 0..<h { z[r * h + j] += b[j] }
                    }
                    Self.activate(hiddenLayer.activation, z.baseAddress!, into: a.baseAddress!, count: n * h)
                }
            }
        }
        // z₂ = a₁·W₂ + b₂, V = f₂(z₂)
        outputLayer.weights.withUnsafeBufferPointer { w in
            hidden.withUnsafeBufferPointer { a in
                outputPreActivations.withUnsafeMutableBufferPointer { z in matmul(a, w, into: z, m: n, n: 1, k: h) }
            }
        }
        let outputBias = outputLayer.bias.scalars[0]
        outputPreActivations.withUnsafeMutableBufferPointer { z in
            values.withUnsafeMutableBufferPointer { v in
                for r in 0..<n { z[r] += outputBias }
                Self.activate(outputLayer.activation, z.baseAddress!, into: v.baseAddress!, count: n)
            }
        }
        return argmax(values)
    }

    /// Z = X·W over the non-zero entries of X only: Z[r, j] = Σ over i with X[r, i] ≠ 0, in
    /// ascending i, of X[r, i]·W[i, j], each term one multiply–add from +0, as the kernel does.
    @inline(__always)
    static func sparseProduct(_ x: UnsafePointer<Double>, _ w: UnsafePointer<Double>, into z: UnsafeMutablePointer<Double>,
                              rows: Int, depth: Int, width: Int) {
        z.update(repeating: 0, count: rows * width)
        for r in 0..<rows {
            let xr = x + r * depth, zr = z + r * width
            for i in 0..<depth where xr[i] != 0 {
                let xi = xr[i], wi = w + i * width
                for j in 0..<width { zr[j] = multiplyAdd(zr[j], xi, wi[j]) }
            }
        }
    }

    /// `accumulator + a·b` with the matrix kernel's rounding: fused into one rounding where the
    /// build has FMA (`TENSORCORE_FMA`, set in Package.swift for every optimised target).
    @inline(__always)
    static func multiplyAdd(_ accumulator: Double, _ a: Double, _ b: Double) -> Double {
        #if TENSORCORE_FMA
        accumulator.addingProduct(a, b)
        #else
        accumulator + a * b
        #endif
    }

    /// y = f(z) element by element, with the sigmoid of both TD-Gammon layers called directly
    /// (the function `Activation.sigmoid` itself calls) rather than through the per-number switch.
    @inline(__always)
    static func activate(_ activation: Activation, _ z: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        if activation == .sigmoid {
            for i in 0..<count { y[i] = sigmoid(z[i]) }
        } else {
            for i in 0..<count { y[i] = activation(z[i]) }
        }
    }

    /// Makes `buffer` hold `count` numbers, keeping its capacity (the contents are overwritten).
    @inline(__always)
    private func resize(_ buffer: inout [Double], _ count: Int) {
        if buffer.count != count {
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: repeatElement(0, count: count))
        }
    }
}
