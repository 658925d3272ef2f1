/// A calendar day, stored as the integer `yyyymmdd` so that it sorts and compares as a number.
///
/// Only valid Gregorian dates between the years 1800 and 2199 can be built; event data outside
/// that range is treated as a bad date.
public struct Day: TextCodable, Hashable, Comparable, Sendable {
    /// The date as `yyyymmdd`.
    public let rawValue: Int32

    public init?(year: Int, month: Int, day: Int) {
        guard (1800...2199).contains(year), (1...12).contains(month),
            day >= 1, day <= Day.daysIn(month: month, year: year)
        else { return nil }
        rawValue = Int32(year * 10_000 + month * 100 + day)
    }

    /// Reads `yyyymmdd` (8 digits); returns `nil` for anything else or an impossible date.
    public init?(yyyymmdd value: Int) {
        self.init(year: value / 10_000, month: value / 100 % 100, day: value % 100)
    }

    /// Reads `YYYY-MM-DD` or `YYYYMMDD`.
    public init?(_ text: some StringProtocol) {
        let digits = String(text).filter { $0 != "-" }
        guard digits.count == 8, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        if text.contains("-") {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else { return nil }
        }
        self.init(yyyymmdd: value)
    }

    public var year: Int { Int(rawValue) / 10_000 }
    public var month: Int { Int(rawValue) / 100 % 100 }
    public var day: Int { Int(rawValue) % 100 }
    /// The calendar month this day falls in.
    public var period: Month { Month(year: year, month: month)! }

    /// `YYYY-MM-DD`.
    public var description: String {
        String(format4: year) + "-" + String(format2: month) + "-" + String(format2: day)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.rawValue < rhs.rawValue }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static var textKind: String { "a date" }
}
