import ArgumentParser
import EntenteCore
import EntenteStore
import Foundation

/// Monthly or daily series of a pair from the store's dyad series, zero-filled.
enum SeriesKind: String, ExpressibleByArgument, CaseIterable {
    case cooperation, conflict, net, index
}

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Change points in a dyad's series (PELT, penalty BIC by default), each with the nearest curated event.",
        discussion: """
            Series (from an ingested dyad series): cooperation (positive mass), conflict (negative mass), net, or \
            index (the monthly partnership index). Monthly by default; --daily uses the daily values (zero on days \
            without any). Each break gives its date, the mean before and after, and the nearest curated event \
            within 45 days, or else the most salient day within 15 days. Method: Guides/ChangePoints.md.

            Examples:
              entente changes PRK RUS --daily
              entente changes RUS PRK --series index --from 2022-01 --to 2024-02
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: "Which series.") var series: SeriesKind = .cooperation
    @Flag(help: "Use daily values instead of monthly sums.") var daily = false
    @Option(help: ArgumentHelp("First month (default: the series' first).", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month (default: the series' last).", valueName: "YYYY-MM")) var to: String?
    @Option(help: "PELT penalty β (default: 2σ̂² ln n, σ̂² the variance of the transformed series).") var penalty: Double?
    @Option(help: "Transform before detection: log (log(1 + x), default for cooperation and conflict, whose masses are heavy-tailed) or none.") var transform: Transform?

    enum Transform: String, ExpressibleByArgument, CaseIterable { case log, none }
    @Option(help: "Shortest segment (points).") var minSize = 2
    @Option(help: "Output format.") var format: StatusCommand.StatusFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    struct Break: Encodable {
        var date: String
        var index: Int
        var before: Double
        var after: Double
        var nearest: String?
        var nearestDate: String?
        var source: String?
    }

    struct Answer: Encodable {
        var a: String, b: String, series: String, resolution: String, transform: String, from: String, to: String
        var points: Int
        var penalty: Double
        var breaks: [Break]
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let loader = try EvidenceLoader(knowledge: knowledge, store: store)
            guard let db = loader.store, try db.hasSeries() else { throw EntenteError(.invalidArgument, "no dyad series in the store: ingest one first (entente ingest --format dyad-series FILE)") }
            let months = try db.seriesMonths(first.code, second.code)
            guard let firstMonth = months.first?.month, let lastMonth = months.last?.month else { throw EntenteError(.invalidArgument, "no series data for \(first.code)–\(second.code)") }
            let start = fromMonth ?? firstMonth, end = toMonth ?? lastMonth
            var labels: [String] = [], values: [Double] = [], days: [Day] = []
            if daily {
                guard series != .index else { throw ValidationError("--daily works with cooperation, conflict or net.") }
                let rows = try db.seriesDays(first.code, second.code, from: start.firstDay, to: end.lastDay)
                var byDay: [Day: Double] = [:]
                for r in rows { byDay[r.day] = r.value }
                var m = start
                while m <= end {
                    for d in 1...Day.daysIn(month: m.month, year: m.year) {
                        let day = Day(year: m.year, month: m.month, day: d)!
                        let v = byDay[day] ?? 0
                        days.append(day)
                        labels.append(day.description)
                        values.append(series == .cooperation ? max(v, 0) : series == .conflict ? max(-v, 0) : v)
                    }
                    m = m.advanced(by: 1)
                }
            } else {
                let byMonth = Dictionary(uniqueKeysWithValues: months.map { ($0.month, $0) })
                for m in stride(from: start, through: end, by: 1) {
                    labels.append(m.description)
                    days.append(m.firstDay)
                    switch series {
                    case .cooperation: values.append(byMonth[m]?.positive ?? 0)
                    case .conflict: values.append(byMonth[m]?.negative ?? 0)
                    case .net: values.append(byMonth[m]?.net ?? 0)
                    case .index: values.append(PartnershipIndex.assess(try loader.evidence(first.code, second.code, at: m, window: 12), at: m).index ?? 0)
                    }
                }
            }
            let chosen = transform ?? (series == .cooperation || series == .conflict ? .log : .none)
            let detected = chosen == .log ? values.map { log1p(max($0, 0)) } : values
            let beta = penalty ?? ChangePoints.defaultPenalty(detected)
            let breaks = ChangePoints.pelt(detected, penalty: beta, minSize: max(1, minSize))
            let bounds = [0] + breaks + [values.count]
            func mean(_ r: Range<Int>) -> Double { r.isEmpty ? 0 : values[r].reduce(0, +) / Double(r.count) }
            let events = loader.kb.events(between: first.code, and: second.code)
            var out: [Break] = []
            for (i, k) in breaks.enumerated() {
                let day = days[k]
                var item = Break(date: labels[k], index: k, before: mean(bounds[i]..<k), after: mean(k..<bounds[i + 2]))
                let near = events.min { abs(daysBetween($0.date.earliest, day)) < abs(daysBetween($1.date.earliest, day)) }
                if let near, abs(daysBetween(near.date.earliest, day)) <= 45 {
                    item.nearest = near.title
                    item.nearestDate = near.date.description
                    item.source = near.sources.first?.url
                } else if daily {
                    let window = max(0, k - 15)..<min(values.count, k + 16)
                    if let peak = window.max(by: { abs(values[$0]) < abs(values[$1]) }) {
                        item.nearest = "most salient day nearby (value \(String(format: "%.1f", values[peak])))"
                        item.nearestDate = labels[peak]
                    }
                }
                out.append(item)
            }
            let answer = Answer(a: first.code, b: second.code, series: series.rawValue, resolution: daily ? "daily" : "monthly", transform: chosen.rawValue, from: start.description, to: end.description, points: values.count, penalty: beta, breaks: out)
            switch format {
            case .json: print(try Output.json(answer))
            case .table:
                print("\(first.name) (\(first.code)) – \(second.name) (\(second.code)): \(series.rawValue), \(answer.resolution), \(start)–\(end), \(values.count) points; PELT, L2 cost on \(chosen == .log ? "log(1 + x)" : "the values"), penalty \(String(format: "%.4g", beta)); means below are of the untransformed values")
                if out.isEmpty { print("No change point.") }
                print(Output.table(["break", "mean before", "mean after", "nearest event"], out.map { brk in [
                    brk.date, Output.number(brk.before, digits: 1), Output.number(brk.after, digits: 1),
                    brk.nearest.map { "\(brk.nearestDate ?? ""): \(Output.printable($0))" } ?? "",
                ] }, rightAligned: [1, 2]))
            }
        }
    }
}

func daysBetween(_ a: Day, _ b: Day) -> Int {
    let calendar = Calendar(identifier: .gregorian)
    func date(_ d: Day) -> Date { calendar.date(from: DateComponents(timeZone: TimeZone(identifier: "UTC"), year: d.year, month: d.month, day: d.day))! }
    return Int((date(a).timeIntervalSince(date(b)) / 86_400).rounded())
}

struct DriversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drivers",
        abstract: "How strongly A–B cooperation tracks a driver (another dyad's conflict): cross-correlation and Granger tests, both directions.",
        discussion: """
            Monthly series from the ingested dyad series: y = A–B cooperation (positive mass), x = the driver's \
            conflict (negative mass). The default driver is the pair involving A or B (other than A–B) with the most \
            conflict over the range. Lags 1…--max-lag are tested; the lag is chosen by BIC. Method: \
            Guides/Drivers.md.

            Example:
              entente drivers RUS PRK --driver RUS UKR --max-lag 6
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(parsing: .upToNextOption, help: ArgumentHelp("The driver pair (two states).", valueName: "C D")) var driver: [String] = []
    @Option(help: "Longest lag tested, in months.") var maxLag = 6
    @Option(help: ArgumentHelp("First month (default: the series' first).", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month (default: the series' last).", valueName: "YYYY-MM")) var to: String?
    @Option(help: "Output format.") var format: StatusCommand.StatusFormat = .table
    @OptionGroup var store: StoreOptions

    struct Answer: Encodable {
        var a: String, b: String, driver: [String], from: String, to: String, months: Int
        var crossCorrelation: [[String: Double?]]
        var driverToDyad: [Granger.Result]
        var dyadToDriver: [Granger.Result]
        var chosenLag: Int?
        var reading: String
    }

    func validate() throws {
        guard driver.isEmpty || driver.count == 2 else { throw ValidationError("--driver takes two states, e.g. --driver RUS UKR.") }
        guard (1...24).contains(maxLag) else { throw ValidationError("--max-lag must be between 1 and 24.") }
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let db = try store.open()
            guard try db.hasSeries() else { throw EntenteError(.invalidArgument, "no dyad series in the store: ingest one first (entente ingest --format dyad-series FILE)") }
            let dyad = try db.seriesMonths(first.code, second.code)
            guard let firstMonth = dyad.first?.month, let lastMonth = dyad.last?.month else { throw EntenteError(.invalidArgument, "no series data for \(first.code)–\(second.code)") }
            let start = fromMonth ?? firstMonth, end = toMonth ?? lastMonth
            var pair: (String, String)
            if driver.count == 2 {
                pair = (try resolveCountry(driver[0]).code, try resolveCountry(driver[1]).code)
            } else {
                let all = try db.seriesAllMonths(from: start, to: end)
                let candidates = all.filter { key, _ in
                    let p = key.split(separator: "|").map(String.init)
                    return (p.contains(first.code) || p.contains(second.code)) && Set(p) != [first.code, second.code]
                }
                guard let top = candidates.max(by: { $0.value.reduce(0) { $0 + $1.negative } < $1.value.reduce(0) { $0 + $1.negative } }) else {
                    throw EntenteError(.invalidArgument, "no candidate driver involving \(first.code) or \(second.code)")
                }
                let p = top.key.split(separator: "|").map(String.init)
                pair = (p[0], p[1])
            }
            let driverMonths = try db.seriesMonths(pair.0, pair.1)
            let months = Array(stride(from: start, through: end, by: 1))
            let yMap = Dictionary(uniqueKeysWithValues: dyad.map { ($0.month, $0.positive) })
            let xMap = Dictionary(uniqueKeysWithValues: driverMonths.map { ($0.month, $0.negative) })
            let y = months.map { yMap[$0] ?? 0 }, x = months.map { xMap[$0] ?? 0 }
            let forward = Granger.best(y: y, x: x, maxLag: maxLag)
            let backward = Granger.best(y: x, x: y, maxLag: maxLag)
            let cc = Granger.crossCorrelation(y: y, x: x, maxLag: maxLag).map { ["lag": Double($0.lag), "r": $0.r] }
            var reading: String
            if let c = forward?.chosen {
                let strength = c.p < 0.01 ? "strongly" : c.p < 0.05 ? "significantly" : "not significantly"
                reading = "\(pair.0)–\(pair.1) conflict \(strength) helps predict \(first.code)–\(second.code) cooperation (lag \(c.lag) month\(c.lag == 1 ? "" : "s"), F = \(String(format: "%.2f", c.f)), p = \(String(format: "%.3g", c.p)))"
                if let r = backward?.chosen { reading += "; the reverse is \(r.p < 0.05 ? "also significant" : "not significant") (p = \(String(format: "%.3g", r.p)))" }
                reading += ". Granger causality is predictive precedence, not proof of cause."
            } else {
                reading = "Too few months to test (\(months.count)): widen --from/--to or lower --max-lag."
            }
            let answer = Answer(a: first.code, b: second.code, driver: [pair.0, pair.1], from: start.description, to: end.description, months: months.count,
                                crossCorrelation: cc, driverToDyad: forward?.all ?? [], dyadToDriver: backward?.all ?? [], chosenLag: forward?.chosen.lag, reading: reading)
            switch format {
            case .json: print(try Output.json(answer))
            case .table:
                print("\(first.code)–\(second.code) cooperation vs \(pair.0)–\(pair.1) conflict, monthly, \(start)–\(end) (\(months.count) months)")
                print("Cross-correlation r(lag) (positive lag: the driver leads): " + Granger.crossCorrelation(y: y, x: x, maxLag: maxLag).map { "\($0.lag):\($0.r.map { String(format: "%.2f", $0) } ?? "-")" }.joined(separator: " "))
                print(Output.table(
                    ["lag", "F driver→dyad", "p", "F dyad→driver", "p", "BIC"],
                    (forward?.all ?? []).map { r in
                        let back = backward?.all.first { $0.lag == r.lag }
                        return [String(r.lag) + (r.lag == forward?.chosen.lag ? " *" : ""), Output.number(r.f, digits: 2), String(format: "%.3g", r.p),
                                back.map { Output.number($0.f, digits: 2) } ?? "-", back.map { String(format: "%.3g", $0.p) } ?? "-", r.bic.map { Output.number($0, digits: 1) } ?? "-"]
                    }, rightAligned: [1, 2, 3, 4, 5]))
                print(reading)
            }
        }
    }
}
