/// `precondition` for this module, with a message that survives optimisation.
///
/// The library is compiled with `-O` in every configuration, and there the standard library's
/// `precondition` stops without printing its message. A shape mistake must say which layer or
/// loss failed and on which shapes, so this same-named function shadows the standard one inside
/// the module: `fatalError` prints in every configuration but `-Ounchecked`.
func precondition(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = String(),
                  file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
