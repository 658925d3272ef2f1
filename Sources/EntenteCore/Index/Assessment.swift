/// One piece of evidence behind a component.
public struct IndexEvidence: Sendable, Codable, Equatable {
    public var date: String
    /// `kb`, `cube` or `series`.
    public var origin: String
    public var text: String
    public var source: String?

    public init(date: String, origin: String, text: String, source: String?) {
        self.date = date
        self.origin = origin
        self.text = text
        self.source = source
    }
}

/// One component of the index, on 0…1, or `nil` with "no data".
public struct IndexComponent: Sendable, Codable, Equatable {
    public enum Name: String, Sendable, Codable, CaseIterable {
        case commitment, militaryTechnical = "military-technical", diplomatic, breadth, durability, alignment, hostility
    }

    public var name: Name
    public var value: Double?
    /// Which data the value rests on (`knowledge base`, `cube`, `dyad series`), or `no data`.
    public var coverage: [String]
    public var evidence: [IndexEvidence]
    /// The value in the previous window of the same length, when computable.
    public var previous: Double?
    public var trend: Double? { value.flatMap { v in previous.map { v - $0 } } }

    public init(name: Name, value: Double?, coverage: [String], evidence: [IndexEvidence], previous: Double?) {
        self.name = name
        self.value = value
        self.coverage = coverage
        self.evidence = evidence
        self.previous = previous
    }
}

/// The judgement: components, index, classification and what it rests on.
public struct Assessment: Sendable, Codable, Equatable {
    public enum Classification: String, Sendable, Codable, CaseIterable {
        case alliance, strategicPartnership = "strategic partnership", temporaryRapprochement = "temporary rapprochement", distant, rivalry
    }

    public var a: String
    public var b: String
    public var at: Month
    public var window: Int
    public var components: [IndexComponent]
    /// Durability, alignment and hostility, with calibrated weights (Guides/PartnershipIndex.md).
    public var behavioural: Double?
    /// Diplomatic, military-technical and breadth, damped by hostility.
    public var intensity: Double?
    public var index: Double?
    public var classification: Classification
    /// The components (and thresholds) that decided the classification, in words.
    public var decidedBy: [String]
    public var confidence: Double
    public var confidenceLabel: String
    /// Developments that would move the classification.
    public var indicators: [String]
    /// Judgement v2: the rule that fired (`R0a` … `R6`, Guides/PartnershipIndex.md), the features it
    /// read, and how near the nearest threshold is.
    public var rule: String?
    public var features: JudgementFeatures?
    public var wouldChange: [String]?

    public func component(_ name: IndexComponent.Name) -> IndexComponent { components.first { $0.name == name }! }
}
