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
            if let cubePath = loader.cubePath {
                let cells = try DyadCube.cells(from: first.code, to: second.code, in: cubePath) + DyadCube.cells(from: second.code, to: first.code, in: cubePath)
                var sums: [String: Double] = [:]
                for cell in cells where (start...end).contains(cell.key.month) {
                    sums["\(cell.key.month)|\(cell.key.source)", default: 0] += Double(cell.values[DyadCube.Column.goldsteinX10.rawValue]) / 10
                }
                directed = sums.map { key, v in let p = key.split(separator: "|"); return (Month(String(p[0]))!, String(p[1]), v) }.sorted { ($0.month, $0.source) < ($1.month, $1.source) }
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
            let brief = Brief.build(BriefInputs(
                a: first, b: second, from: start, to: end, knowledgeBase: kb, assessment: monthly.last!, monthly: monthly,
                directed: directed, balances: evidence.balances, dataNotes: notes))
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
