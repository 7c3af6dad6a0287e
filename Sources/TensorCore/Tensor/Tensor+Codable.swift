extension Tensor: Codable {
    private enum CodingKeys: String, CodingKey { case shape, scalars }

    /// Decodes `{"shape": [...], "scalars": [...]}`, rejecting a shape that does not match the
    /// number of scalars (a corrupt file must not make an inconsistent tensor).
    /// `Codable` also lets a tensor be captured by a Swift Testing exit test.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try container.decode([Int].self, forKey: .shape)
        let scalars = try container.decode([Double].self, forKey: .scalars)
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == scalars.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .scalars, in: container,
                debugDescription: "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        }
        self.init(shape: shape, scalars: scalars)
    }

    /// Encodes the shape and the row-major scalars.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        try container.encode(scalars, forKey: .scalars)
    }
}
