#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// The C standard streams, for the child side of grading (`ExerciseRunner`) and for `Grade`,
/// which flushes its report before a slow step.
public enum StandardStreams {
    /// Makes standard output line-buffered even into a pipe, so that what a student printed
    /// before a crash reaches the grader instead of dying in a buffer.
    public static func lineBufferOutput() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }

    /// Sends what `print` has buffered.
    public static func flushOutput() {
        fflush(stdout)
    }

    /// Writes one line to standard error.
    public static func error(_ line: String) {
        fputs(line + "\n", stderr)
    }
}
