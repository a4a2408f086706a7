import Testing

/// `Deploy/streetflow.catalog` against `Deploy/message-ids.txt`, without root or journalctl
/// (`Deploy/check-units.sh` also compiles it with `journalctl --update-catalog`).
struct CatalogTests {
    /// One catalog entry: its header line, header fields and body.
    struct Entry {
        var id: String
        var language: String?
        var fields: [String: String]
        var body: [String]
    }

    @Test
    func hasDefaultAndChineseEntryForEveryMessageID() throws {
        let ids = try Self.messageIDs()
        // Every MessageID the engine declares is listed (and so has its entries below).
        let declared = try readFile(repositoryRoot() + "/Sources/StreetFlowEngine/MessageID.swift")
            .split(separator: "\n").filter { $0.contains("public static let ") }
        #expect(ids.count == declared.count)
        #expect(Set(ids.map(\.id)).count == ids.count)
        let entries = try Self.entries()
        for (name, id) in ids {
            for language in [nil, "zh_CN"] as [String?] {
                let matching = entries.filter { $0.id == id && $0.language == language }
                #expect(matching.count == 1, "\(name) \(id) \(language ?? "default")")
                guard let entry = matching.first else { continue }
                #expect(entry.fields["Subject"]?.isEmpty == false, "\(name) \(language ?? "default")")
                #expect(entry.fields["Defined-By"] == "streetflow", "\(name)")
                #expect(entry.fields["Documentation"]?.hasPrefix("man:") == true, "\(name)")
                #expect(!entry.body.isEmpty, "\(name) \(language ?? "default")")
            }
        }
        #expect(entries.count == ids.count * 2)
    }

    @Test
    func substitutesOnlyFieldsWeSend() throws {
        for entry in try Self.entries() {
            for line in entry.body {
                let parts = line.split(separator: "@", omittingEmptySubsequences: false)
                // @FIELD@ pairs: every odd part is a field name
                #expect(parts.count % 2 == 1, "unpaired @ in \(entry.id): \(line)")
                for (index, part) in parts.enumerated() where index % 2 == 1 {
                    #expect(part.hasPrefix("STREETFLOW_"), "\(entry.id): @\(part)@")
                    #expect(part.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" }, "\(entry.id): @\(part)@")
                }
            }
        }
    }

    /// `name id` pairs of message-ids.txt.
    static func messageIDs() throws -> [(name: String, id: String)] {
        try readFile(repositoryRoot() + "/Deploy/message-ids.txt").split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
    }

    /// The entries of the catalog, parsed as catalog(7) describes (`-- ID [LANG]`, fields, blank, body).
    static func entries() throws -> [Entry] {
        var entries: [Entry] = []
        var inHeader = false
        for line in try readFile(repositoryRoot() + "/Deploy/streetflow.catalog").split(
            separator: "\n",
            omittingEmptySubsequences: false
        ) {
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("-- ") {
                let parts = line.dropFirst(3).split(separator: " ")
                let language = parts.count > 1 ? String(parts[1]) : nil
                entries.append(Entry(id: String(parts[0]), language: language, fields: [:], body: []))
                inHeader = true
            } else if inHeader, let colon = line.firstIndex(of: ":") {
                let value = line[line.index(after: colon)...].drop { $0 == " " }
                entries[entries.count - 1].fields[String(line[..<colon])] = String(value)
            } else if line.isEmpty {
                inHeader = false
            } else if !entries.isEmpty {
                entries[entries.count - 1].body.append(String(line))
            }
        }
        return entries
    }
}
