// `swift run -c release Bench [--quick] [--json] [--only GROUP]`: the library's hot paths against the machine's
// limit. One table: the practical peak (register-only FMA loops), the matrix product, Lesson07's
// DQN update, Lesson06's TD-Gammon network and self-play, a softmax classification head and
// Lesson10's convolution (im2col + matmul).
//
// Every row is timed the same way (`Measurement.swift`): untimed warm-up calls, then several
// repetitions of as many calls as fit in a fixed time; the median rate is printed with the
// spread of the repetitions (± half their range, in % of the median). `--quick` shortens every
// row (under 15 s in all); `--json` prints the same table as JSON instead; `--only dqn` (or
// peak, matmul, tdgammon, softmax, conv) runs one group, for profiling one workload.

import Foundation
import TensorCore

let usage = "usage: Bench [--quick] [--json] [--only peak|matmul|dqn|tdgammon|softmax|conv]"
let groups: Set<String> = ["peak", "matmul", "dqn", "tdgammon", "softmax", "conv"]
var quick = false, json = false
var only: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--quick": quick = true
    case "--json": json = true
    case "--only":
        guard let group = arguments.popFirst(), groups.contains(group) else {
            FileHandle.standardError.write(Data("Bench: --only needs one of \(groups.sorted().joined(separator: ", "))\n\(usage)\n".utf8))
            exit(64)
        }
        only = group
    case "-h", "--help":
        print(usage)
        exit(0)
    default:
        FileHandle.standardError.write(Data("Bench: unknown argument '\(argument)'\n\(usage)\n".utf8))
        exit(64)  // EX_USAGE
    }
}

#if DEBUG
let configuration = "debug (plain swift run)"
#else
let configuration = "release (swift run -c release)"
#endif

/// The CPU's name from /proc/cpuinfo (Linux), or the architecture elsewhere.
func machineName() -> String {
    if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
       let colon = line.firstIndex(of: ":") {
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    #if arch(x86_64)
    return "x86-64"
    #else
    return "arm64"
    #endif
}

// MARK: - Run every workload

let plan = quick ? MeasurementPlan.quick : .full
var generator = SeededGenerator(seed: 42)
let started = now()

/// Whether `--only` leaves this group in.
let selectedGroup = only
func runs(_ group: String) -> Bool { selectedGroup == nil || selectedGroup == group }

// The peak is always measured: the matrix rows are stated as shares of it.
let peak = peakRows(plan: plan)
let onePeak = peak[0].rate
var rows = runs("peak") ? peak : []
for shape in matmulShapes where runs("matmul") {
    rows.append(matmulRow(shape, plan: plan, generator: &generator))
    if shape.m == 256 && shape.k == 256 && shape.n == 256,
       let pinned = onOneCore({ matmulRow(shape, name: "256³ on 1 core", plan: plan, generator: &generator) }) {
        rows.append(pinned)
    }
}
for i in rows.indices where rows[i].group == "matmul" { rows[i].shareOfPeak = rows[i].rate / onePeak }
if runs("dqn") { rows += dqnRows(plan: plan) }
if runs("tdgammon") { rows += tdGammonRows(plan: plan) }
if runs("softmax") { rows.append(softmaxRow(plan: plan, generator: &generator)) }
for shape in convolutionShapes where runs("conv") {
    rows += convolutionRows(shape, plan: plan, generator: &generator)
}
for i in rows.indices where rows[i].group == "conv" { rows[i].shareOfPeak = rows[i].rate / onePeak }
for i in rows.indices { if let flops = rows[i].flopsPerUnit { rows[i].shareOfPeak = rows[i].rate * flops * 1e-9 / onePeak } }

// MARK: - The issue's targets, as ratios to what this run measured

/// One target of issue 9, stated as a ratio to a rate measured in this same run, so that a
/// loaded or slower machine moves the measurement and its yardstick together. Issue 9 gave
/// two targets as absolute rates (3,500 DQN updates/s, 1,000,000 TD-Gammon evaluations/s); they
/// are checked here as the share of the one-core peak they were on the idle development machine
/// (62.0 GFLOP/s, README): an absolute rate measured on a shared machine says more about the
/// other processes than about the code.
struct Target: Encodable {
    let name: String
    let measured: Double
    let required: Double
    var met: Bool { measured >= required }

    enum CodingKeys: String, CodingKey { case name, measured, required, met }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(measured, forKey: .measured)
        try container.encode(required, forKey: .required)
        try container.encode(met, forKey: .met)
    }
}

let measuredRows = rows
func row(_ name: String) -> Row? { measuredRows.first { $0.name == name } }
func rate(_ name: String) -> Double? { row(name)?.rate }

/// The one-core peak of the idle development machine (README's Bench table), which turns issue
/// 9's absolute rates into shares of the peak.
let referencePeak = 62.0

var targets: [Target] = []
if let single = rate("256³ on 1 core") {
    targets.append(Target(name: "256³ on 1 core ÷ 1-core peak", measured: single / onePeak, required: 0.5))
    if let both = rate("256³") {
        targets.append(Target(name: "256³ on \(coreCount) cores ÷ on 1 core", measured: both / single, required: 1.6))
    }
}
if let dqn = row("update 4–120–84–2, batch 128"), let share = dqn.shareOfPeak, let flops = dqn.flopsPerUnit {
    targets.append(Target(name: "DQN update 4–120–84–2 ÷ 1-core peak", measured: share,
                          required: 3_500 * flops * 1e-9 / referencePeak))
}
if let evaluations = row("evaluate 198–40–1, 1 position"), let share = evaluations.shareOfPeak,
   let flops = evaluations.flopsPerUnit {
    targets.append(Target(name: "TD-Gammon 1 position ÷ 1-core peak", measured: share,
                          required: 1_000_000 * flops * 1e-9 / referencePeak))
}

// MARK: - Output

struct Report: Encodable {
    let configuration: String
    let machine: String
    let cores: Int
    let quick: Bool
    let seconds: Double
    let rows: [Row]
    let targets: [Target]
}

let report = Report(configuration: configuration, machine: machineName(), cores: coreCount, quick: quick,
                    seconds: seconds(since: started), rows: rows, targets: targets)

if json {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try! encoder.encode(report), as: UTF8.self))
} else {
    print("Bench, \(configuration), \(quick ? "quick" : "full") run: \(report.machine), \(coreCount) \(coreCount == 1 ? "core" : "cores") usable")
    print("median of \(plan.repetitions) repetitions after warm-up; ± is half the range of the repetitions")
    print()
    print(pad("workload", 44) + pad("rate", 12, right: true) + "  " + pad("unit", 12) + pad("% 1-core peak", 14, right: true)
          + pad("±", 8, right: true))
    var group = ""
    for row in rows {
        if row.group != group && !group.isEmpty { print() }
        group = row.group
        let share = row.shareOfPeak.map { format(100 * $0, 0) + " %" } ?? ""
        print(pad(row.name, 44) + pad(formatRate(row.rate), 12, right: true) + "  " + pad(row.unit, 12)
              + pad(share, 14, right: true) + pad(format(row.spreadPercent, 1) + " %", 8, right: true))
    }
    if !targets.isEmpty {
        print()
        print("targets of issue 9, as ratios to this run's rates (1-core peak: \(format(onePeak, 1)) GFLOP/s):")
        for target in targets {
            print("  " + pad(target.name, 44) + pad(format(target.measured, 2), 12, right: true) + "  target ≥ "
                  + pad(format(target.required, 2), 8) + (target.met ? "met" : "below"))
        }
        if quick {
            print("  (a quick run: short repetitions on a possibly busy machine, so the ratios are indicative;")
            print("   a full run on an idle machine decides whether a target is met)")
        }
    }
    print("(\(format(report.seconds, 1)) s)")
}
if sink.isNaN { FileHandle.standardError.write(Data("Bench: a workload produced NaN\n".utf8)) }
