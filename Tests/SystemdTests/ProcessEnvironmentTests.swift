import Testing

/// Tests that set process-wide environment variables (`NOTIFY_SOCKET`, `WATCHDOG_USEC`, ...).
///
/// The environment is global to the process, so the suites nested in this one (in extensions in
/// their own files) run one test at a time.
@Suite(.serialized)
struct ProcessEnvironmentTests {}
