import ArgumentParser
import EntenteCore
import EntenteServices
import Foundation

struct KnowledgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Work with the curated knowledge base (treaties, groups, hand-coded events).",
        subcommands: [KnowledgeCheckCommand.self]
    )
}

struct KnowledgeCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate knowledge-base folders: schema, dates, ISO3 and CAMEO codes, sources, duplicates.",
        discussion: """
            With no DIR, checks the shipped knowledge base. Each problem is printed as FILE:LINE: FIELD: MESSAGE. \
            Exit status 1 when any problem is found.

            The YAML format is described in Guides/KnowledgeBase.md.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Folders (or files) to check; several are read in order, later ones overriding earlier ones by id.", valueName: "dir"))
    var folders: [String] = []

    @Option(help: "Output format.") var format: TextFormat = .table

    func run() throws {
        try reportingErrors {
            let check = try KnowledgeCheck.run(folders: folders)
            switch format {
            case .json: print(try Output.json(check))
            case .table: print(KnowledgeText.check(check))
            }
            if !check.issues.isEmpty { throw ExitCode(1) }
        }
    }
}

struct TreatiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treaties",
        abstract: "Show the obligations in force between A and B at a date, each direction, with sources.",
        discussion: """
            Obligations are ATOP-style types, strongest assistance first: defence-immediate (assistance by all \
            means if attacked), defence-consultation, neutrality, consultation, non-aggression. Treaties signed \
            but not yet in force are shown and marked. Group treaties (NATO, CSTO) count from each member's accession.

            Examples:
              entente treaties RUS PRK
              entente treaties RUS PRK --at 2010-01-01
              entente treaties USA FIN --at 2023-05-01 --format json
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("The date (default: today).", valueName: "YYYY-MM-DD")) var at: String?
    @Option(help: "Output format.") var format: TextFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        var day: Day?
        if let at {
            guard let d = Day(at) ?? PartialDate(at)?.earliest else {
                throw ValidationError("--at takes a date as YYYY-MM-DD, not '\(at)'.")
            }
            day = d
        }
        try reportingErrors {
            let answer = try workspace(store, knowledge).treaties(a: first.code, b: second.code, at: day)
            switch format {
            case .json: print(try Output.json(answer))
            case .table: print(KnowledgeText.treaties(answer))
            }
        }
    }
}

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "The A–B timeline: curated events merged with the event store's, each marked by origin.",
        discussion: """
            Curated events come from the knowledge base (origin `kb`), with their flows (what moved which way), \
            confidence and sources. Events from the store (origin = dataset) are added when data has been ingested: \
            by default the salient ones (visits and meetings 042-046, agreements 057, material cooperation and \
            aid 06x-07x, sanctions and coercion 16x-17x, force 18x-20x), one per day, direction and code. \
            --store-events all adds every stored event; none leaves them out.

            Examples:
              entente timeline RUS PRK --from 2023-01 --to 2024-12
              entente timeline RUS PRK --store-events none --format json
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month.", valueName: "YYYY-MM")) var to: String?
    @Option(help: "Which stored events to merge in.") var storeEvents: TimelineRequest.StoreEvents = .salient
    @Option(help: "Output format.") var format: OutputFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try validateRange(from, to)
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let request = TimelineRequest(a: first.code, b: second.code, from: fromMonth, to: toMonth, storeEvents: storeEvents)
            let timeline = try workspace(store, knowledge).timeline(request)
            switch format {
            case .json: print(try Output.json(timeline))
            case .csv: print(Output.csv(KnowledgeText.timelineHeader, KnowledgeText.timelineRows(timeline)))
            case .table:
                print("\(first.name) (\(first.code)) and \(second.name) (\(second.code)): \(timeline.entries.count) event(s)")
                if let note = timeline.note { print(note) }
                print(KnowledgeText.timeline(timeline))
            }
        }
    }
}
