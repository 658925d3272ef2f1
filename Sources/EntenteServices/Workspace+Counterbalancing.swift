public import EntenteCore
import EntenteStore
import Foundation

/// A counterbalancing test: the pair, the month of change (default: the pair's largest rise),
/// the third states (default: the three both treat most harshly) and the window in months.
public struct CounterbalancingRequest: Sendable {
    public var a: String
    public var b: String
    public var around: Month?
    public var third: [String]?
    public var window: Int

    public init(a: String, b: String, around: Month? = nil, third: [String]? = nil, window: Int = 12) {
        self.a = a
        self.b = b
        self.around = around
        self.third = third
        self.window = window
    }

    /// Checks the request's values against ``RequestLimits``.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the field and the range.
    public func validate() throws {
        try RequestLimits.check(window, in: RequestLimits.counterbalancingWindow, "window", unit: " months")
        if let third {
            guard Set(third).count == third.count, third.count >= 2 else {
                throw EntenteError(
                    .invalidArgument, "third states must be at least two different states, not [\(third.joined(separator: ","))]")
            }
        }
    }
}

/// The `counterbalancing` answer; its JSON form is documented in the README.
public struct CounterbalancingAnswer: Encodable, Sendable {
    public struct Row: Encodable, Sendable {
        public var pair: [String]
        public var result: Counterbalancing.Result
        public var events: [String]
    }

    public var a: String, b: String, around: String, window: Int, monthsBefore: Int, monthsAfter: Int, aroundChosenBy: String
    public var pairs: [Row]
}

extension Workspace {
    /// Do third parties draw closer when A and B do? Mean monthly log(1 + cooperation) of each
    /// third-party pair before vs after the change, with a permutation test, on covered months.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` without a series, or with fewer than three
    ///   covered months on a side.
    public func counterbalancing(_ request: CounterbalancingRequest) throws -> CounterbalancingAnswer {
        try request.validate()
        let (a, b, window) = (request.a, request.b, request.window)
        let kb = try knowledgeBase()
        let db = try seriesStore()
        let dyad = try db.seriesMonths(a, b)
        guard let firstMonth = dyad.first?.month, let lastMonth = dyad.last?.month else {
            throw EntenteError(.invalidArgument, "no series data for \(a)–\(b)")
        }
        var chosenBy = "--around"
        let at: Month
        if let around = request.around {
            at = around
        } else {
            let grid = MonthGrid(from: firstMonth, to: lastMonth, series: dyad, \.positive)
            let values = grid.values.map { log1p($0) }
            let breaks = ChangePoints.pelt(values)
            let bounds = [0] + breaks + [values.count]
            func mean(_ r: Range<Int>) -> Double { values[r].reduce(0, +) / Double(max(r.count, 1)) }
            let rises = breaks.enumerated().map { (i, k) in (k, mean(k..<bounds[i + 2]) - mean(bounds[i]..<k)) }
            guard let best = rises.max(by: { $0.1 < $1.1 }), best.1 > 0 else {
                throw EntenteError(.invalidArgument, "no rise in \(a)–\(b) cooperation to anchor on: give --around YYYY-MM")
            }
            at = grid.months[best.0]
            chosenBy = "the A–B cooperation change point with the largest rise (PELT)"
        }
        let states: [String]
        if let third = request.third {
            states = third
        } else {
            let totals = try db.pairTotals(from: at.advanced(by: -window), to: at.advanced(by: window - 1))
            states = CommonAdversaries.analyse(a: a, b: b, totals: totals, top: 3).adversaries.map(\.state)
        }
        // Only months the series covers: a month past its end is missing, not zero.
        guard let (spanStart, spanEnd) = try db.seriesSpan() else { throw EntenteError(.invalidArgument, "no series span") }
        let beforeMonths = (1...window).map { at.advanced(by: -$0) }.filter { $0 >= spanStart }
        let afterMonths = (0..<window).map { at.advanced(by: $0) }.filter { $0 <= spanEnd }
        guard beforeMonths.count >= 3, afterMonths.count >= 3 else {
            throw EntenteError(
                .invalidArgument, "fewer than 3 months of series data on one side of \(at) (series covers \(spanStart)–\(spanEnd))")
        }
        var rows: [CounterbalancingAnswer.Row] = []
        for i in 0..<states.count {
            for j in (i + 1)..<states.count {
                let (x, y) = (states[i], states[j])
                let map = Dictionary(try db.seriesMonths(x, y).map { ($0.month, $0.positive) }, uniquingKeysWith: +)
                let before = beforeMonths.map { log1p(map[$0] ?? 0) }
                let after = afterMonths.map { log1p(map[$0] ?? 0) }
                guard let result = Counterbalancing.compare(before: before, after: after) else { continue }
                let events = kb.events(between: x, and: y, from: at.firstDay, to: at.advanced(by: window - 1).lastDay)
                rows.append(.init(pair: [x, y], result: result, events: events.map { "\($0.date): \($0.title)" }))
            }
        }
        return CounterbalancingAnswer(
            a: a, b: b, around: at.description, window: window, monthsBefore: beforeMonths.count,
            monthsAfter: afterMonths.count, aroundChosenBy: chosenBy, pairs: rows)
    }
}
