import ArgumentParser
import EntenteCore
import EntenteServices
import Foundation

struct StructureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "structure",
        abstract: "The structural layers of A and B year by year: ATOP obligations, UN votes and ideal points, SIPRI arms, disputes.",
        discussion: """
            Each value names its dataset, version and file, so a brief can cite it. A layer that does not \
            cover the pair or the year is absent (not zero); within its coverage a true zero is zero. ATOP \
            ends in 2018: later years carry 2018's obligations forward and say so. UN roll calls end in \
            2020; ideal points run to 2024; SIPRI to 2021. Definitions: Guides/StructuralLayers.md.

            Load the layers first (see the README for where to get them):
              entente ingest atop_alliance.csv unvotes/ IdealpointsJuly2025.converted.csv trademap-raw/

            Examples:
              entente structure USA JPN --year 2018
              entente structure RUS PRK --from 2015 --to 2024 --format json
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("One year.", valueName: "YYYY")) var year: Int?
    @Option(help: ArgumentHelp("First year (with --to).", valueName: "YYYY")) var from: Int?
    @Option(help: ArgumentHelp("Last year (with --from).", valueName: "YYYY")) var to: Int?
    @Option(help: "Output format.") var format: TextFormat = .table
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if year != nil && (from != nil || to != nil) { throw ValidationError("give --year, or --from and --to, not both.") }
        for (name, value) in [("--year", year), ("--from", from), ("--to", to)] {
            if let value, !(1800...2199).contains(value) {
                throw ValidationError("\(name) takes a year between 1800 and 2199, not \(value).")
            }
        }
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to).") }
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        try reportingErrors {
            let workspace = workspace(store)
            let single = year ?? (from == nil && to == nil ? Day.today().year - 1 : nil)
            let request: StructureRequest
            if let single {
                request = StructureRequest(a: first.code, b: second.code, year: single)
            } else {
                // A missing end is ten years from the other, within the years Entente handles.
                let years = RequestLimits.years
                let lo = from ?? max(years.lowerBound, (to ?? 2018) - 9), hi = to ?? min(years.upperBound, (from ?? 2018) + 9)
                request = StructureRequest(a: first.code, b: second.code, from: lo, to: hi)
            }
            let years = try workspace.structure(request)
            switch format {
            case .json:
                if single != nil {
                    print(try Output.json(years.first ?? DyadStructure(a: first.code, b: second.code, year: request.from)))
                } else {
                    print(try Output.json(years))
                }
            case .table:
                print("\(first.name) (\(first.code)) – \(second.name) (\(second.code)): structural layers, \(request.from)–\(request.to)")
                print(StructureText.table(years, first.code, second.code))
                print(StructureText.sources(years))
            }
        }
    }
}
