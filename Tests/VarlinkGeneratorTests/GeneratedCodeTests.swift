import Foundation
import Testing
import Varlink
import VarlinkGenerator

/// The committed generated files equal what the generator makes of their interfaces now (run
/// `Sources/StreetFlowProtocol/generate.sh` after editing a `.varlink` file or the generator).
struct GeneratedCodeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Each interface folder and the folder its generated Swift is committed in.
    static let folders = [
        ("Sources/StreetFlowProtocol/Interfaces", "Sources/StreetFlowProtocol/Generated"),
        ("Tests/VarlinkGeneratorTests", "Tests/VarlinkGeneratorTests/Generated"),
    ]

    @Test(arguments: folders.map(\.0))
    func committedCodeIsCurrent(folder: String) throws {
        let output = try #require(Self.folders.first { $0.0 == folder }).1
        let idls = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".varlink") }
        var expected: Set<String> = []
        for idl in idls {
            let text = try String(contentsOf: Self.root.appendingPathComponent("\(folder)/\(idl)"), encoding: .utf8)
            let interface = try InterfaceDescription(parsing: text)
            let options = SwiftGenerator.Options(sourceName: idl, regenerate: "Sources/StreetFlowProtocol/generate.sh")
            let generated = SwiftGenerator(interface, options: options).generate()
            let swift = "\(interface.name).swift"
            expected.insert(swift)
            let committed = try? String(
                contentsOf: Self.root.appendingPathComponent("\(output)/\(swift)"), encoding: .utf8)
            #expect(generated == committed, "\(output)/\(swift) is stale: run Sources/StreetFlowProtocol/generate.sh")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(output).path)
        #expect(Set(files) == expected, "generated files without an interface in \(folder)")
    }

    @Test(arguments: [
        ("GetInfo", "getInfo"), ("WhoAmI", "whoAmI"), ("URLForID", "urlForID"), ("ID", "id"), ("Ping", "ping"),
        ("Default", "`default`"),
    ])
    func methodNamesAreLowerCamelCase(method: String, swift: String) {
        #expect(SwiftGenerator.memberName(method) == swift)
    }

    @Test func namespaceIsTheLastComponentCapitalised() {
        #expect(SwiftGenerator.namespace(of: "org.example.corners") == "Corners")
        #expect(SwiftGenerator.namespace(of: "org.streetflow.Workflow") == "Workflow")
    }
}
