import Glibc

/// Re-running this test binary as a child process, to run one test body in a prepared process.
///
/// Some checks need a process of their own: socket activation wants descriptors at 3, 4, ... and
/// `$LISTEN_PID` naming the process, and the journal test needs a journald in a private mount
/// namespace, which only a wrapper script around a new process can give. The parent test runs
/// `<this binary> --testing-library swift-testing --filter ChildModeTests/<name>` with
/// `STREETFLOW_SYSTEMD_TEST_CHILD=<name>`; the tests in `ChildModeTests` are enabled only then,
/// so in a normal `swift test` run they show as skipped.
enum ChildMode {
    /// The variable that selects the child body.
    static let variable = "STREETFLOW_SYSTEMD_TEST_CHILD"

    /// True in a child started for `name`.
    static func isActive(_ name: String) -> Bool {
        getenv(variable).map { String(cString: $0) } == name
    }

    /// The command line that runs the child body `name` of this test binary.
    static func arguments(_ name: String) throws -> [String] {
        let executable = try ChildProcess.currentExecutable()
        return [executable, "--testing-library", "swift-testing", "--filter", "ChildModeTests/\(name)"]
    }
}
