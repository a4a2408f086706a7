/// Document numbers (文号): each decision an action declares `number: KIND` for is filed under the next number
/// of its series in the year of the decision, written by the series' pattern, e.g. `中山准〔2026〕12号`.
///
/// A pattern holds `{year}` (four digits) and `{n}` (the number, no padding). The seeds carry the office's
/// patterns (`seeds/document-numbers.yaml`), the config may override any (`documentNumbers:`); a series with no
/// pattern at all is written `文号〔YEAR〕N号（SERIES）`.
public struct DocumentNumbering: Hashable, Sendable {
    /// The patterns by series.
    public var patterns: [String: String]

    /// The series of decisions that admit (准入), refuse (不予准入) and revoke (撤销): the words reports count by.
    public static let admission = "admission"
    public static let refusal = "refusal"
    public static let revocation = "revocation"

    /// The patterns of `seeds` with `overrides` over them.
    public init(seeds: [String: String] = [:], overrides: [String: String] = [:]) {
        patterns = seeds.merging(overrides) { $1 }
    }

    /// The number `n` of series `kind` in `year`, written by its pattern.
    public func format(kind: String, year: Int, n: Int) -> String {
        let pattern = patterns[kind] ?? "文号〔{year}〕{n}号（\(kind)）"
        // By hand: the standard library's generic `replacing` (and Foundation's before it) showed in the commit
        // thread's profile, once per decision.
        var result = ""
        result.reserveCapacity(pattern.utf8.count + 8)
        var rest = pattern[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let tail = rest[open...]
            if tail.hasPrefix("{year}") {
                result += String(year)
                rest = tail.dropFirst(6)
            } else if tail.hasPrefix("{n}") {
                result += String(n)
                rest = tail.dropFirst(3)
            } else {
                result += "{"
                rest = tail.dropFirst()
            }
        }
        return result + rest
    }

    /// Why a pattern cannot number documents (nil when it can): it must hold `{n}` and `{year}` (a number
    /// restarts each year, so a pattern without the year would repeat), and be one short line.
    public static func problem(pattern: String) -> String? {
        if !pattern.contains("{n}") { return "a pattern needs {n}, the number" }
        if !pattern.contains("{year}") { return "a pattern needs {year}: numbers restart every year" }
        if pattern.count > 60 || pattern.contains(where: { $0.isNewline }) { return "a pattern is one short line" }
        return nil
    }
}
