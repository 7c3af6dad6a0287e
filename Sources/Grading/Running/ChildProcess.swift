import Foundation  // and through it the C library: posix_spawn, wait4, pipes

/// Runs a program as a child process with a time limit, keeps the start of what it prints, and
/// leaves nothing running behind it.
///
/// The child gets its own process group, standard input from `/dev/null`, and default signal
/// handling. Its time limit is counted in CPU seconds (read from `/proc` on Linux), so that a
/// busy machine does not turn an honest answer into a timeout, with a wall-clock limit as a
/// backstop for a child that blocks. On a timeout the child first gets SIGQUIT, which makes
/// the Swift runtime print a backtrace (so the report can say where the loop was), and then,
/// with its whole process group, SIGKILL. When the child ends, anything left in its process
/// group is killed too.
public struct ChildProcess: Sendable {
    /// How the child ended.
    public enum Ending: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it (a trap is signal 4 on x86-64, 5 on arm64).
        case signalled(Int32)
        /// It used up its time limit and was killed.
        case timedOut
    }

    /// What the child did.
    public struct Result: Sendable {
        public var ending: Ending
        /// The start of its standard output (up to `keptBytes`).
        public var standardOutput: String
        /// The start of its standard error (up to `keptBytes`).
        public var standardError: String
        /// How many bytes it wrote to standard output in all.
        public var outputBytes: Int
        /// Wall-clock seconds from start to end.
        public var seconds: Double
        /// The CPU seconds (user + system) the child used, as the kernel counted them when it
        /// was reaped: its own time and that of the children it waited for, not that of a
        /// background process it left running. `run()` always sets it.
        public var cpuSeconds: Double?
    }

    public var executable: String
    public var arguments: [String]
    /// Variables added to (or replacing those of) this process's environment.
    public var environment: [String: String]
    /// CPU seconds the child may use.
    public var cpuLimit: Double
    /// Wall-clock seconds after which the child is stopped even if it used little CPU.
    public var wallLimit: Double
    /// How much of each output stream to keep.
    public var keptBytes: Int

    public init(executable: String, arguments: [String], environment: [String: String] = [:],
                cpuLimit: Double, wallLimit: Double, keptBytes: Int = 64 * 1024) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.cpuLimit = cpuLimit
        self.wallLimit = wallLimit
        self.keptBytes = keptBytes
    }

    /// A reason the child could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts the child and waits for it to end or to run out of time.
    public func run() throws -> Result {
        let start = Date()
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        // One spawn at a time in this process, so that no other child of ours inherits these
        // pipes between `pipe` and `FD_CLOEXEC`.
        let pid: pid_t = try spawnLock.withLock {
            guard makePipe(&outPipe), makePipe(&errPipe) else {
                throw SpawnError(description: "no pipe: \(String(cString: strerror(errno)))")
            }
            do {
                let pid = try spawn(stdout: outPipe[1], stderr: errPipe[1])
                close(outPipe[1])
                close(errPipe[1])
                return pid
            } catch {
                for fd in outPipe + errPipe { close(fd) }
                throw error
            }
        }
        var out = Stream(fd: outPipe[0], keep: keptBytes), err = Stream(fd: errPipe[0], keep: keptBytes)
        defer { close(outPipe[0]); close(errPipe[0]) }

        var status: Int32 = 0
        var usage = rusage()
        var quitSentAt: Date?
        var ended = false
        while !ended {
            waitForOutput([out.fd, err.fd].filter { $0 >= 0 }, milliseconds: 20)
            out.readAvailable()
            err.readAvailable()
            if wait4(pid, &status, WNOHANG, &usage) == pid {
                ended = true
                break
            }
            let elapsed = Date().timeIntervalSince(start)
            if let sent = quitSentAt {
                // Give the backtracer up to 10 s (it takes 0.3 s on an idle machine, several on a
                // busy one), then end the child and anything it started.
                let backtraceDone = err.text.contains("Backtrace took")
                if backtraceDone || Date().timeIntervalSince(sent) > 10 {
                    kill(-pid, SIGKILL)
                    kill(pid, SIGKILL)
                    wait4(pid, &status, 0, &usage)
                    ended = true
                }
            } else if elapsed > wallLimit || (cpuSeconds(of: pid) ?? 0) > cpuLimit {
                kill(pid, SIGQUIT)
                quitSentAt = Date()
            }
        }
        // Nothing the child started may outlive it (a background loop, a stuck backtracer).
        kill(-pid, SIGKILL)
        // Whatever is still in the pipes.
        let drainUntil = Date().addingTimeInterval(1)
        while (out.fd >= 0 || err.fd >= 0) && Date() < drainUntil {
            waitForOutput([out.fd, err.fd].filter { $0 >= 0 }, milliseconds: 20)
            out.readAvailable()
            err.readAvailable()
        }
        let ending: Ending
        if quitSentAt != nil {
            ending = .timedOut
        } else if status & 0x7f != 0 {
            ending = .signalled(status & 0x7f)
        } else {
            ending = .exited((status >> 8) & 0xff)
        }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return Result(ending: ending, standardOutput: out.text, standardError: err.text, outputBytes: out.total,
                      seconds: Date().timeIntervalSince(start), cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime))
    }

    /// A pipe whose ends are closed in every other child this process starts.
    private func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private func spawn(stdout: Int32, stderr: Int32) throws -> pid_t {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var defaults = sigset_t(), empty = sigset_t()
        sigfillset(&defaults)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else {
            throw SpawnError(description: "cannot run \(executable): \(String(cString: strerror(code)))")
        }
        return pid
    }
}

private let spawnLock = NSLock()

/// One output pipe of the child: keeps the first `keep` bytes and counts the rest.
private struct Stream {
    var fd: Int32
    let keep: Int
    var bytes: [UInt8] = []
    var total = 0

    init(fd: Int32, keep: Int) {
        self.fd = fd
        self.keep = keep
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Reads what the pipe holds now; at end of file, stops watching it (`fd` becomes −1).
    mutating func readAvailable() {
        guard fd >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                total += n
                if bytes.count < keep { bytes += buffer[0..<min(n, keep - bytes.count)] }
            } else if n == 0 {
                fd = -1
                return
            } else {
                if errno == EINTR { continue }
                if errno != EAGAIN && errno != EWOULDBLOCK { fd = -1 }
                return
            }
        }
    }
}

/// Waits until one of `fds` is readable, or `milliseconds` pass.
private func waitForOutput(_ fds: [Int32], milliseconds: Int32) {
    guard !fds.isEmpty else {
        usleep(UInt32(milliseconds) * 1000)
        return
    }
    var polled = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    _ = poll(&polled, nfds_t(polled.count), milliseconds)
}

/// The CPU time (user + system) a process has used so far, from `/proc/PID/stat`; nil where
/// there is no `/proc` (the wall-clock limit then applies alone).
private func cpuSeconds(of pid: pid_t) -> Double? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // After the command name: state is field 3, utime field 14 and stime field 15 of stat(5).
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}
