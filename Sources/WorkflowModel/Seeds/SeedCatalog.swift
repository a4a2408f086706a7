import Foundation

/// The data StreetFlow ships in `seeds/`: the working-day calendar, the committees, the reference lists and the
/// document-number patterns.
public struct SeedCatalog: Sendable {
    /// The working-day calendar (`calendar.yaml`).
    public var calendar: WorkingCalendar
    /// The residents' committees (`committees.yaml`), in file order.
    public var committees: [Committee]
    /// The reference lists (`lists/*.yaml`), in file name order.
    public var lists: ReferenceLists
    /// The document-number (文号) patterns by series (`document-numbers.yaml`; empty when the file is absent).
    public var documentNumbers: [String: String] = [:]

    /// Creates a catalog from loaded parts.
    public init(
        calendar: WorkingCalendar, committees: [Committee], lists: ReferenceLists,
        documentNumbers: [String: String] = [:]
    ) {
        self.documentNumbers = documentNumbers
        self.calendar = calendar
        self.committees = committees
        self.lists = lists
    }

    /// Loads and checks `calendar.yaml`, `committees.yaml` and `lists/*.yaml` under `directory`.
    ///
    /// Throws `SeedError` naming the file and the problem: a missing or malformed file, a duplicate
    /// committee name or key, a key unfit for a Unix group name, an unknown rollout phase, a list whose key
    /// differs from its file name, a duplicate list key or entry code, or a negative entry without an
    /// alternative.
    public static func load(directory: URL) throws -> SeedCatalog {
        let calendarURL = directory.appendingPathComponent("calendar.yaml")
        let calendar: WorkingCalendar
        do {
            calendar = try WorkingCalendar.load(from: calendarURL)
        } catch let error as CalendarError {
            throw SeedError(file: calendarURL.path, message: error.message)
        }
        let committees = try loadCommittees(directory.appendingPathComponent("committees.yaml"))
        let lists = try loadLists(directory.appendingPathComponent("lists", isDirectory: true))
        let numbersURL = directory.appendingPathComponent("document-numbers.yaml")
        var documentNumbers: [String: String] = [:]
        if FileManager.default.fileExists(atPath: numbersURL.path) {
            documentNumbers = try decode(DocumentNumbersFile.self, from: numbersURL).documentNumbers
            for (series, pattern) in documentNumbers {
                if let problem = DocumentNumbering.problem(pattern: pattern) {
                    throw SeedError(file: numbersURL.path, message: "\(series): '\(pattern)': \(problem)")
                }
            }
        }
        return SeedCatalog(
            calendar: calendar, committees: committees, lists: ReferenceLists(lists), documentNumbers: documentNumbers)
    }

    /// The committee called `name`: its short name (蓝天二村), its key (`lantian2`), its full name, or the
    /// short name with a usual prefix or suffix (中山街道蓝天二村居委会, 蓝天二村居民区).
    public func committee(named name: String) -> Committee? {
        let text = TextNormalization.canonicalWidth(name)
        if let found = committees.first(where: { $0.name == text || $0.key == text || $0.fullName == text }) {
            return found
        }
        var short = Substring(text)
        for prefix in ["松江区中山街道", "中山街道"] where short.hasPrefix(prefix) {
            short = short.dropFirst(prefix.count)
            break
        }
        for suffix in ["社区居民委员会", "居民委员会", "居委会", "居民区", "社区"] where short.hasSuffix(suffix) {
            short = short.dropLast(suffix.count)
            break
        }
        return committees.first { $0.name == short }
    }

    private struct CommitteesFile: Decodable {
        var committees: [Committee]
    }

    private struct DocumentNumbersFile: Decodable {
        var documentNumbers: [String: String]
    }

    private static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws(SeedError) -> T {
        do {
            let text = try YAMLDecoding.readText(url)
            return try YAMLDecoding.decode(type, from: text)
        } catch {
            throw SeedError(file: url.path, message: error.message)
        }
    }

    private static func loadCommittees(_ url: URL) throws(SeedError) -> [Committee] {
        let committees = try decode(CommitteesFile.self, from: url).committees
        func fail(_ message: String) -> SeedError { SeedError(file: url.path, message: message) }
        guard !committees.isEmpty else { throw fail("lists no committees") }
        var names: Set<String> = []
        var keys: Set<String> = []
        for committee in committees {
            guard !committee.name.isEmpty else { throw fail("a committee has an empty name") }
            guard names.insert(committee.name).inserted else {
                throw fail("committee \(committee.name) is listed twice")
            }
            guard isGroupSlug(committee.key) else {
                throw fail(
                    "committee \(committee.name) has key '\(committee.key)'; a key is lowercase ASCII letters and "
                        + "digits, starting with a letter, at most 24 characters (group sf-cmte-<key>)"
                )
            }
            guard keys.insert(committee.key).inserted else { throw fail("key '\(committee.key)' is used twice") }
            guard Committee.rolloutPhases.contains(committee.rolloutPhase) else {
                throw fail(
                    "committee \(committee.name) has rolloutPhase '\(committee.rolloutPhase)'; use pilot, full or none"
                )
            }
            guard committee.pilot == (committee.rolloutPhase == "pilot") else {
                throw fail("committee \(committee.name): pilot is true exactly when rolloutPhase is pilot")
            }
            guard committee.programme == (committee.rolloutPhase != "none") else {
                throw fail("committee \(committee.name): programme is false exactly when rolloutPhase is none")
            }
        }
        return committees
    }

    /// Lowercase letters and digits, a letter first, short enough that `sf-cmte-<key>` fits Linux's 32.
    private static func isGroupSlug(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, ("a"..."z").contains(first), key.unicodeScalars.count <= 24
        else { return false }
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    private static func loadLists(_ directory: URL) throws(SeedError) -> [ReferenceList] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw SeedError(file: directory.path, message: "cannot be read (\(error.localizedDescription))")
        }
        var lists: [ReferenceList] = []
        var keys: Set<String> = []
        for name in names.filter({ $0.hasSuffix(".yaml") }).sorted() {
            let url = directory.appendingPathComponent(name)
            let list = try decode(ReferenceList.self, from: url)
            try check(list, fileName: name, url: url)
            guard keys.insert(list.key).inserted else {
                throw SeedError(file: url.path, message: "list key '\(list.key)' is used by another file too")
            }
            lists.append(list)
        }
        return lists
    }

    private static func check(_ list: ReferenceList, fileName: String, url: URL) throws(SeedError) {
        guard list.key + ".yaml" == fileName else {
            throw SeedError(
                file: url.path, message: "key '\(list.key)' differs from the file name; name the file \(list.key).yaml")
        }
        try check(list, file: url.path)
    }

    /// The checks every list passes, wherever it comes from (a seed file or a list update).
    static func check(_ list: ReferenceList, file: String) throws(SeedError) {
        func fail(_ message: String) -> SeedError { SeedError(file: file, message: message) }
        guard list.version >= 1 else { throw fail("version \(list.version) is not a positive number") }
        if list.status == .published {
            guard !list.source.trimmingCharacters(in: .whitespaces).isEmpty, list.publishedOn != nil else {
                throw fail(
                    "a published list names its source document (source:) and the date it was published (publishedOn:)")
            }
        }
        var codes: Set<String> = []
        for entry in list.entries {
            guard !entry.code.isEmpty else { throw fail("an entry has an empty code") }
            guard codes.insert(entry.code).inserted else { throw fail("code \(entry.code) is used twice") }
            guard !TextNormalization.normalize(entry.title).isEmpty else {
                throw fail("entry \(entry.code) has an empty title")
            }
            if list.kind == .negative, (entry.alternative ?? "").isEmpty {
                throw fail("negative entry \(entry.code) has no alternative (where the resident goes instead)")
            }
        }
    }
}
