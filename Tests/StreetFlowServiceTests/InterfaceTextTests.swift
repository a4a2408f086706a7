import Foundation
import StreetFlowProtocol
import Testing
import Varlink

/// The daemon serves the interface texts embedded in the generated code; they equal the `.varlink` files (the
/// generator's staleness test keeps the rest of the generated code current) and declare the errors the service throws.
struct InterfaceTextTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/StreetFlowProtocol/Interfaces")

    @Test(arguments: [
        (Workflow.interfaceName, Workflow.interfaceText), (Admin.interfaceName, Admin.interfaceText),
    ])
    func embeddedTextEqualsTheInterfaceFile(name: String, text: String) throws {
        let file = try String(contentsOf: Self.folder.appendingPathComponent("\(name).varlink"), encoding: .utf8)
        #expect(text == file.trimmingCharacters(in: .newlines), "run Sources/StreetFlowProtocol/generate.sh")
        let description = try InterfaceDescription(parsing: text)
        #expect(description.name == name)
        #expect(description.error(named: "PermissionDenied") != nil)
    }
}
