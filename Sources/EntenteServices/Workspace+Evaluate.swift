public import EntenteCore
import EntenteStore
import Foundation

/// What to evaluate: a labels file, the window (its end: each label's December, or `at`), and
/// whether to fit the weights.
public struct EvaluateRequest: Sendable {
    public var labels: String
    public var at: Month?
    public var window: Int
    public var calibrate: Bool

    public init(labels: String, at: Month? = nil, window: Int = 12, calibrate: Bool = false) {
        self.labels = labels
        self.at = at
        self.window = window
        self.calibrate = calibrate
    }

    /// Checks the request's values against ``RequestLimits``.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the field and the range.
    public func validate() throws {
        try RequestLimits.check(window, in: RequestLimits.window, "window", unit: " months")
    }
}

extension Workspace {
    /// The composite's weight beside relative hostility in the `evaluate --labels` score.
    static let compositeWeight = 3.0

    /// How well behaviour separates allies from rivals (ROC AUC) on the dyad series. The score is
    /// −(hostility relative to expectation) + 3 × the behavioural composite (durability, alignment,
    /// hostility incidence) over the window; each part's AUC is reported too, beside the naive
    /// baseline (the mean daily value) and days in the news. Behaviour only: no knowledge base,
    /// no treaties.
    ///
    /// - Throws: ``EntenteError`` when the labels cannot be read or there is no series.
    public func evaluate(_ request: EvaluateRequest) throws -> EvaluationReport {
        try request.validate()
        let rows = try LabelsFile.read(request.labels)
        guard !rows.isEmpty else {
            throw EntenteError(.invalidArgument, "no ally or rival label in the file (columns a,b,year,label)", file: request.labels)
        }
        let store = try seriesStore()
        let window = request.window
        var cache: [Month: ([Dyad: [DyadSeriesMonth]], [String: [String: Double]], [String: Double])] = [:]
        var scored: [(row: LabelsFile.Row, score: Double, baseline: Double, features: [Double])] = []
        var missing = 0
        for row in rows {
            guard let end = request.at ?? Month(year: row.year, month: 12) else {
                throw EntenteError(.invalidArgument, "label year \(row.year) is outside the years Entente handles (1800–2199)")
            }
            if cache[end] == nil {
                let all = try store.seriesAllMonths(from: end.advanced(by: -(window - 1)), to: end)
                var balances: [String: [String: Double]] = [:]
                var activity: [String: Double] = [:]
                for (pair, months) in all {
                    let p = months.reduce(0) { $0 + $1.positive }, n = months.reduce(0) { $0 + $1.negative }
                    activity[pair.a, default: 0] += p
                    activity[pair.b, default: 0] += p
                    guard p + n > 0 else { continue }
                    balances[pair.a, default: [:]][pair.b] = DyadSeriesMonth.balance(positive: p, negative: n)
                    balances[pair.b, default: [:]][pair.a] = DyadSeriesMonth.balance(positive: p, negative: n)
                }
                cache[end] = (all, balances, activity)
            }
            guard let (all, balances, activity) = cache[end] else { continue }
            guard let months = all[Dyad.unordered(row.a, row.b)], !months.isEmpty else {
                missing += 1
                continue
            }
            let evidence = DyadEvidence(a: row.a, b: row.b, seriesMonths: months, balances: balances, activity: activity)
            let x = PartnershipIndex.assess(evidence, at: end, window: window)
            guard let score = x.behavioural else {
                missing += 1
                continue
            }
            let features = [
                x.component(.durability).value ?? 0, x.component(.alignment).value ?? 0.5, 1 - (x.component(.hostility).value ?? 0),
                x.component(.diplomatic).value ?? 0,
            ]
            let days = Double(months.reduce(0) { $0 + $1.days })
            let h = try store.pairDayCounts(row.a, row.b, from: end.advanced(by: -(window - 1)), to: end).hostility ?? 0
            // The score joins the two behavioural measures: −(hostility relative to expectation),
            // judgement v2's, and the composite (durability, alignment, hostility incidence), each
            // weighted by the inverse of its spread on the 2018–2020 labelled pairs (SDs 0.96 and
            // 0.29: 1 and 3). Each is also reported alone.
            let joined = -h + Self.compositeWeight * score
            scored.append((row, joined, DyadSeriesMonth.meanDaily(months), features + [x.intensity ?? 0, x.index ?? 0, days, -h, score]))
        }
        let isAlly = scored.map { $0.row.ally }
        var calibration: Calibration?
        if request.calibrate {
            calibration = Calibration.run(features: scored.map { Array($0.features.prefix(3)) }, labels: isAlly)
            calibration?.diplomaticSlope = Logistic.fit(scored.map { Array($0.features.prefix(4)) }, isAlly).last
        }
        func ranked(_ ally: Bool) -> [String] {
            scored.filter { $0.row.ally == ally }.sorted { ally ? $0.score < $1.score : $0.score > $1.score }.prefix(5).map {
                "\($0.row.a)–\($0.row.b) \(String(format: "%.3f", $0.score))"
            }
        }
        return EvaluationReport(
            labels: rows.count, scored: scored.count, withoutData: missing, allies: isAlly.filter { $0 }.count,
            rivals: isAlly.filter { !$0 }.count, window: window, at: request.at?.description,
            auc: ROC.auc(scores: scored.map(\.score), labels: isAlly),
            baselineAUC: ROC.auc(scores: scored.map(\.baseline), labels: isAlly),
            volumeAUC: ROC.auc(scores: scored.map { $0.features[6] }, labels: isAlly),
            relativeHostilityAUC: ROC.auc(scores: scored.map { $0.features[7] }, labels: isAlly),
            compositeAUC: ROC.auc(scores: scored.map { $0.features[8] }, labels: isAlly),
            salient: {
                let years = Double(window) / 12
                let busy = scored.filter { $0.features[6] >= 180 * years }
                let allies = busy.map(\.row.ally)
                return EvaluationReport.SalientAUC(
                    allies: allies.filter { $0 }.count, rivals: allies.filter { !$0 }.count,
                    auc: ROC.auc(scores: busy.map(\.score), labels: allies),
                    volumeAUC: ROC.auc(scores: busy.map { $0.features[6] }, labels: allies),
                    relativeHostilityAUC: ROC.auc(scores: busy.map { $0.features[7] }, labels: allies),
                    compositeAUC: ROC.auc(scores: busy.map { $0.features[8] }, labels: allies))
            }(),
            indexWithoutCommitmentAUC: ROC.auc(scores: scored.map { $0.features[5] }, labels: isAlly),
            allyScores: Quartiles(scored.filter { $0.row.ally }.map(\.score)),
            rivalScores: Quartiles(scored.filter { !$0.row.ally }.map(\.score)),
            mostWronglyRankedRivals: ranked(false), mostWronglyRankedAllies: ranked(true), calibration: calibration)
    }
}
