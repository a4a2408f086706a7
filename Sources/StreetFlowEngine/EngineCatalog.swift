import Foundation
import WorkflowModel
import WorkflowStore

/// Everything the engine reads but does not own: definitions (every known version), reference lists, the
/// working-day calendar, committees and departments. Immutable; a reload swaps in a new one.
public struct EngineCatalog: Sendable {
    /// Definitions by key and version.
    public private(set) var definitions: [String: [Int: WorkflowDefinition]]
    /// The version new instances start on, per key.
    public private(set) var current: [String: Int]
    /// YAML sources by key and version (stored with their SHA-256).
    public private(set) var sources: [String: [Int: String]]
    /// The reference lists.
    public var lists: ReferenceLists
    /// The calendar.
    public var calendar: WorkingCalendar
    /// The committees.
    public var committees: [Committee]
    /// Department keys (nil: any).
    public var departments: Set<String>?
    /// The departments' names as the office writes them (health → 卫生健康办), from the config's `label`s.
    public var departmentLabels: [String: String] = [:]
    /// The files the calendar in force came from (the seeds' calendar.yaml, then calendar.d's files).
    public var calendarSources: [String] = []
    /// How decisions' document numbers (文号) are written, from the config's `documentNumbers:`.
    public var documentNumbering = DocumentNumbering()
    /// The street office this daemon serves (config `street:`): stamped on every new request.
    public var street: String?
    /// Whether lists, queues and watches are limited to ``street`` (on a store shared with other streets).
    public var streetScoped = false
    /// Whether the office confirmed which committees take part in the programme (the config's `programme:`);
    /// false: the seeds' `programme` flags are an assumption still to confirm.
    public private(set) var programmeConfirmed = false

    /// Whether the programme's membership is the seeds' unconfirmed assumption (the daemon warns, `status` says).
    public var programmeUnconfirmed: Bool { !programmeConfirmed && committees.contains(where: \.programme) }

    /// The last day of the holiday data when it ends within `days` of `today` (or has ended): deadlines past it
    /// count Monday to Friday only, so the office must add the next year (nil while the data reaches far enough).
    public func calendarEnding(within days: Int = 60, today: LocalDate) -> LocalDate? {
        let end = calendar.coverage.upperBound
        return today.adding(days: days) > end ? end : nil
    }

    /// An empty catalog with a calendar.
    public init(
        lists: ReferenceLists = .empty, calendar: WorkingCalendar = .weekdaysOnly, committees: [Committee] = [],
        departments: Set<String>? = nil
    ) {
        definitions = [:]
        current = [:]
        sources = [:]
        self.lists = lists
        self.calendar = calendar
        self.committees = committees
        self.departments = departments
    }

    /// Adds a definition; `current` makes it the version for new instances when it is the newest seen.
    public mutating func add(_ definition: WorkflowDefinition, source: String, current makeCurrent: Bool = true) {
        definitions[definition.key, default: [:]][definition.version] = definition
        sources[definition.key, default: [:]][definition.version] = source
        if definition.blankCommitteeMeansAll, !blankCommitteeWorkflows.contains(definition.key) {
            blankCommitteeWorkflows = (blankCommitteeWorkflows + [definition.key]).sorted()
        }
        if makeCurrent, definition.version >= (current[definition.key] ?? 0) {
            current[definition.key] = definition.version
        }
    }

    /// The definition of a key and version.
    public func definition(_ key: String, version: Int) -> WorkflowDefinition? { definitions[key]?[version] }

    /// The current definition of a key.
    public func currentDefinition(_ key: String) -> WorkflowDefinition? {
        current[key].flatMap { definitions[key]?[$0] }
    }

    /// The workflows (any version) whose blank committee means every committee, for `Visibility`.
    public private(set) var blankCommitteeWorkflows: [String] = []

    /// The current definitions, sorted by key.
    public var currentDefinitions: [WorkflowDefinition] {
        current.keys.sorted().compactMap(currentDefinition)
    }

    /// Loads every workflow file of a directory and the seeds; throws the diagnostics of invalid files.
    /// `programme` is the office's confirmed membership of the programme (nil: the seeds' assumption).
    /// `departmentLabels` are the departments' names from the config; `calendarDirectory` holds the years the
    /// office added after the shipped calendar (`calendar.d`).
    public static func load(
        workflows: URL, seeds: URL?, programme: [String]? = nil, departmentLabels: [String: String] = [:],
        calendarDirectory: URL? = nil, documentNumbers: [String: String] = [:]
    ) throws -> EngineCatalog {
        let seedCatalog = try seeds.map { try SeedCatalog.load(directory: $0) }
        var calendar = seedCatalog?.calendar ?? .weekdaysOnly
        var calendarSources = seeds.map { [$0.appendingPathComponent("calendar.yaml").path] } ?? []
        if let calendarDirectory {
            calendar = try calendar.extended(withDirectory: calendarDirectory)
            calendarSources += ((try? FileManager.default.contentsOfDirectory(atPath: calendarDirectory.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { calendarDirectory.appendingPathComponent($0).path }
        }
        var catalog = EngineCatalog(
            lists: seedCatalog?.lists ?? .empty, calendar: calendar, committees: seedCatalog?.committees ?? [])
        catalog.departmentLabels = departmentLabels
        catalog.calendarSources = calendarSources
        catalog.documentNumbering = DocumentNumbering(
            seeds: seedCatalog?.documentNumbers ?? [:], overrides: documentNumbers)
        if let programme { catalog.confirmProgramme(programme) }
        let loader = DefinitionLoader(knownLists: seedCatalog.map { Set($0.lists.lists.map(\.key)) })
        var diagnostics: [Diagnostic] = []
        var loaded: [(file: String, definition: WorkflowDefinition)] = []
        for (url, result) in try loader.loadDirectory(workflows) {
            if let definition = result.definition {
                catalog.add(definition, source: result.source)
                loaded.append((url.path, definition))
            } else {
                diagnostics += result.diagnostics
            }
        }
        diagnostics += EffectChecker.check(loaded)
        if !diagnostics.isEmpty { throw CatalogError(diagnostics: diagnostics) }
        return catalog
    }

    /// The office's confirmed programme: exactly these committees take part, which `inProgramme` and
    /// `programmeReached` guards read. The pilot stays the pilot if it is one of them; the others go through the
    /// full phase; the rest take no part.
    public mutating func confirmProgramme(_ names: [String]) {
        let members = Set(names)
        committees = committees.map { $0.confirmingProgramme(members.contains($0.name)) }
        programmeConfirmed = true
    }

    /// Stored definitions for versions not in this catalog (older versions running instances still use).
    mutating func merge(stored: [StoredDefinition]) {
        let loader = DefinitionLoader()
        for record in stored where definitions[record.key]?[record.version] == nil {
            if let definition = loader.load(yaml: record.source, file: "stored:\(record.key)@\(record.version)")
                .definition
            {
                add(definition, source: record.source, current: current[record.key] == nil)
            }
        }
    }
}

/// Workflow files that failed validation.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    /// Every problem found.
    public var diagnostics: [Diagnostic]

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
