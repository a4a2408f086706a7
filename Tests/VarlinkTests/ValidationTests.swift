import Testing

@testable import Varlink

struct ValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var method: String
        var parameters: [String: JSONValue]
        var error: String
        var parameter: String?
        var testDescription: String { "\(method) \(JSONValue.object(parameters)) → \(parameter ?? error)" }
    }

    static let validShape: [String: JSONValue] = [
        "point": ["x": 1, "y": 2], "tags": ["a"], "labels": ["k": "v"], "color": "red",
    ]

    static func shape(_ changes: [String: JSONValue?]) -> [String: JSONValue] {
        var parameters = validShape
        for (key, value) in changes { parameters[key] = value }
        return parameters
    }

    static let invalid = "org.varlink.service.InvalidParameter"

    static let cases: [Case] = [
        Case(method: "Echo", parameters: [:], error: invalid, parameter: "text"),
        Case(method: "Echo", parameters: ["text": 3], error: invalid, parameter: "text"),
        Case(method: "Echo", parameters: ["text": nil], error: invalid, parameter: "text"),
        Case(method: "Echo", parameters: ["text": "a", "loud": true], error: invalid, parameter: "loud"),
        Case(
            method: "Echo", parameters: ["text": "a", "delayMilliseconds": 1.5], error: invalid,
            parameter: "delayMilliseconds"),
        Case(
            method: "Echo", parameters: ["text": "a", "delayMilliseconds": "1"], error: invalid,
            parameter: "delayMilliseconds"),
        Case(method: "Fail", parameters: ["code": true], error: invalid, parameter: "code"),
        Case(method: "Shape", parameters: shape(["point": nil]), error: invalid, parameter: "point"),
        Case(method: "Shape", parameters: shape(["point": ["x": 1]]), error: invalid, parameter: "point.y"),
        Case(method: "Shape", parameters: shape(["point": ["x": 1, "y": "2"]]), error: invalid, parameter: "point.y"),
        Case(
            method: "Shape", parameters: shape(["point": ["x": 1, "y": 2, "z": 3]]), error: invalid,
            parameter: "point.z"),
        Case(method: "Shape", parameters: shape(["point": [1, 2]]), error: invalid, parameter: "point"),
        Case(method: "Shape", parameters: shape(["tags": "a"]), error: invalid, parameter: "tags"),
        Case(method: "Shape", parameters: shape(["tags": ["a", 2]]), error: invalid, parameter: "tags[1]"),
        Case(method: "Shape", parameters: shape(["labels": ["k": 1]]), error: invalid, parameter: "labels.k"),
        Case(method: "Shape", parameters: shape(["labels": ["k", "v"]]), error: invalid, parameter: "labels"),
        Case(method: "Shape", parameters: shape(["color": "blue"]), error: invalid, parameter: "color"),
        Case(method: "Shape", parameters: shape(["color": 0]), error: invalid, parameter: "color"),
        Case(method: "Shape", parameters: shape(["size": "big"]), error: invalid, parameter: "size"),
        Case(method: "Shape", parameters: shape(["extra": [1]]), error: invalid, parameter: "extra"),
        Case(method: "Nope", parameters: [:], error: "org.varlink.service.MethodNotFound", parameter: nil),
    ]

    @Test(arguments: cases)
    func wrongInputIsRejectedWithTheParameterName(_ testCase: Case) throws {
        let interface = try InterfaceDescription(parsing: testInterfaceText)
        do {
            try interface.validateInput(testCase.parameters, method: testCase.method)
            Issue.record("accepted")
        } catch {
            #expect(error.name == testCase.error)
            if let parameter = testCase.parameter {
                #expect(error.parameters == ["parameter": .string(parameter)])
            } else {
                #expect(error.parameters == ["method": .string("org.example.test.\(testCase.method)")])
            }
        }
    }

    @Test(arguments: [
        validShape,
        shape(["size": 2]),
        shape(["size": 2.5]),
        shape(["size": nil]),
        shape(["extra": ["any": ["thing": true]]]),
        shape(["tags": [], "labels": [:]]),
    ])
    func validInputIsAccepted(_ parameters: [String: JSONValue]) throws {
        let interface = try InterfaceDescription(parsing: testInterfaceText)
        try interface.validateInput(parameters, method: "Shape")
    }

    @Test(arguments: [
        (VarlinkRequest(method: "org.example.test.Echo", parameters: ["text": "a"], upgrade: true), "upgrade"),
        (VarlinkRequest(method: "org.example.nothing.Echo"), "org.varlink.service.InterfaceNotFound"),
        (VarlinkRequest(method: "org.example.test.Nope"), "org.varlink.service.MethodNotFound"),
        (VarlinkRequest(method: "org.example.test.Echo"), "text"),
    ])
    func serviceChecksRequestsBeforeHandlers(_ request: VarlinkRequest, _ expected: String) throws {
        let service = try makeTestService(probe: Probe())
        do {
            _ = try service.check(request, peer: PeerCredentials(uid: 0, gid: 0, pid: 1))
            Issue.record("accepted")
        } catch {
            switch error.name {
            case "org.varlink.service.InvalidParameter": #expect(error.parameters["parameter"] == .string(expected))
            default: #expect(error.name == expected)
            }
        }
    }

    struct EchoParameters: Codable {
        var text: String
        var delayMilliseconds: Int?
    }

    @Test func decodingParametersNamesTheBadField() throws {
        let call = VarlinkCall(
            interface: "org.example.test",
            method: "Echo",
            parameters: ["delayMilliseconds": 3],
            peer: PeerCredentials(uid: 0, gid: 0, pid: 1)
        )
        #expect(throws: VarlinkError.invalidParameter("text")) { try call.decodeParameters(as: EchoParameters.self) }
        var good = call
        good.parameters["text"] = "hi"
        #expect(try good.decodeParameters(as: EchoParameters.self).text == "hi")
    }
}
