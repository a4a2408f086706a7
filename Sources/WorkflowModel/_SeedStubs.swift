// TEMPORARY: replaced by the seeds branch. Not committed.
import Foundation
public struct WorkingCalendar: Sendable, Hashable {
    public init(holidays: [LocalDate: LocalizedText], makeUpWorkdays: Set<LocalDate>, coverage: ClosedRange<LocalDate>) {}
    public func isWorkingDay(_ date: LocalDate) -> Bool { !date.isWeekend }
    public func addingWorkingDays(_ n: Int, to date: LocalDate) -> LocalDate {
        var d = date; var left = n
        while !isWorkingDay(d) { d = d.adding(days: 1) }
        while left > 0 { d = d.adding(days: 1); if isWorkingDay(d) { left -= 1 } }
        return d
    }
    public static let weekdaysOnly = WorkingCalendar(holidays: [:], makeUpWorkdays: [], coverage: LocalDate("2019-01-01")!...LocalDate("2019-01-02")!)
}
public struct ReferenceList: Codable, Sendable, Hashable { public enum Kind: String, Codable, Sendable { case reference, negative }
    public var key: String; public var kind: Kind; public var version: Int; public var entries: [ReferenceListEntry] }
public struct ReferenceListEntry: Codable, Sendable, Hashable { public var code: String; public var title: String; public var alternative: String? }
public struct ListMatch: Sendable, Hashable, Codable { public var list: String; public var listVersion: Int; public var kind: ReferenceList.Kind; public var entry: ReferenceListEntry }
public struct ReferenceLists: Sendable, Hashable {
    public init(_ lists: [ReferenceList]) { self.lists = lists }
    public var lists: [ReferenceList]
    public func list(_ key: String) -> ReferenceList? { lists.first { $0.key == key } }
    public func match(_ text: String, in listKey: String? = nil, on date: LocalDate? = nil) -> ListMatch? { nil }
    public static let empty = ReferenceLists([])
}
public struct Committee: Codable, Sendable, Hashable { public var name: String
    public var doorPlaques: [String] { ["中共松江区中山街道\(name)居民区支部委员会", "松江区中山街道\(name)社区居民委员会", "中山街道\(name)党建服务站", "中山街道\(name)社区服务站"] } }
extension WorkingCalendar {
    public static func load(from url: URL) throws -> WorkingCalendar { .weekdaysOnly }
    public func holidayName(_ date: LocalDate) -> LocalizedText? { nil }
}
public struct SeedCatalog: Sendable { public var calendar: WorkingCalendar; public var committees: [Committee]; public var lists: ReferenceLists
    public static func load(directory: URL) throws -> SeedCatalog { throw CocoaError(.fileNoSuchFile) } }
