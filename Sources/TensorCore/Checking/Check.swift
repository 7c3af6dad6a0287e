/// Stops the program with `message` when `condition` is false: the package's one way to stop
/// on bad input (a shape mismatch, a negative size, a missing forward pass).
///
/// This is `precondition` with a message that survives optimisation: the library is always
/// compiled with `-O`, where `precondition` traps silently ("precondition failure" at best),
/// while a shape mistake must say which operation failed and on which shapes. `fatalError`
/// prints its message in every configuration but `-Ounchecked`. The message is built only on
/// failure, so a check costs one comparison on the hot path.
@inline(__always)
public func check(_ condition: Bool, _ message: @autoclosure () -> String,
                  file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}
