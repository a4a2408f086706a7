import Foundation
import NIOCore
import NIOEmbedded
import StreetFlowProtocol
import StreetFlowService
import TerminalText
import Varlink
import WorkflowModel

/// One fuzz target: bytes in; it must not crash, hang or break its invariant (a broken invariant traps).
struct FuzzTarget: Sendable {
    var name: String
    var run: @Sendable (UnsafeRawBufferPointer) -> Void

    static let all: [FuzzTarget] = [
        FuzzTarget(name: "varlink-frame", run: varlinkFrame),
        FuzzTarget(name: "varlink-idl", run: interfaceDescription),
        FuzzTarget(name: "workflow-yaml", run: workflowYAML),
        FuzzTarget(name: "config", run: configuration),
        FuzzTarget(name: "cli-text", run: cliText),
    ]

    static let interfaces: [InterfaceDescription] = [Workflow.interface, Admin.interface]

    /// The byte stream of a connection: split into frames at NUL (in chunks the first byte chooses, as a slow or
    /// pipelining peer sends them), each frame parsed as JSON, read as a Varlink request and checked against the
    /// StreetFlow interfaces. A parsed value must serialise to text that parses to the same value.
    static func varlinkFrame(_ bytes: UnsafeRawBufferPointer) {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maximumMessageSize: 4096)))
        defer { _ = try? channel.finish() }
        let chunk = max(1, Int(bytes.first ?? 1) % 64)
        var offset = 0
        var frames: [ByteBuffer] = []
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            var buffer = channel.allocator.buffer(capacity: end - offset)
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
            do {
                try channel.writeInbound(buffer)
            } catch {
                break  // too large: the connection is closed
            }
            while let frame = try? channel.readInbound(as: ByteBuffer.self) { frames.append(frame) }
        }
        for frame in frames {
            precondition(frame.readableBytes <= 4096, "a frame over the limit was passed on")
            guard let value = try? JSONValue(parsing: frame.readableBytesView) else { continue }
            let text = value.serialized()
            guard let again = try? JSONValue(parsing: text) else {
                preconditionFailure("serialised JSON does not parse: \(text)")
            }
            precondition(again == value, "JSON changed on a round trip: \(text)")
            guard let request = try? VarlinkRequest(json: value) else { continue }
            for interface in interfaces where interface.name == request.interfaceName {
                _ = try? interface.validateInput(
                    request.parameters, method: String(request.method.split(separator: ".").last ?? ""))
            }
        }
    }

    /// The Varlink interface-definition parser; what parses must print back (GetInterfaceDescription) and parse the same.
    static func interfaceDescription(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let interface = try? InterfaceDescription(parsing: text) else { return }
        _ = interface.method(named: "Submit")
        _ = interface.type(named: "Instance")
        _ = interface.error(named: "InvalidSubject")
    }

    /// The workflow YAML loader and validator; a definition that loads draws its graphs and encodes as JSON.
    static func workflowYAML(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        let result = DefinitionLoader(knownLists: ["negative-list", "reference-list"]).load(
            yaml: text, file: "fuzz.yaml")
        for diagnostic in result.diagnostics { _ = diagnostic.description }
        guard let definition = result.definition else { return }
        _ = definition.graph(.mermaid)
        _ = definition.graph(.dot)
        _ = try? JSONEncoder().encode(definition)
    }

    /// The daemon's config loader; a config that loads maps users to roles.
    static func configuration(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let config = try? DaemonConfiguration.parse(text, path: "fuzz.yaml") else { return }
        _ = config.roles.roles(user: "wang", groups: ["sf-office", "streetflow"])
    }

    /// The CLI's terminal renderer: whatever the text, nothing but the CLI's own SGR colours reaches the terminal
    /// as a control; table lines stay one line; truncation keeps its width.
    static func cliText(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        checkTerminalSafe(TerminalText.forTerminal(text))
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
        let lines = TerminalText.table(["编号", "内容", "环节"], rows)
        for line in lines {
            let shown = TerminalText.forTerminal(line)
            precondition(!shown.unicodeScalars.contains("\n"), "a table line spans lines")
            checkTerminalSafe(shown)
        }
        let cell = TerminalText.cell(text)
        for width in [2, 5, 30] {
            let cut = DisplayWidth.truncate(cell, to: width)
            precondition(
                DisplayWidth.of(cell) <= width ? cut == cell : DisplayWidth.of(cut) <= width, "truncate overflowed")
        }
        let json = TerminalText.json(
            "{\"a\":\"\(text.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: ""))\"}")
        precondition(!json.unicodeScalars.contains { TextRule.isForbidden($0, multiline: true) }, "JSON kept a control")
    }

    /// Every escape is a CLI colour (`ESC [ digits m`); no other control, separator or format character.
    static func checkTerminalSafe(_ shown: String) {
        let scalars = Array(shown.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}" {
                precondition(index + 1 < scalars.count && scalars[index + 1] == "[", "a bare ESC reached the terminal")
                var end = index + 2
                while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == ";" { end += 1 }
                precondition(
                    end < scalars.count && scalars[end] == "m" && end > index + 2, "an escape other than a colour")
                index = end + 1
                continue
            }
            precondition(
                !TextRule.isForbidden(scalar, multiline: true),
                "U+\(String(scalar.value, radix: 16)) reached the terminal")
            index += 1
        }
    }
}
