public import Foundation

extension Day {
    /// The UTC calendar day of a moment (by default, now).
    /// Outside the years Entente represents (1800–2199) the nearest end of that range.
    public static func today(_ now: Date = Date()) -> Day {
        let days = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        return Day(daysSinceEpoch: days) ?? (days < 0 ? Day(yyyymmdd: 1800_01_01) : Day(yyyymmdd: 2199_12_31))!
    }

    /// The day `days` after 1970-01-01 (proleptic Gregorian; civil-from-days, after H. Hinnant).
    init?(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: y, month: m, day: d)
    }

    /// Whole days from `other` to this day (negative when this day is earlier).
    public func days(since other: Day) -> Int { daysSinceEpoch - other.daysSinceEpoch }

    /// Days since 1970-01-01 (days-from-civil, after H. Hinnant).
    var daysSinceEpoch: Int {
        let y0 = year - (month <= 2 ? 1 : 0)
        let era = (y0 >= 0 ? y0 : y0 - 399) / 400
        let yoe = y0 - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
