import Foundation
import Testing
import WorkflowModel

@testable import WorkflowStore

/// The projection reader against `JSONDecoder`: the same instance from every projection the store writes, and
/// JSONDecoder's answer (through ``StoreSQL/instance(_:)``) for text in any other form.
struct ProjectionReaderTests {
    typealias G = CanonicalJSONTests

    @Test(arguments: 0..<4)
    func readsWhatTheStoreWritesAsJSONDecoderDoes(seed: UInt64) throws {
        var g = G.Generator(state: seed &+ 7)
        for _ in 0..<500 {
            let text = CanonicalJSON.text(of: G.instance(&g))
            let reference = try StoreSQL.decode(WorkflowInstance.self, text)
            let read = try #require(ProjectionReader.instance(text), "not read: \(text)")
            #expect(read == reference, "\(text)")
            if read != reference { return }
        }
    }

    @Test func textInAnotherFormIsLeftToJSONDecoder() throws {
        var g = G.Generator(state: 42)
        var instance = G.instance(&g)
        instance.assignee = "张三"
        instance.listMatch = nil
        let text = CanonicalJSON.text(of: instance)
        let reference = try StoreSQL.decode(WorkflowInstance.self, text)

        // White space (as a pretty-printing encoder writes) is read.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let pretty = String(decoding: try encoder.encode(instance), as: UTF8.self)
        #expect(ProjectionReader.instance(pretty) == reference)

        // A key it does not know, a null, an exponent, a missing member, a trailing value: not read here; the store
        // decodes what JSONDecoder can and throws JSONDecoder's error for the rest.
        let unknown = "{\"later\":1," + text.dropFirst()
        #expect(ProjectionReader.instance(unknown) == nil)
        #expect(try StoreSQL.instance(unknown) == reference)
        let null = text.replacingOccurrences(of: "\"assignee\":\"张三\"", with: "\"assignee\":null")
        #expect(null != text && ProjectionReader.instance(null) == nil)
        instance.assignee = nil
        #expect(try StoreSQL.instance(null) == StoreSQL.decode(WorkflowInstance.self, CanonicalJSON.text(of: instance)))
        let exponent = text.replacingOccurrences(
            of: "\"definitionVersion\":\(instance.definitionVersion)",
            with: "\"definitionVersion\":\(instance.definitionVersion)e0")
        #expect(exponent != text && ProjectionReader.instance(exponent) == nil)
        let missing = text.replacingOccurrences(of: "\"version\":\(instance.version),", with: "")
        #expect(missing != text && ProjectionReader.instance(missing) == nil)
        #expect(throws: (any Error).self) { try StoreSQL.instance(missing) }
        #expect(ProjectionReader.instance(text + " 1") == nil)
        #expect(ProjectionReader.instance(String(text.dropLast())) == nil)
    }

    @Test func escapesAreReadAsJSONDecoderReadsThem() throws {
        var g = G.Generator(state: 7)
        var instance = G.instance(&g)
        instance.listMatch = nil
        let text = CanonicalJSON.text(of: instance)
        // Escapes CanonicalJSON does not write but JSON allows: \u for ASCII, a surrogate pair, \/ and \b.
        let id = "\\u0041\\ud83d\\ude00\\/\\b"
        let escaped = text.replacingOccurrences(
            of: "\"id\":"
                + String(
                    decoding: {
                        var j = CanonicalJSON(); j.string(instance.id); return j.bytes
                    }(), as: UTF8.self),
            with: "\"id\":\"\(id)\"")
        #expect(escaped != text)
        let read = try #require(ProjectionReader.instance(escaped))
        #expect(read.id == "A😀/\u{8}")
        #expect(read == (try StoreSQL.decode(WorkflowInstance.self, escaped)))
        // A lone surrogate: left to JSONDecoder.
        let lone = escaped.replacingOccurrences(of: "\\ude00", with: "x")
        #expect(ProjectionReader.instance(lone) == nil)
    }
}
