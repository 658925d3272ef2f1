public import EntenteCore
import EntenteStore
import Foundation

/// A common-adversaries analysis: the pair, the month range (default: the pair's series) and
/// how many adversaries and friends to list.
public struct AdversariesRequest: Sendable {
    public var a: String
    public var b: String
    public var from: Month?
    public var to: Month?
    public var top: Int
    /// The fewest covered days each side must have with a ranked third state.
    public var minDays: Int

    public init(a: String, b: String, from: Month? = nil, to: Month? = nil, top: Int = 10, minDays: Int = 30) {
        self.a = a
        self.b = b
        self.from = from
        self.to = to
        self.top = top
        self.minDays = minDays
    }

    /// Checks the request's values against ``RequestLimits``.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the field and the range.
    public func validate() throws {
        try RequestLimits.check(top, in: RequestLimits.top, "top")
        try RequestLimits.check(minDays, in: 0...10_000, "min days", unit: " days")
        try RequestLimits.checkRange(from, to)
    }
}

/// The `adversaries` answer; its JSON form is documented in the README.
public struct AdversariesAnswer: Encodable, Sendable {
    public var a: String, b: String, from: String, to: String
    public var measure: String
    public var result: CommonAdversaries.Result
    /// Where the totals came from: `dyad-series`.
    public var source: String
}

extension EventStore {
    /// Every pair's totals over a month range, from the dyad series.
    func pairTotals(from: Month, to: Month) throws -> [Dyad: PairTotals] {
        try seriesAllMonths(from: from, to: to).mapValues(PairTotals.sum)
    }
}

extension Workspace {
    /// Third states both A and B treat as adversaries (and friends), ranked by shrunk lift over
    /// the baselines, with the days of coverage behind each; profile similarity, triads.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` without a dyad series.
    public func adversaries(_ request: AdversariesRequest) throws -> AdversariesAnswer {
        try request.validate()
        let db = try seriesStore()
        let months = try db.seriesMonths(request.a, request.b)
        let start = request.from ?? months.first?.month ?? Month(year: 2018, month: 1)!
        let end = request.to ?? months.last?.month ?? start
        let result = CommonAdversaries.analyseByLift(
            a: request.a, b: request.b, totals: try db.pairTotals(from: start, to: end), top: request.top, minDays: request.minDays)
        return AdversariesAnswer(
            a: request.a, b: request.b, from: start.description, to: end.description,
            measure:
                "lift = shrunk conflict share / the share C's and the side's own baselines predict (empirical Bayes by covered days); "
                + "score = geometric mean of A's and B's lifts, both above 1, each side covered ≥ \(request.minDays) days; similarity = cosine",
            result: result, source: "dyad-series")
    }
}
