// Lesson 06 reference answers: the same API as `Exercises/Lesson06.swift`.

import Grading

public enum Lesson06: Lesson06Answers {
    public static func semiGradientTD0(weights: [Double], features: [Double], reward: Double, nextFeatures: [Double]?,
                                       gamma: Double, stepSize: Double) throws -> [Double] {
        func value(_ x: [Double]) -> Double { zip(weights, x).reduce(0) { $0 + $1.0 * $1.1 } }
        let delta = reward + gamma * (nextFeatures.map(value) ?? 0) - value(features)
        return zip(weights, features).map { $0 + stepSize * delta * $1 }
    }

    public static func eligibilityTrace(trace: [Double], gradient: [Double], gamma: Double,
                                        lambda: Double) throws -> [Double] {
        zip(trace, gradient).map { gamma * lambda * $0 + $1 }
    }

    public static func pointUnits(checkers n: Int) throws -> [Double] {
        [n >= 1 ? 1 : 0, n >= 2 ? 1 : 0, n >= 3 ? 1 : 0, n > 3 ? Double(n - 3) / 2 : 0]
    }

    public static func winRateInterval(wins: Int, games: Int) throws -> (low: Double, high: Double) {
        let p = Double(wins) / Double(games)
        let half = 1.96 * (p * (1 - p) / Double(games)).squareRoot()
        return (max(0, p - half), min(1, p + half))
    }
}
