import EntenteCore
import EntenteServices
import Foundation

/// Knowledge-base answers (check, treaties, timeline) as terminal text and CSV rows.
enum KnowledgeText {
    static func check(_ c: KnowledgeCheck) -> String {
        var out = c.issues.map { Output.printable($0.description) }
        let summary = "\(c.files) file(s): \(c.treaties) treaties, \(c.groups) groups, \(c.events) events, \(c.partnerships) partnerships"
        out.append(c.issues.isEmpty ? "ok: \(summary)" : "\(c.issues.count) problem(s); valid entries: \(summary)")
        if !c.overridden.isEmpty {
            out.append("overridden by a later folder: \(Output.printable(c.overridden.joined(separator: ", ")))")
        }
        return out.joined(separator: "\n")
    }

    static func treaties(_ answer: TreatiesAnswer) -> String {
        var out = ["Obligations between \(answer.a) and \(answer.b) on \(answer.at)"]
        for d in answer.directions {
            out.append("")
            out.append(
                "\(d.from) → \(d.to): strongest in force: \(d.strongest)"
                    + (d.strongestSigned.map { "; signed, not yet in force: \($0)" } ?? ""))
            if d.treaties.isEmpty { out.append("  (no curated treaty in force or signed)") }
            if let atop = d.atop {
                let carried = atop.carriedForward ? ", carried forward" : ""
                let list = atop.obligations.isEmpty ? "none" : atop.obligations.joined(separator: ", ")
                out.append("  [ATOP 5.1, \(atop.year)\(carried)] \(list)  (curated treaties override ATOP where both speak)")
            }
            for t in d.treaties {
                let status =
                    t.status == Treaty.Status.signedNotInForce.rawValue
                    ? " [signed \(t.signed), not in force until \(t.inForce ?? "?")]" : ""
                out.append("  \(t.name) (signed \(t.signed)\(t.ended.map { ", ended \($0)" } ?? ""))\(status)")
                out.append("    obligations: \(t.obligations.isEmpty ? "none" : t.obligations.joined(separator: ", "))")
                out.append("    clause: \(Output.printable(t.clause))")
                out.append(
                    "    sources: "
                        + t.sources.map { "\(Output.printable($0.outlet)) <\(Output.printable($0.url))>" }.joined(separator: "; "))
            }
        }
        if !answer.otherTreaties.isEmpty {
            out.append("")
            out.append("Other treaties between them (not in force on \(answer.at)):")
            for t in answer.otherTreaties {
                let status = t.status == "not-signed" ? "not yet signed" : t.status
                out.append("  \(t.name): \(status), signed \(t.signed)\(t.ended.map { ", ended \($0)" } ?? "")")
            }
        }
        return out.joined(separator: "\n")
    }

    static let timelineHeader = ["date", "origin", "id", "source", "target", "code", "title", "confidence", "flows", "sources"]

    static func timelineRows(_ timeline: Timeline) -> [[String]] {
        timeline.entries.map { e in
            [
                e.date, e.origin, e.id, e.source, e.target, e.code, e.title, e.confidence ?? "",
                e.flows.map { "\($0.item): \($0.from)→\($0.to)" }.joined(separator: "; "),
                e.sources.map(\.url).filter { !$0.isEmpty }.joined(separator: " "),
            ]
        }
    }

    static func timeline(_ timeline: Timeline) -> String {
        var out: [String] = []
        for e in timeline.entries {
            let marks = [e.level, e.confidence == "confirmed" ? nil : e.confidence].compactMap { $0 }
            out.append(
                "\(e.date)  [\(e.origin)] \(e.source)→\(e.target) \(e.code)  \(Output.printable(e.title))"
                    + (marks.isEmpty ? "" : " (\(marks.joined(separator: ", ")))"))
            for f in e.flows {
                out.append(
                    "            flow: \(Output.printable(f.item)) \(f.from) → \(f.to)"
                        + (f.reportedBy.map { " (reported by \(Output.printable($0)))" } ?? ""))
            }
            if let s = e.sources.first(where: { !$0.url.isEmpty }) ?? e.sources.first {
                out.append(
                    "            source: \(Output.printable(s.outlet))\(s.url.isEmpty ? "" : " <\(Output.printable(s.url))>")"
                        + (e.sources.count > 1 ? " (+\(e.sources.count - 1) more)" : ""))
            }
        }
        return out.joined(separator: "\n")
    }
}
