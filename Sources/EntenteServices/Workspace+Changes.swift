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
    /// The shortest segment in covered points; `nil` for 30 days (daily) or 2 months (monthly).
    public var minSize: Int?

    public init(
        a: String, b: String, series: SeriesKind = .cooperation, daily: Bool = false, from: Month? = nil, to: Month? = nil,
        penalty: Double? = nil, transform: Transform? = nil, minSize: Int? = nil
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
        if let minSize { try RequestLimits.check(minSize, in: RequestLimits.minSize, "min size", unit: " points") }
        try RequestLimits.checkRange(from, to)
        if daily && series == .index { throw EntenteError(.invalidArgument, "daily works with cooperation, conflict or net.") }
    }
}

/// The `changes` answer; its JSON form is documented in the README and Guides/ChangePoints.md.
public struct ChangesAnswer: Encodable, Sendable {
    public struct Break: Encodable, Sendable {
        public var date: String
        public var index: Int
        public var before: Double
        public var after: Double
        /// HAC t statistic of the change in the (transformed) mean.
        public var t: Double
        /// `gap` (next to missing data) or `end` (near either end of the series): not a finding.
        public var flag: String?
        public var nearest: String?
        public var nearestDate: String?
        public var source: String?
    }

    /// A temporary excursion that came back to the level before it.
    public struct Episode: Encodable, Sendable {
        public var from: String
        public var to: String
        public var t: Double
    }

    public var a: String, b: String, series: String, resolution: String, transform: String, from: String, to: String
    /// Covered points searched (missing points are left out, never read as zero).
    public var points: Int
    public var missingPoints: Int
    public var penalty: Double
    public var autocorrelationFactor: Double
    public var effectiveSampleSize: Double
    public var minSize: Int
    public var breaks: [Break]
    public var episodes: [Episode]
    /// Unflagged breaks: the findings.
    public var findings: Int
    /// Where the values came from: `dyad-series`.
    public var source: String
}

extension Workspace {
    /// Change points of a pair's series by PELT (L2 cost) on the covered points only, with a
    /// penalty robust to serial correlation; breaks next to a gap or an end are flagged, brief
    /// excursions that come back are episodes. Each break gets the nearest curated event within
    /// 45 days, or else (daily) the most salient day within 15 days.
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
        let coverage = try SeriesCoverage.load(db)
        let start = request.from ?? firstMonth, end = request.to ?? lastMonth
        let series = request.series
        var labels: [String] = [], values: [Double] = [], days: [Day] = [], covered: [Bool] = []
        if request.daily {
            guard series != .index else { throw EntenteError(.invalidArgument, "--daily works with cooperation, conflict or net.") }
            let grid = coverage.daily(try db.seriesDays(a, b, from: start.firstDay, to: end.lastDay), from: start, to: end)
            days = grid.days
            labels = days.map(\.description)
            covered = grid.covered
            values = grid.values.map { series == .cooperation ? max($0, 0) : series == .conflict ? max(-$0, 0) : $0 }
        } else {
            let value: (DyadSeriesMonth) -> Double =
                switch series {
                case .cooperation: { $0.positive }
                case .conflict: { $0.negative }
                default: { $0.net }
                }
            let grid = coverage.monthly(months, from: start, to: end, value)
            labels = grid.months.map(\.description)
            days = grid.months.map(\.firstDay)
            covered = grid.covered
            values = grid.values
            if series == .index {
                values = try grid.months.map { try loader.assess(at: $0, window: 12).index ?? 0 }
                covered = values.map { _ in true }
            }
        }
        let chosen = request.transform ?? (series == .cooperation || series == .conflict ? .log : .none)
        let detected = chosen == .log ? values.map { log1p(max($0, 0)) } : values
        var rules: ChangePoints.Rules = request.daily ? .daily : .monthly
        if let minSize = request.minSize { rules.minSize = minSize }
        let detection = ChangePoints.detect(detected, covered: covered, penalty: request.penalty, rules: rules)
        let coveredIndices = values.indices.filter { covered[$0] }
        let bounds = [0] + detection.breaks.map(\.coveredIndex) + [coveredIndices.count]
        func mean(_ r: Range<Int>) -> Double { r.isEmpty ? 0 : r.reduce(0) { $0 + values[coveredIndices[$1]] } / Double(r.count) }
        let events = loader.kb.events(between: a, and: b)
        var out: [ChangesAnswer.Break] = []
        for (i, found) in detection.breaks.enumerated() {
            let (k, c) = (found.index, found.coveredIndex)
            let day = days[k]
            var item = ChangesAnswer.Break(
                date: labels[k], index: k, before: mean(bounds[i]..<c), after: mean(c..<bounds[i + 2]), t: found.t,
                flag: found.flag?.rawValue)
            let near = events.min { abs($0.date.earliest.days(since: day)) < abs($1.date.earliest.days(since: day)) }
            if let near, abs(near.date.earliest.days(since: day)) <= 45 {
                item.nearest = near.title
                item.nearestDate = near.date.description
                item.source = near.sources.first?.url
            } else if request.daily {
                let window = max(0, k - 15)..<min(values.count, k + 16)
                if let peak = window.filter({ covered[$0] }).max(by: { abs(values[$0]) < abs(values[$1]) }) {
                    item.nearest = "most salient day nearby (value \(String(format: "%.1f", values[peak])))"
                    item.nearestDate = labels[peak]
                }
            }
            out.append(item)
        }
        let episodes = detection.episodes.map {
            ChangesAnswer.Episode(from: labels[$0.start], to: labels[max($0.end - 1, $0.start)], t: $0.t)
        }
        return ChangesAnswer(
            a: a, b: b, series: series.rawValue, resolution: request.daily ? "daily" : "monthly", transform: chosen.rawValue,
            from: start.description, to: end.description, points: detection.coveredPoints, missingPoints: detection.missingPoints,
            penalty: detection.penalty, autocorrelationFactor: detection.autocorrelationFactor,
            effectiveSampleSize: detection.effectiveSampleSize, minSize: rules.minSize, breaks: out, episodes: episodes,
            findings: out.filter { $0.flag == nil }.count, source: "dyad-series")
    }
}
