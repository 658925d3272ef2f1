public import ArgumentParser
public import EntenteCore
import EntenteStore
import Foundation

/// Pair totals over a window from the store's dyad series.
func pairTotals(_ db: EventStore, from: Month, to: Month) throws -> [[String]: PairTotals] {
    var out: [[String]: PairTotals] = [:]
    for (key, months) in try db.seriesAllMonths(from: from, to: to) {
        out[key.split(separator: "|").map(String.init).sorted()] = PairTotals.sum(months)
    }
    return out
}

func requireSeries(_ db: EventStore) throws {
    guard try db.hasSeries() else { throw EntenteError(.invalidArgument, "no dyad series in the store: ingest one first (entente ingest --format dyad-series FILE)") }
}

struct AdversariesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adversaries",
        abstract: "Third states both A and B treat as adversaries (and friends), profile similarity, and signed triads.",
        discussion: """
            From the ingested dyad series over --from…--to. A third state C ranks by min(conflict share of A–C, of B–C): \
            both must be hostile. Conflict share = negative / (positive + negative + 100). Similarity of the two \
            hostility (and cooperation) profiles: cosine over every third state both have data for. Triads A–B–C: \
            balanced when the product of the three balance signs is positive. Method: Guides/CommonAdversaries.md.

            Example:
              entente adversaries RUS PRK --from 2022-01 --to 2024-02
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month.", valueName: "YYYY-MM")) var to: String?
    @Option(help: "How many adversaries and friends to list.") var top = 10
    @Option(help: "Output format.") var format: StatusCommand.StatusFormat = .table
    @OptionGroup var store: StoreOptions

    struct Answer: Encodable {
        var a: String, b: String, from: String, to: String
        var measure: String
        var result: CommonAdversaries.Result
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let db = try store.open()
            try requireSeries(db)
            let months = try db.seriesMonths(first.code, second.code)
            let start = fromMonth ?? months.first?.month ?? Month("2018-01")!, end = toMonth ?? months.last?.month ?? start
            let result = CommonAdversaries.analyse(a: first.code, b: second.code, totals: try pairTotals(db, from: start, to: end), top: top)
            let answer = Answer(a: first.code, b: second.code, from: start.description, to: end.description, measure: "conflict share = negative / (positive + negative + 100); similarity = cosine", result: result)
            switch format {
            case .json: print(try Output.json(answer))
            case .table:
                func f(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "-" }
                print("\(first.name) (\(first.code)) and \(second.name) (\(second.code)), \(start)–\(end): \(result.thirdStates) third states with data for both")
                print("Shared adversaries (ranked by the smaller conflict share: both must be hostile):")
                print(Output.table(["state", "score", "\(first.code) conflict share", "\(second.code) conflict share", "\(first.code) mean/day", "\(second.code) mean/day"],
                    result.adversaries.map { [$0.state, f($0.score), f($0.a.conflictShare), f($0.b.conflictShare), Output.number($0.a.meanDaily, digits: 1), Output.number($0.b.meanDaily, digits: 1)] }, rightAligned: [1, 2, 3, 4, 5]))
                print("Shared friends: " + result.friends.prefix(5).map { "\($0.state) (\(f($0.score)))" }.joined(separator: ", "))
                print("Profile similarity (cosine): hostility \(f(result.hostilitySimilarity)), cooperation \(f(result.cooperationSimilarity))")
                let balanced = result.triads.filter(\.balanced).count
                print("Triads \(first.code)–\(second.code)–C: \(balanced) of \(result.triads.count) balanced (\(f(result.balancedShare))); top adversaries: " +
                    result.adversaries.prefix(5).compactMap { adv in result.triads.first { $0.third == adv.state }.map { "\($0.third) \($0.signs.map { $0 > 0 ? "+" : "−" }.joined()) \($0.balanced ? "balanced" : "unbalanced")" } }.joined(separator: "; "))
            }
        }
    }
}

struct CounterbalancingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counterbalancing",
        abstract: "Do third parties draw closer when A and B do? Cooperation before vs after a change, with a permutation test.",
        discussion: """
            The month of change is --around, or the A–B monthly-cooperation change point with the largest rise. Third-party \
            pairs: every pair among --third (default: the three states both A and B treat most harshly). For each pair: mean \
            monthly log(1 + cooperation) in the --window months before vs after, the difference, and a two-sided \
            permutation p-value (10,000 relabellings, fixed seed). Method: Guides/Counterbalancing.md.

            Example:
              entente counterbalancing RUS PRK --around 2023-09 --third USA,JPN,KOR
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("The month of change (default: A–B's biggest rise).", valueName: "YYYY-MM")) var around: String?
    @Option(help: ArgumentHelp("Third states, comma-separated.", valueName: "USA,JPN,KOR")) var third: String?
    @Option(help: "Months before and after.") var window = 12
    @Option(help: "Output format.") var format: StatusCommand.StatusFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    struct Row: Encodable {
        var pair: [String]
        var result: Counterbalancing.Result
        var events: [String]
    }

    struct Answer: Encodable {
        var a: String, b: String, around: String, window: Int, monthsBefore: Int, monthsAfter: Int, aroundChosenBy: String
        var pairs: [Row]
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let aroundMonth = try parseMonth(around, option: "--around")
        try reportingErrors {
            let kb = try knowledge.load()
            let db = try store.open()
            try requireSeries(db)
            let dyad = try db.seriesMonths(first.code, second.code)
            guard let firstMonth = dyad.first?.month, let lastMonth = dyad.last?.month else { throw EntenteError(.invalidArgument, "no series data for \(first.code)–\(second.code)") }
            var chosenBy = "--around"
            var pivot = aroundMonth
            if pivot == nil {
                let months = Array(stride(from: firstMonth, through: lastMonth, by: 1))
                let map = Dictionary(uniqueKeysWithValues: dyad.map { ($0.month, $0.positive) })
                let values = months.map { log1p(map[$0] ?? 0) }
                let breaks = ChangePoints.pelt(values)
                let bounds = [0] + breaks + [values.count]
                func mean(_ r: Range<Int>) -> Double { values[r].reduce(0, +) / Double(max(r.count, 1)) }
                let rises = breaks.enumerated().map { (i, k) in (k, mean(k..<bounds[i + 2]) - mean(bounds[i]..<k)) }
                guard let best = rises.max(by: { $0.1 < $1.1 }), best.1 > 0 else { throw EntenteError(.invalidArgument, "no rise in \(first.code)–\(second.code) cooperation to anchor on: give --around YYYY-MM") }
                pivot = months[best.0]
                chosenBy = "the A–B cooperation change point with the largest rise (PELT)"
            }
            let at = pivot!
            var states: [String]
            if let third {
                states = try third.split(separator: ",").map { try resolveCountry(String($0)).code }
            } else {
                let totals = try pairTotals(db, from: at.advanced(by: -window), to: at.advanced(by: window - 1))
                states = CommonAdversaries.analyse(a: first.code, b: second.code, totals: totals, top: 3).adversaries.map(\.state)
            }
            // Only months the series covers: a month past its end is missing, not zero.
            guard let (spanStart, spanEnd) = try db.seriesSpan() else { throw EntenteError(.invalidArgument, "no series span") }
            let beforeMonths = (1...window).map { at.advanced(by: -$0) }.filter { $0 >= spanStart }
            let afterMonths = (0..<window).map { at.advanced(by: $0) }.filter { $0 <= spanEnd }
            guard beforeMonths.count >= 3, afterMonths.count >= 3 else {
                throw EntenteError(.invalidArgument, "fewer than 3 months of series data on one side of \(at) (series covers \(spanStart)–\(spanEnd))")
            }
            var rows: [Row] = []
            for i in 0..<states.count {
                for j in (i + 1)..<states.count {
                    let (x, y) = (states[i], states[j])
                    let map = Dictionary(uniqueKeysWithValues: try db.seriesMonths(x, y).map { ($0.month, $0.positive) })
                    let before = beforeMonths.map { log1p(map[$0] ?? 0) }
                    let after = afterMonths.map { log1p(map[$0] ?? 0) }
                    guard let result = Counterbalancing.compare(before: before, after: after) else { continue }
                    let events = kb.events(between: x, and: y, from: at.firstDay, to: at.advanced(by: window - 1).lastDay).map { "\($0.date): \($0.title)" }
                    rows.append(Row(pair: [x, y], result: result, events: events))
                }
            }
            let answer = Answer(a: first.code, b: second.code, around: at.description, window: window, monthsBefore: beforeMonths.count, monthsAfter: afterMonths.count, aroundChosenBy: chosenBy, pairs: rows)
            switch format {
            case .json: print(try Output.json(answer))
            case .table:
                print("Third-party cooperation, \(beforeMonths.count) months before vs \(afterMonths.count) from \(at) (\(chosenBy)); mean log(1 + monthly cooperation)")
                print(Output.table(["pair", "before", "after", "difference", "p (permutation)"], rows.map { r in
                    [r.pair.joined(separator: "–"), Output.number(r.result.before), Output.number(r.result.after), String(format: "%+.2f", r.result.difference), String(format: "%.4f", r.result.p)]
                }, rightAligned: [1, 2, 3, 4]))
                for r in rows where !r.events.isEmpty {
                    print("  \(r.pair.joined(separator: "–")): " + r.events.prefix(3).map { Output.printable($0) }.joined(separator: "; "))
                }
            }
        }
    }
}

struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "A–B cooperation and the index under a driver scenario (stops, continues, doubles): a projection, not a forecast.",
        discussion: """
            Estimates log(1 + A–B cooperation) = α + β log(1 + driver conflict, lagged L) on the monthly series (L: the \
            Granger lag chosen by BIC), then applies the scenario's driver level over --horizon months: stops (0), \
            continues (the last 12 months' mean), doubles (twice that). The index is recomputed with the projected \
            cooperation, other components held at their last values; the band is 95 % (slope and residual \
            uncertainty). Method: Guides/Scenarios.md.

            Example:
              entente scenario RUS PRK --driver RUS UKR --if stops --horizon 24
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(parsing: .upToNextOption, help: ArgumentHelp("The driver pair.", valueName: "C D")) var driver: [String]
    @Option(name: .customLong("if"), help: "The scenario.") var path: Scenario.Path = .stops
    @Option(help: "Months projected.") var horizon = 24
    @Option(help: "Longest lag considered.") var maxLag = 6
    @Option(help: "Output format.") var format: StatusCommand.StatusFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    struct Answer: Encodable {
        var a: String, b: String, driver: [String], scenario: String, horizon: Int
        var dependence: Scenario.Dependence
        var projections: [Scenario.Projection]
        var lastMonth: String
        var index: [String: Double?]
        var note: String
    }

    func validate() throws {
        guard driver.count == 2 else { throw ValidationError("--driver takes two states, e.g. --driver RUS UKR.") }
        guard (1...120).contains(horizon) else { throw ValidationError("--horizon must be between 1 and 120 months.") }
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let c = try resolveCountry(driver[0]), d = try resolveCountry(driver[1])
        try reportingErrors {
            let loader = try EvidenceLoader(knowledge: knowledge, store: store)
            guard let db = loader.store else { throw EntenteError(.invalidArgument, "no store: ingest a dyad series first") }
            try requireSeries(db)
            let dyad = try db.seriesMonths(first.code, second.code)
            guard let start = dyad.first?.month, let end = dyad.last?.month else { throw EntenteError(.invalidArgument, "no series data for \(first.code)–\(second.code)") }
            let months = Array(stride(from: start, through: end, by: 1))
            let yMap = Dictionary(uniqueKeysWithValues: dyad.map { ($0.month, $0.positive) })
            let xMap = Dictionary(uniqueKeysWithValues: try db.seriesMonths(c.code, d.code).map { ($0.month, $0.negative) })
            let y = months.map { yMap[$0] ?? 0 }, x = months.map { xMap[$0] ?? 0 }
            let lag = Granger.best(y: y.map { log1p($0) }, x: x.map { log1p($0) }, maxLag: maxLag)?.chosen.lag ?? 1
            guard let dep = Scenario.dependence(y: y, x: x, lag: lag) else { throw EntenteError(.invalidArgument, "too few months to estimate the dependence") }
            let recent = x.suffix(12).reduce(0, +) / Double(min(12, x.count))
            let projections = Scenario.Path.allCases.map { Scenario.project(dep, path: $0, recentDriver: recent) }
            let chosen = projections.first { $0.path == path }!
            // The index at the horizon: today's components, except those the series drives (durability,
            // hostility, diplomatic intensity), recomputed on 12 projected months whose cooperation is the
            // projection (conflict as in the last 12 months). Knowledge of later facts is not used.
            let last = Array(dyad.suffix(12))
            let nowAssessment = PartnershipIndex.assess(try loader.evidence(first.code, second.code, at: end, window: 12), at: end)
            func index(_ level: Double) throws -> Double? {
                let future = (1...12).map { k -> DyadSeriesMonth in
                    var m = last[(k - 1) % max(last.count, 1)]
                    m.month = end.advanced(by: horizon - 12 + k)
                    m.positive = level
                    return m
                }
                var evidence = try loader.evidence(first.code, second.code, at: end, window: 12)
                // Each side's total cooperative activity moves with the pair's projected mass.
                let delta = future.reduce(0) { $0 + $1.positive } - last.reduce(0) { $0 + $1.positive }
                evidence.activity = evidence.activity?.mapValues { max($0 + delta, 1) }
                evidence.seriesMonths = future
                evidence.knowledgeBase = nil
                evidence.cubeCells = nil
                let projected = PartnershipIndex.assess(evidence, at: end.advanced(by: horizon), window: 12)
                let driven: Set<IndexComponent.Name> = [.durability, .hostility, .diplomatic]
                let components = nowAssessment.components.map { c in
                    guard driven.contains(c.name), let p = projected.components.first(where: { $0.name == c.name }), p.value != nil else { return c }
                    return c.name == .diplomatic ? IndexComponent(name: c.name, value: max(p.value ?? 0, kbDiplomatic(nowAssessment)), coverage: p.coverage, evidence: [], previous: c.value) : p
                }
                return PartnershipIndex.classified(components: components, a: first.code, b: second.code, at: end.advanced(by: horizon), window: 12).index
            }
            let now = nowAssessment.index
            let indexes: [String: Double?] = ["now": now, "projected": try index(chosen.cooperation), "low": try index(chosen.low), "high": try index(chosen.high)]
            let note = "Projection, not forecast: it assumes the estimated dependence holds and everything else stays as in the last 12 months."
            let answer = Answer(a: first.code, b: second.code, driver: [c.code, d.code], scenario: path.rawValue, horizon: horizon, dependence: dep, projections: projections,
                                lastMonth: end.description, index: indexes, note: note)
            switch format {
            case .json: print(try Output.json(answer))
            case .table:
                func f(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "no data" }
                print("\(first.code)–\(second.code) cooperation under \(c.code)–\(d.code) conflict: log(1+y) = \(String(format: "%.2f", dep.alpha)) + \(String(format: "%.3f", dep.beta)) (± \(String(format: "%.3f", dep.betaStandardError))) · log(1+x, lag \(dep.lag)); \(dep.observations) months to \(end)")
                print(Output.table(["scenario", "driver level", "cooperation/month", "95% low", "95% high"], projections.map { p in
                    [p.path.rawValue + (p.path == path ? " *" : ""), Output.number(p.driverLevel, digits: 0), Output.number(p.cooperation, digits: 0), Output.number(p.low, digits: 0), Output.number(p.high, digits: 0)]
                }, rightAligned: [1, 2, 3, 4]))
                print("Index now (\(end)): \(f(now)); in \(horizon) months if the driver \(path.rawValue): \(f(indexes["projected"] ?? nil)) (band \(f(indexes["low"] ?? nil))–\(f(indexes["high"] ?? nil)))")
                print(note)
            }
        }
    }
}
extension Scenario.Path: ExpressibleByArgument {}

/// The part of today's diplomatic component that rests on curated summits (kept in a projection).
func kbDiplomatic(_ a: Assessment) -> Double {
    let c = a.component(.diplomatic)
    return c.coverage.contains("knowledge base") ? Double(c.evidence.filter { $0.origin == "kb" }.count) / 2 : 0
}
