import Foundation
import Testing
import TensorCore

@Test func codableRoundTrip() throws {
    let m: Tensor = [[1, 2.5], [-3, 4]]
    let data = try JSONEncoder().encode(m)
    #expect(try JSONDecoder().decode(Tensor.self, from: data) == m)
}

@Test func decodingRejectsAShapeThatDoesNotFit() {
    let json = Data(#"{"shape": [2, 2], "scalars": [1, 2, 3]}"#.utf8)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Tensor.self, from: json) }
}
