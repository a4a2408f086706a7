import Foundation
import Glibc
import Logging
import Testing

@testable import Systemd

struct StandardErrorLogHandlerTests {
    /// Runs `body` with a logger whose handler writes into a pipe, and returns what it wrote.
    static func lines(level: Logger.Level = .info, _ body: (Logger) -> Void) throws -> [String] {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw TestFailure("pipe: errno \(errno)") }
        defer { close(ends[0]) }
        var handler = StandardErrorLogHandler(label: "streetflowd", fileDescriptor: ends[1])
        handler.logLevel = level
        handler[metadataKey: "daemon"] = "test"
        // Read while the body writes: a pipe holds 64 KiB, and a writer of more waits for a reader.
        let reader = FileHandle(fileDescriptor: ends[0])
        let read = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var data = Data()
        Thread.detachNewThread {
            data = reader.readDataToEndOfFile()
            read.signal()
        }
        body(Logger(label: "streetflowd", factory: { _ in handler }))
        close(ends[1])
        read.wait()
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test
    func writesOneLineInStreamLogHandlersLayout() throws {
        let lines = try Self.lines { logger in
            logger.info(
                "Request forwarded", metadata: ["state.to": "street-review", "action": "forward", "instance": "PA-1"],
                source: "StreetFlowEngine")
        }
        #expect(lines.count == 2 && lines[1].isEmpty, "\(lines)")
        let line = lines[0]
        // The time, as strftime("%Y-%m-%dT%H:%M:%S%z") writes it, then the level, the label and sorted metadata.
        let time = try #require(line.split(separator: " ").first)
        #expect(time.count == 24, "\(line)")
        #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}/) != nil, "\(line)")
        #expect(
            line.dropFirst(25)
                == "info streetflowd : action=forward daemon=test instance=PA-1 state.to=street-review [StreetFlowEngine] Request forwarded",
            "\(line)")
    }

    @Test
    func writesAnEntrysErrorAsStreamLogHandlerDoes() throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "disk full" } }
        let lines = try Self.lines { logger in
            logger.log(level: .error, "Commit failed", error: Refused(), source: "StreetFlowEngine")
        }
        let line = lines[0].dropFirst(25)
        #expect(line.hasPrefix("error streetflowd : daemon=test error.message=disk full error.type="), "\(line)")
        #expect(line.hasSuffix(".Refused [StreetFlowEngine] Commit failed"), "\(line)")
    }

    @Test
    func leavesOutEntriesBelowItsLevelAndKeepsLinesOfManyThreadsWhole() throws {
        let lines = try Self.lines(level: .notice) { logger in
            logger.info("not written")
            DispatchQueue.concurrentPerform(iterations: 8) { thread in
                for index in 0..<100 {
                    logger.notice(
                        "entry \(thread)-\(index)", metadata: ["text": "\(String(repeating: "长", count: 60))"])
                }
            }
        }
        #expect(lines.count == 801 && lines[800].isEmpty, "\(lines.count)")
        #expect(!lines.contains { $0.contains("not written") })
        let whole = lines.dropLast().filter {
            $0.contains(" notice streetflowd : daemon=test text=\(String(repeating: "长", count: 60)) [")
                && $0.contains("] entry ")
        }
        #expect(whole.count == 800)
        #expect(Set(whole.map { $0.split(separator: " ").last! }).count == 800)
    }

    @Test
    func theTimeOfASecondIsWhatStrftimeGivesForIt() {
        // Midnight of a New Year in the office's zone and the host's, and an ordinary second.
        for second: time_t in [0, 1_577_808_000, 1_764_880_663] {
            var seconds = second
            var parts = tm()
            localtime_r(&seconds, &parts)
            var buffer = [CChar](repeating: 0, count: 64)
            let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
            let expected = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // Formatted once, then taken from the cache; the next second is formatted again.
            let cache = StandardErrorLogHandler.LocalTimeCache()
            var line: [UInt8] = []
            cache.append(second: second, to: &line)
            cache.append(second: second, to: &line)
            #expect(String(decoding: line, as: UTF8.self) == expected + expected)
            var next: [UInt8] = []
            cache.append(second: second + 1, to: &next)
            #expect(
                next == StandardErrorLogHandler.LocalTimeCache.format(second + 1)
                    && next != line.prefix(next.count).map { $0 })
        }
    }
}
