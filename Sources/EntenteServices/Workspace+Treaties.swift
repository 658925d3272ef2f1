public import EntenteCore
import Foundation

/// The `treaties` answer: the obligations between A and B on a day, each direction; its JSON
/// form is documented in the README.
public struct TreatiesAnswer: Encodable, Sendable {
    public struct Direction: Encodable, Sendable {
        public var from: String
        public var to: String
        /// The strongest obligation in force (or signed), `none` when there is none.
        public var strongest: String
        /// The strongest obligation of a treaty signed but not yet in force, when there is one.
        public var strongestSigned: String?
        public var treaties: [Item]
        /// ATOP's coding of this direction for the year (origin `ATOP`), when the layer is
        /// ingested: beside the curated treaties, which override it where both speak.
        public var atop: ATOP?
    }

    /// ATOP 5.1 obligations of one direction in a year.
    public struct ATOP: Encodable, Sendable {
        public var origin = "ATOP"
        public var year: Int
        public var obligations: [String]
        public var carriedForward: Bool
        public var source: StructuralSource
    }

    public struct Item: Encodable, Sendable {
        public var id: String
        public var name: String
        public var status: String
        public var signed: String
        public var inForce: String?
        public var ended: String?
        public var obligations: [String]
        public var clause: String
        public var sources: [SourceRef]
    }

    public var a: String
    public var b: String
    public var at: String
    public var directions: [Direction]
    /// Treaties that bound both at some other date.
    public var otherTreaties: [Item]

    init(kb: KnowledgeBase, a: String, b: String, at day: Day) {
        self.a = a
        self.b = b
        at = day.description
        func item(_ t: Treaty, _ status: Treaty.Status, _ types: [ObligationType]) -> Item {
            Item(
                id: t.id, name: t.name, status: status.rawValue, signed: t.signed.description, inForce: t.inForce?.description,
                ended: t.ended?.description, obligations: types.map(\.rawValue), clause: t.clause, sources: t.sources)
        }
        directions = [(a, b), (b, a)].map { from, to in
            let obligations = kb.obligations(from: from, to: to, at: day)
            let strongest = obligations.filter { $0.status == .inForce }.compactMap(\.strongest).max()
            let signed = obligations.filter { $0.status == .signedNotInForce }.compactMap(\.strongest).max()
            return Direction(
                from: from, to: to, strongest: strongest?.rawValue ?? "none", strongestSigned: signed?.rawValue,
                treaties: obligations.map { item($0.treaty, $0.status, $0.types) })
        }
        let current = Set(directions.flatMap { $0.treaties.map(\.id) })
        otherTreaties = kb.treaties(between: a, and: b).filter { !current.contains($0.id) }.map { item($0, $0.status(at: day), []) }
    }
}

extension Workspace {
    /// The obligations between A and B on a day (default: today, UTC).
    public func treaties(a: String, b: String, at day: Day? = nil) throws -> TreatiesAnswer {
        let day = day ?? Day.today()
        var answer = TreatiesAnswer(kb: try knowledgeBase(), a: a, b: b, at: day)
        if let store = try existingStore(), try store.hasStructuralLayers(),
            let alliance = try store.structure(a: a, b: b, year: day.year)?.alliance
        {
            let year = alliance.carriedForward ? 2018 : day.year
            for i in answer.directions.indices {
                let types = answer.directions[i].from == a ? alliance.aToB : alliance.bToA
                answer.directions[i].atop = .init(
                    year: year, obligations: types.map(\.rawValue), carriedForward: alliance.carriedForward, source: alliance.source)
            }
        }
        return answer
    }
}
