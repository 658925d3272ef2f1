/// Where an event record came from.
public enum Dataset: String, Sendable, Codable, CaseIterable {
    case gdelt1
    case gdelt2
    case icews
    case curated
}

/// One side of an event, normalised: the state (ISO3) plus what the source said.
public struct EventActor: Hashable, Sendable, Codable {
    /// The ISO 3166 alpha-3 code of the actor's state.
    public var country: String
    /// The source's own actor code (`RUSGOV`) or name (ICEWS: `Sergey Viktorovich Lavrov`).
    public var code: String
    /// The source's actor name (`RUSSIA`, `Foreign Affairs (Bangladesh)`).
    public var name: String
    /// The CAMEO role code (`GOV`, `MIL`, …), when known.
    public var role: String?

    public init(country: String, code: String, name: String, role: String? = nil) {
        self.country = country
        self.code = code
        self.name = name
        self.role = role
    }
}

/// A normalised event between two states: the unit the event store holds.
///
/// Every event keeps where it came from (``dataset``, ``originalID``, ``sourceURL`` or
/// ``publisher``), so every figure built on it can be traced back.
public struct Event: Hashable, Sendable, Codable {
    public var dataset: Dataset
    /// The id in the original dataset (GDELT's GLOBALEVENTID, ICEWS's Event ID).
    public var originalID: String
    /// The date the event happened (GDELT's SQLDATE), not the date it was added.
    public var date: Day
    public var source: EventActor
    public var target: EventActor
    /// The full CAMEO code, leading zeros kept ("0874").
    public var eventCode: String
    public var isRootEvent: Bool?
    public var quadClass: QuadClass
    public var goldstein: Double
    public var numMentions: Int?
    public var numSources: Int?
    public var numArticles: Int?
    public var avgTone: Double?
    /// The article the event was coded from (GDELT 1.0 from April 2013, GDELT 2.0).
    public var sourceURL: String?
    /// The outlet (ICEWS's Publisher).
    public var publisher: String?

    public init(
        dataset: Dataset, originalID: String, date: Day, source: EventActor, target: EventActor,
        eventCode: String, isRootEvent: Bool? = nil, quadClass: QuadClass, goldstein: Double,
        numMentions: Int? = nil, numSources: Int? = nil, numArticles: Int? = nil, avgTone: Double? = nil,
        sourceURL: String? = nil, publisher: String? = nil
    ) {
        self.dataset = dataset
        self.originalID = originalID
        self.date = date
        self.source = source
        self.target = target
        self.eventCode = eventCode
        self.isRootEvent = isRootEvent
        self.quadClass = quadClass
        self.goldstein = goldstein
        self.numMentions = numMentions
        self.numSources = numSources
        self.numArticles = numArticles
        self.avgTone = avgTone
        self.sourceURL = sourceURL
        self.publisher = publisher
    }

    /// The two-digit CAMEO root ("04").
    public var rootCode: String { String(eventCode.prefix(2)) }
    /// The three-digit base code ("042").
    public var baseCode: String { String(eventCode.prefix(3)) }

    /// The one-a-day de-duplication key: date × source actor code × target actor code × event
    /// code. Events sharing it count once in one-a-day figures (the standard filter for GDELT,
    /// which reports one story many times).
    public var oneADayKey: String {
        "\(date.rawValue)|\(source.code)|\(target.code)|\(eventCode)"
    }
}
