// streetflow-bench: the approval workload of ../shared/perf/WORKLOAD.md (W2, W3, W4) driven over the daemon's Unix
// socket, as drive_streetflow.py drives it, from Swift threads with blocking sockets — so rates above what a Python
// driver can push are measurable. Prints one JSON line with the Python driver's keys.
//
//   streetflow-bench SOCKET [--n 2000] [--clients 16] [--live] [--pid DAEMON_PID]
//
// Each client is one connection on its own thread; instance i goes to client i % clients and is submitted, forwarded
// and approved or rejected (i % 4 == 3), each call waiting for its reply. --live submits only and leaves the requests
// open; with --pid the daemon's RSS growth per open request is reported (W4).
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct Options {
    var socket = ""
    var n = 2000
    var clients = 1
    var live = false
    var pid: Int32?
    var committees = ["蓝天二村", "蓝天一村", "蓝天四村"]

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            switch argument {
            case "--n": n = Int(rest.popFirst() ?? "") ?? n
            case "--clients": clients = max(1, Int(rest.popFirst() ?? "") ?? clients)
            case "--live": live = true
            case "--pid": pid = Int32(rest.popFirst() ?? "")
            case "--committees": committees = (rest.popFirst() ?? "").split(separator: ",").map(String.init)
            default: socket = argument
            }
        }
        if socket.isEmpty {
            FileHandle.standardError.write(
                Data("usage: streetflow-bench SOCKET [--n N] [--clients C] [--live] [--pid PID]\n".utf8))
            exit(2)
        }
    }
}

struct DriverError: Error, CustomStringConvertible {
    var description: String
}

/// One blocking Unix-socket connection speaking Varlink's NUL-terminated JSON.
final class Connection {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw DriverError(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw DriverError(description: "socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            throw DriverError(description: "connect \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(fd) }

    /// Sends one call and returns its reply's bytes (without the NUL).
    func call(_ message: [UInt8]) throws -> [UInt8] {
        var frame = message
        frame.append(0)
        var sent = 0
        while sent < frame.count {
            let n = frame.withUnsafeBytes { write(fd, $0.baseAddress! + sent, $0.count - sent) }
            guard n > 0 else { throw DriverError(description: "write: \(String(cString: strerror(errno)))") }
            sent += n
        }
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let reply = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                return reply
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            guard n > 0 else { throw DriverError(description: "the daemon closed the connection") }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}

/// A JSON string literal.
func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default:
            if scalar.value < 0x20 {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// The 64-character comment of step `step` of instance i (common.py's step_payload).
func comment(_ i: Int, _ step: String) -> String {
    let number = String(i)
    let text = "\(step) of request \(String(repeating: "0", count: max(0, 8 - number.count)))\(number) "
    return text + String(repeating: ".", count: max(0, 64 - text.count))
}

struct Reply {
    var id: String
    var state: String
}

func parse(_ bytes: [UInt8]) throws -> Reply {
    guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
        throw DriverError(description: "not a JSON object")
    }
    if let error = object["error"] { throw DriverError(description: "error reply: \(error) \(object)") }
    guard let parameters = object["parameters"] as? [String: Any],
        let instance = parameters["instance"] as? [String: Any], let id = instance["id"] as? String,
        let state = instance["state"] as? String
    else { throw DriverError(description: "unexpected reply: \(String(decoding: bytes, as: UTF8.self))") }
    return Reply(id: id, state: state)
}

func rss(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
    }
    return nil
}

let options = Options(CommandLine.arguments)
let prefix = "org.streetflow.Workflow."

/// Runs client `k`'s instances; returns each call's latency in seconds.
func runClient(_ k: Int) throws -> [Double] {
    let connection = try Connection(path: options.socket)
    var latencies: [Double] = []
    latencies.reserveCapacity(options.n / options.clients * 3 + 3)
    func call(_ method: String, _ parameters: String) throws -> Reply {
        let started = DispatchTime.now().uptimeNanoseconds
        let reply = try connection.call(Array("{\"method\":\"\(prefix)\(method)\",\"parameters\":\(parameters)}".utf8))
        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        return try parse(reply)
    }
    for i in stride(from: k, to: options.n, by: options.clients) {
        let c1 = comment(i, "submit")
        let number = String(i)
        let text = "标牌 \(String(repeating: "0", count: max(0, 8 - number.count)))\(number)"
        let subject =
            "{\"committee\":\(quoted(options.committees[i % options.committees.count])),\"text\":\(quoted(text)),"
            + "\"placement\":\"\(i % 2 == 0 ? "inside" : "service-area")\",\"reason\":\(quoted(c1))}"
        var reply = try call(
            "Submit", "{\"workflow\":\"plaque-admission\",\"subject\":\(subject),\"comment\":\(quoted(c1))}")
        let id = reply.id
        if !options.live {
            reply = try call(
                "Act", "{\"id\":\(quoted(id)),\"action\":\"forward\",\"comment\":\(quoted(comment(i, "review")))}")
            let decision = i % 4 == 3 ? "reject" : "approve"
            reply = try call(
                "Act", "{\"id\":\(quoted(id)),\"action\":\"\(decision)\",\"comment\":\(quoted(comment(i, "decide")))}")
        }
        let expected = options.live ? "office-review" : (i % 4 == 3 ? "rejected" : "approved")
        guard reply.state == expected else {
            throw DriverError(description: "instance \(i) \(id) ended in \(reply.state), expected \(expected)")
        }
    }
    return latencies
}

let base = options.pid.flatMap(rss)
let results = Array(repeating: [Double](), count: options.clients)
let failures = NSLock()
nonisolated(unsafe) var perClient = results
nonisolated(unsafe) var failure: (any Error)?
let started = DispatchTime.now().uptimeNanoseconds
// One thread per client (Dispatch would run only as many at once as there are cores).
let finished = DispatchGroup()
for k in 0..<options.clients {
    finished.enter()
    Thread.detachNewThread {
        do {
            let latencies = try runClient(k)
            failures.withLock { perClient[k] = latencies }
        } catch {
            failures.withLock { failure = error }
        }
        finished.leave()
    }
}
finished.wait()
let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
if let failure {
    FileHandle.standardError.write(Data("streetflow-bench: \(failure)\n".utf8))
    exit(1)
}
let latencies = perClient.flatMap { $0 }.sorted()
let transitions = options.n * (options.live ? 1 : 3)
func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
var output: [String: Any] = [
    "bench": "streetflow-bench", "clients": options.clients, "n": options.n, "live": options.live,
    "elapsed_s": (elapsed * 10000).rounded() / 10000,
    "instances_per_s": rounded(Double(options.n) / elapsed),
    "transitions_per_s": rounded(Double(transitions) / elapsed),
    "commands_per_s": rounded(Double(latencies.count) / elapsed),
    "cmd_p50_us": rounded(latencies[latencies.count / 2] * 1e6),
    "cmd_p99_us": rounded(latencies[Int(Double(latencies.count) * 0.99)] * 1e6),
]
if let pid = options.pid, let base {
    Thread.sleep(forTimeInterval: 0.5)
    if let now = rss(pid) {
        output["rss_delta_bytes"] = now - base
        output["bytes_per_instance"] = (now - base) / options.n
    }
}
let json = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
