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
    /// Index components recomputed from the projected series, and those held at today's value.
    public var componentsMoved: [String]
    public var componentsHeldFixed: [String]
    /// The driver's pre-escalation level ("stops"): its mean monthly conflict before its largest rise.
    public var preEscalation: PreEscalation?
    public var warnings: [String]
    public var note: String
    /// Where the values came from: `dyad-series`.
    public var source: String

    public struct PreEscalation: Encodable, Sendable {
        public var level: Double
        public var from: String
        public var to: String
        /// The month the driver's largest rise starts.
        public var escalation: String
    }
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
        let coverage = try SeriesCoverage.load(db)
        let ys = coverage.monthly(dyad, from: start, to: end, \.positive)
        let xs = coverage.monthly(try db.seriesMonths(request.driver.a, request.driver.b), from: start, to: end, \.negative)
        let (y, x, covered) = (ys.values, xs.values, ys.covered)
        let lag =
            Granger.best(y: y.map { log1p($0) }, x: x.map { log1p($0) }, maxLag: request.maxLag, covered: covered)?.chosen.lag ?? 1
        guard let dep = Scenario.robustDependence(y: y, x: x, lag: lag, covered: covered) else {
            throw EntenteError(.invalidArgument, "too few months to estimate the dependence")
        }
        let coveredIdx = x.indices.filter { covered[$0] }
        let recentIdx = coveredIdx.suffix(12)
        let recent = recentIdx.reduce(0) { $0 + x[$1] } / Double(max(recentIdx.count, 1))
        // Pre-escalation: the segment before the driver's largest rise (PELT on log conflict, covered months).
        let detection = ChangePoints.detect(x.map { log1p($0) }, covered: covered, rules: .monthly)
        let bounds = [0] + detection.breaks.map(\.coveredIndex) + [coveredIdx.count]
        var pre: ScenarioAnswer.PreEscalation?
        if let (i, rise) = detection.breaks.enumerated().filter({ $0.element.t > 0 }).max(by: { $0.element.t < $1.element.t }) {
            let segment = Array(coveredIdx[bounds[i]..<rise.coveredIndex].suffix(12))
            if let first = segment.first, let last = segment.last {
                pre = .init(
                    level: segment.reduce(0) { $0 + x[$1] } / Double(segment.count), from: ys.months[first].description,
                    to: ys.months[last].description, escalation: ys.months[rise.index].description)
            }
        }
        let observedMin = coveredIdx.map { x[$0] }.min() ?? 0
        let stopLevel = pre?.level ?? observedMin
        let stopBasis =
            pre.map {
                String(
                    format: "pre-escalation mean %.0f a month (%@ to %@, before the rise in %@)", $0.level, $0.from, $0.to, $0.escalation)
            }
            ?? String(format: "no escalation found: the lowest observed month, %.0f", observedMin)
        let projections = [
            Scenario.project(dep, path: .stops, level: stopLevel, basis: stopBasis),
            Scenario.project(
                dep, path: .continues, level: recent, basis: String(format: "mean of the last %d covered months", recentIdx.count)),
            Scenario.project(dep, path: .doubles, level: 2 * recent, basis: "twice the last covered months' mean"),
        ]
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
            let driven = Self.scenarioDriven
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
        let moved = nowAssessment.components.map(\.name).filter { Self.scenarioDriven.contains($0) }
        let held = nowAssessment.components.map(\.name).filter { !Self.scenarioDriven.contains($0) }
        return ScenarioAnswer(
            a: a, b: b, driver: request.driver.states, scenario: request.path.rawValue, horizon: horizon, dependence: dep,
            projections: projections, lastMonth: end.description, index: indexes, componentsMoved: moved.map(\.rawValue),
            componentsHeldFixed: held.map(\.rawValue), preEscalation: pre, warnings: projections.compactMap(\.warning),
            note: "Projection, not forecast: it assumes the estimated dependence holds (β with a Newey–West standard error) and that "
                + "the components the series does not drive stay as they are now.",
            source: "dyad-series")
    }

    /// The index components a scenario recomputes from the projected series (the series drives
    /// them); the others (commitment, military-technical, breadth, alignment) are held fixed.
    static let scenarioDriven: Set<IndexComponent.Name> = [.durability, .hostility, .diplomatic]

    /// The part of today's diplomatic component that rests on curated summits (kept in a projection).
    static func curatedDiplomatic(_ a: Assessment) -> Double {
        let c = a.component(.diplomatic)
        return c.coverage.contains("knowledge base") ? Double(c.evidence.filter { $0.origin == "kb" }.count) / 2 : 0
    }
}
