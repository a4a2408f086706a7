import Foundation

/// A calendar date without a time zone, written `YYYY-MM-DD` (dates in the notice and in deadlines are local dates).
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, e.g. 2020.
    public var year: Int
    /// The month, 1...12.
    public var month: Int
    /// The day of the month, 1...31.
    public var day: Int

    /// The time zone every StreetFlow date is read in: the street office works on Shanghai time.
    public static let officeTimeZone = TimeZone(identifier: "Asia/Shanghai")!

    /// Creates a date from its parts; nil when the parts do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day), day <= Self.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The office-local date of an instant.
    public init(_ date: Date, timeZone: TimeZone = LocalDate.officeTimeZone) {
        // The zone's offset at that instant, then day arithmetic: what Foundation's Gregorian calendar answers, at a
        // fraction of its cost (a calendar and its components per call were ~2 % of the daemon's CPU per command).
        // Foundation's calendar is Julian before 1582-10-15, so earlier instants are left to it.
        let local = date.timeIntervalSince1970 + TimeInterval(timeZone.secondsFromGMT(for: date))
        if local >= Self.gregorianFrom, local < Self.year10000 {
            self.init(dayNumber: Int((local / 86_400).rounded(.down)))
            return
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(unchecked: c.year!, c.month!, c.day!)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// 1583-01-01T00:00 and 10000-01-01T00:00, in seconds since 1970 (the range day arithmetic serves).
    private static let gregorianFrom = TimeInterval(LocalDate(year: 1583, month: 1, day: 1)!.dayNumber) * 86_400
    private static let year10000 = TimeInterval(LocalDate(year: 10000, month: 1, day: 1)!.dayNumber) * 86_400

    /// `YYYY-MM-DD`.
    public var description: String {
        Self.digits(year, 4) + "-" + Self.digits(month, 2) + "-" + Self.digits(day, 2)
    }

    /// `YYYYMMDD` (ISO 8601's basic format), as request ids carry it.
    public var basicFormat: String {
        Self.digits(year, 4) + Self.digits(month, 2) + Self.digits(day, 2)
    }

    /// `value` in decimal, zero-padded to `width` digits.
    public static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date from a day number (see `dayNumber`).
    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The date `n` calendar days later (or earlier for negative `n`).
    public func adding(days n: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + n)
    }

    /// 1 = Monday ... 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (dayNumber + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { isoWeekday >= 6 }

    /// The instant this date starts in the office time zone.
    public func startOfDay(timeZone: TimeZone = LocalDate.officeTimeZone) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400)
        return utcMidnight.addingTimeInterval(-TimeInterval(timeZone.secondsFromGMT(for: utcMidnight)))
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date; write it as YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Date {
    /// `2026-12-04T19:58:18Z`: exactly what `ISO8601Format()` writes (UTC, whole seconds), without a format style
    /// per call; the wire carries five of them in every reply with a request.
    public var iso8601: String {
        let seconds = timeIntervalSince1970.rounded(.down)
        guard seconds >= 0, seconds < 253_402_300_800 else { return ISO8601Format() }
        let whole = Int(seconds)
        let date = LocalDate(dayNumber: whole / 86_400)
        let time = whole % 86_400
        // Twenty ASCII bytes written in place: one string, no pieces.
        return String(unsafeUninitializedCapacity: 20) { text in
            func put(_ value: Int, _ width: Int, at end: Int) {
                var value = value
                for index in stride(from: end - 1, through: end - width, by: -1) {
                    text[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(date.year, 4, at: 4)
            put(date.month, 2, at: 7)
            put(date.day, 2, at: 10)
            put(time / 3600, 2, at: 13)
            put(time / 60 % 60, 2, at: 16)
            put(time % 60, 2, at: 19)
            (text[4], text[7], text[10]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"))
            (text[13], text[16], text[19]) = (UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z"))
            return 20
        }
    }
}
