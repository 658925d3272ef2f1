/// A public source backing a curated entry.
public struct SourceRef: Hashable, Sendable, Codable {
    public var outlet: String
    public var date: PartialDate?
    /// An http(s) URL.
    public var url: String

    public init(outlet: String, date: PartialDate? = nil, url: String) {
        self.outlet = outlet
        self.date = date
        self.url = url
    }
}

/// Where a curated entry was read from, for error messages and citations.
public struct EntryOrigin: Hashable, Sendable, Codable {
    public var file: String
    public var line: Int
}

/// The ATOP-style obligation types, from the strongest assistance expected under attack down.
public enum ObligationType: String, Sendable, Codable, CaseIterable, Comparable {
    /// Defence pact: immediate assistance (military and other) by all means if the other is attacked.
    case defenceImmediate = "defence-immediate"
    /// Defence pact whose assistance comes after consultation or through constitutional
    /// processes ("act to meet the common danger").
    case defenceConsultation = "defence-consultation"
    /// Not to aid an attacker of the other party.
    case neutrality
    /// To consult if a threat arises.
    case consultation
    /// Not to attack the other party.
    case nonAggression = "non-aggression"
    /// Joint action in an attack on a third party.
    case offence

    /// The degree of assistance expected under attack (DESIGN.md's ordering): defence with
    /// immediate assistance 5, defence after consultation 4, neutrality 3, consultation 2,
    /// non-aggression 1. Offence promises no assistance under attack: 0.
    public var assistanceRank: Int {
        switch self {
        case .defenceImmediate: 5
        case .defenceConsultation: 4
        case .neutrality: 3
        case .consultation: 2
        case .nonAggression: 1
        case .offence: 0
        }
    }

    public var summary: String {
        switch self {
        case .defenceImmediate: "immediate military assistance by all means if attacked"
        case .defenceConsultation: "defence if attacked, through consultation or constitutional processes"
        case .neutrality: "will not aid an attacker"
        case .consultation: "consultation if threatened"
        case .nonAggression: "non-aggression"
        case .offence: "joint offensive action"
        }
    }

    public static func < (lhs: ObligationType, rhs: ObligationType) -> Bool {
        (lhs.assistanceRank, lhs.rawValue) < (rhs.assistanceRank, rhs.rawValue)
    }
}

/// Which parties an obligation binds, toward whom.
public enum ObligationScope: Hashable, Sendable, Codable {
    /// Every party toward every other party.
    case allParties
    /// Each listed party toward each other listed party.
    case among([String])
    /// One party toward another.
    case directed(from: String, to: String)
}

/// One obligation clause of a treaty, possibly limited in time (e.g. suspended after a date).
public struct ObligationRule: Hashable, Sendable, Codable {
    public var scope: ObligationScope
    public var types: [ObligationType]
    public var since: PartialDate?
    public var until: PartialDate?
}

/// A treaty or formal commitment between states, with its ATOP-style obligations.
public struct Treaty: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case alliance, friendship, partnership, commitment
    }

    public var id: String
    public var name: String
    public var kind: Kind
    /// ISO3 codes or group ids (`NATO`); a group stands for its members at each date.
    public var parties: [String]
    public var signed: PartialDate
    public var inForce: PartialDate?
    public var ended: PartialDate?
    public var obligations: [ObligationRule]
    /// The decisive clause, summarised in our own words.
    public var clause: String
    public var sources: [SourceRef]
    public var origin: EntryOrigin

    /// Where the treaty stands on a day.
    public enum Status: String, Sendable, Codable {
        case notSigned = "not-signed"
        case signedNotInForce = "signed-not-in-force"
        case inForce = "in-force"
        case ended
    }

    /// The treaty's status on `day`. A treaty with no in-force date counts as in force from
    /// its signature; one that ended is no longer in force from the first day of its end date.
    public func status(at day: Day) -> Status {
        if day < signed.earliest { return .notSigned }
        if let ended, day >= ended.earliest { return .ended }
        if let inForce, day < inForce.earliest { return .signedNotInForce }
        return .inForce
    }
}

/// A named group of states (an alliance's membership) with dated membership.
public struct StateGroup: Hashable, Sendable, Codable {
    public struct Membership: Hashable, Sendable, Codable {
        public var state: String
        public var from: PartialDate
        public var to: PartialDate?
    }

    public var id: String
    public var name: String
    public var members: [Membership]
    public var sources: [SourceRef]
    public var origin: EntryOrigin

    /// The members on a day: joined on or before it, not yet left.
    public func members(at day: Day) -> Set<String> {
        Set(members.filter { $0.from.earliest <= day && ($0.to.map { day < $0.earliest } ?? true) }.map(\.state))
    }
}

/// Something that flowed from one state to another (shells, troops, technology, workers).
public struct Flow: Hashable, Sendable, Codable {
    public var item: String
    public var from: String
    public var to: String
    /// Who reported it (a government, an agency, an outlet).
    public var reportedBy: String?
}

/// A hand-coded event with its sources.
public struct CuratedEvent: Hashable, Sendable, Codable {
    public enum Confidence: String, Sendable, Codable, CaseIterable {
        /// Acknowledged by the parties, or an official act on the record.
        case confirmed
        /// Asserted by third parties (governments, intelligence services, media).
        case reported
        /// Reported, and denied by a party.
        case officiallyDenied = "officially-denied"
    }

    public enum Level: String, Sendable, Codable, CaseIterable { case leader, minister, official }

    public var id: String
    public var date: PartialDate
    public var source: String
    public var target: String
    /// Third states the event is about (a veto on a resolution about North Korea).
    public var concerning: [String]
    public var code: String
    public var level: Level?
    public var title: String
    public var flows: [Flow]
    public var tags: [String]
    public var confidence: Confidence
    public var sources: [SourceRef]
    public var origin: EntryOrigin

    /// Whether the event is between A and B, or by one of them and about the other.
    public func involves(_ a: String, _ b: String) -> Bool {
        let sides: Set<String> = [source, target]
        if sides == [a, b] { return true }
        return (sides.contains(a) && concerning.contains(b)) || (sides.contains(b) && concerning.contains(a))
            || flows.contains { Set([$0.from, $0.to]) == [a, b] }
    }
}

/// The curated knowledge: treaties, groups and hand-coded events, each entry with its sources.
public struct KnowledgeBase: Sendable {
    public var treaties: [Treaty] = []
    public var groups: [StateGroup] = []
    public var events: [CuratedEvent] = []
    /// The folders it was read from, in order (later ones override earlier ones by id).
    public var folders: [String] = []

    public init() {}

    public func group(_ id: String) -> StateGroup? { groups.first { $0.id == id } }

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
        return out.sorted { ($0.strongest?.assistanceRank ?? -1, $0.treaty.signed.earliest) > ($1.strongest?.assistanceRank ?? -1, $1.treaty.signed.earliest) }
    }

    /// Every treaty that ever bound both states (at any date), oldest first.
    public func treaties(between a: String, and b: String) -> [Treaty] {
        treaties.filter { t in
            var dates = [t.signed.earliest]
            if let f = t.inForce { dates.append(f.earliest) }
            for g in t.parties.compactMap(group) { dates += g.members.map(\.from.earliest) }
            return dates.contains { d in let p = parties(of: t, at: d); return p.contains(a) && p.contains(b) }
        }.sorted { $0.signed < $1.signed }
    }

    /// Curated events involving A and B (either way, or about the other) in a date range.
    public func events(between a: String, and b: String, from: Day? = nil, to: Day? = nil) -> [CuratedEvent] {
        events.filter { e in
            e.involves(a, b) && (from.map { e.date.latest >= $0 } ?? true) && (to.map { e.date.earliest <= $0 } ?? true)
        }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}
