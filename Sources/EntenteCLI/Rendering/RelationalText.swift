import EntenteCore
import EntenteServices
import Foundation

/// The relational analyses as terminal text.
enum RelationalText {
    static func f(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "-" }

    static func changes(_ answer: ChangesAnswer, _ first: Country, _ second: Country) -> String {
        let method = answer.transform == "log" ? "log(1 + x)" : "the values"
        var out = [
            "\(first.name) (\(first.code)) – \(second.name) (\(second.code)): \(answer.series), \(answer.resolution), "
                + "\(answer.from)–\(answer.to), \(answer.points) covered points (\(answer.missingPoints) missing, left out); PELT, L2 cost "
                + "on \(method), min segment \(answer.minSize), penalty \(String(format: "%.4g", answer.penalty)) (autocorrelation factor "
                + "\(f(answer.autocorrelationFactor)), effective n \(Output.number(answer.effectiveSampleSize, digits: 0))); "
                + "means below are of the untransformed values"
        ]
        if answer.breaks.isEmpty { out.append("No change point.") }
        let rows = answer.breaks.map { brk in
            [
                brk.date, brk.flag ?? "finding", Output.number(brk.before, digits: 1), Output.number(brk.after, digits: 1), f(brk.t),
                brk.nearest.map { "\(brk.nearestDate ?? ""): \(Output.printable($0))" } ?? "",
            ]
        }
        out.append(
            Output.table(["break", "status", "mean before", "mean after", "HAC t", "nearest event"], rows, rightAligned: [2, 3, 4]))
        out.append("\(answer.findings) finding(s); flagged breaks sit next to a coverage gap or near an end of the series.")
        if !answer.episodes.isEmpty {
            out.append("Episodes (excursions that came back): " + answer.episodes.map { "\($0.from)…\($0.to)" }.joined(separator: ", "))
        }
        return out.joined(separator: "\n")
    }

    static func drivers(_ answer: DriversAnswer) -> String {
        let pair = answer.driver.joined(separator: "–")
        var out = [
            "\(answer.a)–\(answer.b) cooperation vs \(pair) conflict, monthly, \(answer.from)–\(answer.to) (\(answer.months) months)"
        ]
        let cc = answer.crossCorrelation.map { entry -> String in
            let lag = (entry["lag"] ?? nil).map { String(Int($0)) } ?? "?"
            return "\(lag):\((entry["r"] ?? nil).map { String(format: "%.2f", $0) } ?? "-")"
        }
        out.append("Cross-correlation r(lag) (positive lag: the driver leads): " + cc.joined(separator: " "))
        let rows = answer.driverToDyad.map { r in
            let back = answer.dyadToDriver.first { $0.lag == r.lag }
            return [
                String(r.lag) + (r.lag == answer.chosenLag ? " *" : ""), Output.number(r.f, digits: 2), String(format: "%.3g", r.p),
                back.map { Output.number($0.f, digits: 2) } ?? "-", back.map { String(format: "%.3g", $0.p) } ?? "-",
                r.bic.map { Output.number($0, digits: 1) } ?? "-",
            ]
        }
        out.append("Granger tests on \(answer.transform) (\(answer.coveredMonths) covered months):")
        out.append(Output.table(["lag", "F driver→dyad", "p", "F dyad→driver", "p", "BIC"], rows, rightAligned: [1, 2, 3, 4, 5]))
        let robust = answer.robustness.map { r in
            [
                r.transform, r.lag.map(String.init) ?? "-", r.p.map { String(format: "%.3g", $0) } ?? "-",
                r.reverseP.map { String(format: "%.3g", $0) } ?? "-",
            ]
        }
        out.append(Output.table(["transform", "lag", "p driver→dyad", "p dyad→driver"], robust, rightAligned: [1, 2, 3]))
        out.append(answer.reading)
        return out.joined(separator: "\n")
    }

    static func adversaries(_ answer: AdversariesAnswer, _ first: Country, _ second: Country) -> String {
        let result = answer.result
        var out = [
            "\(first.name) (\(first.code)) and \(second.name) (\(second.code)), \(answer.from)–\(answer.to): "
                + "\(result.thirdStates) third states with data for both",
            "Shared adversaries (\(answer.measure)); \(result.thinlyCovered ?? 0) states left out for thin coverage:",
        ]
        let header = [
            "state", "score", "\(first.code) lift", "\(second.code) lift", "\(first.code) days", "\(second.code) days",
        ]
        let rows = result.adversaries.map {
            [$0.state, f($0.score), f($0.liftA), f($0.liftB), $0.daysA.map(String.init) ?? "-", $0.daysB.map(String.init) ?? "-"]
        }
        out.append(Output.table(header, rows, rightAligned: [1, 2, 3, 4, 5]))
        out.append("Shared friends: " + result.friends.prefix(5).map { "\($0.state) (\(f($0.score)))" }.joined(separator: ", "))
        out.append(
            "Profile similarity (cosine): hostility \(f(result.hostilitySimilarity)), cooperation \(f(result.cooperationSimilarity))")
        let balanced = result.triads.filter(\.balanced).count
        let top = result.adversaries.prefix(5).compactMap { adv in
            result.triads.first { $0.third == adv.state }.map {
                "\($0.third) \($0.signs.map { $0 > 0 ? "+" : "−" }.joined()) \($0.balanced ? "balanced" : "unbalanced")"
            }
        }
        out.append(
            "Triads \(first.code)–\(second.code)–C: \(balanced) of \(result.triads.count) balanced (\(f(result.balancedShare))); "
                + "top adversaries: " + top.joined(separator: "; "))
        return out.joined(separator: "\n")
    }

    static func counterbalancing(_ answer: CounterbalancingAnswer) -> String {
        var out = [
            "Third-party cooperation, \(answer.monthsBefore) months before vs \(answer.monthsAfter) from \(answer.around) "
                + "(\(answer.aroundChosenBy)); mean log(1 + monthly cooperation), covered months only"
                + (answer.monthsLeftOut.isEmpty ? "" : " (left out: \(answer.monthsLeftOut.joined(separator: ", ")))")
        ]
        let rows = answer.pairs.map { r in
            [
                r.pair.joined(separator: "–"), Output.number(r.result.before), Output.number(r.result.after),
                String(format: "%+.2f", r.result.difference), String(format: "%.4f", r.result.p),
                r.result.pAdjusted.map { String(format: "%.4f", $0) } ?? "-",
                r.placebo.map { String(format: "%+.2f", $0.differenceInDifferences) } ?? "-",
                r.placebo.map { String(format: "%.3f", $0.p) } ?? "-",
            ]
        }
        out.append(
            Output.table(
                ["pair", "before", "after", "difference", "p (block perm.)", "p (Holm)", "DiD vs placebo", "placebo p"], rows,
                rightAligned: [1, 2, 3, 4, 5, 6, 7]))
        out.append(answer.reading + " Seed \(answer.seed).")
        for r in answer.pairs where !r.events.isEmpty {
            out.append("  \(r.pair.joined(separator: "–")): " + r.events.prefix(3).map { Output.printable($0) }.joined(separator: "; "))
        }
        return out.joined(separator: "\n")
    }

    static func scenario(_ answer: ScenarioAnswer) -> String {
        func f(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "no data" }
        let dep = answer.dependence
        let driver = answer.driver.joined(separator: "–")
        var out = [
            "\(answer.a)–\(answer.b) cooperation under \(driver) conflict: log(1+y) = \(String(format: "%.2f", dep.alpha)) + "
                + "\(String(format: "%.3f", dep.beta)) (Newey–West SE \(String(format: "%.3f", dep.betaStandardError))) · log(1+x, lag \(dep.lag)); "
                + "\(dep.observations) months to \(answer.lastMonth)"
        ]
        let rows = answer.projections.map { p in
            [
                p.path.rawValue + (p.path.rawValue == answer.scenario ? " *" : ""), Output.number(p.driverLevel, digits: 0),
                Output.number(p.cooperation, digits: 0), Output.number(p.low, digits: 0), Output.number(p.high, digits: 0), p.basis ?? "",
            ]
        }
        out.append(
            Output.table(
                ["scenario", "driver level", "cooperation/month", "95% low", "95% high", "level"], rows, rightAligned: [1, 2, 3, 4]))
        out += answer.warnings.map { "warning: \($0)" }
        out.append(
            "Index components moved: \(answer.componentsMoved.joined(separator: ", ")); held fixed: \(answer.componentsHeldFixed.joined(separator: ", "))"
        )
        let index = answer.index
        out.append(
            "Index now (\(answer.lastMonth)): \(f(index["now"] ?? nil)); in \(answer.horizon) months if the driver \(answer.scenario): "
                + "\(f(index["projected"] ?? nil)) (band \(f(index["low"] ?? nil))–\(f(index["high"] ?? nil)))")
        out.append(answer.note)
        return out.joined(separator: "\n")
    }
}
