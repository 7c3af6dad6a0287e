import Datasets
import TensorCore
import Testing

@Suite("Digits data set")
struct DigitsTests {
    @Test("the shipped file loads: 1,797 images of 64 pixels in 0…16, labels 0…9")
    func loads() throws {
        let (images, labels) = try Digits.load()
        #expect(images.shape == [1797, 64])
        #expect(labels.count == 1797)
        #expect(images.scalars.allSatisfy { $0 >= 0 && $0 <= 16 && $0 == $0.rounded() })
        #expect(Set(labels) == Set(0...9))
    }

    @Test("class counts match the UCI description of the test set (178, 182, 177, 183, 181, 182, 181, 179, 174, 180)")
    func classCounts() throws {
        let labels = try Digits.load().labels
        let counts = (0...9).map { digit in labels.filter { $0 == digit }.count }
        #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    }

    @Test("the first image is the 0 of the scikit-learn file, pixel for pixel")
    func firstImage() throws {
        let (images, labels) = try Digits.load()
        #expect(labels[0] == 0)
        #expect(Array(images.row(0).scalars.prefix(16)) == [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0])
    }

    @Test("parse rejects malformed lines with their number")
    func rejectsMalformed() {
        #expect(throws: Digits.LoadError.self) { try Digits.parse(String(repeating: "0,", count: 64) + "10\n") }
        #expect(throws: Digits.LoadError.self) { try Digits.parse("1,2,3\n") }
        #expect(throws: Digits.LoadError.self) { try Digits.parse(String(repeating: "17,", count: 64) + "1\n") }
    }

    @Test("trainTestSplit is a seeded partition with the requested test size")
    func split() {
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7)
        let first = trainTestSplit(count: 100, testFraction: 0.2, using: &a)
        let second = trainTestSplit(count: 100, testFraction: 0.2, using: &b)
        #expect(first.train == second.train && first.test == second.test)
        #expect(first.test.count == 20 && first.train.count == 80)
        #expect(Set(first.train + first.test) == Set(0..<100))
    }
}
