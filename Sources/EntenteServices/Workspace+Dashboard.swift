public import EntenteCore
import EntenteStore
import Foundation

/// What the dashboard's home page shows: what the store holds, and the pairs that moved most in
/// the latest month of the dyad series.
public struct Overview: Sendable, Encodable {
    public var status: StoreStatus
    /// The latest month of the dyad series, when one is stored.
    public var latestMonth: Month?
    /// The most-changed pairs of ``latestMonth`` (``PairMovers``).
    public var movers: [PairMovers.Move]
    /// The knowledge base's size: treaties, partnerships, curated events.
    public var treaties: Int
    public var partnerships: Int
    public var curatedEvents: Int
}

/// A dyad's page: the evidence a brief is built from, and the brief itself.
public struct DyadPage: Sendable {
    public var inputs: BriefInputs
    public var brief: Brief
}

extension Workspace {
    /// The home page's answer: the store's status, the knowledge base's size, and the `top`
    /// most-changed pairs of the dyad series' latest month.
    ///
    /// - Throws: ``EntenteError`` when the store cannot be read.
    public func overview(top: Int = 10) throws -> Overview {
        let status = try status()
        let kb = try knowledgeBase()
        var latest: Month?
        var movers: [PairMovers.Move] = []
        if let store = try existingStore(), try store.hasSeries(), let (_, last) = try store.seriesSpan() {
            latest = last
            movers = PairMovers.rank(
                try store.seriesAllMonths(from: last.advanced(by: -PairMovers.lookback), to: last), month: last, top: top)
        }
        return Overview(
            status: status, latestMonth: latest, movers: movers, treaties: kb.treaties.count, partnerships: kb.partnerships.count,
            curatedEvents: kb.events.count)
    }

    /// A dyad's page: the brief's inputs (monthly assessments, flows, treaties, balances) and the
    /// brief built from them, in one pass.
    ///
    /// - Throws: as ``brief(_:)``.
    public func dyadPage(_ request: BriefRequest) throws -> DyadPage {
        let inputs = try briefInputs(request)
        return DyadPage(inputs: inputs, brief: Brief.build(inputs))
    }
}
