/// A date known to the day, the month or only the year: curated facts are often known only
/// to the month ("troops deployed in October 2024").
///
/// Written `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. Comparisons use ``earliest`` and ``latest``.
public struct PartialDate: TextCodable, Hashable, Sendable, Comparable {
    public enum Precision: String, Sendable, Codable { case day, month, year }

    public let year: Int
    public let month: Int?
    public let day: Int?

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let y = Int(parts[0]), (1800...2199).contains(y) else { return nil }
        year = y
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        } else {
            month = nil
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), Day(year: y, month: month!, day: d) != nil else { return nil }
            day = d
        } else {
            day = nil
        }
    }

    public init(_ day: Day) {
        year = day.year
        month = day.month
        self.day = day.day
    }

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// The first day the date can stand for.
    public var earliest: Day { Day(year: year, month: month ?? 1, day: day ?? 1)! }

    /// The last day the date can stand for.
    public var latest: Day {
        let m = month ?? 12
        return Day(year: year, month: m, day: day ?? Day.daysIn(month: m, year: year))!
    }

    public var description: String {
        var s = String(format4: year)
        if let month { s += "-" + String(format2: month) }
        if let day { s += "-" + String(format2: day) }
        return s
    }

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.earliest, lhs.latest) < (rhs.earliest, rhs.latest)
    }

    public static var textKind: String { "a date" }
}
