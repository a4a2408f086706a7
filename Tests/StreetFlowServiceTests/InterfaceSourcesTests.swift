import Foundation
import Testing
import Varlink

@testable import StreetFlowService

/// The daemon serves the interface texts embedded by Sources/StreetFlowService/Interfaces/embed.py; they must equal the
/// `.varlink` files (edit the files, then run the script) and must parse.
struct InterfaceSourcesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/StreetFlowService/Interfaces")

    @Test func embeddedTextsEqualTheInterfaceFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0.hasSuffix(".varlink")
        }
        #expect(Set(files.map { String($0.dropLast(".varlink".count)) }) == Set(InterfaceSources.all.keys))
        for file in files {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            let name = String(file.dropLast(".varlink".count))
            #expect(
                InterfaceSources.all[name] == text.trimmingCharacters(in: .newlines),
                "run Sources/StreetFlowService/Interfaces/embed.py")
        }
    }

    @Test(arguments: ["org.streetflow.Workflow", "org.streetflow.Admin"])
    func interfaceParsesWithItsErrors(name: String) throws {
        let description = try InterfaceDescription(parsing: try #require(InterfaceSources.all[name]))
        #expect(description.name == name)
        #expect(description.error(named: "PermissionDenied") != nil)
    }
}
