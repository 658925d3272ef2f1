import ArgumentParser
import EntenteCore
import EntenteStore
import Foundation

struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Write an analyst brief on A and B: summary, implications for each side, convergence, indicators, sources.",
        discussion: """
            Every sentence comes from a template filled with cited knowledge-base entries, stored events or \
            Entente's computed figures, numbered and listed under Sources. Charts are drawn as SVG by Entente \
            (no JavaScript, nothing fetched): timeline, flows ledger, index and components; with event data, \
            cooperation and conflict by month; with a dyad series, the common-adversaries network.

            HTML is one self-contained file (inline CSS and SVG, prints well). Markdown is written with its charts \
            as SVG files beside it (brief-timeline.svg, …).

            Examples:
              entente brief RUS PRK --from 2023-01 --to 2024-12 --out brief.html
              entente brief RUS PRK --format markdown --out brief.md
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("First month (default: 23 months before --to).", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month (default: the last month with data).", valueName: "YYYY-MM")) var to: String?
    @Option(help: "Output format (default: from --out's extension, else html).") var format: BriefFormat?
    @Option(help: ArgumentHelp("Write to this file (Markdown: charts beside it). Default: standard output.", valueName: "file")) var out: String?
    @Option(help: "Assessment window in months.") var window = 12
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    enum BriefFormat: String, ExpressibleByArgument, CaseIterable { case html, markdown }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let loader = try EvidenceLoader(knowledge: knowledge, store: store)
            let (start, end) = try loader.range(first.code, second.code, from: fromMonth, to: toMonth)
            let monthly = try loader.monthly(first.code, second.code, from: start, to: end, window: window)
            let evidence = try loader.evidence(first.code, second.code, at: end, window: window)
            var directed: [(month: Month, source: String, goldsteinSum: Double)] = []
            var notes: [String] = []
            let kb = loader.kb
            notes.append("Knowledge base: \(kb.treaties.count) treaties, \(kb.groups.count) groups and \(kb.events.count) curated events, each with public sources (\(kb.folders.count) folder(s)).")
            if let cells = evidence.cubeCells {
                var sums: [Month: [String: Double]] = [:]
                for cell in cells where (start...end).contains(cell.key.month) {
                    sums[cell.key.month, default: [:]][cell.key.source, default: 0] += Double(cell.values[DyadCube.Column.goldsteinX10.rawValue]) / 10
                }
                directed = sums.flatMap { month, bySource in bySource.map { (month, $0.key, $0.value) } }.sorted { ($0.month, $0.source) < ($1.month, $1.source) }
                let events = cells.filter { (start...end).contains($0.key.month) }.reduce(Int64(0)) { $0 + $1.values[0] }
                notes.append("Event data (dyad cube): \(events) events between them in \(start)–\(end), from GDELT/ICEWS files ingested by the user.")
            } else {
                notes.append("Event data: none ingested; `entente ingest PATH` adds GDELT or ICEWS events and the cooperation/conflict chart.")
            }
            if let series = evidence.seriesMonths, !series.isEmpty {
                let inRange = series.filter { (start...end).contains($0.month) }
                notes.append("Dyad series: \(inRange.reduce(0) { $0 + $1.days }) days with values in \(start)–\(end) (\(series.first!.month)–\(series.last!.month) ingested).")
            } else {
                notes.append("Dyad series: none ingested; durability, alignment and hostility then have no data.")
            }
            var inputs = BriefInputs(
                a: first, b: second, from: start, to: end, knowledgeBase: kb, assessment: monthly.last!, monthly: monthly,
                directed: directed, balances: evidence.balances, dataNotes: notes)
            if let db = loader.store, try db.hasSeries(), let (drivers, changes) = try Self.relational(db, first.code, second.code, start, end) {
                inputs.drivers = drivers
                inputs.changeMonths = changes
            }
            let brief = Brief.build(inputs)
            let chosen = format ?? (out.map { $0.lowercased().hasSuffix(".md") || $0.lowercased().hasSuffix(".markdown") ? .markdown : .html } ?? .html)
            switch chosen {
            case .html:
                try write(brief.html(), to: out)
            case .markdown:
                guard let out else {
                    print(brief.markdown(chartPrefix: nil))
                    return
                }
                let url = URL(fileURLWithPath: out)
                let stem = url.deletingPathExtension().lastPathComponent
                for section in brief.sections {
                    for chart in section.charts {
                        try write(chart.svg + "\n", to: url.deletingLastPathComponent().appendingPathComponent("\(stem)-\(chart.id).svg").path)
                    }
                }
                try write(brief.markdown(chartPrefix: stem), to: out)
            }
            if let out { FileHandle.standardError.write(Data("wrote \(out)\n".utf8)) }
        }
    }

    /// The drivers and scenarios sentences and the cooperation change points, from the dyad series.
    static func relational(_ db: EventStore, _ a: String, _ b: String, _ start: Month, _ end: Month) throws -> ((sentences: [String], source: String), [Month])? {
        guard let (spanStart, spanEnd) = try db.seriesSpan() else { return nil }
        let lo = max(spanStart, Month("2018-01")!), hi = min(spanEnd, end)
        guard lo < hi else { return nil }
        let months = Array(stride(from: lo, through: hi, by: 1))
        let dyadMap = Dictionary(uniqueKeysWithValues: try db.seriesMonths(a, b).map { ($0.month, $0.positive) })
        let y = months.map { dyadMap[$0] ?? 0 }
        let breaks = ChangePoints.pelt(y.map { log1p($0) }).map { months[$0] }.filter { $0 >= start && $0 <= end }
        let all = try db.seriesAllMonths(from: lo, to: hi)
        guard let driver = all.filter({ key, _ in let p = key.split(separator: "|").map(String.init); return (p.contains(a) || p.contains(b)) && Set(p) != [a, b] })
            .max(by: { $0.value.reduce(0) { $0 + $1.negative } < $1.value.reduce(0) { $0 + $1.negative } }) else { return nil }
        let pair = driver.key.split(separator: "|").map(String.init)
        let xMap = Dictionary(uniqueKeysWithValues: driver.value.map { ($0.month, $0.negative) })
        let x = months.map { xMap[$0] ?? 0 }
        guard let granger = Granger.best(y: y, x: x, maxLag: 6), let reverse = Granger.best(y: x, x: y, maxLag: 6),
            let dependence = Scenario.dependence(y: y, x: x, lag: granger.chosen.lag) else { return nil }
        let recent = x.suffix(12).reduce(0, +) / Double(min(12, x.count))
        let p = Scenario.Path.allCases.map { Scenario.project(dependence, path: $0, recentDriver: recent) }
        func n(_ v: Double) -> String { String(format: "%.0f", v) }
        let c = granger.chosen
        var sentences = [
            "The external driver with the most conflict involving \(a) or \(b) is \(pair[0])–\(pair[1]); its monthly conflict \(c.p < 0.05 ? "significantly precedes" : "does not significantly precede") \(a)–\(b) cooperation (Granger F = \(String(format: "%.2f", c.f)), p = \(String(format: "%.3g", c.p)), lag \(c.lag) month\(c.lag == 1 ? "" : "s")), while the reverse has p = \(String(format: "%.3g", reverse.chosen.p)).",
            "Estimated dependence: log(1 + cooperation) rises by \(String(format: "%.3f", dependence.beta)) (± \(String(format: "%.3f", dependence.betaStandardError))) per unit of log(1 + driver conflict), over \(dependence.observations) months to \(hi).",
            "Projected monthly cooperation if the driver stops: \(n(p[0].cooperation)) (95 %: \(n(p[0].low))–\(n(p[0].high))); continues: \(n(p[1].cooperation)) (\(n(p[1].low))–\(n(p[1].high))); doubles: \(n(p[2].cooperation)) (\(n(p[2].low))–\(n(p[2].high))). These are projections, not forecasts.",
        ]
        if !breaks.isEmpty { sentences.append("Change points of \(a)–\(b) cooperation in the period: " + breaks.map(\.description).joined(separator: ", ") + ".") }
        return ((sentences, "Entente drivers and scenario analysis of \(a)–\(b) cooperation vs \(pair[0])–\(pair[1]) conflict, dyad series \(lo)–\(hi); Guides/Drivers.md, Guides/Scenarios.md, Guides/ChangePoints.md"), breaks)
    }

    func write(_ text: String, to path: String?) throws {
        guard let path else {
            print(text, terminator: "")
            return
        }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
            throw EntenteError(.unreadableFile, "cannot write", file: path, underlying: error.localizedDescription)
        }
    }
}
