public import EntenteCore
import EntenteStore
import Foundation

/// The coverage of the stored dyad series, and pair series laid on a calendar with it: the one
/// place the relational analyses learn which days and months have data (missing is never zero).
struct SeriesCoverage: Sendable {
    /// A month with less than this share of its usual observed days is missing; fuller months
    /// are scaled up to a full month.
    static let monthThreshold = 0.75

    let observed: Set<Day>
    /// Observed days per month.
    let perMonth: [Month: Int]
    /// The usual share of a month's days observed (median over the stored months).
    let typical: Double

    init(observed days: [Day]) {
        observed = Set(days)
        var counts: [Month: Int] = [:]
        for d in days { counts[d.period, default: 0] += 1 }
        perMonth = counts
        let shares = counts.map { Double($0.value) / Double(Day.daysIn(month: $0.key.month, year: $0.key.year)) }
        typical = shares.isEmpty ? 1 : max(Statistics.median(shares), 1e-9)
    }

    static func load(_ db: EventStore) throws -> SeriesCoverage { SeriesCoverage(observed: try db.seriesObservedDays()) }

    /// The month's observed share relative to the usual (1: as covered as usual; 0: no data).
    func ratio(_ m: Month) -> Double {
        Double(perMonth[m] ?? 0) / Double(Day.daysIn(month: m.month, year: m.year)) / typical
    }

    func isCovered(_ m: Month) -> Bool { ratio(m) >= Self.monthThreshold }

    /// A pair's monthly quantity over a range: the value scaled to a full month where the month is
    /// partly covered, and the coverage mask.
    func monthly(_ series: [DyadSeriesMonth], from: Month, to: Month, _ value: (DyadSeriesMonth) -> Double) -> (
        months: [Month], values: [Double], covered: [Bool]
    ) {
        let grid = MonthGrid(from: from, to: to, series: series, value)
        let covered = grid.months.map(isCovered)
        let values = zip(grid.months, grid.values).map { m, v in v / min(1, max(ratio(m), 1e-9)) }
        return (grid.months, values, covered)
    }

    /// A pair's daily values over a range of days (0 on a covered day without a value), and the mask.
    func daily(_ rows: [(day: Day, value: Double)], from: Month, to: Month) -> (days: [Day], values: [Double], covered: [Bool]) {
        var byDay: [Day: Double] = [:]
        for r in rows { byDay[r.day] = r.value }
        var days: [Day] = []
        for m in stride(from: from, through: to, by: 1) {
            for d in 1...Day.daysIn(month: m.month, year: m.year) {
                if let day = Day(year: m.year, month: m.month, day: d) { days.append(day) }
            }
        }
        return (days, days.map { byDay[$0] ?? 0 }, days.map { observed.contains($0) })
    }
}
