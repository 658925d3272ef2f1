import ArgumentParser
import EntenteCore
import EntenteServices
import Foundation

struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Judge the relationship of A and B: seven components, the index, a classification with its reasons and confidence.",
        discussion: """
            Components (0–1 each, with coverage and evidence, and the change since the previous window): commitment \
            (knowledge base), military-technical, diplomatic, breadth (cube and knowledge base), durability, alignment, \
            hostility (dyad series, or the cube). A component without data says "no data".

            The class (alliance, strategic partnership, temporary rapprochement, distant, rivalry) comes from \
            judgement v2's ordered rules (R0–R6) over hostility relative to expectation, UN ideal points, SIPRI arms, \
            a defence duty in force either way and declared partnerships; the JSON carries the rule, the features, \
            the reasons, a calibrated confidence and what would change it. Definitions: Guides/PartnershipIndex.md; \
            measured accuracy: Guides/Scorecard.md.

            Examples:
              entente assess RUS PRK --at 2024-07
              entente assess USA JPN --window 24 --format markdown
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("The last month of the window (default: the last month with data).", valueName: "YYYY-MM")) var at: String?
    @Option(help: "Window length in months (1–240).") var window = 12
    @Option(help: "Output format.") var format: AssessFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    enum AssessFormat: String, ExpressibleByArgument, CaseIterable { case table, json, markdown }

    func validate() throws {
        try validateNumber(window, in: RequestLimits.window, "--window", unit: " months")
        _ = try parseMonth(at, option: "--at")
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let month = try parseMonth(at, option: "--at")
        try reportingErrors {
            let request = AssessRequest(a: first.code, b: second.code, at: month, window: window)
            let assessment = try workspace(store, knowledge).assess(request)
            switch format {
            case .json: print(try Output.json(assessment))
            case .table: print(AssessmentText.text(assessment, names: (first.name, second.name)))
            case .markdown: print(AssessmentText.markdown(assessment, names: (first.name, second.name)))
            }
        }
    }
}

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "The partnership index and its components as a monthly series.",
        discussion: """
            Each month's value is the assessment of the window ending that month.

            Example:
              entente index RUS PRK --monthly --from 2022-01 --to 2024-02 --format csv
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Flag(help: "One row per month (the only mode for now; kept for clarity in scripts).") var monthly = false
    @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month (default: the last month with data).", valueName: "YYYY-MM")) var to: String?
    @Option(help: "Window length in months (1–240).") var window = 12
    @Option(help: "Output format.") var format: OutputFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try validateRange(from, to)
        try validateNumber(window, in: RequestLimits.window, "--window", unit: " months")
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let request = IndexRequest(a: first.code, b: second.code, from: fromMonth, to: toMonth, window: window)
            let rows = try workspace(store, knowledge).index(request)
            switch format {
            case .json: print(try Output.json(rows.map(IndexRow.init)))
            case .csv: print(Output.csv(AssessmentText.indexHeader, rows.map(AssessmentText.indexRow)))
            case .table:
                print("\(first.name) (\(first.code)) – \(second.name) (\(second.code)): index by month, \(window)-month windows")
                let numeric = Set([1, 2, 3] + Array(5..<AssessmentText.indexHeader.count))
                print(Output.table(AssessmentText.indexHeader, rows.map(AssessmentText.indexRow), rightAligned: numeric))
            }
        }
    }
}

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "How well Entente separates allies from rivals (--labels), and how often it names the right class (--classes).",
        discussion: """
            --labels FILE: a CSV a,b,year,label (label `ally` or `rival`; others ignored). Each dyad is scored on the \
            dyad series alone (behaviour only: commitments are what the labels come from), over the window ending in \
            December of its year, or at --at. Prints the AUC of behaviour — −(hostility relative to expectation), the \
            measure the judgement uses, plus 3 × the behavioural composite — and of each part alone, beside two \
            baselines a sceptic would try: the mean daily value and the days in the news (volumeAUC). --calibrate fits the behavioural \
            weights (5-fold cross-validated AUC). Labels from public data: scripts/make-labels.

            --classes FILE: a CSV with columns a,b,year,class (one of the five classes; optional ambiguous=yes|no), \
            e.g. scripts/labels/dyad-classes.csv. Each dyad-year is assessed at December of its year with every layer \
            in the store; prints accuracy, within-one-class accuracy, gross errors (an alliance or strategic \
            partnership called a rivalry, or the reverse), the confusion matrix, the volume baseline and the \
            reliability of the confidence, for the years up to --fit-until and after separately.
            """
    )

    @Option(help: ArgumentHelp("Ally/rival labels CSV (behaviour-only AUC).", valueName: "file")) var labels: String?
    @Option(help: ArgumentHelp("Class labels CSV (the scorecard).", valueName: "file")) var classes: String?
    @Option(
        help: ArgumentHelp("With --labels: the last month of every window (default: December of each label's year).", valueName: "YYYY-MM"))
    var at: String?
    @Option(help: "Window length in months (1–240).") var window = 12
    @Flag(help: "With --labels: fit the behavioural weights (logistic regression) and report their cross-validated AUC.")
    var calibrate = false
    @Option(help: ArgumentHelp("With --classes: the last year of the fit period; later years are reported as held out.", valueName: "YYYY"))
    var fitUntil = 2020
    @Option(help: "Output format.") var format: TextFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (labels == nil) != (classes == nil) else { throw ValidationError("give one of --labels FILE or --classes FILE.") }
        try validateNumber(window, in: RequestLimits.window, "--window", unit: " months")
        try validateNumber(fitUntil, in: RequestLimits.years, "--fit-until")
        _ = try parseMonth(at, option: "--at")
    }

    func run() throws {
        let atMonth = try parseMonth(at, option: "--at")
        try reportingErrors {
            let workspace = workspace(store, knowledge)
            if let classes {
                let card = try workspace.scorecard(labels: classes, fitUntil: fitUntil)
                switch format {
                case .json: print(try Output.json(card))
                case .table: print(EvaluationText.scorecard(card))
                }
                return
            }
            let request = EvaluateRequest(labels: labels ?? "", at: atMonth, window: window, calibrate: calibrate)
            let report = try workspace.evaluate(request)
            switch format {
            case .json: print(try Output.json(report))
            case .table: print(EvaluationText.text(report))
            }
        }
    }
}
