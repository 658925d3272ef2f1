/// A formal partnership declaration (or a one-sided designation such as the US "major non-NATO
/// ally"), with its declared levels over time in the parties' own words.
///
/// ```yaml
/// partnerships:
///   - id: chn-rus-comprehensive-strategic-partnership-of-coordination
///     parties: [CHN, RUS]
///     kind: joint
///     levels:
///       - {date: 1996-04, words: strategic partnership of coordination, tier: strategic, sources: [...]}
/// ```
public struct Partnership: Hashable, Sendable, Codable {
    /// Declared by both parties, or designated by one.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case joint, designation
    }

    /// The rank of a declared level, from the weakest: `partnership` 1, `strategic` 2,
    /// `comprehensive-strategic` 3, `special` 4 (the top tier a state uses). Guides/KnowledgeBase.md.
    public enum Tier: String, Sendable, Codable, CaseIterable, Comparable {
        case partnership
        case strategic
        case comprehensiveStrategic = "comprehensive-strategic"
        case special

        public var rank: Int {
            switch self {
            case .partnership: 1
            case .strategic: 2
            case .comprehensiveStrategic: 3
            case .special: 4
            }
        }

        public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rank < rhs.rank }
    }

    /// One declared level: from its date until the next level (or the end).
    public struct Level: Hashable, Sendable, Codable {
        public var date: PartialDate
        /// The declared level in the parties' own words.
        public var words: String
        public var tier: Tier
        public var sources: [SourceRef]

        public init(date: PartialDate, words: String, tier: Tier, sources: [SourceRef]) {
            self.date = date
            self.words = words
            self.tier = tier
            self.sources = sources
        }
    }

    public var id: String
    public var parties: [String]
    public var kind: Kind
    /// The designating state, for a designation.
    public var by: String?
    /// Oldest first.
    public var levels: [Level]
    /// Suspended, downgraded or ended from this date.
    public var ended: PartialDate?
    public var note: String?
    public var sources: [SourceRef]
    public var origin: EntryOrigin

    public init(
        id: String, parties: [String], kind: Kind, by: String?, levels: [Level], ended: PartialDate?, note: String?,
        sources: [SourceRef], origin: EntryOrigin
    ) {
        self.id = id
        self.parties = parties
        self.kind = kind
        self.by = by
        self.levels = levels
        self.ended = ended
        self.note = note
        self.sources = sources
        self.origin = origin
    }

    /// The level in force on a day: the latest declared on or before it, none before the first
    /// or from the end date.
    ///
    /// - Complexity: O(levels).
    public func level(at day: Day) -> Level? {
        if let ended, ended.earliest <= day { return nil }
        return levels.last { $0.date.earliest <= day }
    }
}
