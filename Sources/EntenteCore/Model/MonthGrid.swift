/// Values on every month of a closed range, the months without a value filled with a default:
/// the one way Entente lays a sparse monthly series onto a calendar.
///
/// ```swift
/// let grid = MonthGrid(from: Month("2023-01")!, to: Month("2023-03")!, values: [Month("2023-02")!: 5])
/// grid.values   // [0, 5, 0]
/// ```
public struct MonthGrid: Sendable, Equatable {
    /// Every month from the first to the last, in order.
    public let months: [Month]
    /// The value of each month (``missing`` where none was given).
    public let values: [Double]

    /// - Parameters:
    ///   - values: the known values by month; months outside the range are ignored.
    ///   - missing: the value of a month without one (0 for a sum of events).
    /// - Complexity: O(months in the range).
    public init(from start: Month, to end: Month, values: [Month: Double], missing: Double = 0) {
        let months = start <= end ? Array(stride(from: start, through: end, by: 1)) : []
        self.months = months
        self.values = months.map { values[$0] ?? missing }
    }

    /// A grid of one quantity of a dyad series' months.
    public init(from start: Month, to end: Month, series: [DyadSeriesMonth], missing: Double = 0, _ value: (DyadSeriesMonth) -> Double) {
        self.init(
            from: start, to: end, values: Dictionary(series.map { ($0.month, value($0)) }, uniquingKeysWith: { x, _ in x }),
            missing: missing)
    }

    public var count: Int { values.count }
}
