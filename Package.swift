// swift-tools-version:6.0
// NeuralRL: a literate, executable course on neural networks for deep reinforcement learning.

import PackageDescription

/// The shared library is optimised in every configuration, so that a plain `swift run LessonNN`
/// or `swift test` (both debug builds) runs the numeric core at full speed. `-O` is appended after
/// SwiftPM's own `-Onone`, and the last optimisation flag wins. Tests keep the debug setting and
/// still use `@testable import`, because SwiftPM passes `-enable-testing` in debug builds.
///
/// Instruction set: on x86-64 the code is compiled for `haswell`, i.e. AVX2 + FMA (the
/// x86-64-v3 level: every Intel CPU since 2013 and every AMD Zen; this toolchain's clang
/// importer does not know the name `x86-64-v3`). The baseline x86-64 target has neither 256-bit
/// vectors nor fused multiply–add, and the matrix kernel then runs at ~30 instead of ~90 GFLOP/s
/// (256³, 2 cores). `native` is avoided on purpose: it would bake in whatever the build machine
/// has, AVX-512 included, and the binary would trap on an older CPU. `TENSORCORE_FMA` tells the
/// kernel that hardware FMA exists (without it, `addingProduct` becomes a libm call per lane);
/// arm64 always has it. The `#if` is decided on the machine that builds, so cross-compiling
/// from x86-64 to another architecture would need this block adjusted.
///
/// `-fno-math-errno` (for the C headers Swift inlines, where `squareRoot()` comes from) says
/// that a square root need not set `errno` for a negative input. The answer is the same either
/// way (NaN), but with errno a vector `squareRoot()` becomes one libm call per lane, and Adam's
/// update spends most of its time there. Linux's C default is errno on; Apple's is off.
let optimized: [SwiftSetting] = {
    var settings: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug)),
                                    .unsafeFlags(["-Xcc", "-fno-math-errno"])]
    #if arch(x86_64)
    settings += [.unsafeFlags(["-target-cpu", "haswell"]), .define("TENSORCORE_FMA")]
    #elseif arch(arm64)
    settings += [.define("TENSORCORE_FMA")]
    #endif
    return settings
}()

/// The lessons, in course order. Each is an executable target at `Lessons/LessonNN/`.
let lessons = ["Lesson01", "Lesson02", "Lesson03", "Lesson04", "Lesson05", "Lesson06", "Lesson07", "Lesson08", "Lesson09", "Lesson10", "Lesson11", "Lesson12"]

/// The lessons with exercises. Each gets three small targets, so that a compile error in one
/// lesson's exercises never stops the grading of another: `ExercisesLessonNN`
/// (`Exercises/LessonNN.swift`, the stubs), `SolutionsLessonNN` (`Solutions/LessonNN.swift`)
/// and the executable `GradeLessonNN` (`Tools/GradeLessons/LessonNN/main.swift`), which grades
/// one exercise per run, in a child process of `Grade` or of the grading tests. They are built
/// without `-O`: student code compiles faster and its crash reports point at exact lines.
let exerciseLessons = ["Lesson01", "Lesson02", "Lesson03", "Lesson04", "Lesson05", "Lesson06", "Lesson07", "Lesson08", "Lesson09", "Lesson10", "Lesson11", "Lesson12"]
let exerciseLibraries: [Target.Dependency] = ["TensorCore", "NeuralNetworks", "Reinforcement", "Grading"]

let package = Package(
    name: "NeuralRL",
    platforms: [.macOS(.v14)],
    products: lessons.map { .executable(name: $0, targets: [$0]) } + [
        .executable(name: "Grade", targets: ["Grade"]),
        .executable(name: "Bench", targets: ["Bench"]),
        .executable(name: "Book", targets: ["Book"]),
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "NeuralNetworks", targets: ["NeuralNetworks"]),
        .library(name: "Reinforcement", targets: ["Reinforcement"]),
        .library(name: "LessonRuntime", targets: ["LessonRuntime"]),
        .library(name: "Datasets", targets: ["Datasets"]),
    ],
    targets: [
        // Layer 1: tensors and the seeded random generator.
        .target(name: "TensorCore", path: "Sources/TensorCore", exclude: ["README.md"], swiftSettings: optimized),
        // Layer 2: activations, losses, layers, optimizers, initializers, weight files.
        .target(name: "NeuralNetworks", dependencies: ["TensorCore"],
                path: "Sources/NeuralNetworks", exclude: ["README.md"], swiftSettings: optimized),
        // Layer 3: environments, replay memory and agents for the RL lessons.
        .target(name: "Reinforcement", dependencies: ["TensorCore", "NeuralNetworks"],
                path: "Sources/Reinforcement", exclude: ["README.md"], swiftSettings: optimized),
        // Small data sets shipped with the package (read from the bundle, never downloaded).
        .target(name: "Datasets", dependencies: ["TensorCore"], path: "Sources/Datasets",
                exclude: ["README.md"], resources: [.copy("Resources/digits.csv")], swiftSettings: optimized),
        // Presentation: the notebook that prints a lesson (prose, tables, plots, progress).
        .target(name: "LessonRuntime", dependencies: ["TensorCore"],
                path: "Sources/LessonRuntime", exclude: ["README.md"], swiftSettings: optimized),
        // The exercise contracts and the checks that grade them.
        .target(name: "Grading", dependencies: ["TensorCore", "NeuralNetworks", "Reinforcement"],
                path: "Sources/Grading", exclude: ["README.md"], swiftSettings: optimized),
        // `swift run Grade`: the report card and the study loop. It builds and runs the
        // `GradeLessonNN` executables below (`swift test` builds them too), so that it depends
        // on no student code itself.
        .executableTarget(name: "Grade", dependencies: ["Grading"],
                          path: "Tools/Grade", swiftSettings: optimized),
        // `swift run -c release Bench`: throughput of the hot paths against the machine's limits.
        .executableTarget(name: "Bench", dependencies: ["TensorCore", "NeuralNetworks", "Reinforcement"],
                          path: "Tools/Bench", swiftSettings: optimized),

        // `swift run Book --quick --out site`: every lesson as a web page (`--html`), linked into
        // a site. It depends on the lessons so that `swift run Book` builds them first.
        .executableTarget(name: "Book", dependencies: ["LessonRuntime"] + lessons.map { .target(name: $0) },
                          path: "Tools/Book"),

        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore"]),
        .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "TensorCore"]),
        .testTarget(name: "LessonRuntimeTests", dependencies: ["LessonRuntime", "TensorCore"]),
        .testTarget(name: "ReinforcementTests", dependencies: ["Reinforcement", "NeuralNetworks", "TensorCore"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TensorCore"]),
        .testTarget(name: "GradingTests",
                    dependencies: ["Grading", "NeuralNetworks", "TensorCore", "SolutionsLesson02"]),
        .testTarget(name: "LessonTests",
                    dependencies: ["TensorCore", "NeuralNetworks", "Reinforcement", "LessonRuntime", "Datasets"]),
    ] + lessons.map {
        .executableTarget(name: $0, dependencies: ["TensorCore", "NeuralNetworks", "Reinforcement", "LessonRuntime",
                                                   "Datasets"],
                          path: "Lessons/\($0)", swiftSettings: optimized)
    } + exerciseLessons.flatMap { lesson -> [Target] in
        let others = exerciseLessons.filter { $0 != lesson }.map { "\($0).swift" }
        return [
        .target(name: "Exercises\(lesson)", dependencies: exerciseLibraries,
                path: "Exercises", exclude: others, sources: ["\(lesson).swift"]),
        .target(name: "Solutions\(lesson)", dependencies: exerciseLibraries,
                path: "Solutions", exclude: others, sources: ["\(lesson).swift"]),
        .executableTarget(name: "Grade\(lesson)",
                          dependencies: ["Grading", .target(name: "Exercises\(lesson)"), .target(name: "Solutions\(lesson)")],
                          path: "Tools/GradeLessons/\(lesson)"),
        ]
    }
)
