import Foundation
import Yams

extension KnowledgeParser {
    /// Reads one `partnerships` entry: two parties (states or groups), joint or a designation
    /// `by` one of them, levels oldest first, each with its words, tier and sources.
    mutating func parsePartnership(_ node: Node, _ path: String) {
        let allowed: Set<String> = ["id", "parties", "kind", "by", "levels", "ended", "note", "sources"]
        guard var f = fields(node, path, allowed: allowed) else { return }
        let before = issues.count
        let id = requiredString(&f, "id", path)
        var parties: [String] = []
        if let list = f.take("parties") {
            for (i, p) in sequence(list, "\(path).parties").enumerated() {
                guard let code = scalar(p, "\(path).parties[\(i)]") else { continue }
                references.append((code, file, p.line, "\(path).parties[\(i)]"))
                parties.append(code)
            }
            if parties.count != 2 || parties[0] == parties[1] {
                issue(list.line, "\(path).parties", "a partnership needs two different parties")
            }
        } else {
            issue(node.line, "\(path).parties", "is required")
        }
        let kind = enumValue(&f, "kind", path, Partnership.Kind.self, default: .joint) ?? .joint
        var by: String?
        if let node = f.take("by") {
            by = scalar(node, "\(path).by")
            if let by, !parties.contains(by) { issue(node.line, "\(path).by", "'\(by)' is not one of the parties") }
        }
        if kind == .designation && by == nil { issue(node.line, "\(path).by", "is required for a designation (the designating state)") }
        if kind == .joint && by != nil { issue(node.line, "\(path).by", "only a designation has a designating state") }
        var levels: [Partnership.Level] = []
        if let list = f.take("levels") {
            for (i, l) in sequence(list, "\(path).levels").enumerated() {
                let lp = "\(path).levels[\(i)]"
                guard var lf = fields(l, lp, allowed: ["date", "words", "tier", "sources"]) else { continue }
                let date = date(&lf, "date", lp, required: true)
                let words = requiredString(&lf, "words", lp)
                let tier = enumValue(&lf, "tier", lp, Partnership.Tier.self, default: nil)
                let sources = parseSources(&lf, lp, l)
                if let previous = levels.last, let date, date.earliest < previous.date.earliest {
                    issue(l.line, "\(lp).date", "\(date) is before the previous level's \(previous.date) (levels go oldest first)")
                }
                if let date, let tier { levels.append(Partnership.Level(date: date, words: words, tier: tier, sources: sources)) }
            }
            if levels.isEmpty { issue(list.line, "\(path).levels", "at least one level is required") }
        } else {
            issue(node.line, "\(path).levels", "is required")
        }
        let ended = date(&f, "ended", path, required: false)
        if let ended, let first = levels.first, ended.earliest < first.date.earliest {
            issue(node.line, "\(path).ended", "\(ended) is before the first level \(first.date)")
        }
        let note = f.take("note").flatMap { scalar($0, "\(path).note") }
        let sources = f.values["sources"] == nil ? [] : parseSources(&f, path, node)
        guard issues.count == before, registerID(id, path, node) else { return }
        partnerships.append(
            Partnership(
                id: id, parties: parties, kind: kind, by: by, levels: levels, ended: ended, note: note, sources: sources,
                origin: EntryOrigin(file: file, line: node.line)))
    }
}
