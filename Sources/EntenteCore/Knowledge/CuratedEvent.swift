/// A hand-coded event with its sources.
public struct CuratedEvent: Hashable, Sendable, Codable {
    public enum Confidence: String, Sendable, Codable, CaseIterable {
        /// Acknowledged by the parties, or an official act on the record.
        case confirmed
        /// Asserted by third parties (governments, intelligence services, media).
        case reported
        /// Announced or agreed by the parties, not (yet) shown to have happened.
        case pledged
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

    /// Whether the event is a leader-level summit: a leader's visit, hosting or meeting
    /// (CAMEO 042–044), or an entry tagged `summit`, at leader level.
    public var isSummit: Bool {
        level == .leader && (tags.contains("summit") || ["042", "043", "044"].contains(code))
    }

    /// Whether the event is military-technical cooperation: sensitive technology, arms, or troops
    /// sent to fight for the other side.
    public var isMilitaryTechnical: Bool {
        tags.contains { $0.hasPrefix("sensitive-tech:") } || tags.contains("arms-transfer") || tags.contains("troops")
    }

    /// How much one such entry adds to the military-technical component (0…1): 0.25 for a transfer,
    /// 1 for troops (the strongest signal), times how well it is established — confirmed or
    /// reported 1, pledged 0.5, officially denied 0.25.
    public var militaryTechnicalWeight: Double {
        guard isMilitaryTechnical else { return 0 }
        let base = tags.contains("troops") ? 1.0 : 0.25
        switch confidence {
        case .confirmed, .reported: return base
        case .pledged: return base * 0.5
        case .officiallyDenied: return base * 0.25
        }
    }

    /// Whether the event is between A and B, or by one of them and about the other.
    public func involves(_ a: String, _ b: String) -> Bool {
        let sides: Set<String> = [source, target]
        if sides == [a, b] { return true }
        return (sides.contains(a) && concerning.contains(b)) || (sides.contains(b) && concerning.contains(a))
            || flows.contains { Set([$0.from, $0.to]) == [a, b] }
    }
}
