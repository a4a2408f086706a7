import ArgumentParser
import Foundation
import Varlink
import VarlinkGenerator

/// Generates Swift from Varlink interface definitions: one `<interface name>.swift` per `.varlink` file.
@main
struct VarlinkSwiftGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "varlink-swift-gen",
        abstract: "Generate typed Swift (structs, errors, a handler protocol, a client) from Varlink interfaces."
    )

    @Option(help: "The directory the Swift files are written to.")
    var output: String

    @Option(help: "The access level of the generated declarations (public, package or internal).")
    var access = "public"

    @Option(help: "How to regenerate, written into each file's header.")
    var regenerate = "varlink-swift-gen"

    @Argument(help: "The .varlink files.")
    var interfaces: [String]

    func validate() throws {
        guard ["public", "package", "internal"].contains(access) else {
            throw ValidationError("--access must be public, package or internal")
        }
    }

    func run() throws {
        for path in interfaces {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let interface: InterfaceDescription
            do {
                interface = try InterfaceDescription(parsing: text)
            } catch {
                throw ValidationError("\(path): \(error)")
            }
            let options = SwiftGenerator.Options(
                access: access, sourceName: URL(fileURLWithPath: path).lastPathComponent, regenerate: regenerate)
            let swift = SwiftGenerator(interface, options: options).generate()
            let target = URL(fileURLWithPath: output).appendingPathComponent("\(interface.name).swift")
            try swift.write(to: target, atomically: true, encoding: .utf8)
            print("wrote \(target.path)")
        }
    }
}
