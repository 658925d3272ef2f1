import ArgumentParser
import EntenteCore
import EntenteStore
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

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let filter = EventFilter(a: first.code, b: second.code, from: try parseMonth(from, option: "--from"), to: try parseMonth(to, option: "--to"), dataset: dataset)
        try reportingErrors {
            let home = store.home ?? EventStore.defaultHome()
            let cubePath = DyadCube.defaultPath(home: home)
            let months: [DyadMonth]
            let origin: String
            if dataset == nil, FileManager.default.fileExists(atPath: cubePath) {
                months = try DyadSeriesFromCube.months(a: first.code, b: second.code, from: filter.from, to: filter.to, cubePath: cubePath)
                origin = "cube"
            } else {
                months = try store.open().dyadSeries(filter)
                origin = "store"
            }
            let series = DyadSeriesOutput(a: first.code, b: second.code, from: filter.from?.description, to: filter.to?.description, origin: origin, months: months)
            switch format {
            case .json: print(try Output.json(series))
            case .csv: print(Output.csv(DyadSeriesOutput.header, series.rows))
            case .table:
                print("\(first.name) (\(first.code)) and \(second.name) (\(second.code)), by month")
                if months.isEmpty {
                    print("No events between them in the store. Ingest event files with `entente ingest PATH`.")
                    return
                }
                print(Output.table(["month", "dir", "events", "1/day", "G sum", "G mean", "VC%", "MC%", "VK%", "MK%", "articles"], series.tableRows, rightAligned: Set(2...10)))
            }
        }
    }
}

/// The `dyad` answer; its JSON form is documented in the README.
struct DyadSeriesOutput: Encodable {
    struct Row: Encodable {
        var month: String
        var source: String
        var target: String
        var events: Int
        var oneADayEvents: Int
        var goldsteinSum: Double
        var goldsteinMean: Double
        var quadClassShares: Shares
        var articles: Int
    }

    struct Shares: Encodable {
        var verbalCooperation: Double
        var materialCooperation: Double
        var verbalConflict: Double
        var materialConflict: Double
    }

    var a: String
    var b: String
    var from: String?
    var to: String?
    /// Where the figures come from: `cube` (the dyad cube) or `store` (SQLite; with --dataset).
    var origin: String
    var months: [Row]

    init(a: String, b: String, from: String?, to: String?, origin: String, months: [DyadMonth]) {
        self.origin = origin
        self.a = a
        self.b = b
        self.from = from
        self.to = to
        func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
        self.months = months.map { m in
            Row(
                month: m.month.description, source: m.source, target: m.target, events: m.events, oneADayEvents: m.oneADayEvents,
                goldsteinSum: round(m.goldsteinSum), goldsteinMean: round(m.goldsteinMean),
                quadClassShares: Shares(
                    verbalCooperation: round(m.quadClassShares[0]), materialCooperation: round(m.quadClassShares[1]),
                    verbalConflict: round(m.quadClassShares[2]), materialConflict: round(m.quadClassShares[3])),
                articles: m.articles)
        }
    }

    static let header = ["month", "source", "target", "events", "one_a_day_events", "goldstein_sum", "goldstein_mean", "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict", "articles"]

    var rows: [[String]] {
        months.map { m in
            [
                m.month, m.source, m.target, String(m.events), String(m.oneADayEvents), String(m.goldsteinSum), String(m.goldsteinMean),
                String(m.quadClassShares.verbalCooperation), String(m.quadClassShares.materialCooperation),
                String(m.quadClassShares.verbalConflict), String(m.quadClassShares.materialConflict), String(m.articles),
            ]
        }
    }

    var tableRows: [[String]] {
        months.map { m in
            let pct = { (x: Double) in Output.number(x * 100, digits: 0) }
            return [
                m.month, "\(m.source)→\(m.target)", String(m.events), String(m.oneADayEvents), Output.number(m.goldsteinSum, digits: 1),
                Output.number(m.goldsteinMean), pct(m.quadClassShares.verbalCooperation), pct(m.quadClassShares.materialCooperation),
                pct(m.quadClassShares.verbalConflict), pct(m.quadClassShares.materialConflict), Output.count(m.articles),
            ]
        }
    }
}

/// The monthly dyad series computed from the cube's cells.
enum DyadSeriesFromCube {
    static func months(a: String, b: String, from: Month?, to: Month?, cubePath: String) throws -> [DyadMonth] {
        var out: [DyadMonth] = []
        for (s, t) in [(a, b), (b, a)] where s != t || (s, t) == (a, b) {
            var byMonth: [Month: [Int64]] = [:]
            var quads: [Month: [Int64]] = [:]
            for cell in try DyadCube.cells(from: s, to: t, in: cubePath) {
                let m = cell.key.month
                if let from, m < from { continue }
                if let to, m > to { continue }
                var acc = byMonth[m] ?? [0, 0, 0, 0]
                acc[0] += cell.values[DyadCube.Column.events.rawValue]
                acc[1] += cell.values[DyadCube.Column.oneADay.rawValue]
                acc[2] += cell.values[DyadCube.Column.goldsteinX10.rawValue]
                acc[3] += cell.values[DyadCube.Column.articles.rawValue]
                byMonth[m] = acc
                var q = quads[m] ?? [0, 0, 0, 0]
                if let quad = QuadClass(root: cell.key.root) { q[quad.rawValue - 1] += cell.values[DyadCube.Column.events.rawValue] }
                quads[m] = q
            }
            for (m, acc) in byMonth {
                let n = Double(acc[0]), g = Double(acc[2]) / 10
                out.append(DyadMonth(
                    month: m, source: s, target: t, events: Int(acc[0]), oneADayEvents: Int(acc[1]), goldsteinSum: g,
                    goldsteinMean: n > 0 ? g / n : 0, quadClassShares: quads[m]!.map { n > 0 ? Double($0) / n : 0 }, articles: Int(acc[3])))
            }
        }
        return out.sorted { ($0.month, $0.source == a ? 0 : 1) < ($1.month, $1.source == a ? 0 : 1) }
    }
}
