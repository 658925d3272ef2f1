public import EntenteCore
import EntenteStore
import Foundation

/// Which events to list: a filter and the most to return (`nil` for all).
public struct EventsRequest: Sendable {
    public var filter: EventFilter
    public var limit: Int?

    public init(filter: EventFilter, limit: Int? = 50) {
        self.filter = filter
        self.limit = limit
    }

    /// Checks the request's values against ``RequestLimits``.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the field and the range.
    public func validate() throws {
        if let limit, limit < 0 { throw EntenteError(.invalidArgument, "limit must be 0 or more, not \(limit)") }
        try RequestLimits.checkRange(filter.from, filter.to)
    }
}

/// The `events` answer; its JSON form is documented in the README.
public struct EventListing: Encodable, Sendable {
    public struct Item: Encodable, Sendable {
        public var dataset: String
        public var id: String
        public var date: String
        public var source: EventActor
        public var target: EventActor
        public var code: String
        public var codeName: String
        public var quadClass: Int
        public var goldstein: Double
        public var mentions: Int?
        public var sources: Int?
        public var articles: Int?
        public var tone: Double?
        public var url: String?
        public var publisher: String?
        public var file: String
        public var line: Int
    }

    public var a: String
    public var b: String
    public var from: String?
    public var to: String?
    public var code: String?
    public var bothDirections: Bool
    public var total: Int
    public var events: [Item]

    init(filter: EventFilter, total: Int, events: [StoredEvent]) {
        a = filter.a
        b = filter.b
        from = filter.from?.description
        to = filter.to?.description
        code = filter.codePrefix
        bothDirections = filter.bothDirections
        self.total = total
        self.events = events.map { s in
            let e = s.event
            return Item(
                dataset: e.dataset.rawValue, id: e.originalID, date: e.date.description, source: e.source, target: e.target,
                code: e.eventCode, codeName: CAMEOEventCode.lookup(e.eventCode)?.name ?? "", quadClass: e.quadClass.rawValue,
                goldstein: e.goldstein, mentions: e.numMentions, sources: e.numSources, articles: e.numArticles, tone: e.avgTone,
                url: e.sourceURL, publisher: e.publisher, file: s.file, line: s.line)
        }
    }
}

extension Workspace {
    /// Events matching the filter, newest first, with the total.
    ///
    /// - Complexity: O(log n + k) through the store's dyad index.
    public func events(_ request: EventsRequest) throws -> EventListing {
        try request.validate()
        let store = try openStore()
        return EventListing(
            filter: request.filter, total: try store.count(request.filter), events: try store.events(request.filter, limit: request.limit))
    }
}
