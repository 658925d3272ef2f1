import ArgumentParser
import EntenteCore
import EntenteServices
import Foundation

struct AdversariesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adversaries",
        abstract: "Third states both A and B treat as adversaries (and friends), profile similarity, and signed triads.",
        discussion: """
            From the ingested dyad series over --from…--to. A third state C ranks by lift: each side's conflict share \
            with C over what C's baseline (with every state but A and B) and the side's own baseline predict, shrunk \
            by empirical Bayes for thin coverage; the score is the geometric mean of the two lifts, both above 1, with \
            at least 30 covered days on each side (the days are shown). Similarity of the two hostility (and \
            cooperation) profiles: cosine. Triads A–B–C: balanced when the product of the three balance signs is \
            positive. Method: Guides/CommonAdversaries.md.

            Example:
              entente adversaries RUS PRK --from 2022-01 --to 2024-02
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month.", valueName: "YYYY-MM")) var to: String?
    @Option(help: "How many adversaries and friends to list (1–1000).") var top = 10
    @Option(help: "Output format.") var format: TextFormat = .table
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try validateRange(from, to)
        try validateNumber(top, in: RequestLimits.top, "--top")
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let request = AdversariesRequest(a: first.code, b: second.code, from: fromMonth, to: toMonth, top: top)
            let answer = try workspace(store).adversaries(request)
            switch format {
            case .json: print(try Output.json(answer))
            case .table: print(RelationalText.adversaries(answer, first, second))
            }
        }
    }
}

struct CounterbalancingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counterbalancing",
        abstract: "Do third parties draw closer when A and B do? Cooperation before vs after a change, with a permutation test.",
        discussion: """
            The month of change is --around, or the A–B monthly-cooperation change point with the largest rise. Third-party \
            pairs: every pair among --third (default: the top three shared adversaries by lift). For each pair: mean \
            monthly log(1 + cooperation) over the covered months in the --window before vs after, the difference, a \
            block-permutation p-value (10,000 rearrangements, seed recorded), its Holm adjustment across the pairs, and a \
            placebo difference-in-differences against unrelated pairs of similar coverage. "No evidence" unless both \
            agree. Method: Guides/Counterbalancing.md.

            Example:
              entente counterbalancing RUS PRK --around 2023-09 --third USA,JPN,KOR
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("The month of change (default: A–B's biggest rise).", valueName: "YYYY-MM")) var around: String?
    @Option(help: ArgumentHelp("Third states, comma-separated.", valueName: "USA,JPN,KOR")) var third: String?
    @Option(help: "Months before and after (3–120).") var window = 12
    @Option(help: "Output format.") var format: TextFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try validateNumber(window, in: RequestLimits.counterbalancingWindow, "--window", unit: " months")
        _ = try parseMonth(around, option: "--around")
        if let third {
            let states = try third.split(separator: ",", omittingEmptySubsequences: false).map {
                try resolveCountry($0.trimmingCharacters(in: .whitespaces)).code
            }
            guard Set(states).count == states.count, states.count >= 2 else {
                throw ValidationError("--third takes at least two different states, comma-separated (e.g. USA,JPN,KOR), not '\(third)'.")
            }
        }
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let aroundMonth = try parseMonth(around, option: "--around")
        let states = try third.map {
            try $0.split(separator: ",", omittingEmptySubsequences: false).map {
                try resolveCountry($0.trimmingCharacters(in: .whitespaces)).code
            }
        }
        try reportingErrors {
            let request = CounterbalancingRequest(a: first.code, b: second.code, around: aroundMonth, third: states, window: window)
            let answer = try workspace(store, knowledge).counterbalancing(request)
            switch format {
            case .json: print(try Output.json(answer))
            case .table: print(RelationalText.counterbalancing(answer))
            }
        }
    }
}

struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "A–B cooperation and the index under a driver scenario (stops, continues, doubles): a projection, not a forecast.",
        discussion: """
            Estimates log(1 + A–B cooperation) = α + β log(1 + driver conflict, lagged L) on the covered months (L: the \
            lag chosen by BIC; β with a Newey–West standard error), then applies the scenario's driver level over \
            --horizon months: stops (the driver's pre-escalation level), continues (its last 12 covered months' mean), \
            doubles (twice that), with a warning outside the observed range. The index recomputes the components the \
            series drives and says which it holds fixed; the band is 95 %. Method: Guides/Scenarios.md.

            Example:
              entente scenario RUS PRK --driver RUS UKR --if stops --horizon 24
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(parsing: .upToNextOption, help: ArgumentHelp("The driver pair.", valueName: "C D")) var driver: [String]
    @Option(name: .customLong("if"), help: "The scenario.") var path: Scenario.Path = .stops
    @Option(help: "Months projected (1–120).") var horizon = 24
    @Option(help: "Longest lag considered, in months (1–24).") var maxLag = 6
    @Option(help: "Output format.") var format: TextFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard driver.count == 2 else { throw ValidationError("--driver takes two states, e.g. --driver RUS UKR.") }
        try validateNumber(horizon, in: RequestLimits.horizon, "--horizon", unit: " months")
        try validateNumber(maxLag, in: RequestLimits.maxLag, "--max-lag", unit: " months")
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let c = try resolveCountry(driver[0]), d = try resolveCountry(driver[1])
        try reportingErrors {
            let request = ScenarioRequest(
                a: first.code, b: second.code, driver: Dyad(c.code, d.code), path: path, horizon: horizon, maxLag: maxLag)
            let answer = try workspace(store, knowledge).scenario(request)
            switch format {
            case .json: print(try Output.json(answer))
            case .table: print(RelationalText.scenario(answer))
            }
        }
    }
}
