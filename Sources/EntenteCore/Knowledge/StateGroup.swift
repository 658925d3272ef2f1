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
