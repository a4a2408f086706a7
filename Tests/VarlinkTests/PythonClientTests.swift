import Foundation
import Testing

@testable import Varlink

/// An independent implementation, Python's `varlink` package (`pip install varlink`), talks to our server.
@Suite(.timeLimit(.minutes(1)))
struct PythonClientTests {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func python(_ arguments: [String]) async throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return await onThread {
            // Read before waiting, so a full pipe cannot stall the child.
            let out = stdout.fileHandleForReading.readDataToEndOfFile()
            let err = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Output(
                status: process.terminationStatus,
                stdout: String(decoding: out, as: UTF8.self),
                stderr: String(decoding: err, as: UTF8.self)
            )
        }
    }

    static func requireVarlinkPackage() async throws {
        let check = try await python(["-c", "import varlink"])
        try #require(
            check.status == 0,
            "Python's varlink package is missing; install it with `pip install varlink`: \(check.stderr)"
        )
    }

    static func cli(_ arguments: [String]) async throws -> Output {
        try await python(["-m", "varlink.cli"] + arguments)
    }

    @Test func infoListsTheServiceAndItsInterfaces() async throws {
        try await Self.requireVarlinkPackage()
        try await withTestServer { _, path in
            let output = try await Self.cli(["info", "unix:\(path)"])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(
                output.stdout == """
                    Vendor: StreetFlow
                    Product: VarlinkTests
                    Version: 1.0
                    URL: https://example.org/streetflow
                    Interfaces:
                       org.varlink.service
                       org.example.test

                    """
            )
        }
    }

    @Test func helpPrintsTheOriginalInterfaceText() async throws {
        try await Self.requireVarlinkPackage()
        try await withTestServer { _, path in
            let output = try await Self.cli(["help", "unix:\(path)/org.example.test"])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout == testInterfaceText + "\n")

            let service = try await Self.cli(["help", "unix:\(path)/org.varlink.service"])
            #expect(service.status == 0, "\(service.stderr)")
            #expect(service.stdout == InterfaceDescription.varlinkServiceText + "\n")
        }
    }

    @Test func callPrintsTheReply() async throws {
        try await Self.requireVarlinkPackage()
        try await withTestServer { _, path in
            let output = try await Self.cli(["call", "unix:\(path)/org.example.test.Echo", #"{"text": "街道"}"#])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout == "{\n  \"text\": \"\\u8857\\u9053\"\n}\n")
        }
    }

    @Test func callWithMorePrintsEveryReply() async throws {
        try await Self.requireVarlinkPackage()
        try await withTestServer { _, path in
            let output = try await Self.cli(["call", "--more", "unix:\(path)/org.example.test.Count", #"{"to": 3}"#])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout == "{\n  \"n\": 1\n}\n{\n  \"n\": 2\n}\n{\n  \"n\": 3\n}\n")
        }
    }

    @Test func errorRepliesArePrinted() async throws {
        try await Self.requireVarlinkPackage()
        try await withTestServer { _, path in
            // The Python CLI exits 0 after an error reply and prints it to stderr.
            let failed = try await Self.cli(["call", "unix:\(path)/org.example.test.Fail", #"{"code": 7}"#])
            #expect(failed.stdout.isEmpty)
            #expect(failed.stderr.contains("org.example.test.Failed"), "\(failed.stderr)")
            #expect(failed.stderr.contains("asked to"), "\(failed.stderr)")

            let invalid = try await Self.cli(["call", "unix:\(path)/org.example.test.Echo", #"{"txt": "a"}"#])
            #expect(invalid.stderr.contains("org.varlink.service.InvalidParameter"), "\(invalid.stderr)")
            #expect(invalid.stderr.contains("txt"), "\(invalid.stderr)")
        }
    }
}
