// `swift run Bench [--quick]`: matrix-product throughput of TensorCore in GFLOP/s.
//
// Each shape is multiplied once to warm up (caches, packing workspace, worker threads), then
// timed over several repetitions; the median is printed, which is robust to the odd slow run.
// A product [m×k]·[k×n] counts 2·m·n·k floating-point operations.

import Dispatch
import Foundation
import TensorCore

let usage = "usage: Bench [--quick]"
var quick = false
for argument in CommandLine.arguments.dropFirst() {
    switch argument {
    case "--quick": quick = true
    case "-h", "--help":
        print(usage)
        exit(0)
    default:
        FileHandle.standardError.write(Data("Bench: unknown argument '\(argument)'\n\(usage)\n".utf8))
        exit(64)  // EX_USAGE
    }
}

/// One product to time: `[m×k]·[k×n]`.
struct Shape {
    let m: Int, k: Int, n: Int
    var label: String { m == k && k == n ? "\(m)³" : "[\(m)×\(k)]·[\(k)×\(n)]" }
    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
}

let shapes = [32, 64, 128, 256, 512].map { Shape(m: $0, k: $0, n: $0) } + [
    Shape(m: 128, k: 4, n: 128), Shape(m: 128, k: 128, n: 2), Shape(m: 32, k: 198, n: 40),
]

/// Seconds of work per shape: each shape repeats until it has used about this much time.
let budget = quick ? 0.15 : 1.0
let maximumRepetitions = quick ? 51 : 501

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

var generator = SeededGenerator(seed: 42)
print("matmul, Double, median GFLOP/s (\(quick ? "quick" : "full") run)")
print(pad("shape", 22) + pad("GFLOP/s", 10, right: true) + pad("ms", 12, right: true) + pad("runs", 7, right: true))
for shape in shapes {
    let a = Tensor.uniform([shape.m, shape.k], in: -1...1, using: &generator)
    let b = Tensor.uniform([shape.k, shape.n], in: -1...1, using: &generator)
    var sink = matmul(a, b).scalars[0]  // warm-up
    var times = [Double]()
    let start = now()
    while times.count < 3 || (Double(now() - start) * 1e-9 < budget && times.count < maximumRepetitions) {
        let t0 = now()
        sink += matmul(a, b).scalars[0]
        times.append(Double(now() - t0) * 1e-9)
    }
    times.sort()
    let median = times[times.count / 2]
    print(pad(shape.label, 22) + pad(format(shape.flops / median * 1e-9, 1), 10, right: true)
          + pad(format(median * 1e3, 4), 12, right: true) + pad("\(times.count)", 7, right: true)
          + (sink.isNaN ? " (NaN!)" : ""))
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}

func format(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if have < decimals { text += String(repeating: "0", count: decimals - have) }
    }
    return text
}
