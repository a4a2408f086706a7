import Foundation
import Logging
import Testing
import Varlink

/// The code generated from `Corners.varlink` (every corner of the IDL grammar) compiles, round-trips its wire form
/// and its `Codable` form, names bad fields, and serves and calls over a real socket.
struct CornersTests {
    static func shape(_ name: String = "square", children: [Corners.Shape] = []) -> Corners.Shape {
        Corners.Shape(
            name: name, color: .green, sides: 4, area: 2.5, visible: true, label: nil, tags: ["a", "b"],
            scores: ["x": 1], extra: ["any": .array([.int(1), .string("two")])], maybeExtra: nil,
            origin: .init(x: 1, y: -2, note: "here"), fill: .hatched, children: children,
            byName: children.isEmpty ? [:] : ["first": children[0]], optionalList: [1, nil, 3],
            listOfMaps: [["k": "v"], [:]], corners: [.init(x: 0, y: 0.5)], guard: "kept", default: nil)
    }

    @Test func wireFormRoundTrips() throws {
        let shape = Self.shape(children: [Self.shape("inner")])
        let text = shape.varlinkJSON.serialized()
        let parsed = try JSONValue(parsing: Data(text.utf8))
        #expect(try Corners.Shape(varlink: parsed) == shape)
    }

    @Test func codableRoundTrips() throws {
        let shape = Self.shape(children: [Self.shape("inner")])
        let data = try JSONEncoder().encode(shape)
        #expect(try JSONDecoder().decode(Corners.Shape.self, from: data) == shape)
    }

    @Test func absentOptionalsAreNullAndMissingOnesReadAsNil() throws {
        let object = Self.shape().varlinkObject
        #expect(object["label"] == .null)
        #expect(object["default"] == .null)
        #expect(object["guard"] == .string("kept"))
        #expect(object["fill"] == .string("hatched"))
        var trimmed = object
        trimmed["label"] = nil
        trimmed["maybeExtra"] = nil
        trimmed["default"] = nil
        #expect(try Corners.Shape(varlinkObject: trimmed) == Self.shape())
    }

    @Test func numbersFollowTheIDL() throws {
        var object = Self.shape().varlinkObject
        object["sides"] = .double(4.0)
        object["area"] = .int(3)
        let shape = try Corners.Shape(varlinkObject: object)
        #expect(shape.sides == 4)
        #expect(shape.area == 3.0)
    }

    @Test(arguments: [
        ("name", JSONValue.null, "name: expected string, found null"),
        ("color", JSONValue.string("pink"), "color: expected (red, green, blue), found \"pink\""),
        ("sides", JSONValue.double(4.5), "sides: expected int, found number"),
        ("origin", JSONValue.object(["x": .int(1), "y": .string("2")]), "origin.y: expected int, found \"2\""),
        ("tags", JSONValue.array([.string("a"), .int(2)]), "tags[1]: expected string, found number"),
        ("scores", JSONValue.object(["x": .bool(true)]), "scores.x: expected int, found bool"),
        ("extra", JSONValue.array([]), "extra: expected object, found array"),
        ("optionalList", JSONValue.array([.int(1), .string("x")]), "optionalList[1]: expected int, found \"x\""),
    ])
    func aBadFieldIsNamed(field: String, value: JSONValue, message: String) throws {
        var object = Self.shape(children: [Self.shape("inner")]).varlinkObject
        object[field] = value
        let error = try #require(throws: VarlinkDecodingError.self) { try Corners.Shape(varlinkObject: object) }
        #expect(error.description == message)
    }

    @Test func aBadFieldDeepInsideIsNamedWithItsPath() throws {
        var inner = Self.shape("inner").varlinkObject
        inner["corners"] = .array([.object(["x": .int(0)])])
        var object = Self.shape().varlinkObject
        object["byName"] = .object(["first": .object(inner)])
        let error = try #require(throws: VarlinkDecodingError.self) { try Corners.Shape(varlinkObject: object) }
        #expect(error.path == "byName.first.corners[0].y")
    }

    @Test func errorsKeepTheirNameAndParameters() throws {
        let error = Corners.NoSuchShape(name: "circle", known: ["square"], hint: nil)
        #expect(Corners.NoSuchShape.varlinkName == "org.example.corners.NoSuchShape")
        let wire = error.varlinkError
        #expect(wire.name == "org.example.corners.NoSuchShape")
        #expect(wire.parameters == ["name": "circle", "known": .array(["square"]), "hint": .null])
        #expect(Corners.NoSuchShape(wire) == error)
        #expect(Corners.Busy(wire) == nil)
        #expect(Corners.typedError(wire) as? Corners.NoSuchShape == error)
        #expect(Corners.typedError(Corners.Busy().varlinkError) is Corners.Busy)
        #expect(Corners.typedError(VarlinkError.invalidParameter("x")) == nil)
    }

    @Test func theEmbeddedTextIsTheInterface() {
        #expect(Corners.interfaceName == "org.example.corners")
        #expect(Corners.interface.name == "org.example.corners")
        #expect(Corners.interface.methods.map(\.name) == ["Ping", "Draw", "Watch"])
    }

    @Test func handlerAndClientTalkOverASocket() async throws {
        try await withCornersServer { client in
            _ = try await client.ping()
            let reply = try await client.draw(shape: Self.shape(), scale: 2, where: .init(x: 3, y: 4))
            #expect(reply.shape.area == 5)
            #expect(reply.shape.origin.x == 3)
            #expect(reply.warnings == ["scaled by 2.0"])
            let plain = try await client.draw(Corners.DrawParameters(shape: Self.shape(), scale: nil, where: nil))
            #expect(plain.warnings.isEmpty)

            let error = try await #require(throws: VarlinkError.self) {
                _ = try await client.draw(shape: Self.shape("circle"))
            }
            #expect(
                Corners.NoSuchShape(error)
                    == Corners.NoSuchShape(name: "circle", known: ["square"], hint: "draw a square"))

            var colors: [Corners.Color?] = []
            for try await reply in client.watch(color: .blue) {
                colors.append(reply.shape?.color)
            }
            #expect(colors == [nil, .blue, .blue])
        }
    }

    @Test func aStreamingMethodNeedsMore() async throws {
        try await withCornersServer { client in
            let error = try await #require(throws: VarlinkError.self) {
                _ = try await client.connection.call(method: "org.example.corners.Watch")
            }
            #expect(error.name == "org.varlink.service.ExpectedMore")
        }
    }
}

/// `org.example.corners` served by a test double.
struct CornersService: Corners.Handler {
    func ping(call: VarlinkCall) async throws -> Corners.PingReply {
        Corners.PingReply()
    }

    func draw(_ parameters: Corners.DrawParameters, call: VarlinkCall) async throws -> Corners.DrawReply {
        guard parameters.shape.name == "square" else {
            throw Corners.NoSuchShape(name: parameters.shape.name, known: ["square"], hint: "draw a square")
        }
        var shape = parameters.shape
        var warnings: [String] = []
        if let scale = parameters.scale {
            shape.area *= scale
            warnings.append("scaled by \(scale)")
        }
        if let origin = parameters.where {
            shape.origin = .init(x: origin.x, y: origin.y, note: nil)
        }
        return Corners.DrawReply(shape: shape, warnings: warnings)
    }

    func watch(
        _ parameters: Corners.WatchParameters, call: VarlinkCall, replies: VarlinkReplies<Corners.WatchReply>
    ) async throws {
        try await replies.send(Corners.WatchReply(shape: nil))
        var shape = CornersTests.shape()
        shape.color = parameters.color ?? .red
        try await replies.send(Corners.WatchReply(shape: shape))
        try await replies.send(Corners.WatchReply(shape: shape), continues: false)
    }
}

func withCornersServer(_ body: (Corners.Client) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vgt-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("c.sock").path
    var service = VarlinkService(vendor: "test", product: "corners", version: "1", url: "https://example.org")
    Corners.register(CornersService(), in: &service)
    let server = VarlinkServer(
        service: service, endpoint: .unixSocket(path: path),
        logger: Logger(label: "corners", factory: { _ in SwiftLogNoOpLogHandler() }))
    try await server.listen()
    let running = Task { try await server.run() }
    let connection = try await VarlinkClient.connect(path: path)
    do {
        try await body(Corners.Client(connection))
    } catch {
        await connection.close()
        server.shutdown()
        try? await running.value
        throw error
    }
    await connection.close()
    server.shutdown()
    try await running.value
}
