public import EntenteCore
import EntenteStore
import Foundation

/// Which series of a pair an analysis reads.
public enum SeriesKind: String, Sendable, CaseIterable {
    case cooperation, conflict, net, index
}

/// A change-point search: the pair, the series and its resolution, the range (default: the
/// series' own), the PELT penalty (default: BIC-like) and the transform (default: log for masses).
public struct ChangesRequest: Sendable {
    public enum Transform: String, Sendable, CaseIterable { case log, none }

    public var a: String
    public var b: String
    public var series: SeriesKind
    public var daily: Bool
    public var from: Month?
    public var to: Month?
    public var penalty: Double?
    public var transform: Transform?
    public var minSize: Int

    public init(
        a: String, b: String, series: SeriesKind = .cooperation, daily: Bool = false, from: Month? = nil, to: Month? = nil,
        penalty: Double? = nil, transform: Transform? = nil, minSize: Int = 2
    ) {
        self.a = a
        self.b = b
        self.series = series
        self.daily = daily
        self.from = from
        self.to = to
        self.penalty = penalty
        self.transform = transform
        self.minSize = minSize
    }

    /// Checks the request's values: the penalty a finite number ≥ 0 (0 lets every admissible
    /// point be a change), the shortest segment within ``RequestLimits/minSize``, `from` not after
    /// `to`, and `daily` only with a mass series.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the field.
    public func validate() throws {
        if let penalty, !(penalty.isFinite && penalty >= 0) {
            throw EntenteError(.invalidArgument, "penalty must be a finite number ≥ 0, not \(penalty)")
        }
        try RequestLimits.check(minSize, in: RequestLimits.minSize, "min size", unit: " points")
        try RequestLimits.checkRange(from, to)
        if daily && series == .index { throw EntenteError(.invalidArgument, "daily works with cooperation, conflict or net.") }
    }
}

/// The `changes` answer; its JSON form is documented in the README.
public struct ChangesAnswer: Encodable, Sendable {
    public struct Break: Encodable, Sendable {
        public var date: String
        public var index: Int
        public var before: Double
        public var after: Double
        public var nearest: String?
        public var nearestDate: String?
        public var source: String?
    }

    public var a: String, b: String, series: String, resolution: String, transform: String, from: String, to: String
    public var points: Int
    public var penalty: Double
    public var breaks: [Break]
}

extension Workspace {
    /// Change points of a pair's series by PELT (L2 cost), each with the nearest curated event
    /// within 45 days, or else (daily) the most salient day within 15 days.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` without a series for the pair.
    public func changes(_ request: ChangesRequest) throws -> ChangesAnswer {
        try request.validate()
        let (a, b) = (request.a, request.b)
        let loader = try EvidenceLoader(self, a, b)
        let db = try seriesStore()
        let months = try db.seriesMonths(a, b)
        guard let firstMonth = months.first?.month, let lastMonth = months.last?.month else {
            throw EntenteError(.invalidArgument, "no series data for \(a)–\(b)")
        }
        let start = request.from ?? firstMonth, end = request.to ?? lastMonth
        let series = request.series
        var labels: [String] = [], values: [Double] = [], days: [Day] = []
        if request.daily {
            guard series != .index else { throw EntenteError(.invalidArgument, "--daily works with cooperation, conflict or net.") }
            var byDay: [Day: Double] = [:]
            for r in try db.seriesDays(a, b, from: start.firstDay, to: end.lastDay) { byDay[r.day] = r.value }
            for m in stride(from: start, through: end, by: 1) {
                for d in 1...Day.daysIn(month: m.month, year: m.year) {
                    guard let day = Day(year: m.year, month: m.month, day: d) else { continue }
                    let v = byDay[day] ?? 0
                    days.append(day)
                    labels.append(day.description)
                    values.append(series == .cooperation ? max(v, 0) : series == .conflict ? max(-v, 0) : v)
                }
            }
        } else {
            let byMonth = Dictionary(uniqueKeysWithValues: months.map { ($0.month, $0) })
            for m in stride(from: start, through: end, by: 1) {
                labels.append(m.description)
                days.append(m.firstDay)
                switch series {
                case .cooperation: values.append(byMonth[m]?.positive ?? 0)
                case .conflict: values.append(byMonth[m]?.negative ?? 0)
                case .net: values.append(byMonth[m]?.net ?? 0)
                case .index: values.append(try loader.assess(at: m, window: 12).index ?? 0)
                }
            }
        }
        let chosen = request.transform ?? (series == .cooperation || series == .conflict ? .log : .none)
        let detected = chosen == .log ? values.map { log1p(max($0, 0)) } : values
        let beta = request.penalty ?? ChangePoints.defaultPenalty(detected)
        let breaks = ChangePoints.pelt(detected, penalty: beta, minSize: max(1, request.minSize))
        let bounds = [0] + breaks + [values.count]
        func mean(_ r: Range<Int>) -> Double { r.isEmpty ? 0 : values[r].reduce(0, +) / Double(r.count) }
        let events = loader.kb.events(between: a, and: b)
        var out: [ChangesAnswer.Break] = []
        for (i, k) in breaks.enumerated() {
            let day = days[k]
            var item = ChangesAnswer.Break(date: labels[k], index: k, before: mean(bounds[i]..<k), after: mean(k..<bounds[i + 2]))
            let near = events.min { abs($0.date.earliest.days(since: day)) < abs($1.date.earliest.days(since: day)) }
            if let near, abs(near.date.earliest.days(since: day)) <= 45 {
                item.nearest = near.title
                item.nearestDate = near.date.description
                item.source = near.sources.first?.url
            } else if request.daily {
                let window = max(0, k - 15)..<min(values.count, k + 16)
                if let peak = window.max(by: { abs(values[$0]) < abs(values[$1]) }) {
                    item.nearest = "most salient day nearby (value \(String(format: "%.1f", values[peak])))"
                    item.nearestDate = labels[peak]
                }
            }
            out.append(item)
        }
        return ChangesAnswer(
            a: a, b: b, series: series.rawValue, resolution: request.daily ? "daily" : "monthly", transform: chosen.rawValue,
            from: start.description, to: end.description, points: values.count, penalty: beta, breaks: out)
    }
}
