import Foundation

/// A pair's totals over a window, from the dyad series: the unit the relational analyses use.
public struct PairTotals: Sendable, Codable, Equatable {
    public var positive: Double
    public var negative: Double
    public var days: Int
    public var strongConflictMonths: Int

    public init(positive: Double, negative: Double, days: Int, strongConflictMonths: Int) {
        self.positive = positive
        self.negative = negative
        self.days = days
        self.strongConflictMonths = strongConflictMonths
    }

    /// Share of the pair's coverage that is conflictual, shrunk toward 0 for thin coverage:
    /// negative / (positive + negative + k).
    public var conflictShare: Double { negative / (positive + negative + DyadSeriesMonth.balancePseudoMass) }
    public var cooperationShare: Double { positive / (positive + negative + DyadSeriesMonth.balancePseudoMass) }
    /// (positive − negative) / (positive + negative + k), in −1…1.
    public var balance: Double { DyadSeriesMonth.balance(positive: positive, negative: negative) }
    /// The mean daily value (days with data).
    public var meanDaily: Double { days > 0 ? (positive - negative) / Double(days) : 0 }

    public static func sum(_ months: [DyadSeriesMonth]) -> PairTotals {
        PairTotals(
            positive: months.reduce(0) { $0 + $1.positive }, negative: months.reduce(0) { $0 + $1.negative },
            days: months.reduce(0) { $0 + $1.days }, strongConflictMonths: months.filter { $0.strongConflictDays > 0 }.count)
    }
}
