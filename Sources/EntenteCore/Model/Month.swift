/// A calendar month, the period of every Entente series, stored as `yyyymm`.
public struct Month: TextCodable, Hashable, Comparable, Sendable, Strideable {
    public let rawValue: Int32

    public init?(year: Int, month: Int) {
        guard (1800...2199).contains(year), (1...12).contains(month) else { return nil }
        rawValue = Int32(year * 100 + month)
    }

    /// Reads `YYYY-MM` (or `YYYYMM`).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]) {
            self.init(year: y, month: m)
        } else if parts.count == 1, text.count == 6, let v = Int(text) {
            self.init(year: v / 100, month: v % 100)
        } else {
            return nil
        }
    }

    public init?(yyyymm value: Int) { self.init(year: value / 100, month: value % 100) }

    public var year: Int { Int(rawValue) / 100 }
    public var month: Int { Int(rawValue) % 100 }
    /// The first day of the month.
    public var firstDay: Day { Day(year: year, month: month, day: 1)! }
    /// The last day of the month.
    public var lastDay: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year))! }

    /// `YYYY-MM`.
    public var description: String { String(format4: year) + "-" + String(format2: month) }

    public static func < (lhs: Month, rhs: Month) -> Bool { lhs.rawValue < rhs.rawValue }

    private var ordinal: Int { year * 12 + month - 1 }

    public func distance(to other: Month) -> Int { other.ordinal - ordinal }

    /// The month `n` months later (earlier for negative `n`), clamped to the months Entente
    /// handles (1800-01 … 2199-12), so that `m.advanced(by: -k) <= m` always holds and a window
    /// reaching before 1800 starts at 1800-01 instead of inverting a range.
    public func advanced(by n: Int) -> Month {
        let o = min(max(ordinal + n, 1800 * 12), 2199 * 12 + 11)
        return Month(year: o / 12, month: o % 12 + 1) ?? self
    }

    public static var textKind: String { "a month" }
}

extension String {
    init(format2 value: Int) { self = value < 10 ? "0" + String(value) : String(value) }
    init(format4 value: Int) {
        let s = String(value)
        self = String(repeating: "0", count: Swift.max(0, 4 - s.count)) + s
    }
}
