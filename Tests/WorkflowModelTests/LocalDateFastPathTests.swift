import Foundation
import Testing
import WorkflowModel

/// The office date of an instant and the wire's timestamps come from day arithmetic, not from a Foundation calendar
/// or format style per call: held here to what Foundation answers, instant by instant.
struct LocalDateFastPathTests {
    static let zones = ["Asia/Shanghai", "UTC", "America/New_York", "Australia/Lord_Howe", "Pacific/Kiritimati"]
        .map { TimeZone(identifier: $0)! }

    static func foundationDate(_ date: Date, _ zone: TimeZone) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// Random instants from 1600 to 2400, the seconds around each midnight and DST change of 2019–2027 included.
    static func instants() -> [Date] {
        var generator = SystemRandomNumberGenerator()
        var instants = (0..<20_000).map { _ in
            Date(timeIntervalSince1970: Double.random(in: -11_676_096_000...13_569_465_600, using: &generator))
        }
        for day in stride(from: 17_897, through: 20_819, by: 1) {  // 2019-01-01 ... 2026-12-31
            for offset in [-14 * 3600, -3600, -1, 0, 1, 3600, 8 * 3600 - 1, 8 * 3600, 16 * 3600] {
                instants.append(Date(timeIntervalSince1970: TimeInterval(day * 86_400 + offset)))
            }
        }
        instants.append(Date(timeIntervalSince1970: 0.999))
        instants.append(Date(timeIntervalSince1970: -0.5))
        return instants
    }

    @Test func theOfficeDateIsFoundationsInEveryZone() {
        let instants = Self.instants()
        for zone in Self.zones {
            let wrong = instants.filter { LocalDate($0, timeZone: zone) != Self.foundationDate($0, zone) }
            #expect(wrong.isEmpty, "\(zone.identifier): \(wrong.prefix(3))")
        }
        // Before the Gregorian reform Foundation's calendar is Julian; the fast path leaves those instants to it.
        let julian = Date(timeIntervalSince1970: -12_219_292_800 - 86_400 * 20)  // 1582-09-25 (Gregorian)
        #expect(LocalDate(julian, timeZone: TimeZone(identifier: "UTC")!) == Self.foundationDate(julian, .gmt))
    }

    @Test func theWireTimestampIsFoundationsISO8601() {
        for instant in Self.instants() {
            #expect(instant.iso8601 == instant.ISO8601Format())
        }
        #expect(Date(timeIntervalSince1970: 1_796_414_298).iso8601 == "2026-12-04T19:58:18Z")
    }
}
