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
/// `useMatmul`, the hidden layer runs through `matmul` itself. The output layer is the kernel's
/// dot product (`dot`), which is `matmul`'s own computation for one output column.
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
    ///
    /// Both layers are sigmoid (`TDGammonNetwork` admits no other), so the sigmoid is called
    /// directly. The output unit of each position is `dot`, the kernel's own dot product, which
    /// is what `matmul` computes for a product with one column; the bias and the sigmoid follow
    /// in the same pass. One position (a forced move, a reply in 2-ply search, the Bench's
    /// single-position row) thus costs no `matmul` dispatch and no `argmax`.
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
        let sparse = !useMatmul && Self.sparsePathApplies(hiddenCount: h)
        return inputs.withUnsafeMutableBufferPointer { xs in
            hiddenPreActivations.withUnsafeMutableBufferPointer { zs in
                hidden.withUnsafeMutableBufferPointer { hs in
                    outputPreActivations.withUnsafeMutableBufferPointer { os in
                        values.withUnsafeMutableBufferPointer { vs in
                            let x = xs.baseAddress!, z = zs.baseAddress!, a = hs.baseAddress!
                            let output = os.baseAddress!, value = vs.baseAddress!
                            for (r, p) in positions.enumerated() { TDGammonEncoding.encode(p, firstSideOnRoll: false, into: x + r * d) }
                            // z₁ = x·W₁ + b₁, a₁ = σ(z₁)
                            network.hiddenLayer.weights.withUnsafeBufferPointer { w in
                                if sparse {
                                    Self.sparseProduct(x, w.baseAddress!, into: z, rows: n, depth: d, width: h)
                                } else {
                                    matmul(UnsafeBufferPointer(xs), w, into: zs, m: n, n: h, k: d)
                                }
                            }
                            network.hiddenLayer.bias.withUnsafeBufferPointer { b in
                                for r in 0..<n {
                                    for j in 0..<h {
                                        let zj = z[r * h + j] + b[j]
                                        z[r * h + j] = zj
                                        a[r * h + j] = sigmoid(zj)
                                    }
                                }
                            }
                            // z₂ = a₁·W₂ + b₂, V = σ(z₂)
                            let outputBias = network.outputLayer.bias.withUnsafeBufferPointer { $0[0] }
                            network.outputLayer.weights.withUnsafeBufferPointer { w in
                                for r in 0..<n {
                                    let zr = dot(a + r * h, w.baseAddress!, count: h) + outputBias
                                    output[r] = zr
                                    value[r] = sigmoid(zr)
                                }
                            }
                            return n == 1 ? 0 : argmax(UnsafePointer(value), count: n)
                        }
                    }
                }
            }
        }
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

    /// Makes `buffer` hold `count` numbers, keeping its capacity. Old contents are not cleared:
    /// `evaluate` writes every entry of every buffer before it reads one (the encoding clears its
    /// own row, the hidden sum starts from zero or is `matmul`'s overwrite, and the activations,
    /// output and values are assigned row by row), so only entries beyond the old count are added.
    @inline(__always)
    private func resize(_ buffer: inout [Double], _ count: Int) {
        if buffer.count > count {
            buffer.removeLast(buffer.count - count)
        } else if buffer.count < count {
            buffer.append(contentsOf: repeatElement(0, count: count - buffer.count))
        }
    }
}
