public import EntenteCore
import EntenteStore
import Foundation

/// A scenario projection: the pair, the driver pair, the path (stops, continues, doubles), the
/// horizon in months and the longest lag considered.
public struct ScenarioRequest: Sendable {
    public var a: String
    public var b: String
    public var driver: Dyad
    public var path: Scenario.Path
    public var horizon: Int
    public var maxLag: Int

    public init(a: String, b: String, driver: Dyad, path: Scenario.Path = .stops, horizon: Int = 24, maxLag: Int = 6) {
        self.a = a
        self.b = b
        self.driver = driver
        self.path = path
        self.horizon = horizon
        self.maxLag = maxLag
    }

    /// Checks the request's values against ``RequestLimits``.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the field and the range.
    public func validate() throws {
        try RequestLimits.check(horizon, in: RequestLimits.horizon, "horizon", unit: " months")
        try RequestLimits.check(maxLag, in: RequestLimits.maxLag, "max lag", unit: " months")
    }
}

/// The `scenario` answer; its JSON form is documented in the README.
public struct ScenarioAnswer: Encodable, Sendable {
    public var a: String, b: String, driver: [String], scenario: String, horizon: Int
    public var dependence: Scenario.Dependence
    public var projections: [Scenario.Projection]
    public var lastMonth: String
    public var index: [String: Double?]
    public var note: String
}

extension Workspace {
    /// A–B cooperation and the index under a driver scenario, from the estimated dependence of
    /// log(1 + cooperation) on the lagged log(1 + driver conflict): a projection, not a forecast.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` without a series or with too few months.
    public func scenario(_ request: ScenarioRequest) throws -> ScenarioAnswer {
        try request.validate()
        let (a, b, horizon) = (request.a, request.b, request.horizon)
        let loader = try EvidenceLoader(self, a, b)
        let db = try seriesStore()
        let dyad = try db.seriesMonths(a, b)
        guard let start = dyad.first?.month, let end = dyad.last?.month else {
            throw EntenteError(.invalidArgument, "no series data for \(a)–\(b)")
        }
        let y = MonthGrid(from: start, to: end, series: dyad, \.positive).values
        let x = MonthGrid(from: start, to: end, series: try db.seriesMonths(request.driver.a, request.driver.b), \.negative).values
        let lag = Granger.best(y: y.map { log1p($0) }, x: x.map { log1p($0) }, maxLag: request.maxLag)?.chosen.lag ?? 1
        guard let dep = Scenario.dependence(y: y, x: x, lag: lag) else {
            throw EntenteError(.invalidArgument, "too few months to estimate the dependence")
        }
        let recent = x.suffix(12).reduce(0, +) / Double(min(12, x.count))
        let projections = Scenario.Path.allCases.map { Scenario.project(dep, path: $0, recentDriver: recent) }
        let chosen = projections.first { $0.path == request.path } ?? projections[0]
        // The index at the horizon: today's components, except those the series drives (durability,
        // hostility, diplomatic intensity), recomputed on 12 projected months whose cooperation is the
        // projection (conflict as in the last 12 months). Knowledge of later facts is not used.
        let last = Array(dyad.suffix(12))
        let nowAssessment = try loader.assess(at: end, window: 12)
        func index(_ level: Double) throws -> Double? {
            let future = (1...12).map { k -> DyadSeriesMonth in
                var m = last[(k - 1) % max(last.count, 1)]
                m.month = end.advanced(by: horizon - 12 + k)
                m.positive = level
                return m
            }
            var evidence = try loader.evidence(at: end, window: 12)
            // Each side's total cooperative activity moves with the pair's projected mass.
            let delta = future.reduce(0) { $0 + $1.positive } - last.reduce(0) { $0 + $1.positive }
            evidence.activity = evidence.activity?.mapValues { max($0 + delta, 1) }
            evidence.seriesMonths = future
            evidence.knowledgeBase = nil
            evidence.cubeCells = nil
            let projected = PartnershipIndex.assess(evidence, at: end.advanced(by: horizon), window: 12)
            let driven: Set<IndexComponent.Name> = [.durability, .hostility, .diplomatic]
            let components = nowAssessment.components.map { c in
                guard driven.contains(c.name), let p = projected.components.first(where: { $0.name == c.name }), p.value != nil else {
                    return c
                }
                guard c.name == .diplomatic else { return p }
                return IndexComponent(
                    name: c.name, value: max(p.value ?? 0, Self.curatedDiplomatic(nowAssessment)), coverage: p.coverage, evidence: [],
                    previous: c.value)
            }
            return PartnershipIndex.classified(components: components, a: a, b: b, at: end.advanced(by: horizon), window: 12).index
        }
        let indexes: [String: Double?] = [
            "now": nowAssessment.index, "projected": try index(chosen.cooperation), "low": try index(chosen.low),
            "high": try index(chosen.high),
        ]
        return ScenarioAnswer(
            a: a, b: b, driver: request.driver.states, scenario: request.path.rawValue, horizon: horizon, dependence: dep,
            projections: projections, lastMonth: end.description, index: indexes,
            note: "Projection, not forecast: it assumes the estimated dependence holds and everything else stays as in the last 12 months.")
    }

    /// The part of today's diplomatic component that rests on curated summits (kept in a projection).
    static func curatedDiplomatic(_ a: Assessment) -> Double {
        let c = a.component(.diplomatic)
        return c.coverage.contains("knowledge base") ? Double(c.evidence.filter { $0.origin == "kb" }.count) / 2 : 0
    }
}
