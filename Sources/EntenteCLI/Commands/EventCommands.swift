import ArgumentParser
import EntenteCore
import EntenteServices
import Foundation

struct DyadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dyad",
        abstract: "Show the monthly A→B and B→A series of a pair of states.",
        discussion: """
            For each month with events and each direction: events, one-a-day events (one per date × \
            source actor × target actor × CAMEO code, GDELT's usual de-duplication), the Goldstein sum \
            and mean (−10 conflict … +10 cooperation), the share of each QuadClass (VC verbal \
            cooperation, MC material cooperation, VK verbal conflict, MK material conflict) and articles.

            Examples:
              entente dyad RUS PRK
              entente dyad Russia "North Korea" --from 2018-01 --to 2018-12 --format csv
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month.", valueName: "YYYY-MM")) var to: String?
    @Option(help: ArgumentHelp("Only events of one dataset.", valueName: "gdelt1|gdelt2|icews")) var dataset: Dataset?
    @Option(help: "Output format.") var format: OutputFormat = .table
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try validateRange(from, to)
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let request = DyadRequest(
            a: first.code, b: second.code, from: try parseMonth(from, option: "--from"), to: try parseMonth(to, option: "--to"),
            dataset: dataset)
        try reportingErrors {
            let series = try workspace(store).dyad(request)
            switch format {
            case .json: print(try Output.json(series))
            case .csv: print(Output.csv(EventText.dyadHeader, EventText.dyadRows(series)))
            case .table:
                print("\(first.name) (\(first.code)) and \(second.name) (\(second.code)), by month")
                if series.months.isEmpty {
                    print("No events between them in the store. Ingest event files with `entente ingest PATH`.")
                    return
                }
                let header = ["month", "dir", "events", "1/day", "G sum", "G mean", "VC%", "MC%", "VK%", "MK%", "articles"]
                print(Output.table(header, EventText.dyadTableRows(series), rightAligned: Set(2...10)))
            }
        }
    }
}

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
        try validateRange(from, to)
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
            let listing = try workspace(store).events(EventsRequest(filter: filter, limit: limit == 0 ? nil : limit))
            switch format {
            case .json: print(try Output.json(listing))
            case .csv: print(Output.csv(EventText.eventsHeader, EventText.eventRows(listing)))
            case .table:
                let arrow = bothDirections ? "↔" : "→"
                print("\(source.name) (\(source.code)) \(arrow) \(target.name) (\(target.code)): \(Output.count(listing.total)) event(s)")
                if listing.total == 0 {
                    print("No events. Ingest event files with `entente ingest PATH`, or widen --from/--to.")
                    return
                }
                let header = ["date", "dir", "code", "event", "goldstein", "articles", "actors", "source"]
                print(Output.table(header, EventText.eventTableRows(listing), rightAligned: [4, 5]))
                if listing.events.count < listing.total {
                    print("(\(listing.events.count) of \(listing.total) shown; --limit 0 shows all)")
                }
            }
        }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the store holds: datasets, files, events, date span, top dyads."
    )

    @Option(help: "Output format.") var format: TextFormat = .table
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let status = try workspace(store).status()
            switch format {
            case .json: print(try Output.json(status))
            case .table: print(EventText.status(status))
            }
        }
    }
}
