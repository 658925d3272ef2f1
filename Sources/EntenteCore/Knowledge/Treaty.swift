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
