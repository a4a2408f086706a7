import Testing

@testable import Varlink

struct InterfaceDescriptionTests {
    static let realistic = """
        # Admission requests of the street office.
        # Second line of the interface doc.
        interface org.streetflow.Admission

        # The state of a request.
        type State (draft, submitted, approved, refused)

        # One request as a department sees it.
        type Request (
          id: string,
          state: State,
          # Comments inside a struct are allowed and ignored.
          subject: (title: string, plaque: ?string),
          reviewers: []string,
          fields: [string]string,
          score: ?float,
          attempts: int,
          urgent: bool,
          extra: ?object,
          history: []?(action: string, at: string)
        )

        # Submits a request.
        method Submit(request: Request, idempotencyKey: ?string) -> (id: string, version: int)

        # Streams changes to requests.
        method Watch(states: ?[]State) -> (request: Request)

        method Ping() -> ()

        # The request does not exist.
        error NoSuchInstance (id: string)

        # Someone acted first.
        error VersionConflict (expected: int, actual: int)
        """

    @Test func parsesARealisticInterface() throws {
        let interface = try InterfaceDescription(parsing: Self.realistic)
        #expect(interface.name == "org.streetflow.Admission")
        #expect(
            interface.documentation == "Admission requests of the street office.\nSecond line of the interface doc.")
        #expect(interface.text == Self.realistic)
        #expect(interface.types.map(\.name) == ["State", "Request"])
        #expect(interface.methods.map(\.name) == ["Submit", "Watch", "Ping"])
        #expect(interface.errors.map(\.name) == ["NoSuchInstance", "VersionConflict"])

        #expect(interface.type(named: "State")?.type == .enumeration(["draft", "submitted", "approved", "refused"]))
        #expect(interface.type(named: "State")?.documentation == "The state of a request.")
        guard case .structure(let fields)? = interface.type(named: "Request")?.type else {
            Issue.record("Request is not a struct")
            return
        }
        #expect(
            fields == [
                VarlinkField(name: "id", type: .string),
                VarlinkField(name: "state", type: .named("State")),
                VarlinkField(
                    name: "subject",
                    type: .structure([
                        VarlinkField(name: "title", type: .string),
                        VarlinkField(name: "plaque", type: .optional(.string)),
                    ])
                ),
                VarlinkField(name: "reviewers", type: .array(.string)),
                VarlinkField(name: "fields", type: .dictionary(.string)),
                VarlinkField(name: "score", type: .optional(.float)),
                VarlinkField(name: "attempts", type: .int),
                VarlinkField(name: "urgent", type: .bool),
                VarlinkField(name: "extra", type: .optional(.object)),
                VarlinkField(
                    name: "history",
                    type: .array(
                        .optional(
                            .structure([
                                VarlinkField(name: "action", type: .string), VarlinkField(name: "at", type: .string),
                            ])
                        )
                    )
                ),
            ]
        )

        let submit = try #require(interface.method(named: "Submit"))
        #expect(submit.documentation == "Submits a request.")
        #expect(submit.input.map(\.description) == ["request: Request", "idempotencyKey: ?string"])
        #expect(submit.output.map(\.description) == ["id: string", "version: int"])
        #expect(interface.method(named: "Watch")?.input.first?.type == .optional(.array(.named("State"))))
        #expect(interface.method(named: "Ping")?.documentation == "")
        #expect(interface.error(named: "VersionConflict")?.parameters.map(\.name) == ["expected", "actual"])
        #expect(interface.error(named: "NoSuchInstance")?.line == 32)
    }

    @Test func theVarlinkServiceInterfaceParses() throws {
        let interface = InterfaceDescription.varlinkService
        #expect(interface.name == "org.varlink.service")
        #expect(interface.methods.map(\.name) == ["GetInfo", "GetInterfaceDescription"])
        #expect(
            interface.errors.map(\.name) == [
                "InterfaceNotFound", "MethodNotFound", "MethodNotImplemented", "InvalidParameter", "PermissionDenied",
                "ExpectedMore",
            ]
        )
        #expect(interface.method(named: "GetInfo")?.output.last?.type == .array(.string))
    }

    struct BadInterface: CustomTestStringConvertible, Sendable {
        var text: String
        var line: Int
        var fragment: String
        var testDescription: String { fragment }
    }

    static let badInterfaces: [BadInterface] = [
        BadInterface(text: "method Foo() -> ()", line: 1, fragment: "expected 'interface'"),
        BadInterface(text: "interface foo\n", line: 1, fragment: "invalid interface name"),
        BadInterface(text: "interface org.example.x\n\nmethod foo() -> ()", line: 3, fragment: "invalid method name"),
        BadInterface(
            text: "interface org.example.x\nmethod Foo() -> (a: strin)", line: 2, fragment: "unknown type 'strin'"),
        BadInterface(
            text: "interface org.example.x\nmethod Foo() -> (a: Bar)", line: 2, fragment: "unknown type 'Bar'"),
        BadInterface(text: "interface org.example.x\nmethod Foo() (a: int)", line: 2, fragment: "expected '->'"),
        BadInterface(text: "interface org.example.x\n\n\nmethod Foo(a: int,) -> ()", line: 4, fragment: "field name"),
        BadInterface(text: "interface org.example.x\nmethod Foo(a: ??int) -> ()", line: 2, fragment: "twice"),
        BadInterface(text: "interface org.example.x\nmethod Foo(a: [int]int) -> ()", line: 2, fragment: "[string]T"),
        BadInterface(text: "interface org.example.x\ntype T (a, b: int)", line: 2, fragment: "enum cannot have"),
        BadInterface(text: "interface org.example.x\nmethod Foo(a: int, a: int) -> ()", line: 2, fragment: "twice"),
        BadInterface(text: "interface org.example.x\nerror E ()\nerror E ()", line: 3, fragment: "declared twice"),
        BadInterface(text: "interface org.example.x\nfunction Foo() -> ()", line: 2, fragment: "unknown keyword"),
        BadInterface(
            text: "interface org.example.x\nmethod Foo(a: int -> ()", line: 2, fragment: "expected ',' or ')'"),
        BadInterface(text: "interface org.example.x\ntype T string", line: 2, fragment: "expected '('"),
        BadInterface(text: "interface org.example.x\nmethod Foo(a, b) -> ()", line: 2, fragment: "must be a struct"),
    ]

    @Test(arguments: badInterfaces)
    func parseErrorsNameTheLine(_ bad: BadInterface) {
        do {
            _ = try InterfaceDescription(parsing: bad.text)
            Issue.record("parsed without error")
        } catch {
            #expect(error.line == bad.line)
            #expect(error.message.contains(bad.fragment), "\(error)")
            #expect(error.description.hasPrefix("line \(bad.line), column "))
        }
    }
}
