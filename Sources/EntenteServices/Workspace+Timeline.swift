public import EntenteCore
import EntenteStore
import Foundation

/// A timeline: the pair, the month range and which stored events to merge with the curated ones.
public struct TimelineRequest: Sendable {
    public enum StoreEvents: String, Sendable, CaseIterable { case salient, all, none }

    public var a: String
    public var b: String
    public var from: Month?
    public var to: Month?
    public var storeEvents: StoreEvents

    public init(a: String, b: String, from: Month? = nil, to: Month? = nil, storeEvents: StoreEvents = .salient) {
        self.a = a
        self.b = b
        self.from = from
        self.to = to
        self.storeEvents = storeEvents
    }

    /// Checks the request's values against ``RequestLimits``.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the field and the range.
    public func validate() throws {
        try RequestLimits.checkRange(from, to)
    }
}

/// One line of a timeline, curated or stored.
public struct TimelineEntry: Encodable, Sendable {
    public var date: String
    public var origin: String
    public var id: String
    public var source: String
    public var target: String
    public var code: String
    public var codeName: String
    public var title: String
    public var level: String?
    public var confidence: String?
    public var flows: [Flow]
    public var tags: [String]
    public var sources: [SourceRef]

    init(curated e: CuratedEvent) {
        date = e.date.description
        origin = "kb"
        id = e.id
        source = e.source
        target = e.target
        code = e.code
        codeName = CAMEOEventCode.lookup(e.code)?.name ?? ""
        title = e.title
        level = e.level?.rawValue
        confidence = e.confidence.rawValue
        flows = e.flows
        tags = e.tags
        sources = e.sources
    }

    init(stored s: StoredEvent) {
        let e = s.event
        date = e.date.description
        origin = e.dataset.rawValue
        id = e.originalID
        source = e.source.country
        target = e.target.country
        code = e.eventCode
        codeName = CAMEOEventCode.lookup(e.eventCode)?.name ?? ""
        title = "\(e.source.name) → \(e.target.name): \(codeName)"
        flows = []
        tags = []
        sources = [SourceRef(outlet: e.publisher ?? "\(e.dataset.rawValue) \(s.file):\(s.line)", date: nil, url: e.sourceURL ?? "")]
    }

    /// The codes a timeline shows by default: visits and meetings (042–046), agreements (057),
    /// material cooperation and aid (06x–07x), sanctions and coercion (16x–17x), force (18x–20x).
    public static func isSalient(_ code: String) -> Bool {
        let base = String(code.prefix(3)), root = String(code.prefix(2))
        return ["042", "043", "044", "045", "046", "057"].contains(base) || ["06", "07", "16", "17", "18", "19", "20"].contains(root)
    }
}

/// The `timeline` answer; its JSON form is documented in the README.
public struct Timeline: Encodable, Sendable {
    public var a: String
    public var b: String
    public var from: String?
    public var to: String?
    public var entries: [TimelineEntry]
    /// Why stored events are missing, when they are (not part of the JSON).
    public var note: String?

    enum CodingKeys: String, CodingKey { case a, b, from, to, entries }
}

extension Workspace {
    /// Curated events merged with the store's (by default the salient ones, one per day,
    /// direction and code), oldest first, curated before stored on the same day.
    public func timeline(_ request: TimelineRequest) throws -> Timeline {
        try request.validate()
        let (a, b) = (request.a, request.b)
        let kb = try knowledgeBase()
        var entries = kb.events(between: a, and: b, from: request.from?.firstDay, to: request.to?.lastDay).map(TimelineEntry.init(curated:))
        var note: String?
        if request.storeEvents != .none {
            if let store = try existingStore() {
                let events = try store.events(EventFilter(a: a, b: b, from: request.from, to: request.to))
                var seen = Set<String>()
                for s in events.reversed() where request.storeEvents == .all || TimelineEntry.isSalient(s.event.eventCode) {
                    let key = "\(s.event.date)|\(s.event.source.country)|\(s.event.eventCode)"
                    if request.storeEvents == .salient && !seen.insert(key).inserted { continue }
                    entries.append(TimelineEntry(stored: s))
                }
            } else {
                note = "No event store at \(storePath): showing the knowledge base only. `entente ingest PATH` adds event data."
            }
        }
        entries.sort { ($0.date, $0.origin == "kb" ? 0 : 1, $0.id) < ($1.date, $1.origin == "kb" ? 0 : 1, $1.id) }
        return Timeline(a: a, b: b, from: request.from?.description, to: request.to?.description, entries: entries, note: note)
    }
}
