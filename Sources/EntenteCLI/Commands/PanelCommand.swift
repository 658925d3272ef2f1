import ArgumentParser
import EntenteCore
import EntenteServices
import Foundation

struct PanelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel",
        abstract: "The research panel: every pair's judgement features, class, rule and confidence for a year (CSV or JSON).",
        discussion: """
            One row per pair with a value in the dyad series during the year (or a curated partnership), judged at \
            December of the year, for loading into R or pandas. Columns and their definitions (the codebook), and \
            the datasets they rest on: Guides/PartnershipIndex.md, "Research panel". Progress goes to standard error.

            Example:
              entente panel --year 2023 --format csv > panel-2023.csv
            """
    )

    @Option(help: ArgumentHelp("The year.", valueName: "YYYY")) var year: Int
    @Option(help: "Output format.") var format: PanelFormat = .csv
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    enum PanelFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

    func validate() throws {
        guard (1800...2199).contains(year) else { throw ValidationError("--year takes a year between 1800 and 2199.") }
    }

    func run() throws {
        try reportingErrors {
            var bar: ProgressBar?
            let rows = try workspace(store, knowledge).panel(year: year) { done, total in
                if bar == nil { bar = ProgressBar(total: total) }
                bar?.update(done: done, rows: done, file: "pairs")
            }
            bar?.clear()
            switch format {
            case .json: print(try Output.json(rows))
            case .csv: print(Output.csv(PanelRow.header, rows.map(\.fields)))
            }
        }
    }
}
