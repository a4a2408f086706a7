import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One notice as the notifier delivers it.
public struct OutgoingNotice: Sendable, Equatable, Codable {
    public var id: Int
    public var kind: String
    public var recipient: String
    public var instance: String?
    public var message: String
    public var at: String

    public init(id: Int, kind: String, recipient: String, instance: String?, message: String, at: String) {
        self.id = id
        self.kind = kind
        self.recipient = recipient
        self.instance = instance
        self.message = message
        self.at = at
    }

    /// The id that makes a delivery idempotent: the same on every retry, different per channel.
    public func deliveryID(channel: String) -> String { "streetflow-notice-\(id)-\(channel)" }

    /// The command that opens the request.
    public var command: String? { instance.map { "streetflow show \($0)" } }
}

/// What a group robot receives: a markdown message with the notice, the request and the command to run.
public enum RobotPayload {
    public static func markdown(_ notice: OutgoingNotice) -> String {
        var lines = ["**StreetFlow 通知**", "", notice.message]
        if let command = notice.command { lines += ["", "> 查看：`\(command)`"] }
        return lines.joined(separator: "\n")
    }

    /// 企业微信/政务微信 group robot: `{"msgtype": "markdown", "markdown": {"content": …}}`.
    public static func wecom(_ notice: OutgoingNotice) -> Data {
        json(["msgtype": "markdown", "markdown": ["content": markdown(notice)]])
    }

    /// 钉钉 group robot: `{"msgtype": "markdown", "markdown": {"title": …, "text": …}}`.
    public static func dingtalk(_ notice: OutgoingNotice) -> Data {
        json(["msgtype": "markdown", "markdown": ["title": "StreetFlow 通知", "text": markdown(notice)]])
    }

    /// A signed DingTalk URL: `&timestamp=MS&sign=BASE64(HMAC-SHA256(secret, "MS\nsecret"))`, URL-encoded.
    public static func signedURL(_ url: String, secret: String, at date: Date) -> String {
        let timestamp = String(Int64(date.timeIntervalSince1970 * 1000))
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("\(timestamp)\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        let sign = Data(mac).base64EncodedString().addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return url + (url.contains("?") ? "&" : "?") + "timestamp=\(timestamp)&sign=\(sign)"
    }

    static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}

/// A notice as mail: Chinese subject in an RFC 2047 encoded word, UTF-8 body, the delivery id as Message-ID.
public enum MailMessage {
    public static func render(_ notice: OutgoingNotice, from: String, to: [String], channel: String) -> String {
        let subject = "StreetFlow 通知：" + (notice.instance ?? "系统")
        var body = notice.message + "\r\n"
        if let command = notice.command { body += "\r\n查看：\(command)\r\n" }
        return [
            "From: StreetFlow <\(from)>",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(encodedWord(subject))",
            "Message-ID: <\(notice.deliveryID(channel: channel))@streetflow>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            Data(body.utf8).base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ]),
            "",
        ].joined(separator: "\r\n")
    }

    /// `=?UTF-8?B?…?=`.
    public static func encodedWord(_ text: String) -> String {
        "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }
}

/// Sends one delivery; throws with the reason when it did not go through.
public enum Sender {
    /// POSTs JSON; a 2xx answer whose body (when JSON) says `errcode: 0` (or has none) is a delivery.
    public static func post(_ url: String, body: Data, deliveryID: String, timeout: TimeInterval = 10) throws {
        guard let target = URL(string: url) else { throw NotifyError("bad URL \(url)") }
        var request = URLRequest(url: target, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue(deliveryID, forHTTPHeaderField: "X-StreetFlow-Delivery")
        request.httpBody = body
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<Void, NotifyError> = .failure(NotifyError("no answer"))
        URLSession.shared.dataTask(with: request) { data, response, error in
            defer { done.signal() }
            if let error {
                outcome = .failure(NotifyError("\(url): \(error.localizedDescription)"))
                return
            }
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard (200..<300).contains(status) else {
                outcome = .failure(NotifyError("\(url) answered HTTP \(status)"))
                return
            }
            if let data, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let code = object["errcode"] as? Int, code != 0
            {
                outcome = .failure(NotifyError("\(url) refused: errcode \(code) \(object["errmsg"] ?? "")"))
                return
            }
            outcome = .success(())
        }.resume()
        done.wait()
        try outcome.get()
    }

    /// Hands a message to the local MTA: `sendmail -i -f FROM TO…`, the message on stdin.
    public static func sendmail(_ path: String, from: String, to: [String], message: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-i", "-f", from, "--"] + to
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(message.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NotifyError("\(path) exited with \(process.terminationStatus)")
        }
    }

    /// Sends through an SMTP relay (`host:port`, no authentication: a relay on the office network or loopback).
    public static func smtp(_ relay: String, from: String, to: [String], message: String) throws {
        let parts = relay.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else { throw NotifyError("smtp must be HOST:PORT") }
        let connection = try SMTPConnection(host: String(parts[0]), port: port)
        defer { connection.close() }
        try connection.expect(220)
        try connection.command("EHLO streetflow", expect: 250)
        try connection.command("MAIL FROM:<\(from)>", expect: 250)
        for address in to { try connection.command("RCPT TO:<\(address)>", expect: 250) }
        try connection.command("DATA", expect: 354)
        // Dot-stuffing: a line starting with "." gets another.
        let stuffed = message.replacingOccurrences(of: "\r\n.", with: "\r\n..")
        try connection.command(stuffed + "\r\n.", expect: 250)
        try? connection.command("QUIT", expect: 221)
    }
}

/// A plain TCP connection for SMTP's line protocol (POSIX sockets).
final class SMTPConnection {
    private let fd: Int32
    private var buffer = Data()

    init(host: String, port: UInt16) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw NotifyError("cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        var info: UnsafeMutablePointer<addrinfo>? = first
        var connected: Int32 = -1
        while let current = info {
            let candidate = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            if candidate >= 0 {
                var timeout = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if connect(candidate, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 {
                    connected = candidate
                    break
                }
                Glibc.close(candidate)
            }
            info = current.pointee.ai_next
        }
        guard connected >= 0 else { throw NotifyError("cannot connect to \(host):\(port)") }
        fd = connected
    }

    func close() { Glibc.close(fd) }

    func command(_ line: String, expect code: Int) throws {
        let data = Array((line + "\r\n").utf8)
        var sent = 0
        while sent < data.count {
            let n = data[sent...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw NotifyError("SMTP connection closed while sending") }
            sent += n
        }
        try expect(code)
    }

    /// Reads a (possibly multi-line) reply and checks its code.
    func expect(_ code: Int) throws {
        while true {
            let line = try readLine()
            guard line.count >= 3, let got = Int(line.prefix(3)) else {
                throw NotifyError("SMTP: unreadable reply '\(line)'")
            }
            if line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
            guard got == code else { throw NotifyError("SMTP: expected \(code), got '\(line)'") }
            return
        }
    }

    private func readLine() throws -> String {
        while true {
            if let range = buffer.range(of: Data("\r\n".utf8)) {
                let line = String(decoding: buffer[..<range.lowerBound], as: UTF8.self)
                buffer.removeSubrange(..<range.upperBound)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = Glibc.read(fd, &chunk, chunk.count)
            guard n > 0 else { throw NotifyError("SMTP connection closed") }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}
