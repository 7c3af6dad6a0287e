import Grading
import Testing

@Suite("Lesson10 grader")
struct Lesson10GraderTests {
    @Test("the checks fail plausible wrong answers, with a hint")
    func checksCatchWrongAnswers() {
        for exercise in Lesson10Checks.exercises {
            guard let reason = exercise.grade(PlausiblyWrongLesson10.self).failure?.description else {
                Issue.record("\(exercise.identifier) accepted a wrong answer")
                continue
            }
            #expect(reason.contains("hint:"), "\(exercise.identifier): \(reason)")
        }
    }
}

/// Answers with the mistakes a student is likely to make.
enum PlausiblyWrongLesson10: Lesson10Answers {
    /// A true convolution: the filter read backwards (rotated by 180°).
    static func crossCorrelation(image: [[Double]], filter: [[Double]], stride: Int, padding: Int) throws -> [[Double]] {
        let (height, width, f) = (image.count, image[0].count, filter.count)
        func padded(_ r: Int, _ c: Int) -> Double {
            let (row, column) = (r - padding, c - padding)
            return row >= 0 && row < height && column >= 0 && column < width ? image[row][column] : 0
        }
        return (0...((height + 2 * padding - f) / stride)).map { i in
            (0...((width + 2 * padding - f) / stride)).map { j in
                var sum = 0.0
                for a in 0..<f { for b in 0..<f { sum += filter[f - 1 - a][f - 1 - b] * padded(i * stride + a, j * stride + b) } }
                return sum
            }
        }
    }

    /// Pads one side only.
    static func outputSize(inputSize: Int, filterSize: Int, stride: Int, padding: Int) throws -> Int {
        (inputSize + padding - filterSize) / stride + 1
    }

    /// Average pooling's backward pass: a quarter of the gradient to every pixel of the block.
    static func maxPoolingBackward(image: [[Double]], outputGradient: [[Double]]) throws -> [[Double]] {
        image.indices.map { r in image[r].indices.map { c in outputGradient[r / 2][c / 2] / 4 } }
    }

    /// The output gradient flipped before sliding it over the image.
    static func filterGradient(image: [[Double]], outputGradient: [[Double]]) throws -> [[Double]] {
        let (rows, columns) = (outputGradient.count, outputGradient[0].count)
        let f = image.count - rows + 1
        return (0..<f).map { a in
            (0..<f).map { b in
                var sum = 0.0
                for i in 0..<rows { for j in 0..<columns { sum += outputGradient[rows - 1 - i][columns - 1 - j] * image[i + a][j + b] } }
                return sum
            }
        }
    }
}
