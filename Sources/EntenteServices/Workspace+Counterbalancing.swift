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
        /// The block-permutation test; `result.pAdjusted` is Holm-adjusted across the pairs tested.
        public var result: Counterbalancing.Result
        /// The same change for unrelated pairs of similar coverage over the same months.
        public var placebo: Counterbalancing.Placebo?
        /// Whether both controls agree: adjusted p < 0.05 and placebo p < 0.05.
        public var evidence: Bool
        public var reading: String
        public var events: [String]
    }

    public var a: String, b: String, around: String, window: Int, monthsBefore: Int, monthsAfter: Int, aroundChosenBy: String
    /// Months left out of the windows for thin coverage (under 75 % of their usual days).
    public var monthsLeftOut: [String]
    /// `holm`: the multiplicity adjustment behind `pAdjusted`.
    public var adjustment: String
    /// The seed of the permutations and the placebo draw.
    public var seed: UInt64
    public var pairs: [Row]
    public var reading: String
    /// Where the values came from: `dyad-series`.
    public var source: String
}

extension Workspace {
    /// Do third parties draw closer when A and B do? Mean monthly log(1 + cooperation) of each
    /// third-party pair before vs after the change on covered months, a block-permutation test,
    /// Holm-adjusted p-values across the pairs, and a placebo difference-in-differences against
    /// unrelated pairs of similar coverage.
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
        let coverage = try SeriesCoverage.load(db)
        var chosenBy = "--around"
        let at: Month
        if let around = request.around {
            at = around
        } else {
            let grid = coverage.monthly(dyad, from: firstMonth, to: lastMonth, \.positive)
            let detection = ChangePoints.detect(grid.values.map { log1p($0) }, covered: grid.covered, rules: .monthly)
            let covered = grid.values.indices.filter { grid.covered[$0] }
            let bounds = [0] + detection.breaks.map(\.coveredIndex) + [covered.count]
            func mean(_ r: Range<Int>) -> Double { r.reduce(0) { $0 + log1p(grid.values[covered[$1]]) } / Double(max(r.count, 1)) }
            let rises = detection.breaks.enumerated().map { (i, f) in
                (f.index, mean(f.coveredIndex..<bounds[i + 2]) - mean(bounds[i]..<f.coveredIndex), f.flag)
            }
            // An unflagged rise first; a flagged one (next to a gap or an end) only when there is no other, and said.
            guard
                let best = rises.filter({ $0.2 == nil && $0.1 > 0 }).max(by: { $0.1 < $1.1 })
                    ?? rises.filter({ $0.1 > 0 }).max(by: { $0.1 < $1.1 })
            else {
                throw EntenteError(.invalidArgument, "no rise in \(a)–\(b) cooperation to anchor on: give --around YYYY-MM")
            }
            at = grid.months[best.0]
            chosenBy =
                "the A–B cooperation change point with the largest rise (PELT on covered months)"
                + (best.2.map { " — flagged \($0.rawValue): no unflagged rise, so read it with care" } ?? "")
        }
        let states: [String]
        if let third = request.third {
            states = third
        } else {
            let totals = try db.pairTotals(from: at.advanced(by: -window), to: at.advanced(by: window - 1))
            states = CommonAdversaries.analyseByLift(a: a, b: b, totals: totals, top: 3).adversaries.map(\.state)
        }
        // Only months the series covers: a month past its end, or a thinly covered one, is missing, not zero.
        guard let (spanStart, spanEnd) = try db.seriesSpan() else { throw EntenteError(.invalidArgument, "no series span") }
        let candidatesBefore = (1...window).map { at.advanced(by: -$0) }.filter { $0 >= spanStart }.reversed()
        let candidatesAfter = (0..<window).map { at.advanced(by: $0) }.filter { $0 <= spanEnd }
        let leftOut = (Array(candidatesBefore) + candidatesAfter).filter { !coverage.isCovered($0) }
        let beforeMonths = candidatesBefore.filter(coverage.isCovered), afterMonths = candidatesAfter.filter(coverage.isCovered)
        guard beforeMonths.count >= 3, afterMonths.count >= 3 else {
            throw EntenteError(
                .invalidArgument,
                "fewer than 3 covered months of series data on one side of \(at) (series covers \(spanStart)–\(spanEnd))")
        }
        let seed = RobustInference.defaultSeed
        let block = Counterbalancing.blockLength(months: beforeMonths.count + afterMonths.count)
        let all = try db.seriesAllMonths(from: beforeMonths[0], to: afterMonths[afterMonths.count - 1])
        func sides(_ months: [DyadSeriesMonth]) -> (before: [Double], after: [Double]) {
            let map = Dictionary(months.map { ($0.month, $0.positive) }, uniquingKeysWith: +)
            func value(_ m: Month) -> Double { log1p((map[m] ?? 0) / min(1, coverage.ratio(m))) }
            return (beforeMonths.map(value), afterMonths.map(value))
        }
        func change(_ s: (before: [Double], after: [Double])) -> Double {
            s.after.reduce(0, +) / Double(s.after.count) - s.before.reduce(0, +) / Double(s.before.count)
        }
        // Placebo pool: pairs touching none of A, B or the third states, in a fixed order.
        let involved = Set([a, b] + states)
        let pool = all.filter { d, _ in !d.states.contains(where: involved.contains) }.sorted { $0.key < $1.key }
        var rows: [CounterbalancingAnswer.Row] = []
        for i in 0..<states.count {
            for j in (i + 1)..<states.count {
                let (x, y) = (states[i], states[j])
                let tested = sides(all[.unordered(x, y)] ?? [])
                guard
                    let result = Counterbalancing.compare(before: tested.before, after: tested.after, seed: seed, blockLength: block)
                else { continue }
                let days = (all[.unordered(x, y)] ?? []).reduce(0) { $0 + $1.days }
                let mass = (all[.unordered(x, y)] ?? []).reduce(0) { $0 + $1.positive }
                let similar = pool.filter { _, months in
                    let d = months.reduce(0) { $0 + $1.days }, m = months.reduce(0) { $0 + $1.positive }
                    return Double(d) >= 0.5 * Double(days) && Double(d) <= 2 * Double(max(days, 1)) && m >= mass / 3
                        && m <= 3 * max(mass, 1)
                }
                var rng = SeededGenerator(seed: seed &+ UInt64(rows.count))
                let drawn = similar.shuffled(using: &rng).prefix(100)
                let placebo = Counterbalancing.placebo(change: change(tested), placeboChanges: drawn.map { change(sides($0.value)) })
                let events = kb.events(between: x, and: y, from: at.firstDay, to: at.advanced(by: window - 1).lastDay)
                rows.append(
                    .init(
                        pair: [x, y], result: result, placebo: placebo, evidence: false, reading: "",
                        events: events.map { "\($0.date): \($0.title)" }))
            }
        }
        let adjusted = RobustInference.holm(rows.map(\.result.p))
        for i in rows.indices {
            rows[i].result.pAdjusted = adjusted[i]
            let placeboP = rows[i].placebo?.p ?? 1
            rows[i].evidence = adjusted[i] < 0.05 && placeboP < 0.05
            rows[i].reading =
                rows[i].evidence
                ? String(
                    format: "evidence of a %@ (adjusted p %.3f; beyond %.0f %% of %d placebo pairs)",
                    rows[i].result.difference > 0 ? "rise" : "fall", adjusted[i], rows[i].placebo?.percentile ?? 0,
                    rows[i].placebo?.pairs ?? 0)
                : String(
                    format: "no evidence (adjusted p %.3f, placebo p %.3f%@)", adjusted[i], placeboP,
                    rows[i].placebo == nil ? ", no placebo pairs of similar coverage" : "")
        }
        let found = rows.filter(\.evidence).map { $0.pair.joined(separator: "–") }
        let reading =
            found.isEmpty
            ? "No evidence of counterbalancing: no third-party pair passes both the Holm-adjusted block-permutation test and the placebo comparison."
            : "Evidence for \(found.joined(separator: ", ")): both the adjusted test and the placebo comparison agree. A shift can still have other causes."
        return CounterbalancingAnswer(
            a: a, b: b, around: at.description, window: window, monthsBefore: beforeMonths.count, monthsAfter: afterMonths.count,
            aroundChosenBy: chosenBy, monthsLeftOut: leftOut.map(\.description), adjustment: "holm", seed: seed, pairs: rows,
            reading: reading, source: "dyad-series")
    }
}
