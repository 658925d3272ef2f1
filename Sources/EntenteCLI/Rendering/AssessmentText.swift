import EntenteCore
import EntenteServices
import Foundation

/// The assessment as a terminal report, as Markdown, and as index table rows.
enum AssessmentText {
    static func f(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "no data" }
    static func trend(_ t: Double?) -> String { t.map { String(format: "%+.2f", $0) } ?? "" }

    static func text(_ x: Assessment, names: (String, String)) -> String {
        var out = ["\(names.0) (\(x.a)) – \(names.1) (\(x.b)), \(x.window) months to \(x.at)"]
        out.append("Classification: \(x.classification.rawValue) (confidence \(x.confidenceLabel), \(f(x.confidence)))")
        out.append("  because: " + x.decidedBy.joined(separator: "; "))
        out.append(
            "Index \(f(x.index)): behavioural \(f(x.behavioural)), intensity \(f(x.intensity)), "
                + "commitment \(f(x.component(.commitment).value))")
        out.append("")
        let rows = x.components.map { [$0.name.rawValue, f($0.value), trend($0.trend), $0.coverage.joined(separator: ", ")] }
        out.append(Output.table(["component", "value", "trend", "coverage"], rows, rightAligned: [1, 2]))
        out.append("")
        out.append("Evidence:")
        for c in x.components where !c.evidence.isEmpty {
            for e in c.evidence.prefix(3) {
                let source = e.source.map { " <\(Output.printable($0))>" } ?? ""
                out.append("  [\(c.name.rawValue)] \(e.date) (\(e.origin)) \(Output.printable(e.text))" + source)
            }
        }
        out.append("")
        out.append("Indicators to watch:")
        for i in x.indicators { out.append("  - \(i)") }
        return out.joined(separator: "\n")
    }

    static func markdown(_ x: Assessment, names: (String, String)) -> String {
        func md(_ s: String) -> String {
            Output.printable(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        var out = ["# \(names.0) – \(names.1): \(x.classification.rawValue)", ""]
        out.append(
            "**Index \(f(x.index))** (behavioural \(f(x.behavioural)), intensity \(f(x.intensity)), "
                + "commitment \(f(x.component(.commitment).value))), \(x.window) months to \(x.at). "
                + "Confidence: \(x.confidenceLabel) (\(f(x.confidence))).")
        out.append("")
        out.append("Decided by: " + x.decidedBy.map(md).joined(separator: "; ") + ".")
        out.append("")
        out.append("| component | value | trend | coverage |")
        out.append("|---|---|---|---|")
        for c in x.components {
            out.append("| \(c.name.rawValue) | \(f(c.value)) | \(trend(c.trend)) | \(c.coverage.joined(separator: ", ")) |")
        }
        out.append("")
        out.append("## Evidence")
        for c in x.components where !c.evidence.isEmpty {
            for e in c.evidence.prefix(3) {
                let link = e.source.flatMap { s -> String? in
                    s.hasPrefix("http://") || s.hasPrefix("https://") ? " ([source](\(s.replacingOccurrences(of: ")", with: "%29"))))" : nil
                }
                out.append("- *\(c.name.rawValue)* — \(e.date): \(md(e.text))\(link ?? "")")
            }
        }
        out.append("")
        out.append("## Indicators to watch")
        for i in x.indicators { out.append("- \(md(i))") }
        return out.joined(separator: "\n")
    }

    static let indexHeader =
        ["month", "index", "behavioural", "intensity", "classification"] + IndexComponent.Name.allCases.map(\.rawValue)

    static func indexRow(_ x: Assessment) -> [String] {
        [x.at.description, f(x.index), f(x.behavioural), f(x.intensity), x.classification.rawValue] + x.components.map { f($0.value) }
    }
}

/// The evaluation report as text.
enum EvaluationText {
    static func quartiles(_ q: Quartiles) -> String {
        String(format: "min %.3f  q1 %.3f  median %.3f  q3 %.3f  max %.3f", q.min, q.q1, q.median, q.q3, q.max)
    }

    static func text(_ r: EvaluationReport) -> String {
        var out = [
            "Labelled dyads: \(r.labels); scored \(r.scored) (\(r.allies) allies, \(r.rivals) rivals); "
                + "\(r.withoutData) without series data in the window"
        ]
        out.append("Window: \(r.window) months" + (r.at.map { " ending \($0)" } ?? " ending December of each label's year"))
        out.append(
            String(format: "AUC %.3f", r.auc ?? .nan) + "   behaviour: −(relative hostility) + 3 × composite, allies above rivals")
        out.append(String(format: "AUC %.3f", r.relativeHostilityAUC ?? .nan) + "   relative hostility alone (judgement v2)")
        out.append(String(format: "AUC %.3f", r.baselineAUC ?? .nan) + "   naive baseline: mean daily value of the series")
        out.append(
            String(format: "AUC %.3f", r.volumeAUC ?? .nan) + "   volume baseline: days in the news (below 0.5: busy pairs rank as rivals)")
        out.append(
            String(format: "AUC %.3f", r.compositeAUC ?? .nan) + "   composite alone: durability, alignment, hostility incidence")
        if let s = r.salient {
            out.append(
                "Salient pairs (≥ 180 days a year; \(s.allies) allies, \(s.rivals) rivals): "
                    + String(
                        format: "behaviour %.3f, volume %.3f, relative hostility %.3f, composite %.3f", s.auc ?? .nan,
                        s.volumeAUC ?? .nan, s.relativeHostilityAUC ?? .nan, s.compositeAUC ?? .nan))
        }
        out.append(
            String(format: "AUC %.3f", r.indexWithoutCommitmentAUC ?? .nan)
                + "   index without commitment (behavioural and intensity), for comparison")
        out.append("Allies: " + quartiles(r.allyScores))
        out.append("Rivals: " + quartiles(r.rivalScores))
        out.append("Rivals scored highest: " + r.mostWronglyRankedRivals.joined(separator: ", "))
        out.append("Allies scored lowest:  " + r.mostWronglyRankedAllies.joined(separator: ", "))
        if let c = r.calibration {
            out.append("Calibration (logistic regression, class-balanced): coefficients \(c.coefficients) for [intercept] + \(c.features)")
            out.append(
                "  weights " + c.weights.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    + String(format: "; 5-fold cross-validated AUC %.3f", c.crossValidatedAUC ?? .nan))
            if let d = c.diplomaticSlope {
                out.append(
                    String(
                        format:
                            "  cooperative intensity (diplomatic) fitted beside them gets slope %.3f (negative: it ranks rivals above allies)",
                        d))
            }
        }
        return out.joined(separator: "\n")
    }

    static func scorecard(_ card: Scorecard) -> String {
        func pct(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
        let short = ["RIV", "DIS", "RAP", "SP", "ALL"]
        var out: [String] = []
        for p in card.periods {
            out.append("\(p.name): \(p.labels) labelled dyad-years")
            out.append(
                "  accuracy \(pct(p.accuracy)), within one class \(pct(p.withinOneClass)), unambiguous labels \(pct(p.unambiguousAccuracy)), "
                    + "gross errors \(p.grossErrors.count); volume baseline (days in the news) \(pct(p.volumeBaselineAccuracy))")
            let rows = p.confusion.enumerated().map { i, row in [short[i]] + row.map(String.init) }
            out.append(
                Output.table(["label \\ called"] + short, rows, rightAligned: Set(1...5)).split(separator: "\n").map { "    " + $0 }.joined(
                    separator: "\n"))
            out.append(
                "  confidence: "
                    + p.reliability.map { "\(String(format: "%.2f", $0.confidence)): \($0.count) rows, \(pct($0.accuracy)) right" }.joined(
                        separator: "; "))
            for g in p.grossErrors { out.append("  GROSS: \(g)") }
        }
        return out.joined(separator: "\n")
    }
}
