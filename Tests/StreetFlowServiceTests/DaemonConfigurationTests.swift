import Foundation
import StreetFlowService
import Testing
import WorkflowModel

/// The daemon's config refuses mistakes the way `validate` does for workflows: file:line:column, the YAML path,
/// the rule and the fix, every problem at once.
struct DaemonConfigurationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let example = root.appendingPathComponent("Deploy/streetflow.yaml")
    static let seeds = root.appendingPathComponent("seeds").path

    /// One mistake of issue 11 and where and how it must be reported.
    struct Mistake: Sendable, CustomTestStringConvertible {
        var yaml: String
        var rule: String
        var line: Int
        var column: Int
        var path: String
        var hint: String
        var testDescription: String { yaml.split(separator: "\n").last.map(String.init) ?? yaml }
    }

    static let mistakes: [Mistake] = [
        .init(
            yaml: "store:\n  kind: postgres", rule: "wrong-value", line: 2, column: 9, path: "store.kind",
            hint: "sqlite, postgresql"),
        .init(
            yaml: "store:\n  kind: postgresql", rule: "missing-key", line: 2, column: 3, path: "store.url",
            hint: "url: postgresql://"),
        .init(
            yaml: "store:\n  url: mysql://db/streetflow", rule: "wrong-value", line: 2, column: 8, path: "store.url",
            hint: "postgresql://streetflow@db.example/streetflow"),
        .init(
            yaml: "street: 中山 街道", rule: "wrong-value", line: 1, column: 9, path: "street",
            hint: "street: 中山街道"),
        .init(
            yaml: "roles:\n  ofice: {groups: [sf-office]}", rule: "unknown-key", line: 2, column: 3,
            path: "roles.ofice",
            hint: "did you mean 'office'?"),
        .init(
            yaml: "roles:\n  street: {group: [sf-street]}", rule: "unknown-key", line: 2, column: 12,
            path: "roles.street.group", hint: "did you mean 'groups'?"),
        .init(
            yaml: "logLevel: verbose", rule: "wrong-value", line: 1, column: 11, path: "logLevel",
            hint: "trace, debug, info"),
        .init(
            yaml: "separationOfDuties: nope", rule: "wrong-type", line: 1, column: 21, path: "separationOfDuties",
            hint: "separationOfDuties: true"),
        .init(
            yaml: "limits:\n  maxBatch: many", rule: "wrong-type", line: 2, column: 13, path: "limits.maxBatch",
            hint: "maxBatch: 8"),
        .init(
            yaml: "sokcet: /run/x.sock", rule: "unknown-key", line: 1, column: 1, path: "sokcet",
            hint: "did you mean 'socket'?"),
        .init(
            yaml: "committees:\n  蓝天二: {groups: [sf-cmte-lantian2]}", rule: "unknown-role", line: 2, column: 8,
            path: "committees.蓝天二", hint: "did you mean '蓝天二村'?"),
        .init(
            yaml: "programme: [蓝天二村, 莱敦]", rule: "unknown-committee", line: 1, column: 19, path: "programme[1]",
            hint: "did you mean '莱顿'?"),
        .init(
            yaml: "programme:\n  - 蓝天二村\n  - 蓝天二村", rule: "duplicate", line: 3, column: 5, path: "programme[1]",
            hint: "list each committee of the programme once"),
        .init(
            yaml: "programme: []", rule: "wrong-value", line: 1, column: 12, path: "programme",
            hint: "or leave the key out"),
        .init(
            yaml: "documentNumbers:\n  admission: 中山准〔2026〕号", rule: "wrong-value", line: 2, column: 14,
            path: "documentNumbers.admission", hint: "{year}"),
        .init(
            yaml: "documentNumbers:\n  refusal: 中山不准{n}号", rule: "wrong-value", line: 2, column: 12,
            path: "documentNumbers.refusal", hint: "{year}"),
    ]

    @Test(arguments: mistakes)
    func aMistakeIsRefusedWithItsPlaceAndTheFix(_ mistake: Mistake) throws {
        let yaml = "seedsDirectory: \(Self.seeds)\n" + mistake.yaml
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sf-config-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let error = try #require(throws: ConfigurationError.self) { try DaemonConfiguration.load(path: file.path) }
        #expect(error.diagnostics.count == 1, "\(error)")
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.rule == mistake.rule)
        #expect(diagnostic.file == file.path)
        #expect(diagnostic.line == mistake.line + 1)
        #expect(diagnostic.column == mistake.column)
        #expect(diagnostic.path == mistake.path)
        #expect(diagnostic.hint.contains(mistake.hint), "\(diagnostic.hint)")
        #expect(error.description.hasPrefix("\(file.path):\(mistake.line + 1):\(mistake.column): error: "))
    }

    @Test func everyMistakeIsReportedAtOnce() throws {
        let yaml = "logLevel: verbose\nseparationOfDuties: nope\nroles:\n  ofice: {groups: [a]}\n"
        let error = try #require(throws: ConfigurationError.self) {
            try DaemonConfiguration.parse(yaml, path: "streetflow.yaml")
        }
        #expect(error.diagnostics.map(\.line) == [1, 2, 4])
    }

    @Test func theExampleConfigIsValidAndDocumentsEveryKey() throws {
        let text = try String(contentsOf: Self.example, encoding: .utf8)
        let config = try DaemonConfiguration.parse(text, path: Self.example.path)
        #expect(config.roles.roles["office"]?.groups == ["sf-office"])
        #expect(config.roles.committees["蓝天二村"] != nil)
        for (section, keys) in DaemonConfiguration.keys {
            for key in keys {
                let written = text.contains("\(key):")
                #expect(
                    written, "Deploy/streetflow.yaml does not document \(section.isEmpty ? "" : section + ".")\(key)")
            }
        }
    }

    @Test func theProgrammeTheOfficeConfirmsIsRead() throws {
        let config = try DaemonConfiguration.parse("programme: [蓝天二村, 莱顿]", path: "p.yaml")
        #expect(config.programme == ["蓝天二村", "莱顿"])
        #expect(DaemonConfiguration().programme == nil)
    }

    @Test func theOfficesDocumentNumberPatternsAreRead() throws {
        let config = try DaemonConfiguration.parse(
            "documentNumbers:\n  admission: \"松中准〔{year}〕第{n}号\"\n  training: 培〔{year}〕{n}号\n", path: "d.yaml")
        #expect(config.documentNumbers == ["admission": "松中准〔{year}〕第{n}号", "training": "培〔{year}〕{n}号"])
        let seeds = try SeedCatalog.load(directory: URL(fileURLWithPath: Self.seeds)).documentNumbers
        let numbering = DocumentNumbering(seeds: seeds, overrides: config.documentNumbers)
        #expect(numbering.format(kind: "admission", year: 2026, n: 12) == "松中准〔2026〕第12号")
        // A series the office did not set keeps its default.
        #expect(numbering.format(kind: "revocation", year: 2027, n: 3) == "中山撤〔2027〕3号")
    }

    @Test func anEmptyFileMeansTheDefaults() throws {
        #expect(try DaemonConfiguration.parse("", path: "empty.yaml") == DaemonConfiguration())
        #expect(try DaemonConfiguration.parse("# only comments\n", path: "c.yaml") == DaemonConfiguration())
    }
}
