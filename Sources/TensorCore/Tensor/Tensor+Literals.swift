extension Tensor: ExpressibleByArrayLiteral {
    /// One element of a tensor literal: a number, or a nested array of them.
    ///
    /// It lets `let v: Tensor = [1, 2, 3]` build a vector and `let m: Tensor = [[1, 2], [3, 4]]`
    /// a matrix, without making `Tensor` itself a number literal (which would make `t * 2`
    /// ambiguous between scalar and tensor multiplication).
    public struct Literal: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, Sendable {
        let tensor: Tensor
        public init(integerLiteral value: Int) { tensor = Tensor(scalar: Double(value)) }
        public init(floatLiteral value: Double) { tensor = Tensor(scalar: value) }
        public init(arrayLiteral elements: Literal...) { tensor = Tensor(stacking: elements.map(\.tensor)) }
    }

    /// Builds a tensor from nested array literals; every nested array must have the same shape.
    public init(arrayLiteral elements: Literal...) {
        self = Tensor(stacking: elements.map(\.tensor))
    }
}
