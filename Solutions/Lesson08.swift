// Lesson 08 reference answers: the same API as `Exercises/Lesson08.swift`.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson08: Lesson08Answers {
    public static func momentumStep(parameters: [Double], velocity: [Double], gradient: [Double],
                                    learningRate: Double, momentum: Double) throws -> (parameters: [Double], velocity: [Double]) {
        // 003:365: v ← m v + g, θ ← θ − α v.
        let newVelocity = zip(velocity, gradient).map { momentum * $0 + $1 }
        return (zip(parameters, newVelocity).map { $0 - learningRate * $1 }, newVelocity)
    }

    public static func adamStep(parameters: [Double], firstMoment: [Double], secondMoment: [Double], gradient: [Double],
                                step: Int, learningRate: Double, beta1: Double, beta2: Double,
                                epsilon: Double) throws -> (parameters: [Double], firstMoment: [Double], secondMoment: [Double]) {
        let m = zip(firstMoment, gradient).map { beta1 * $0 + (1 - beta1) * $1 }
        let v = zip(secondMoment, gradient).map { beta2 * $0 + (1 - beta2) * $1 * $1 }
        let (c1, c2) = (1 - pow(beta1, Double(step)), 1 - pow(beta2, Double(step)))
        let theta = parameters.indices.map { parameters[$0] - learningRate * (m[$0] / c1) / ((v[$0] / c2).squareRoot() + epsilon) }
        return (theta, m, v)
    }

    public static func largestStableStep(coefficients: [Double]) throws -> Double {
        // |1 − 2aᵢη| < 1 for every i  ⇔  η < 1/max aᵢ = 2/λmax with λ = 2aᵢ.
        1 / coefficients.max()!
    }

    public static func lectureAdamStep(parameters: [Double], firstMoment: [Double], squaredNorm: Double, gradient: [Double],
                                       step: Int, learningRate: Double, beta1: Double, beta2: Double,
                                       epsilon: Double) throws -> (parameters: [Double], firstMoment: [Double], squaredNorm: Double) {
        let v = zip(firstMoment, gradient).map { beta1 * $0 + (1 - beta1) * $1 }
        let q = beta2 * squaredNorm + (1 - beta2) * gradient.reduce(0) { $0 + $1 * $1 }
        let vHatScale = 1 / (1 - pow(beta1, Double(step)))
        let qHat = q / (1 - pow(beta2, Double(step)))
        let theta = parameters.indices.map { parameters[$0] - learningRate * v[$0] * vHatScale / (qHat + epsilon).squareRoot() }
        return (theta, v, q)
    }
}
