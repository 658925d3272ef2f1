import ArgumentParser
import EntenteCore
import EntenteServices
import Foundation

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Change points in a dyad's series (PELT, penalty BIC by default), each with the nearest curated event.",
        discussion: """
            Series (from an ingested dyad series): cooperation (positive mass), conflict (negative mass), net, or \
            index (the monthly partnership index). Monthly by default; --daily uses the daily values. Only covered \
            points are searched (a day the series lacks is missing, not zero; a month under 75 % covered is missing, \
            fuller ones are scaled to a full month); the default penalty is scaled by the residuals' autocorrelation. \
            A break next to a gap or near an end is flagged (gap, end): not a finding. An excursion that comes back \
            within 90 days (3 months) is an episode. Each break gives its date, the mean before and after, and the \
            nearest curated event within 45 days, or else the most salient day within 15 days. Method: \
            Guides/ChangePoints.md.

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
    @Option(help: "PELT penalty β, a finite number ≥ 0 (default: 2σ̂² ln n × the autocorrelation factor).")
    var penalty: Double?
    @Option(
        help:
            "Transform before detection: log (log(1 + x), default for cooperation and conflict, whose masses are heavy-tailed) or none."
    )
    var transform: ChangesRequest.Transform?
    @Option(help: "Shortest segment in covered points, 1–10000 (default: 30 daily, 2 monthly).") var minSize: Int?
    @Option(help: "Output format.") var format: TextFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try validateRange(from, to)
        if daily && series == .index { throw ValidationError("--daily works with cooperation, conflict or net.") }
        if let penalty, !(penalty.isFinite && penalty >= 0) {
            throw ValidationError("--penalty must be a finite number ≥ 0, not \(penalty).")
        }
        if let minSize { try validateNumber(minSize, in: RequestLimits.minSize, "--min-size", unit: " points") }
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let request = ChangesRequest(
                a: first.code, b: second.code, series: series, daily: daily, from: fromMonth, to: toMonth, penalty: penalty,
                transform: transform, minSize: minSize)
            let answer = try workspace(store, knowledge).changes(request)
            switch format {
            case .json: print(try Output.json(answer))
            case .table: print(RelationalText.changes(answer, first, second))
            }
        }
    }
}

struct DriversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drivers",
        abstract:
            "How strongly A–B cooperation tracks a driver (another dyad's conflict): cross-correlation and Granger tests, both directions.",
        discussion: """
            Monthly series from the ingested dyad series, covered months only: y = A–B cooperation (positive mass), \
            x = the driver's conflict (negative mass). The default driver is the pair involving A or B (other than A–B) \
            with the most conflict over the range. Tested on log differences (lags 1…--max-lag, chosen by BIC), \
            repeated on levels, logs and break-adjusted logs, and against 99 placebo drivers of similar coverage \
            (placeboPercentile, seed recorded). Method: Guides/Drivers.md.

            Example:
              entente drivers RUS PRK --driver RUS UKR --max-lag 6
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(parsing: .upToNextOption, help: ArgumentHelp("The driver pair (two states).", valueName: "C D")) var driver: [String] = []
    @Option(help: "Longest lag tested, in months (1–24).") var maxLag = 6
    @Option(help: ArgumentHelp("First month (default: the series' first).", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month (default: the series' last).", valueName: "YYYY-MM")) var to: String?
    @Option(help: "Output format.") var format: TextFormat = .table
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try validateRange(from, to)
        guard driver.isEmpty || driver.count == 2 else { throw ValidationError("--driver takes two states, e.g. --driver RUS UKR.") }
        try validateNumber(maxLag, in: RequestLimits.maxLag, "--max-lag", unit: " months")
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        let pair = driver.count == 2 ? Dyad(try resolveCountry(driver[0]).code, try resolveCountry(driver[1]).code) : nil
        try reportingErrors {
            let request = DriversRequest(a: first.code, b: second.code, driver: pair, maxLag: maxLag, from: fromMonth, to: toMonth)
            let answer = try workspace(store).drivers(request)
            switch format {
            case .json: print(try Output.json(answer))
            case .table: print(RelationalText.drivers(answer))
            }
        }
    }
}
