import ArgumentParser
import EntenteCore
import EntenteServices
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
    @Option(help: ArgumentHelp("Write to this file (Markdown: charts beside it). Default: standard output.", valueName: "file"))
    var out: String?
    @Option(help: "Assessment window in months (1–240).") var window = 12
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    enum BriefFormat: String, ExpressibleByArgument, CaseIterable { case html, markdown }

    func validate() throws {
        try validateRange(from, to)
        try validateNumber(window, in: RequestLimits.window, "--window", unit: " months")
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let request = BriefRequest(a: first, b: second, from: fromMonth, to: toMonth, window: window)
            let brief = try workspace(store, knowledge).brief(request)
            let markdown = out.map { $0.lowercased().hasSuffix(".md") || $0.lowercased().hasSuffix(".markdown") } ?? false
            switch format ?? (markdown ? .markdown : .html) {
            case .html:
                try emit(brief.html(), to: out)
            case .markdown:
                guard let out else {
                    print(brief.markdown(chartPrefix: nil))
                    return
                }
                let url = URL(fileURLWithPath: out)
                let stem = url.deletingPathExtension().lastPathComponent
                for chart in brief.sections.flatMap(\.charts) {
                    try emit(chart.svg + "\n", to: url.deletingLastPathComponent().appendingPathComponent("\(stem)-\(chart.id).svg").path)
                }
                try emit(brief.markdown(chartPrefix: stem), to: out)
            }
            if let out { FileHandle.standardError.write(Data("wrote \(out)\n".utf8)) }
        }
    }
}
