public import ArgumentParser
public import EntenteCore
import EntenteStore
import Foundation

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List the events from state A to state B, newest first, with their sources.",
        discussion: """
            Examples:
              entente events "North Korea" Russia
              entente events RUS PRK --both-directions --from 2018-06 --to 2018-06 --code 04
              entente events USA CHN --code 057 --format json
            """
    )

    @Argument(help: "Source state (ISO3 code or name).") var a: String
    @Argument(help: "Target state (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month.", valueName: "YYYY-MM")) var to: String?
    @Option(help: ArgumentHelp("CAMEO code or prefix: 057 (sign agreement), 04 (any consult).", valueName: "code")) var code: String?
    @Flag(help: "Include events from B to A as well.") var bothDirections = false
    @Option(help: ArgumentHelp("Only events of one dataset.", valueName: "gdelt1|gdelt2|icews")) var dataset: Dataset?
    @Option(help: "At most this many events (0 for all).") var limit = 50
    @Option(help: "Output format.") var format: OutputFormat = .table
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let code, code.isEmpty || !code.allSatisfy(\.isNumber) || code.count > 4 {
            throw ValidationError("--code takes a CAMEO code or prefix of up to 4 digits (e.g. 057 or 04), not '\(code)'.")
        }
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more.") }
    }

    func run() throws {
        let source = try resolveCountry(a), target = try resolveCountry(b)
        let filter = EventFilter(
            a: source.code, b: target.code, from: try parseMonth(from, option: "--from"), to: try parseMonth(to, option: "--to"),
            codePrefix: code, bothDirections: bothDirections, dataset: dataset)
        try reportingErrors {
            let store = try store.open()
            let total = try store.count(filter)
            let events = try store.events(filter, limit: limit == 0 ? nil : limit)
            let listing = EventListing(source: source, target: target, filter: filter, total: total, events: events)
            switch format {
            case .json: print(try Output.json(listing))
            case .csv: print(Output.csv(EventListing.header, listing.rows))
            case .table:
                let arrow = bothDirections ? "↔" : "→"
                print("\(source.name) (\(source.code)) \(arrow) \(target.name) (\(target.code)): \(Output.count(total)) event(s)")
                if total == 0 {
                    print("No events. Ingest event files with `entente ingest PATH`, or widen --from/--to.")
                    return
                }
                print(Output.table(["date", "dir", "code", "event", "goldstein", "articles", "actors", "source"], listing.tableRows, rightAligned: [4, 5]))
                if events.count < total { print("(\(events.count) of \(total) shown; --limit 0 shows all)") }
            }
        }
    }
}

extension Dataset: ExpressibleByArgument {}

/// The `events` answer; its JSON form is documented in the README.
struct EventListing: Encodable {
    struct Item: Encodable {
        var dataset: String
        var id: String
        var date: String
        var source: EventActor
        var target: EventActor
        var code: String
        var codeName: String
        var quadClass: Int
        var goldstein: Double
        var mentions: Int?
        var sources: Int?
        var articles: Int?
        var tone: Double?
        var url: String?
        var publisher: String?
        var file: String
        var line: Int
    }

    var a: String
    var b: String
    var from: String?
    var to: String?
    var code: String?
    var bothDirections: Bool
    var total: Int
    var events: [Item]

    init(source: Country, target: Country, filter: EventFilter, total: Int, events: [StoredEvent]) {
        a = source.code
        b = target.code
        from = filter.from?.description
        to = filter.to?.description
        code = filter.codePrefix
        bothDirections = filter.bothDirections
        self.total = total
        self.events = events.map { s in
            let e = s.event
            return Item(
                dataset: e.dataset.rawValue, id: e.originalID, date: e.date.description, source: e.source, target: e.target,
                code: e.eventCode, codeName: CAMEOEventCode.lookup(e.eventCode)?.name ?? "", quadClass: e.quadClass.rawValue,
                goldstein: e.goldstein, mentions: e.numMentions, sources: e.numSources, articles: e.numArticles, tone: e.avgTone,
                url: e.sourceURL, publisher: e.publisher, file: s.file, line: s.line)
        }
    }

    static let header = ["dataset", "id", "date", "source", "target", "source_actor", "target_actor", "code", "code_name", "quad_class", "goldstein", "articles", "tone", "url", "publisher", "file", "line"]

    var rows: [[String]] {
        events.map { e in
            [
                e.dataset, e.id, e.date, e.source.country, e.target.country, e.source.name, e.target.name, e.code, e.codeName,
                String(e.quadClass), String(e.goldstein), e.articles.map(String.init) ?? "", e.tone.map { String($0) } ?? "",
                e.url ?? "", e.publisher ?? "", e.file, String(e.line),
            ]
        }
    }

    var tableRows: [[String]] {
        events.map { e in
            let name = e.codeName.count > 34 ? String(e.codeName.prefix(33)) + "…" : e.codeName
            let actors = "\(e.source.name) → \(e.target.name)"
            return [
                e.date, "\(e.source.country)→\(e.target.country)", e.code, name, Output.number(e.goldstein, digits: 1),
                e.articles.map(String.init) ?? "-", actors.count > 40 ? String(actors.prefix(39)) + "…" : actors,
                e.url ?? e.publisher.map { "\($0) (\(e.dataset) \(e.id))" } ?? "\(e.dataset) \(e.id)",
            ]
        }
    }
}
