import ArgumentParser
import EntenteCore
import EntenteStore
import Foundation

/// Loads what the index needs for a dyad from the store, the cube and the knowledge base.
struct EvidenceLoader {
    let kb: KnowledgeBase
    let store: EventStore?
    let cubePath: String?

    init(knowledge: KnowledgeOptions, store options: StoreOptions) throws {
        kb = try knowledge.load()
        let home = options.home ?? EventStore.defaultHome()
        let storeFile = (home as NSString).appendingPathComponent(EventStore.fileName)
        store = FileManager.default.fileExists(atPath: storeFile) ? try EventStore(path: storeFile) : nil
        let cube = DyadCube.defaultPath(home: home)
        cubePath = FileManager.default.fileExists(atPath: cube) ? cube : nil
    }

    /// Everything known about A–B; `balances` over the window ending at `at`.
    func evidence(_ a: String, _ b: String, at: Month, window: Int) throws -> DyadEvidence {
        try windowed(unwindowed(a, b), at: at, window: window)
    }

    /// What does not depend on the window: the knowledge base, the A–B series, the cube's cells
    /// and diplomatic totals. Read once for a monthly run.
    private func unwindowed(_ a: String, _ b: String) throws -> DyadEvidence {
        var e = DyadEvidence(a: a, b: b, knowledgeBase: kb)
        if let store, try store.hasSeries() {
            e.seriesMonths = try store.seriesMonths(a, b)
        }
        if let cubePath {
            e.cubeCells = try DyadCube.cells(from: a, to: b, in: cubePath) + DyadCube.cells(from: b, to: a, in: cubePath)
            var totals: [String: [Month: Int64]] = [:]
            for s in [a, b] {
                for cell in try DyadCube.cells(from: s, in: cubePath) {
                    let dip = PartnershipIndex.diplomaticColumns.reduce(Int64(0)) { $0 + cell.values[$1.rawValue] }
                    totals[s, default: [:]][cell.key.month, default: 0] += dip
                }
            }
            e.diplomaticTotals = totals
        }
        return e
    }

    /// `base` with the balances and activity of the window ending at `at` (when there is a series).
    private func windowed(_ base: DyadEvidence, at: Month, window: Int) throws -> DyadEvidence {
        guard let store, base.seriesMonths != nil else { return base }
        var e = base
        let states = [base.a, base.b]
        e.balances = try store.seriesBalances(of: states, from: at.advanced(by: -(window - 1)), to: at)
        e.activity = try store.seriesActivity(of: states, from: at.advanced(by: -(window - 1)), to: at)
        return e
    }

    /// The month range of a monthly command: `--to` (default the last month with data) and
    /// `--from` (default 23 months before), checked.
    func range(_ a: String, _ b: String, from: Month?, to: Month?) throws -> (Month, Month) {
        let end = try to ?? latestMonth(a, b)
        let start = from ?? end.advanced(by: -23)
        guard start <= end else { throw EntenteError(.invalidArgument, "--from \(start) is after --to \(end)") }
        return (start, end)
    }

    /// The assessment of each month from `start` to `end` (each month's window ends there).
    func monthly(_ a: String, _ b: String, from start: Month, to end: Month, window: Int) throws -> [Assessment] {
        let base = try unwindowed(a, b)
        return try stride(from: start, through: end, by: 1).map { m in
            PartnershipIndex.assess(try windowed(base, at: m, window: window), at: m, window: window)
        }
    }

    /// The last month with any data on the dyad, or the current month.
    func latestMonth(_ a: String, _ b: String) throws -> Month {
        var months: [Month] = []
        if let store, try store.hasSeries(), let last = try store.seriesMonths(a, b).last { months.append(last.month) }
        if let cubePath, let last = try (DyadCube.cells(from: a, to: b, in: cubePath) + DyadCube.cells(from: b, to: a, in: cubePath)).map(\.key.month).max() { months.append(last) }
        if let last = kb.events(between: a, and: b).last { months.append(last.date.earliest.period) }
        return months.max() ?? TreatiesCommand.today.period
    }
}

struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Judge the relationship of A and B: seven components, the index, a classification with its reasons and confidence.",
        discussion: """
            Components (0–1 each, with coverage and evidence, and the change since the previous window): commitment \
            (knowledge base), military-technical, diplomatic, breadth (cube and knowledge base), durability, alignment, \
            hostility (dyad series, or the cube). A component without data says "no data". Classes: alliance, \
            strategic partnership, temporary rapprochement, distant, rivalry. Definitions, weights and rules: \
            Guides/PartnershipIndex.md.

            Examples:
              entente assess RUS PRK --at 2024-07
              entente assess USA JPN --window 24 --format markdown
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("The last month of the window (default: the last month with data).", valueName: "YYYY-MM")) var at: String?
    @Option(help: "Window length in months.") var window = 12
    @Option(help: "Output format.") var format: AssessFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    enum AssessFormat: String, ExpressibleByArgument, CaseIterable { case table, json, markdown }

    func validate() throws {
        guard (1...240).contains(window) else { throw ValidationError("--window must be between 1 and 240 months.") }
    }

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let month = try parseMonth(at, option: "--at")
        try reportingErrors {
            let loader = try EvidenceLoader(knowledge: knowledge, store: store)
            let end = try month ?? loader.latestMonth(first.code, second.code)
            let assessment = PartnershipIndex.assess(try loader.evidence(first.code, second.code, at: end, window: window), at: end, window: window)
            switch format {
            case .json: print(try Output.json(assessment))
            case .table: print(AssessmentText.text(assessment, names: (first.name, second.name)))
            case .markdown: print(AssessmentText.markdown(assessment, names: (first.name, second.name)))
            }
        }
    }
}

enum AssessmentText {
    static func f(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "no data" }
    static func trend(_ t: Double?) -> String { t.map { String(format: "%+.2f", $0) } ?? "" }

    static func text(_ x: Assessment, names: (String, String)) -> String {
        var out = ["\(names.0) (\(x.a)) – \(names.1) (\(x.b)), \(x.window) months to \(x.at)"]
        out.append("Classification: \(x.classification.rawValue) (confidence \(x.confidenceLabel), \(f(x.confidence)))")
        out.append("  because: " + x.decidedBy.joined(separator: "; "))
        out.append("Index \(f(x.index)): behavioural \(f(x.behavioural)), intensity \(f(x.intensity)), commitment \(f(x.component(.commitment).value))")
        out.append("")
        out.append(Output.table(["component", "value", "trend", "coverage"], x.components.map { [$0.name.rawValue, f($0.value), trend($0.trend), $0.coverage.joined(separator: ", ")] }, rightAligned: [1, 2]))
        out.append("")
        out.append("Evidence:")
        for c in x.components where !c.evidence.isEmpty {
            for e in c.evidence.prefix(3) {
                out.append("  [\(c.name.rawValue)] \(e.date) (\(e.origin)) \(Output.printable(e.text))" + (e.source.map { " <\(Output.printable($0))>" } ?? ""))
            }
        }
        out.append("")
        out.append("Indicators to watch:")
        for i in x.indicators { out.append("  - \(i)") }
        return out.joined(separator: "\n")
    }

    static func markdown(_ x: Assessment, names: (String, String)) -> String {
        func md(_ s: String) -> String {
            Output.printable(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var out = ["# \(names.0) – \(names.1): \(x.classification.rawValue)", ""]
        out.append("**Index \(f(x.index))** (behavioural \(f(x.behavioural)), intensity \(f(x.intensity)), commitment \(f(x.component(.commitment).value))), \(x.window) months to \(x.at). Confidence: \(x.confidenceLabel) (\(f(x.confidence))).")
        out.append("")
        out.append("Decided by: " + x.decidedBy.map(md).joined(separator: "; ") + ".")
        out.append("")
        out.append("| component | value | trend | coverage |")
        out.append("|---|---|---|---|")
        for c in x.components { out.append("| \(c.name.rawValue) | \(f(c.value)) | \(trend(c.trend)) | \(c.coverage.joined(separator: ", ")) |") }
        out.append("")
        out.append("## Evidence")
        for c in x.components where !c.evidence.isEmpty {
            for e in c.evidence.prefix(3) {
                let link = e.source.flatMap { s -> String? in s.hasPrefix("http://") || s.hasPrefix("https://") ? " ([source](\(s.replacingOccurrences(of: ")", with: "%29"))))" : nil } ?? ""
                out.append("- *\(c.name.rawValue)* — \(e.date): \(md(e.text))\(link)")
            }
        }
        out.append("")
        out.append("## Indicators to watch")
        for i in x.indicators { out.append("- \(md(i))") }
        return out.joined(separator: "\n")
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
    @Option(help: "Window length in months.") var window = 12
    @Option(help: "Output format.") var format: OutputFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let loader = try EvidenceLoader(knowledge: knowledge, store: store)
            let (start, end) = try loader.range(first.code, second.code, from: fromMonth, to: toMonth)
            let rows = try loader.monthly(first.code, second.code, from: start, to: end, window: window)
            let names = IndexComponent.Name.allCases.map(\.rawValue)
            let header = ["month", "index", "behavioural", "intensity", "classification"] + names
            let values = rows.map { x in
                [x.at.description, AssessmentText.f(x.index), AssessmentText.f(x.behavioural), AssessmentText.f(x.intensity), x.classification.rawValue] + x.components.map { AssessmentText.f($0.value) }
            }
            switch format {
            case .json:
                struct Row: Encodable { var month: String; var index: Double?; var behavioural: Double?; var intensity: Double?; var classification: String; var components: [String: Double?] }
                print(try Output.json(rows.map { x in
                    Row(month: x.at.description, index: x.index, behavioural: x.behavioural, intensity: x.intensity, classification: x.classification.rawValue,
                        components: Dictionary(uniqueKeysWithValues: x.components.map { ($0.name.rawValue, $0.value) }))
                }))
            case .csv: print(Output.csv(header, values))
            case .table:
                print("\(first.name) (\(first.code)) – \(second.name) (\(second.code)): index by month, \(window)-month windows")
                print(Output.table(header, values, rightAligned: Set([1, 2, 3] + Array(5..<(5 + names.count)))))
            }
        }
    }
}

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "How well the behavioural index separates allies from rivals (ROC AUC), on the ingested dyad series.",
        discussion: """
            LABELS is a CSV with columns a,b,year,label (label `ally` or `rival`; others are ignored). Each labelled dyad \
            is scored on the dyad series alone (no knowledge base: commitment is what is being predicted), over the \
            window ending in December of its year, or at --at. Prints the AUC of the behavioural index beside the naive \
            baseline (the mean daily value of the series), per-class score distributions and the dyads ranked most \
            wrongly. --calibrate also fits the behavioural weights by logistic regression (5-fold cross-validated AUC).

            Labels from public data: scripts/make-labels (ATOP 2018 defence pacts vs strategic rivalries).
            """
    )

    @Option(help: ArgumentHelp("The labels CSV.", valueName: "file")) var labels: String
    @Option(help: ArgumentHelp("The last month of every window (default: December of each label's year).", valueName: "YYYY-MM")) var at: String?
    @Option(help: "Window length in months.") var window = 12
    @Flag(help: "Fit the behavioural weights (logistic regression) and report their cross-validated AUC.") var calibrate = false
    @Option(help: "Output format.") var format: StatusCommand.StatusFormat = .table
    @OptionGroup var store: StoreOptions

    func run() throws {
        let atMonth = try parseMonth(at, option: "--at")
        try reportingErrors {
            let rows = try LabelsFile.read(labels)
            let store = try store.open()
            guard try store.hasSeries() else { throw EntenteError(.invalidArgument, "no dyad series in the store: ingest one first (entente ingest --format dyad-series FILE)") }
            var cache: [Month: ([String: [DyadSeriesMonth]], [String: [String: Double]], [String: Double])] = [:]
            var scored: [(row: LabelsFile.Row, score: Double, baseline: Double, features: [Double])] = []
            var missing = 0
            for row in rows {
                let end = atMonth ?? Month(year: row.year, month: 12)!
                if cache[end] == nil {
                    let start = end.advanced(by: -(window - 1))
                    let all = try store.seriesAllMonths(from: start, to: end)
                    var balances: [String: [String: Double]] = [:]
                    var activity: [String: Double] = [:]
                    for (key, months) in all {
                        let p = months.reduce(0) { $0 + $1.positive }, n = months.reduce(0) { $0 + $1.negative }
                        let pair = key.split(separator: "|").map(String.init)
                        activity[pair[0], default: 0] += p
                        activity[pair[1], default: 0] += p
                        guard p + n > 0 else { continue }
                        let parts = key.split(separator: "|").map(String.init)
                        balances[parts[0], default: [:]][parts[1]] = (p - n) / (p + n + DyadSeriesMonth.balancePseudoMass)
                        balances[parts[1], default: [:]][parts[0]] = (p - n) / (p + n + DyadSeriesMonth.balancePseudoMass)
                    }
                    cache[end] = (all, balances, activity)
                }
                let (all, balances, activity) = cache[end]!
                let key = row.a < row.b ? "\(row.a)|\(row.b)" : "\(row.b)|\(row.a)"
                guard let months = all[key], !months.isEmpty else { missing += 1; continue }
                let x = PartnershipIndex.assess(DyadEvidence(a: row.a, b: row.b, seriesMonths: months, balances: balances, activity: activity), at: end, window: window)
                guard let score = x.behavioural else { missing += 1; continue }
                let features = [x.component(.durability).value ?? 0, x.component(.alignment).value ?? 0.5, 1 - (x.component(.hostility).value ?? 0), x.component(.diplomatic).value ?? 0]
                scored.append((row, score, EventStore.meanDaily(months), features + [x.intensity ?? 0, x.index ?? 0]))
            }
            let isAlly = scored.map { $0.row.ally }
            let auc = ROC.auc(scores: scored.map(\.score), labels: isAlly)
            let baseline = ROC.auc(scores: scored.map(\.baseline), labels: isAlly)
            let withIntensity = ROC.auc(scores: scored.map { $0.features[5] }, labels: isAlly)
            var calibration: Calibration?
            if calibrate {
                calibration = Calibration.run(features: scored.map { Array($0.features.prefix(3)) }, labels: isAlly)
                calibration?.diplomaticSlope = Logistic.fit(scored.map { Array($0.features.prefix(4)) }, isAlly).last
            }
            let report = EvaluationReport(
                labels: rows.count, scored: scored.count, withoutData: missing, allies: isAlly.filter { $0 }.count, rivals: isAlly.filter { !$0 }.count,
                window: window, at: atMonth?.description, auc: auc, baselineAUC: baseline, indexWithoutCommitmentAUC: withIntensity,
                allyScores: Quartiles(scored.filter { $0.row.ally }.map(\.score)), rivalScores: Quartiles(scored.filter { !$0.row.ally }.map(\.score)),
                mostWronglyRankedRivals: scored.filter { !$0.row.ally }.sorted { $0.score > $1.score }.prefix(5).map { "\($0.row.a)–\($0.row.b) \(String(format: "%.3f", $0.score))" },
                mostWronglyRankedAllies: scored.filter { $0.row.ally }.sorted { $0.score < $1.score }.prefix(5).map { "\($0.row.a)–\($0.row.b) \(String(format: "%.3f", $0.score))" },
                calibration: calibration)
            switch format {
            case .json: print(try Output.json(report))
            case .table: print(report.text)
            }
        }
    }
}

struct Quartiles: Encodable {
    var min: Double, q1: Double, median: Double, q3: Double, max: Double

    init(_ values: [Double]) {
        let s = values.sorted()
        func q(_ p: Double) -> Double { s.isEmpty ? 0 : s[Int((p * Double(s.count - 1)).rounded())] }
        min = q(0); q1 = q(0.25); median = q(0.5); q3 = q(0.75); max = q(1)
    }

    var text: String { String(format: "min %.3f  q1 %.3f  median %.3f  q3 %.3f  max %.3f", min, q1, median, q3, max) }
}

struct Calibration: Encodable {
    var features: [String]
    var coefficients: [Double]
    /// Positive slopes normalised to sum to 1: the behavioural weights.
    var weights: [String: Double]
    var crossValidatedAUC: Double?
    /// The slope cooperative intensity (diplomatic) gets when fitted beside them: negative means
    /// it ranks rivals above allies, which is why it is kept out of the behavioural score.
    var diplomaticSlope: Double?

    static func run(features x: [[Double]], labels y: [Bool]) -> Calibration {
        let names = ["durability", "alignment", "1 - hostility"]
        let w = Logistic.fit(x, y)
        let slopes = w.dropFirst().map { max(0, $0) }
        let total = slopes.reduce(0, +)
        var scores = [Double](repeating: 0, count: x.count)
        for fold in 0..<5 {
            let test = x.indices.filter { $0 % 5 == fold }, train = x.indices.filter { $0 % 5 != fold }
            let wf = Logistic.fit(train.map { x[$0] }, train.map { y[$0] })
            for i in test { scores[i] = zip(wf, [1.0] + x[i]).reduce(0) { $0 + $1.0 * $1.1 } }
        }
        return Calibration(
            features: names, coefficients: w.map { ($0 * 1000).rounded() / 1000 },
            weights: Dictionary(uniqueKeysWithValues: zip(names, slopes.map { total > 0 ? (($0 / total) * 100).rounded() / 100 : 0 })),
            crossValidatedAUC: ROC.auc(scores: scores, labels: y), diplomaticSlope: nil)
    }
}

struct EvaluationReport: Encodable {
    var labels: Int, scored: Int, withoutData: Int, allies: Int, rivals: Int
    var window: Int
    var at: String?
    var auc: Double?
    var baselineAUC: Double?
    /// The index without commitment (behavioural and intensity), for comparison.
    var indexWithoutCommitmentAUC: Double?
    var allyScores: Quartiles
    var rivalScores: Quartiles
    var mostWronglyRankedRivals: [String]
    var mostWronglyRankedAllies: [String]
    var calibration: Calibration?

    var text: String {
        var out = ["Labelled dyads: \(labels); scored \(scored) (\(allies) allies, \(rivals) rivals); \(withoutData) without series data in the window"]
        out.append("Window: \(window) months" + (at.map { " ending \($0)" } ?? " ending December of each label's year"))
        out.append(String(format: "AUC %.3f", auc ?? .nan) + "   behavioural index (allies above rivals)")
        out.append(String(format: "AUC %.3f", baselineAUC ?? .nan) + "   naive baseline: mean daily value of the series")
        out.append(String(format: "AUC %.3f", indexWithoutCommitmentAUC ?? .nan) + "   index without commitment (behavioural and intensity), for comparison")
        out.append("Allies: " + allyScores.text)
        out.append("Rivals: " + rivalScores.text)
        out.append("Rivals scored highest: " + mostWronglyRankedRivals.joined(separator: ", "))
        out.append("Allies scored lowest:  " + mostWronglyRankedAllies.joined(separator: ", "))
        if let c = calibration {
            out.append("Calibration (logistic regression, class-balanced): coefficients \(c.coefficients) for [intercept] + \(c.features)")
            out.append("  weights " + c.weights.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + String(format: "; 5-fold cross-validated AUC %.3f", c.crossValidatedAUC ?? .nan))
            if let d = c.diplomaticSlope { out.append(String(format: "  cooperative intensity (diplomatic) fitted beside them gets slope %.3f (negative: it ranks rivals above allies)", d)) }
        }
        return out.joined(separator: "\n")
    }
}

/// `a,b,year,label` rows.
enum LabelsFile {
    struct Row { var a: String; var b: String; var year: Int; var ally: Bool }

    static func read(_ path: String) throws -> [Row] {
        guard let data = FileManager.default.contents(atPath: path) else { throw EntenteError(.fileNotFound, "cannot read the labels file", file: path) }
        var rows: [Row] = []
        for (i, line) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if i == 0 && f.first?.lowercased() == "a" { continue }
            guard f.count == 4, let year = Int(f[2]), let a = Country.iso3(f[0]), let b = Country.iso3(f[1]) else {
                throw EntenteError(.malformedRow, "expected a,b,year,label with ISO3 codes", file: path, line: i + 1)
            }
            switch f[3].lowercased() {
            case "ally", "allied", "alliance": rows.append(Row(a: a.code, b: b.code, year: year, ally: true))
            case "rival", "rivalry": rows.append(Row(a: a.code, b: b.code, year: year, ally: false))
            default: continue
            }
        }
        return rows
    }
}
