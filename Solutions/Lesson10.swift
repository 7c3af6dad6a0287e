// Lesson 10 reference answers: the same API as `Exercises/Lesson10.swift`.

import Grading
import NeuralNetworks
import TensorCore

public enum Lesson10: Lesson10Answers {
    public static func crossCorrelation(image: [[Double]], filter: [[Double]], stride: Int, padding: Int) throws -> [[Double]] {
        let (height, width, f) = (image.count, image[0].count, filter.count)
        // x̄[r][c] = x[r − p][c − p] inside the image, 0 in the padding.
        func padded(_ r: Int, _ c: Int) -> Double {
            let (row, column) = (r - padding, c - padding)
            return row >= 0 && row < height && column >= 0 && column < width ? image[row][column] : 0
        }
        let outHeight = (height + 2 * padding - f) / stride + 1, outWidth = (width + 2 * padding - f) / stride + 1
        return (0..<outHeight).map { i in
            (0..<outWidth).map { j in
                var sum = 0.0
                for a in 0..<f { for b in 0..<f { sum += filter[a][b] * padded(i * stride + a, j * stride + b) } }
                return sum
            }
        }
    }

    public static func outputSize(inputSize: Int, filterSize: Int, stride: Int, padding: Int) throws -> Int {
        (inputSize + 2 * padding - filterSize) / stride + 1
    }

    public static func maxPoolingBackward(image: [[Double]], outputGradient: [[Double]]) throws -> [[Double]] {
        var gradient = image.map { $0.map { _ in 0.0 } }
        for i in outputGradient.indices {
            for j in outputGradient[i].indices {
                // The block's first largest pixel in reading order.
                var best = (row: 2 * i, column: 2 * j)
                for (r, c) in [(2 * i, 2 * j + 1), (2 * i + 1, 2 * j), (2 * i + 1, 2 * j + 1)] where image[r][c] > image[best.row][best.column] {
                    best = (r, c)
                }
                gradient[best.row][best.column] += outputGradient[i][j]
            }
        }
        return gradient
    }

    public static func filterGradient(image: [[Double]], outputGradient: [[Double]]) throws -> [[Double]] {
        // ∂L/∂w = x ⋆ ∂L/∂y: the output gradient used as the filter, stride 1, no padding.
        let f = image.count - outputGradient.count + 1
        return (0..<f).map { a in
            (0..<f).map { b in
                var sum = 0.0
                for i in outputGradient.indices {
                    for j in outputGradient[i].indices { sum += outputGradient[i][j] * image[i + a][j + b] }
                }
                return sum
            }
        }
    }
}
