public import EntenteCore
import EntenteStore
import Foundation

/// What a brief covers: the pair, the month range (default: the 24 months to the last with
/// data) and the assessment window.
public struct BriefRequest: Sendable {
    public var a: Country
    public var b: Country
    public var from: Month?
    public var to: Month?
    public var window: Int

    public init(a: Country, b: Country, from: Month? = nil, to: Month? = nil, window: Int = 12) {
        self.a = a
        self.b = b
        self.from = from
        self.to = to
        self.window = window
    }

    /// Checks the request's values against ``RequestLimits``.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the field and the range.
    public func validate() throws {
        try RequestLimits.check(window, in: RequestLimits.window, "window", unit: " months")
        try RequestLimits.checkRange(from, to)
    }
}

extension Workspace {
    /// The analyst brief: assembles the evidence (knowledge base, cube, dyad series, drivers and
    /// change points) and builds the cited brief. Rendering to HTML or Markdown is the brief's own.
    ///
    /// - Throws: ``EntenteError`` when the store or cube cannot be read, or `from` is after `to`.
    public func brief(_ request: BriefRequest) throws -> Brief {
        Brief.build(try briefInputs(request))
    }

    /// What a brief is built from (the evidence the dashboard shows beside the brief's text).
    ///
    /// - Throws: ``EntenteError`` when the store or cube cannot be read, or `from` is after `to`.
    public func briefInputs(_ request: BriefRequest) throws -> BriefInputs {
        try request.validate()
        let (a, b) = (request.a.code, request.b.code)
        let loader = try EvidenceLoader(self, a, b)
        let (start, end) = try loader.range(from: request.from, to: request.to)
        let monthly = try loader.monthly(from: start, to: end, window: request.window)
        let evidence = try loader.evidence(at: end, window: request.window)
        let kb = loader.kb
        var directed: [(month: Month, source: String, goldsteinSum: Double)] = []
        var notes = [
            "Knowledge base: \(kb.treaties.count) treaties, \(kb.groups.count) groups and \(kb.events.count) curated events, "
                + "each with public sources (\(kb.folders.count) folder(s))."
        ]
        if let cells = evidence.cubeCells {
            var sums: [Month: [String: Double]] = [:]
            for cell in cells where (start...end).contains(cell.key.month) {
                sums[cell.key.month, default: [:]][cell.key.source, default: 0] +=
                    Double(cell.values[DyadCube.Column.goldsteinX10.rawValue]) / 10
            }
            directed = sums.flatMap { month, bySource in bySource.map { (month, $0.key, $0.value) } }
                .sorted { ($0.month, $0.source) < ($1.month, $1.source) }
            let events = cells.filter { (start...end).contains($0.key.month) }.reduce(Int64(0)) { $0 + $1.values[0] }
            notes.append(
                "Event data (dyad cube): \(events) events between them in \(start)–\(end), from GDELT/ICEWS files ingested by the user.")
        } else {
            notes.append("Event data: none ingested; `entente ingest PATH` adds GDELT or ICEWS events and the cooperation/conflict chart.")
        }
        if let series = evidence.seriesMonths, let first = series.first, let last = series.last {
            let inRange = series.filter { (start...end).contains($0.month) }
            notes.append(
                "Dyad series: \(inRange.reduce(0) { $0 + $1.days }) days with values in \(start)–\(end) (\(first.month)–\(last.month) ingested)."
            )
        } else {
            notes.append("Dyad series: none ingested; durability, alignment and hostility then have no data.")
        }
        guard let assessment = monthly.last else { throw EntenteError(.invalidArgument, "no month in \(start)–\(end)") }
        var inputs = BriefInputs(
            a: request.a, b: request.b, from: start, to: end, knowledgeBase: kb, assessment: assessment, monthly: monthly,
            directed: directed, balances: evidence.balances, dataNotes: notes)
        if let db = try existingStore(), try db.hasSeries(), let (drivers, changes) = try Self.relational(db, Dyad(a, b), start, end) {
            inputs.drivers = drivers
            inputs.changeMonths = changes
        }
        return inputs
    }

    /// The drivers and scenarios sentences and the cooperation change points, from the dyad series.
    static func relational(_ db: EventStore, _ dyad: Dyad, _ start: Month, _ end: Month) throws -> (
        (sentences: [String], source: String), [Month]
    )? {
        let (a, b) = (dyad.a, dyad.b)
        guard let (spanStart, spanEnd) = try db.seriesSpan(), let from2018 = Month(year: 2018, month: 1) else { return nil }
        let lo = max(spanStart, from2018), hi = min(spanEnd, end)
        guard lo < hi else { return nil }
        let grid = MonthGrid(from: lo, to: hi, series: try db.seriesMonths(a, b), \.positive)
        let (months, y) = (grid.months, grid.values)
        let breaks = ChangePoints.pelt(y.map { log1p($0) }).map { months[$0] }.filter { $0 >= start && $0 <= end }
        guard let driver = DriverChoice.strongest(for: dyad, in: try db.seriesAllMonths(from: lo, to: hi)) else { return nil }
        let pair = driver.pair
        let x = MonthGrid(from: lo, to: hi, series: driver.months, \.negative).values
        guard let granger = Granger.best(y: y, x: x, maxLag: 6), let reverse = Granger.best(y: x, x: y, maxLag: 6),
            let dependence = Scenario.dependence(y: y, x: x, lag: granger.chosen.lag)
        else { return nil }
        let recent = x.suffix(12).reduce(0, +) / Double(min(12, x.count))
        let p = Scenario.Path.allCases.map { Scenario.project(dependence, path: $0, recentDriver: recent) }
        func n(_ v: Double) -> String { String(format: "%.0f", v) }
        let c = granger.chosen
        let precedes = c.p < 0.05 ? "significantly precedes" : "does not significantly precede"
        var sentences = [
            "The external driver with the most conflict involving \(a) or \(b) is \(pair.a)–\(pair.b); its monthly conflict \(precedes) "
                + "\(a)–\(b) cooperation (Granger F = \(String(format: "%.2f", c.f)), p = \(String(format: "%.3g", c.p)), "
                + "lag \(c.lag) month\(c.lag == 1 ? "" : "s")), while the reverse has p = \(String(format: "%.3g", reverse.chosen.p)).",
            "Estimated dependence: log(1 + cooperation) rises by \(String(format: "%.3f", dependence.beta)) "
                + "(± \(String(format: "%.3f", dependence.betaStandardError))) per unit of log(1 + driver conflict), "
                + "over \(dependence.observations) months to \(hi).",
            "Projected monthly cooperation if the driver stops: \(n(p[0].cooperation)) (95 %: \(n(p[0].low))–\(n(p[0].high))); "
                + "continues: \(n(p[1].cooperation)) (\(n(p[1].low))–\(n(p[1].high))); doubles: \(n(p[2].cooperation)) "
                + "(\(n(p[2].low))–\(n(p[2].high))). These are projections, not forecasts.",
        ]
        if !breaks.isEmpty {
            sentences.append(
                "Change points of \(a)–\(b) cooperation in the period: " + breaks.map(\.description).joined(separator: ", ") + ".")
        }
        let source =
            "Entente drivers and scenario analysis of \(a)–\(b) cooperation vs \(pair.a)–\(pair.b) conflict, dyad series \(lo)–\(hi); "
            + "Guides/Drivers.md, Guides/Scenarios.md, Guides/ChangePoints.md"
        return ((sentences, source), breaks)
    }
}
