import Foundation
import Logging
import Synchronization

@testable import Varlink

#if canImport(Glibc)
    import Glibc
#endif

/// The interface every server test serves.
let testInterfaceText = """
    # An interface that exercises every part of the protocol.
    interface org.example.test

    # A point on the plane.
    type Point (x: int, y: int)

    # Returns the text, after an optional delay.
    method Echo(text: string, delayMilliseconds: ?int) -> (text: string)

    # Always fails with Failed.
    method Fail(code: int) -> ()

    # Streams 1...to; needs more.
    method Count(to: int) -> (n: int)

    # Streams forever until the client goes; needs more.
    method Ticks() -> (n: int)

    # Streams 64 KiB replies as fast as the client reads them; needs more.
    method Flood() -> (data: string)

    # Returns the caller's credentials as the server saw them.
    method Whoami() -> (uid: int, gid: int, pid: int)

    # Remembers a note (used with oneway).
    method Record(note: string) -> ()

    # Checks nested parameter validation.
    method Shape(
      point: Point,
      tags: []string,
      labels: [string]string,
      color: (red, green),
      size: ?float,
      extra: ?object
    ) -> ()

    # Throws an error that is not a VarlinkError.
    method Crash() -> ()

    # Declared but not implemented by the handler.
    method Missing() -> ()

    # The failure of Fail.
    error Failed (code: int, reason: string)

    """

/// Events recorded by the test service, for assertions from the test body.
final class Probe: Sendable {
    private let events = Mutex<[String]>([])

    func record(_ event: String) {
        events.withLock { $0.append(event) }
    }

    var recorded: [String] {
        events.withLock { $0 }
    }
}

struct CrashError: Error {}

/// A service implementing `org.example.test`.
func makeTestService(probe: Probe) throws -> VarlinkService {
    var service = VarlinkService(
        vendor: "StreetFlow",
        product: "VarlinkTests",
        version: "1.0",
        url: "https://example.org/streetflow"
    )
    try service.register(parsing: testInterfaceText) { call, writer in
        switch call.method {
        case "Echo":
            if let delay = call.parameters["delayMilliseconds"]?.intValue {
                probe.record("echo.sleeping")
                try await Task.sleep(for: .milliseconds(delay))
            }
            try await writer.reply(["text": call.parameters["text"] ?? nil])
        case "Fail":
            throw VarlinkError(
                name: "org.example.test.Failed",
                parameters: ["code": call.parameters["code"] ?? nil, "reason": "asked to"]
            )
        case "Count":
            let count = call.parameters["to"]?.intValue ?? 0
            for number in 1...max(count, 1) {
                try await writer.reply(["n": .int(number)], continues: number < count)
            }
        case "Ticks":
            guard call.more else { throw VarlinkError.expectedMore() }
            probe.record("ticks.started")
            defer { probe.record("ticks.ended") }
            var number = 0
            while true {
                try await writer.reply(["n": .int(number)], continues: true)
                number += 1
                try await Task.sleep(for: .milliseconds(10))
            }
        case "Flood":
            let data = JSONValue.string(String(repeating: "x", count: 65536))
            while true {
                try await writer.reply(["data": data], continues: true)
                probe.record("flood")
            }
        case "Whoami":
            try await writer.reply([
                "uid": .int(Int(call.peer.uid)), "gid": .int(Int(call.peer.gid)), "pid": .int(Int(call.peer.pid)),
            ])
        case "Record":
            probe.record(call.parameters["note"]?.stringValue ?? "")
        case "Shape":
            return
        case "Crash":
            throw CrashError()
        default:
            throw VarlinkError.methodNotImplemented(call.qualifiedMethod)
        }
    }
    return service
}

let quietLogger = Logger(label: "varlink-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// A short temporary directory under /tmp (Unix socket paths must stay below 108 bytes).
func makeTemporaryDirectory() throws -> String {
    var template = Array("/tmp/vlt-XXXXXX".utf8CString)
    guard let result = mkdtemp(&template) else { throw POSIXError(.EIO) }
    return String(cString: result)
}

/// Runs `body` against a running server on a fresh socket, then shuts the server down and waits for it.
func withTestServer(
    configuration: VarlinkServer.Configuration = VarlinkServer.Configuration(),
    probe: Probe = Probe(),
    _ body: (_ server: VarlinkServer, _ path: String) async throws -> Void
) async throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/test.sock"
    let server = VarlinkServer(
        service: try makeTestService(probe: probe),
        endpoint: .unixSocket(path: path),
        configuration: configuration,
        logger: quietLogger
    )
    try await server.listen()
    let running = Task { try await server.run() }
    do {
        try await body(server, path)
    } catch {
        server.shutdown()
        try? await running.value
        throw error
    }
    server.shutdown()
    try await running.value
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}

/// Runs blocking work on its own thread, so the cooperative pool (which runs the server's handlers) stays free.
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.start()
    }
}

/// A blocking Unix socket client speaking raw bytes, to test what the Swift client cannot send.
final class RawSocket: Sendable {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path.utf8)
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    deinit {
        close(descriptor)
    }

    /// Writes all bytes (blocking).
    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Writes a string followed by nothing; add `\0` yourself.
    func write(_ text: String) {
        write(Array(text.utf8))
    }

    /// Reads until `count` NUL-terminated messages arrived, the peer closed, or `timeout` passed.
    func readMessages(count: Int, timeout: Duration = .seconds(5)) async -> (messages: [JSONValue], closed: Bool) {
        await onThread { self.blockingRead(count: count, timeout: timeout) }
    }

    private func blockingRead(count: Int, timeout: Duration) -> (messages: [JSONValue], closed: Bool) {
        var messages: [JSONValue] = []
        var pending: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        while messages.count < count {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return (messages, false) }
            var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(
                remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
            guard poll(&pollDescriptor, 1, max(milliseconds, 1)) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received <= 0 { return (messages, true) }
            pending.append(contentsOf: buffer[..<received])
            while let nul = pending.firstIndex(of: 0) {
                messages.append((try? JSONValue(parsing: pending[..<nul])) ?? .string("<invalid JSON>"))
                pending.removeSubrange(...nul)
            }
        }
        return (messages, false)
    }

    /// Waits until the peer closes the connection; returns false on timeout.
    func waitForClose(timeout: Duration = .seconds(5)) async -> Bool {
        await readMessages(count: Int.max, timeout: timeout).closed
    }
}

/// Encodes a request frame for the raw socket.
func frame(_ request: JSONValue) -> [UInt8] {
    var bytes: [UInt8] = []
    request.serialize(into: &bytes)
    bytes.append(0)
    return bytes
}
