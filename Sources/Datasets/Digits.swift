import Foundation
import TensorCore

/// The optical-recognition handwritten digits: 1,797 images of 8 × 8 pixels, each pixel an
/// integer 0…16, with a label 0…9.
///
/// Source: the test set of the UCI "Optical Recognition of Handwritten Digits" data
/// (E. Alpaydin and C. Kaynak, Boğaziçi University, 1998), as distributed with scikit-learn
/// (`sklearn/datasets/data/digits.csv.gz`, decompressed; byte-for-byte unchanged). Every
/// 32 × 32 bitmap was cut into 4 × 4 blocks and each block's count of set pixels kept, so a
/// pixel value is a count from 0 to 16. The file ships in this package; nothing is
/// downloaded. Licences: see the README's Data section.
///
/// File format: one image per line, 65 comma-separated integers: the 64 pixels row by row
/// (top row first), then the label.
public enum Digits {
    /// Images per file.
    public static let count = 1797
    /// Pixels per side.
    public static let side = 8
    /// Pixels per image (8 · 8).
    public static let pixelCount = 64
    /// The largest pixel value.
    public static let maximumPixel = 16.0

    /// What can go wrong when reading the file.
    public enum LoadError: Error, CustomStringConvertible {
        /// The resource is missing from the bundle.
        case missingResource
        /// A line does not hold 65 integers in range.
        case malformedLine(number: Int, reason: String)

        public var description: String {
            switch self {
            case .missingResource: "Digits: digits.csv is missing from the Datasets bundle"
            case .malformedLine(let number, let reason): "Digits: line \(number) of digits.csv: \(reason)"
            }
        }
    }

    /// Reads the whole data set: `images` has shape `[1797, 64]` with raw pixel values 0…16
    /// (divide by `maximumPixel` to scale them to [0, 1]); `labels` holds 1,797 digits 0…9.
    public static func load() throws -> (images: Tensor, labels: [Int]) {
        guard let url = Bundle.module.url(forResource: "digits", withExtension: "csv") else {
            throw LoadError.missingResource
        }
        return try parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    /// Parses text in the file format above (any number of lines).
    public static func parse(_ text: String) throws -> (images: Tensor, labels: [Int]) {
        var pixels: [Double] = []
        var labels: [Int] = []
        pixels.reserveCapacity(count * pixelCount)
        labels.reserveCapacity(count)
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            lineNumber += 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == pixelCount + 1 else {
                throw LoadError.malformedLine(number: lineNumber, reason: "\(fields.count) fields, expected 65")
            }
            for (i, field) in fields.enumerated() {
                guard let value = Int(field.trimmingCharacters(in: .whitespaces)) else {
                    throw LoadError.malformedLine(number: lineNumber, reason: "field \(i + 1) is not an integer")
                }
                if i < pixelCount {
                    guard (0...16).contains(value) else {
                        throw LoadError.malformedLine(number: lineNumber, reason: "pixel \(value) outside 0…16")
                    }
                    pixels.append(Double(value))
                } else {
                    guard (0...9).contains(value) else {
                        throw LoadError.malformedLine(number: lineNumber, reason: "label \(value) outside 0…9")
                    }
                    labels.append(value)
                }
            }
        }
        return (Tensor(shape: [labels.count, pixelCount], scalars: pixels), labels)
    }
}

/// A seeded split of `count` sample indices into a training part and a test part: the indices
/// are shuffled with `generator`, the first `round(testFraction · count)` go to the test set and
/// the rest to training. Both lists are returned sorted, so the split does not reorder data.
public func trainTestSplit(count: Int, testFraction: Double,
                           using generator: inout SeededGenerator) -> (train: [Int], test: [Int]) {
    let order = generator.permutation(count)
    let testCount = Int((testFraction * Double(count)).rounded())
    return (Array(order[testCount...]).sorted(), Array(order[..<testCount]).sorted())
}
