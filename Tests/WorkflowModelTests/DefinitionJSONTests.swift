import Foundation
import Testing

@testable import WorkflowModel

/// The JSON of a definition (what DescribeWorkflow returns) speaks the YAML's names and reads back to the same
/// definition.
struct DefinitionJSONTests {
    static let keys = [
        "admission-revocation", "board-admission", "committee-rollout", "plaque-admission",
        "street-programme", "task-admission",
    ]

    /// The keys a YAML definition may use anywhere (the loader's allowed sets), and `key` for the entries of an
    /// ordered mapping.
    static let yamlKeys: Set<String> = [
        "workflow", "version", "supersedes", "title", "description", "summary", "submit", "fields", "initial",
        "states", "actions", "who", "guards", "separateDuties", "type", "label", "required", "maxLength", "maxBytes",
        "multiline", "values", "tally", "evidence",
        "items", "list", "workflows", "blank", "final", "queue", "deadlines", "after", "at", "atField", "then", "to",
        "from", "comment", "signoff", "count", "users", "automatic", "amendsSubject", "zh", "en", "key",
        "ends", "effects", "create", "forEach", "equals", "field", "installList", "register", "tally", "part",
        "kindField", "textField", "placeField", "locationField", "admissionField", "entryField", "doorValue", "done",
        "unique", "concerns", "act", "on", "number", "cc",
    ]

    static func objectKeys(_ value: Any, into keys: inout Set<String>, mapsOfStates: Bool = false) {
        if let object = value as? [String: Any] {
            for (key, inner) in object {
                // `who` by state is keyed by state names, an effect's `fields` by field names, not by language keys.
                if !mapsOfStates { keys.insert(key) }
                let map = (key == "who" || key == "fields") && inner is [String: Any]
                objectKeys(inner, into: &keys, mapsOfStates: map)
            }
        } else if let array = value as? [Any] {
            for item in array { objectKeys(item, into: &keys) }
        }
    }

    @Test(arguments: keys)
    func jsonUsesTheYAMLNamesAndRoundTrips(_ key: String) throws {
        let definition = try Repository.workflow(key)
        let data = try JSONEncoder().encode(definition)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["workflow"] as? String == key)
        #expect(json["summary"] as? String == definition.summaryField)
        var keys: Set<String> = []
        Self.objectKeys(json, into: &keys)
        #expect(keys.subtracting(Self.yamlKeys).isEmpty, "not YAML names: \(keys.subtracting(Self.yamlKeys))")
        #expect(try JSONDecoder().decode(WorkflowDefinition.self, from: data) == definition)
    }

    @Test func orderedMappingsKeepTheFileOrder() throws {
        let definition = try Repository.workflow("plaque-admission")
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(definition)) as? [String: Any]
        let states = try #require(json?["states"] as? [[String: Any]])
        #expect(states.compactMap { $0["key"] as? String } == definition.states.map(\.key))
        let actions = try #require(json?["actions"] as? [[String: Any]])
        let reject = try #require(actions.first { $0["key"] as? String == "reject" })
        #expect(reject["comment"] as? String == "required")
        #expect(reject["commentRequired"] == nil)
    }
}
