import Foundation
import Testing

@testable import WorkflowModel

/// One file of `Tests/Fixtures/invalid/` and the single diagnostic it must produce.
struct InvalidFixture: CustomTestStringConvertible, Sendable {
    var file: String
    var rule: String
    var line: Int
    /// nil where the column is not worth pinning.
    var column: Int?
    var path: String
    var messageContains: String

    var testDescription: String { file }
}

struct ValidatorTests {
    static let invalid = Repository.fixtures.appendingPathComponent("invalid", isDirectory: true)
    static let minimal = Repository.fixtures.appendingPathComponent("valid/minimal.yaml")
    static let loader = DefinitionLoader(
        knownLists: ["admin-affairs", "negative-certificates"], knownWorkflows: ["fixture": ["open", "done"]])

    static let fixtures: [InvalidFixture] = [
        .init(
            file: "unknown-initial", rule: "unknown-initial", line: 10, column: 10, path: "initial",
            messageContains: "'opened'"),
        .init(
            file: "unreachable-state", rule: "unreachable-state", line: 18, column: 3, path: "states.archived",
            messageContains: "'archived'"),
        .init(
            file: "dead-end", rule: "dead-end", line: 18, column: 3, path: "states.parked",
            messageContains: "'parked'"),
        .init(
            file: "unknown-state-from", rule: "unknown-state", line: 26, column: 11, path: "actions.reopen.from",
            messageContains: "'closed'"),
        .init(
            file: "unknown-state-to", rule: "unknown-state", line: 27, column: 9, path: "actions.park.to",
            messageContains: "'parked'"),
        .init(
            file: "unknown-role", rule: "unknown-role", line: 23, column: 10, path: "actions.finish.who",
            messageContains: "'janitor'"),
        .init(
            file: "unknown-guard", rule: "unknown-guard", line: 24, column: 14, path: "actions.finish.guards[0]",
            messageContains: "'isSunny'"),
        .init(
            file: "unknown-field", rule: "unknown-field", line: 24, column: 13, path: "actions.finish.guards",
            messageContains: "'colour'"),
        .init(
            file: "unknown-list", rule: "unknown-list", line: 9, column: 32, path: "fields.item.list",
            messageContains: "'no-such-list'"),
        .init(
            file: "duplicate-state", rule: "duplicate-key", line: 15, column: 3, path: "",
            messageContains: "open (first at line 12)"),
        .init(
            file: "duplicate-action", rule: "duplicate-key", line: 24, column: 3, path: "",
            messageContains: "finish (first at line 19)"),
        .init(
            file: "deadline-action", rule: "deadline-action", line: 16, column: 26,
            path: "states.open.deadlines[0].then", messageContains: "'explode'"),
        .init(
            file: "final-with-actions", rule: "final-with-actions", line: 17, column: 12, path: "states.done.final",
            messageContains: "reopen"),
        .init(
            file: "label-zh", rule: "label-zh", line: 13, column: 12, path: "states.open.label",
            messageContains: "Chinese"),
        .init(
            file: "unknown-value", rule: "unknown-value", line: 25, column: 13, path: "actions.finish.guards",
            messageContains: "'room-wal'"),
        .init(
            file: "enum-without-values", rule: "enum-without-values", line: 9, column: 16, path: "fields.kind.type",
            messageContains: "'kind'"),
        .init(
            file: "yaml-syntax", rule: "yaml-syntax", line: 5, column: nil, path: "",
            messageContains: "mapping values are not allowed"),
        .init(
            file: "version", rule: "version", line: 3, column: 10, path: "version",
            messageContains: "'0'"),
        .init(
            file: "supersedes", rule: "supersedes", line: 4, column: 13, path: "supersedes",
            messageContains: "cannot supersede version 2"),
        .init(
            file: "amends-subject", rule: "amends-subject", line: 24, column: 20, path: "actions.finish.amendsSubject",
            messageContains: "'finish'"),
        .init(
            file: "blank-all", rule: "blank-all", line: 10, column: 29, path: "fields.note.blank",
            messageContains: "text field 'note'"),
        .init(
            file: "placement-value", rule: "unknown-value", line: 8, column: 11, path: "submit.guards",
            messageContains: "no value 'window' of field 'kind'"),
        .init(
            file: "unknown-workflow", rule: "unknown-workflow", line: 24, column: 13, path: "actions.finish.guards",
            messageContains: "'no-such-rollout'"),
    ]

    static func load(_ fixture: String) -> DefinitionLoader.Result {
        loader.load(contentsOf: invalid.appendingPathComponent("\(fixture).yaml"))
    }

    @Test(arguments: fixtures)
    func invalidFixtureReportsItsRuleAndPlace(_ fixture: InvalidFixture) throws {
        let result = Self.load(fixture.file)
        #expect(result.definition == nil)
        #expect(result.diagnostics.map(\.rule) == [fixture.rule], "\(result.diagnostics)")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.line == fixture.line)
        if let column = fixture.column {
            #expect(diagnostic.column == column)
        } else {
            #expect(diagnostic.column > 0)
        }
        #expect(diagnostic.path == fixture.path)
        #expect(diagnostic.message.contains(fixture.messageContains), "\(diagnostic.message)")
        #expect(!diagnostic.hint.trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(diagnostic.file.hasSuffix("Tests/Fixtures/invalid/\(fixture.file).yaml"))
    }

    @Test func everyInvalidFixtureIsInTheTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.invalid.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(Self.fixtures.map(\.file)))
    }

    @Test func theBaseOfTheFixturesIsValid() throws {
        let result = Self.loader.load(contentsOf: Self.minimal)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let definition = try #require(result.definition)
        #expect(definition.key == "fixture")
        #expect(definition.states.map(\.key) == ["open", "done"])
    }

    @Test func unknownListIsOnlyCheckedWhenTheListsAreKnown() {
        let result = DefinitionLoader().load(contentsOf: Self.invalid.appendingPathComponent("unknown-list.yaml"))
        #expect(result.diagnostics.isEmpty)
        #expect(result.definition != nil)
    }

    @Test(arguments: ["0", "-1", "1.5", "\"abc\"", "abc", "\"\""])
    func versionMustBeAPositiveWholeNumber(_ version: String) throws {
        let yaml = try String(contentsOf: Self.minimal, encoding: .utf8)
            .replacingOccurrences(of: "version: 1\n", with: "version: \(version)\n")
        let result = Self.loader.load(yaml: yaml, file: "version.yaml")
        #expect(result.definition == nil)
        #expect(result.diagnostics.map(\.rule) == ["version"])
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.column == 10)
        #expect(diagnostic.path == "version")
        #expect(!diagnostic.message.isEmpty)
        #expect(diagnostic.hint.contains("version: 1"))
    }

    /// What a hand-entered register item carries must be a subject field and, for a choice, one of its values.
    @Test(arguments: [
        ("{origin: existing}", [String]()), ("{origin: invented}", ["unknown-value"]),
        ("{colour: red}", ["unknown-field"]),
    ])
    func manualEntryNamesAFieldAndOneOfItsChoices(_ manual: String, _ rules: [String]) throws {
        let yaml = try String(contentsOf: Self.minimal, encoding: .utf8)
            .replacingOccurrences(
                of: "initial: open\n",
                with: """
                      kind: {type: enum, required: true, label: {zh: 类别}, values: {plaque: {zh: 标牌}}}
                      place: {type: text, required: true, label: {zh: 处所}}
                      origin: {type: enum, required: true, label: {zh: 来源}, values: {existing: {zh: 补录}}}
                    register: {part: entry, kindField: kind, textField: text, placeField: place, manualEntry: \(manual)}
                    initial: open

                    """)
        let result = Self.loader.load(yaml: yaml, file: "register.yaml")
        #expect(result.diagnostics.map(\.rule) == rules, "\(result.diagnostics)")
        if rules.isEmpty {
            #expect(result.definition?.register?.manualEntry == ["origin": "existing"])
        }
    }

    @Test func yamlSyntaxErrorNamesTheLineOfAnUnclosedFlowMapping() throws {
        let yaml = try String(contentsOf: Self.minimal, encoding: .utf8)
            .replacingOccurrences(of: "    label: {zh: 完成}\n", with: "    label: {zh: 完成\n")
        let result = Self.loader.load(yaml: yaml, file: "unclosed.yaml")
        #expect(result.diagnostics.map(\.rule) == ["yaml-syntax"])
        let line = try #require(result.diagnostics.first?.line)
        // The parser notices on the line after the unclosed `{` (line 16) at the latest.
        #expect((16...17).contains(line))
    }

    @Test func duplicateKeyInAFlowMappingStillHasALine() throws {
        let yaml = try String(contentsOf: Self.minimal, encoding: .utf8)
            .replacingOccurrences(of: "    label: {zh: 待办}\n", with: "    label: {zh: 待办, zh: 又一个}\n")
        let result = Self.loader.load(yaml: yaml, file: "flow.yaml")
        #expect(result.diagnostics.map(\.rule) == ["duplicate-key"])
        #expect(result.diagnostics.first?.line == 13)
    }

    /// Carriage returns are line breaks to YAML: a duplicate key after them is found (or not) without a crash
    /// (the config fuzzer's finding: the line count disagreed with the parser's line numbers).
    @Test func duplicateKeyAfterCarriageReturnsIsReportedWithoutACrash() {
        for (yaml, line) in [
            ("workflow: x\rversion: 1\r\r\rworkflow: y\r", 5), ("workflow: x\r\nversion: 1\r\rworkflow: y\n", 4),
        ] {
            let loaded = Self.loader.load(yaml: yaml, file: "cr.yaml")
            let duplicate = loaded.diagnostics.first { $0.rule == "duplicate-key" }
            #expect(duplicate?.line == line, "\(loaded.diagnostics)")
        }
    }

    @Test func duplicateFieldKeyPointsAtTheRepeat() throws {
        let yaml = try String(contentsOf: Self.minimal, encoding: .utf8)
            .replacingOccurrences(
                of: "initial: open\n", with: "  \"text\": {type: text, label: {zh: 又一个}}\ninitial: open\n")
        let result = Self.loader.load(yaml: yaml, file: "fields.yaml")
        #expect(result.diagnostics.map(\.rule) == ["duplicate-key"])
        #expect(result.diagnostics.first?.line == 10)
        #expect(result.diagnostics.first?.column == 3)
    }

    @Test(arguments: fixtures)
    func descriptionHasTheEditorForm(_ fixture: InvalidFixture) throws {
        let diagnostic = try #require(Self.load(fixture.file).diagnostics.first)
        let text = diagnostic.description
        let file = Self.invalid.appendingPathComponent("\(fixture.file).yaml").path
        #expect(text.hasPrefix("\(file):\(diagnostic.line):\(diagnostic.column): error: \(diagnostic.message)"))
        #expect(text.contains("[\(fixture.rule)]"))
        #expect(text.hasSuffix(" — \(diagnostic.hint)"))
        let form = /^[^:]+:\d+:\d+: error: .+$/
        #expect(text.wholeMatch(of: form) != nil)
    }

    @Test func emptyFileIsReported() {
        let result = Self.loader.load(yaml: "", file: "empty.yaml")
        #expect(result.diagnostics.map(\.rule) == ["empty"])
    }
}
