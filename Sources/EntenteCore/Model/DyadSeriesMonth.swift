/// One month of an undirected dyad series: how many days had a value, the positive and negative
/// mass, and the days of strong conflict (a value at or below ``DyadSeriesMonth/strongConflict``).
public struct DyadSeriesMonth: Sendable, Codable, Equatable {
    /// A day at or below this value counts as a day of strong conflict (about five Goldstein −10
    /// events with coverage in the dyad-series definition; see Guides/PartnershipIndex.md).
    public static let strongConflict = -50.0
    /// The pseudo-mass added to the denominator of a balance (positive − negative)/(positive +
    /// negative + k): a pair seen in one story does not get a balance of ±1; busy pairs barely move.
    public static let balancePseudoMass = 100.0

    public var month: Month
    public var days: Int
    public var positive: Double
    public var negative: Double
    public var strongConflictDays: Int

    public init(month: Month, days: Int, positive: Double, negative: Double, strongConflictDays: Int) {
        self.month = month
        self.days = days
        self.positive = positive
        self.negative = negative
        self.strongConflictDays = strongConflictDays
    }

    public var net: Double { positive - negative }

    /// The balance of a positive and a negative mass, (positive − negative) / (positive + negative
    /// + ``balancePseudoMass``), in −1…1: the one definition every component and analysis uses.
    public static func balance(positive p: Double, negative n: Double) -> Double {
        (p - n) / (p + n + balancePseudoMass)
    }

    /// The mean daily value of a pair over some months (days with a value): the naive baseline.
    public static func meanDaily(_ months: [DyadSeriesMonth]) -> Double {
        let days = months.reduce(0) { $0 + $1.days }
        return days > 0 ? months.reduce(0) { $0 + $1.net } / Double(days) : 0
    }
}
