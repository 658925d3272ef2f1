/// The curated knowledge: treaties, groups and hand-coded events, each entry with its sources.
public struct KnowledgeBase: Sendable {
    public var treaties: [Treaty] = []
    public var groups: [StateGroup] = []
    public var events: [CuratedEvent] = []
    public var partnerships: [Partnership] = []
    /// The folders it was read from, in order (later ones override earlier ones by id).
    public var folders: [String] = []

    public init() {}

    public func group(_ id: String) -> StateGroup? { groups.first { $0.id == id } }

    /// The partnership declarations and designations between A and B with the level in force on
    /// a day (groups expanded to their members then), strongest tier first.
    ///
    /// - Complexity: O(partnerships × members).
    public func partnerships(between a: String, and b: String, at day: Day) -> [(partnership: Partnership, level: Partnership.Level)] {
        partnerships.compactMap { p -> (Partnership, Partnership.Level)? in
            var states = Set<String>()
            for party in p.parties {
                if let g = group(party) { states.formUnion(g.members(at: day)) } else { states.insert(party) }
            }
            guard a != b, states.contains(a), states.contains(b), let level = p.level(at: day) else { return nil }
            return (p, level)
        }.sorted { ($0.1.tier, $1.0.id) > ($1.1.tier, $0.0.id) }
    }

    /// The states party to a treaty on a day, groups expanded to their members then.
    public func parties(of treaty: Treaty, at day: Day) -> Set<String> {
        var out = Set<String>()
        for p in treaty.parties {
            if let g = group(p) { out.formUnion(g.members(at: day)) } else { out.insert(p) }
        }
        return out
    }

    /// One treaty's obligations from one state toward another on a day.
    public struct DirectedObligations: Sendable, Codable, Equatable {
        public var treaty: Treaty
        public var status: Treaty.Status
        public var from: String
        public var to: String
        public var types: [ObligationType]

        public var strongest: ObligationType? { types.max() }
    }

    /// The obligations `from` has toward `to` on a day, treaty by treaty, for treaties signed
    /// by then and not ended (signed-but-not-in-force ones included, marked by status).
    ///
    /// - Complexity: O(treaties × rules).
    public func obligations(from a: String, to b: String, at day: Day) -> [DirectedObligations] {
        var out: [DirectedObligations] = []
        for treaty in treaties {
            let status = treaty.status(at: day)
            guard status == .inForce || status == .signedNotInForce else { continue }
            let parties = self.parties(of: treaty, at: day)
            guard parties.contains(a), parties.contains(b), a != b else { continue }
            var types = Set<ObligationType>()
            for rule in treaty.obligations {
                if let since = rule.since, day < since.earliest { continue }
                if let until = rule.until, day >= until.earliest { continue }
                let applies: Bool
                switch rule.scope {
                case .allParties: applies = true
                case .among(let states): applies = states.contains(a) && states.contains(b)
                case .directed(let from, let to): applies = from == a && to == b
                }
                if applies { types.formUnion(rule.types) }
            }
            out.append(DirectedObligations(treaty: treaty, status: status, from: a, to: b, types: types.sorted(by: >)))
        }
        return out.sorted {
            ($0.strongest?.assistanceRank ?? -1, $0.treaty.signed.earliest) > (
                $1.strongest?.assistanceRank ?? -1, $1.treaty.signed.earliest
            )
        }
    }

    /// Every treaty that ever bound both states (at any date), oldest first.
    public func treaties(between a: String, and b: String) -> [Treaty] {
        treaties.filter { t in
            var dates = [t.signed.earliest]
            if let f = t.inForce { dates.append(f.earliest) }
            for g in t.parties.compactMap(group) { dates += g.members.map(\.from.earliest) }
            return dates.contains { d in
                let p = parties(of: t, at: d); return p.contains(a) && p.contains(b)
            }
        }.sorted { $0.signed < $1.signed }
    }

    /// Curated events involving A and B (either way, or about the other) in a date range.
    public func events(between a: String, and b: String, from: Day? = nil, to: Day? = nil) -> [CuratedEvent] {
        events.filter { e in
            e.involves(a, b) && (from.map { e.date.latest >= $0 } ?? true) && (to.map { e.date.earliest <= $0 } ?? true)
        }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}
