import ArgumentParser
import EntenteCore
import EntenteStore
import Foundation

@main
struct Entente: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entente",
        abstract: "Measure how close two states are, from event data, and say why.",
        discussion: """
            Entente reads political event data (GDELT 1.0 and 2.0, ICEWS, dyad series) and a curated, cited \
            knowledge base of treaties and key events, and judges how close a pair of states (a dyad) is — \
            alliance, strategic partnership, temporary rapprochement, distant or rivalry — with the evidence.

            Countries are ISO 3166 alpha-3 codes (RUS, PRK) or names ("North Korea", "DPRK"), in any case.
            The store lives in $ENTENTE_HOME (default: ./.entente).

            Start with (the first two need no data):
              entente brief RUS PRK --from 2023-01 --to 2024-12 --out brief.html
              entente treaties RUS PRK --at 2024-07-01
              entente ingest ../shared/data/icews ../shared/data/dyad-series/gdelt2-dyad-daily-2018-2024.csv.gz
              entente assess RUS PRK
              entente dyad RUS PRK
            """,
        subcommands: [IngestCommand.self, EventsCommand.self, DyadCommand.self, StatusCommand.self, TimelineCommand.self, TreatiesCommand.self, KnowledgeCommand.self, CubeCommand.self, AssessCommand.self, IndexCommand.self, EvaluateCommand.self, BriefCommand.self, ChangesCommand.self, DriversCommand.self, AdversariesCommand.self, CounterbalancingCommand.self, ScenarioCommand.self]
    )
}

/// Options every command that reads or writes the store takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store folder.", discussion: "Defaults to $ENTENTE_HOME, or .entente in the working directory.", valueName: "dir"))
    var home: String?

    func open() throws -> EventStore {
        try EventStore(home: home ?? EventStore.defaultHome())
    }
}

/// How a command prints its answer.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Runs a command body, turning Entente's errors into a clear message and exit code 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as EntenteError {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

func parseMonth(_ text: String?, option: String) throws -> Month? {
    guard let text else { return nil }
    guard let month = Month(text) else {
        throw ValidationError("\(option) takes a month as YYYY-MM (for example 2023-09), not '\(text)'.")
    }
    return month
}

func resolveCountry(_ text: String) throws -> Country {
    do {
        return try Country.resolve(text)
    } catch {
        throw ValidationError(error.message)
    }
}
