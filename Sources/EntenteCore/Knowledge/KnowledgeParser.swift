import Foundation
import Yams

/// Walks YAML nodes into knowledge-base entries, recording every problem with its line.
struct KnowledgeParser {
    var treaties: [Treaty] = []
    var groups: [StateGroup] = []
    var events: [CuratedEvent] = []
    var partnerships: [Partnership] = []
    var issues: [KnowledgeIssue] = []
    var file = ""
    /// The line of the last field read, for problems found after reading it.
    var lastLine = 1
    private var seenIDs: [String: String] = [:]
    /// Party and state references to check once every group is known: (code, file, line, field).
    var references: [(String, String, Int, String)] = []

    /// The largest knowledge-base file read: 64 MiB (the shipped base is well under 1 MiB).
    static let maxFileBytes = 64 << 20

    mutating func parse(file path: String) {
        file = path
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.maxFileBytes else {
            issue(1, "file", "is larger than \(Self.maxFileBytes >> 20) MiB; not read")
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            issue(1, "file", "cannot be read")
            return
        }
        guard let text = String(data: data, encoding: .utf8) else {
            issue(1, "file", "is not valid UTF-8")
            return
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            issue(Self.line(of: error) ?? 1, "file", "is not valid YAML: \(error)")
            return
        } catch {
            issue(1, "file", "is not valid YAML: \(error)")
            return
        }
        guard let root else { return }  // an empty file
        guard let mapping = root.mapping else {
            issue(root.line, "file", "must be a mapping with keys treaties, groups, events, partnerships")
            return
        }
        for (key, value) in mapping {
            switch key.string ?? "" {
            case "treaties": for (i, node) in sequence(value, "treaties").enumerated() { parseTreaty(node, "treaties[\(i)]") }
            case "groups": for (i, node) in sequence(value, "groups").enumerated() { parseGroup(node, "groups[\(i)]") }
            case "events": for (i, node) in sequence(value, "events").enumerated() { parseEvent(node, "events[\(i)]") }
            case "partnerships":
                for (i, node) in sequence(value, "partnerships").enumerated() { parsePartnership(node, "partnerships[\(i)]") }
            case "version", "description": break
            default: issue(key.line, key.string ?? "?", "unknown section (expected treaties, groups, events or partnerships)")
            }
        }
    }

    /// Checks that every party reference names a state or a group defined in this folder or an
    /// earlier one.
    mutating func validateReferences(against earlier: KnowledgeBase) {
        let groupIDs = Set(groups.map(\.id) + earlier.groups.map(\.id))
        for (code, file, line, field) in references where Country.iso3(code)?.isStateLike != true && !groupIDs.contains(code) {
            issues.append(
                KnowledgeIssue(
                    file: file, line: line, field: field, message: "'\(code)' is neither an ISO 3166 alpha-3 code nor a defined group"))
        }
    }

    // MARK: - Entries

    mutating func parseTreaty(_ node: Node, _ path: String) {
        guard
            var f = fields(
                node, path,
                allowed: ["id", "name", "kind", "parties", "signed", "in_force", "ended", "obligations", "clause", "sources", "notes"])
        else { return }
        let before = issues.count
        let id = requiredString(&f, "id", path)
        let name = requiredString(&f, "name", path)
        let kind = enumValue(&f, "kind", path, Treaty.Kind.self, default: .alliance)
        var parties: [String] = []
        if let list = f.take("parties") {
            for (i, p) in sequence(list, "\(path).parties").enumerated() {
                guard let code = scalar(p, "\(path).parties[\(i)]") else { continue }
                references.append((code, file, p.line, "\(path).parties[\(i)]"))
                parties.append(code)
            }
            if parties.count < 2 && !(parties.count == 1 && Country.iso3(parties[0]) == nil) {
                issue(list.line, "\(path).parties", "a treaty needs at least two parties (or one group)")
            }
        } else {
            issue(node.line, "\(path).parties", "is required")
        }
        let signed = date(&f, "signed", path, required: true)
        let inForce = date(&f, "in_force", path, required: false)
        let ended = date(&f, "ended", path, required: false)
        if let signed, let inForce, inForce < signed { issue(node.line, "\(path).in_force", "\(inForce) is before signed \(signed)") }
        if let start = inForce ?? signed, let ended, ended < start { issue(node.line, "\(path).ended", "\(ended) is before \(start)") }
        var rules: [ObligationRule] = []
        if let list = f.take("obligations") {
            for (i, r) in sequence(list, "\(path).obligations").enumerated() {
                if let rule = parseObligation(r, "\(path).obligations[\(i)]", parties: parties) { rules.append(rule) }
            }
        }
        let clause = requiredString(&f, "clause", path)
        let sources = parseSources(&f, path, node)
        _ = f.take("notes")
        guard issues.count == before, let signed, registerID(id, path, node) else { return }
        treaties.append(
            Treaty(
                id: id, name: name, kind: kind ?? .alliance, parties: parties, signed: signed, inForce: inForce, ended: ended,
                obligations: rules, clause: clause, sources: sources, origin: EntryOrigin(file: file, line: node.line)))
    }

    mutating func parseObligation(_ node: Node, _ path: String, parties: [String]) -> ObligationRule? {
        guard var f = fields(node, path, allowed: ["between", "from", "to", "types", "since", "until"]) else { return nil }
        var scope = ObligationScope.allParties
        if let between = f.take("between") {
            if between.string == "all" {
                scope = .allParties
            } else {
                let states = sequence(between, "\(path).between").compactMap { scalar($0, "\(path).between") }
                for s in states where !parties.contains(s) && Country.iso3(s) == nil {
                    issue(between.line, "\(path).between", "'\(s)' is not a state")
                }
                scope = .among(states)
            }
        } else if let fromNode = f.take("from"), let toNode = f.take("to") {
            guard let from = scalar(fromNode, "\(path).from"), let to = scalar(toNode, "\(path).to") else { return nil }
            for (code, n, name) in [(from, fromNode, "from"), (to, toNode, "to")] where Country.iso3(code) == nil {
                issue(n.line, "\(path).\(name)", "'\(code)' is not an ISO 3166 alpha-3 code")
            }
            scope = .directed(from: from, to: to)
        } else {
            issue(node.line, path, "needs either 'between' or both 'from' and 'to'")
        }
        var types: [ObligationType] = []
        if let list = f.take("types") {
            for t in sequence(list, "\(path).types") {
                guard let text = scalar(t, "\(path).types") else { continue }
                if let type = ObligationType(rawValue: text) {
                    types.append(type)
                } else {
                    issue(
                        t.line, "\(path).types",
                        "unknown obligation '\(text)' (expected one of \(ObligationType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
        }
        return ObligationRule(
            scope: scope, types: types, since: date(&f, "since", path, required: false), until: date(&f, "until", path, required: false))
    }

    mutating func parseGroup(_ node: Node, _ path: String) {
        guard var f = fields(node, path, allowed: ["id", "name", "members", "sources", "notes"]) else { return }
        let before = issues.count
        let id = requiredString(&f, "id", path)
        let name = requiredString(&f, "name", path)
        if Country.iso3(id) != nil { issue(lastLine, "\(path).id", "'\(id)' is a country code; a group needs its own id") }
        var members: [StateGroup.Membership] = []
        if let list = f.take("members") {
            for (i, m) in sequence(list, "\(path).members").enumerated() {
                let mp = "\(path).members[\(i)]"
                guard var mf = fields(m, mp, allowed: ["state", "from", "to"]) else { continue }
                let state = requiredString(&mf, "state", mp)
                if !state.isEmpty && Country.iso3(state)?.isStateLike != true {
                    issue(lastLine, "\(mp).state", "'\(state)' is not an ISO 3166 alpha-3 code")
                }
                let from = date(&mf, "from", mp, required: true)
                let to = date(&mf, "to", mp, required: false)
                if let from, let to, to < from { issue(m.line, "\(mp).to", "\(to) is before from \(from)") }
                if let from { members.append(StateGroup.Membership(state: state, from: from, to: to)) }
            }
        } else {
            issue(node.line, "\(path).members", "is required")
        }
        let sources = parseSources(&f, path, node)
        _ = f.take("notes")
        guard issues.count == before, registerID(id, path, node) else { return }
        groups.append(StateGroup(id: id, name: name, members: members, sources: sources, origin: EntryOrigin(file: file, line: node.line)))
    }

    mutating func parseEvent(_ node: Node, _ path: String) {
        guard
            var f = fields(
                node, path,
                allowed: [
                    "id", "date", "source", "target", "concerning", "code", "level", "title", "flows", "tags", "confidence", "sources",
                    "notes",
                ])
        else { return }
        let before = issues.count
        let id = requiredString(&f, "id", path)
        let date = date(&f, "date", path, required: true)
        let source = state(&f, "source", path)
        let target = state(&f, "target", path)
        var concerning: [String] = []
        if let list = f.take("concerning") {
            for c in sequence(list, "\(path).concerning") {
                guard let code = scalar(c, "\(path).concerning") else { continue }
                if Country.iso3(code)?.isStateLike != true {
                    issue(c.line, "\(path).concerning", "'\(code)' is not an ISO 3166 alpha-3 code")
                }
                concerning.append(code)
            }
        }
        let code = requiredString(&f, "code", path)
        if !code.isEmpty && CAMEOEventCode.lookup(code) == nil {
            issue(lastLine, "\(path).code", "'\(code)' is not a CAMEO event code (quote it to keep leading zeros: \"042\")")
        }
        let level = optionalEnum(&f, "level", path, CuratedEvent.Level.self)
        let title = requiredString(&f, "title", path)
        var flows: [Flow] = []
        if let list = f.take("flows") {
            for (i, n) in sequence(list, "\(path).flows").enumerated() {
                let fp = "\(path).flows[\(i)]"
                guard var ff = fields(n, fp, allowed: ["item", "from", "to", "reported_by"]) else { continue }
                let item = requiredString(&ff, "item", fp)
                let from = state(&ff, "from", fp), to = state(&ff, "to", fp)
                let by = ff.take("reported_by").flatMap { scalar($0, "\(fp).reported_by") }
                flows.append(Flow(item: item, from: from, to: to, reportedBy: by))
            }
        }
        var tags: [String] = []
        if let list = f.take("tags") {
            for t in sequence(list, "\(path).tags") {
                guard let tag = scalar(t, "\(path).tags") else { continue }
                if !KnowledgeBase.knownTags.contains(tag) {
                    issue(
                        t.line, "\(path).tags", "unknown tag '\(tag)' (known: \(KnowledgeBase.knownTags.sorted().joined(separator: ", ")))")
                }
                tags.append(tag)
            }
        }
        let confidence = enumValue(&f, "confidence", path, CuratedEvent.Confidence.self, default: nil)
        let sources = parseSources(&f, path, node)
        _ = f.take("notes")
        guard issues.count == before, let date, let confidence, registerID(id, path, node) else { return }
        events.append(
            CuratedEvent(
                id: id, date: date, source: source, target: target, concerning: concerning, code: code, level: level, title: title,
                flows: flows, tags: tags, confidence: confidence, sources: sources, origin: EntryOrigin(file: file, line: node.line)))
    }

    mutating func parseSources(_ f: inout Fields, _ path: String, _ node: Node) -> [SourceRef] {
        guard let list = f.take("sources") else {
            issue(node.line, "\(path).sources", "at least one public source (outlet, url) is required")
            return []
        }
        var out: [SourceRef] = []
        for (i, s) in sequence(list, "\(path).sources").enumerated() {
            let sp = "\(path).sources[\(i)]"
            guard var sf = fields(s, sp, allowed: ["outlet", "date", "url"]) else { continue }
            let outlet = requiredString(&sf, "outlet", sp)
            let url = requiredString(&sf, "url", sp)
            if !url.isEmpty, !Self.isHTTPURL(url) { issue(lastLine, "\(sp).url", "'\(url)' is not an http(s) URL") }
            out.append(SourceRef(outlet: outlet, date: date(&sf, "date", sp, required: false), url: url))
        }
        if out.isEmpty { issue(list.line, "\(path).sources", "at least one public source (outlet, url) is required") }
        return out
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
        else { return false }
        return true
    }

    // MARK: - Field helpers

    /// A mapping's fields by name, each taken once, so unknown fields can be reported.
    struct Fields {
        var values: [String: Node]
        var entryLine: Int
        mutating func take(_ key: String) -> Node? { values.removeValue(forKey: key) }
    }

    mutating func fields(_ node: Node, _ path: String, allowed: Set<String>) -> Fields? {
        guard let mapping = node.mapping else {
            issue(node.line, path, "must be a mapping")
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                issue(key.line, "\(path).\(name)", "unknown field (expected one of \(allowed.sorted().joined(separator: ", ")))")
            } else if values[name] != nil {
                issue(key.line, "\(path).\(name)", "appears twice")
            } else {
                values[name] = value
            }
        }
        return Fields(values: values, entryLine: node.line)
    }

    mutating func sequence(_ node: Node, _ path: String) -> [Node] {
        guard let seq = node.sequence else {
            issue(node.line, path, "must be a list")
            return []
        }
        return Array(seq)
    }

    mutating func scalar(_ node: Node, _ path: String) -> String? {
        guard let s = node.scalar?.string else {
            issue(node.line, path, "must be a single value")
            return nil
        }
        return s
    }

    mutating func requiredString(_ f: inout Fields, _ key: String, _ path: String) -> String {
        guard let node = f.take(key) else {
            issue(lineOf(f), "\(path).\(key)", "is required")
            return ""
        }
        lastLine = node.line
        guard let s = scalar(node, "\(path).\(key)") else { return "" }
        if s.trimmingCharacters(in: .whitespaces).isEmpty { issue(node.line, "\(path).\(key)", "is empty") }
        return s
    }

    mutating func state(_ f: inout Fields, _ key: String, _ path: String) -> String {
        let code = requiredString(&f, key, path)
        if !code.isEmpty && Country.iso3(code)?.isStateLike != true {
            issue(lastLine, "\(path).\(key)", "'\(code)' is not an ISO 3166 alpha-3 code")
        }
        return code
    }

    mutating func date(_ f: inout Fields, _ key: String, _ path: String, required: Bool) -> PartialDate? {
        guard let node = f.take(key) else {
            if required { issue(lineOf(f), "\(path).\(key)", "is required (YYYY-MM-DD, YYYY-MM or YYYY)") }
            return nil
        }
        if node.scalar?.string == "~" || node.scalar?.string == "null" || node.scalar?.string == "" { return nil }
        guard let text = scalar(node, "\(path).\(key)") else { return nil }
        guard let d = PartialDate(text) else {
            issue(node.line, "\(path).\(key)", "'\(text)' is not a valid date (YYYY-MM-DD, YYYY-MM or YYYY)")
            return nil
        }
        return d
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(
        _ f: inout Fields, _ key: String, _ path: String, _: E.Type, default value: E?
    ) -> E? where E.RawValue == String {
        guard let node = f.take(key) else {
            if value == nil {
                issue(lineOf(f), "\(path).\(key)", "is required (one of \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return value
        }
        guard let text = scalar(node, "\(path).\(key)") else { return value }
        guard let e = E(rawValue: text) else {
            issue(node.line, "\(path).\(key)", "'\(text)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            return value
        }
        return e
    }

    mutating func optionalEnum<E: RawRepresentable & CaseIterable>(_ f: inout Fields, _ key: String, _ path: String, _ type: E.Type) -> E?
    where E.RawValue == String {
        guard f.values[key] != nil else { return nil }
        return enumValue(&f, key, path, type, default: nil)
    }

    /// Records an entry's id; a second entry with an id already seen in this folder (of any kind)
    /// is a problem, and that second entry is left out: the first one stands. Returns whether the
    /// entry may be kept.
    mutating func registerID(_ id: String, _ path: String, _ node: Node) -> Bool {
        if let previous = seenIDs[id] {
            issue(node.line, "\(path).id", "duplicate id '\(id)': the entry first defined at \(previous) is kept, this one is left out")
            return false
        }
        seenIDs[id] = "\((file as NSString).lastPathComponent):\(node.line)"
        return true
    }

    /// The line of the entry being parsed, for a missing field: its own line.
    func lineOf(_ f: Fields) -> Int { f.entryLine }

    mutating func issue(_ line: Int, _ field: String, _ message: String) {
        issues.append(KnowledgeIssue(file: file, line: line, field: field, message: message))
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }
}

extension Node {
    /// The 1-based line the node starts on.
    var line: Int { mark?.line ?? 1 }
}
