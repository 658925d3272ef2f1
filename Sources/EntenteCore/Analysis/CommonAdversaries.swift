import Foundation

/// Common adversaries, friends and triads of A and B (Guides/CommonAdversaries.md).
public enum CommonAdversaries {
    public struct Third: Sendable, Codable, Equatable {
        public var state: String
        /// By share: min of the two sides' conflict shares toward it (both must be hostile). By
        /// lift: the geometric mean of the two shrunk lifts (each above 1).
        public var score: Double
        public var a: PairTotals
        public var b: PairTotals
        /// A's and B's shrunk lift toward the state: observed share / expected share (lift ranking).
        public var liftA: Double?
        public var liftB: Double?
        /// The shares the baselines predict for A–C and B–C.
        public var expectedA: Double?
        public var expectedB: Double?
        /// Days of coverage behind each side's figure (days the pair has data).
        public var daysA: Int?
        public var daysB: Int?

        public init(state: String, score: Double, a: PairTotals, b: PairTotals) {
            self.state = state
            self.score = score
            self.a = a
            self.b = b
        }
    }

    public struct Triad: Sendable, Codable, Equatable {
        public var third: String
        /// Signs of A–B, A–C, B–C balances (+1 / −1).
        public var signs: [Int]
        public var balanced: Bool
    }

    public struct Result: Sendable, Codable, Equatable {
        public var adversaries: [Third]
        public var friends: [Third]
        /// Cosine similarity of A's and B's conflict shares over all third states both have data for.
        public var hostilitySimilarity: Double?
        /// Cosine similarity of their cooperation shares.
        public var cooperationSimilarity: Double?
        public var triads: [Triad]
        public var balancedShare: Double?
        public var thirdStates: Int
        /// `lift` or `share`: how ``adversaries`` and ``friends`` were ranked.
        public var ranking: String?
        /// Lift ranking: the fewest covered days each side must have with a ranked state.
        public var minDays: Int?
        /// Lift ranking: the empirical-Bayes prior strength (in covered days) of A's and B's lifts.
        public var shrinkageDaysA: Double?
        public var shrinkageDaysB: Double?
        /// Third states left out for thin coverage (fewer than ``minDays`` on either side).
        public var thinlyCovered: Int?
    }

    /// - Parameter totals: every pair's totals over the window, keyed by the unordered pair.
    public static func analyse(a: String, b: String, totals: [Dyad: PairTotals], top: Int = 10) -> Result {
        func pair(_ x: String, _ y: String) -> PairTotals? { totals[.unordered(x, y)] }
        var thirds: [(String, PairTotals, PairTotals)] = []
        let states = Set(totals.keys.flatMap(\.states)).subtracting([a, b]).sorted()
        for c in states {
            if let ta = pair(a, c), let tb = pair(b, c) { thirds.append((c, ta, tb)) }
        }
        let adversaries = thirds.map { Third(state: $0.0, score: min($0.1.conflictShare, $0.2.conflictShare), a: $0.1, b: $0.2) }
            .sorted { ($0.score, $1.state) > ($1.score, $0.state) }.prefix(top)
        let friends = thirds.map { Third(state: $0.0, score: min($0.1.cooperationShare, $0.2.cooperationShare), a: $0.1, b: $0.2) }
            .filter { $0.a.balance > 0 && $0.b.balance > 0 }
            .sorted { ($0.score, $1.state) > ($1.score, $0.state) }.prefix(top)
        var triads: [Triad] = []
        if let ab = pair(a, b) {
            for (c, ta, tb) in thirds where ta.balance != 0 && tb.balance != 0 && ab.balance != 0 {
                let signs = [ab.balance > 0 ? 1 : -1, ta.balance > 0 ? 1 : -1, tb.balance > 0 ? 1 : -1]
                triads.append(Triad(third: c, signs: signs, balanced: isBalanced(ab.balance, ta.balance, tb.balance)))
            }
        }
        return Result(
            adversaries: Array(adversaries), friends: Array(friends),
            hostilitySimilarity: Statistics.cosine(thirds.map(\.1.conflictShare), thirds.map(\.2.conflictShare)),
            cooperationSimilarity: Statistics.cosine(thirds.map(\.1.cooperationShare), thirds.map(\.2.cooperationShare)),
            triads: triads, balancedShare: triads.isEmpty ? nil : Double(triads.filter(\.balanced).count) / Double(triads.count),
            thirdStates: thirds.count, ranking: "share")
    }

    /// Whether a signed triangle is balanced (Heider): the product of its three signs is positive.
    public static func isBalanced(_ ab: Double, _ ac: Double, _ bc: Double) -> Bool { ab * ac * bc > 0 }

    // MARK: - Lift

    /// A side's shrunk lifts toward each third state (Guides/CommonAdversaries.md).
    struct SideLifts {
        var lift: [String: Double] = [:]
        var expected: [String: Double] = [:]
        var kappa: Double = 1
    }

    /// Each side's hostility toward C relative to what C's and the side's own baselines predict,
    /// shrunk toward 1 for thin coverage, for hostility (`conflict`) or cooperation.
    ///
    /// expected odds = odds(C's share with every state but A and B) × odds(X's share with every
    /// state but C) / odds(the overall share), the independence (log-linear main-effects) model;
    /// shares are clamped to 0.02…0.98. Observed share s = mass / (positive + negative); shrunk
    /// share = (s d + κ e) / (d + κ) with d the pair's covered days and κ the empirical-Bayes
    /// prior strength: the ratio of within- to between-pair variance of s/e, by regressing
    /// (s/e − mean)² on 1/d (method of moments), clamped to 1…365 days.
    static func lifts(of x: String, excluding pair: Set<String>, totals: [Dyad: PairTotals], conflict: Bool) -> SideLifts {
        func mass(_ t: PairTotals) -> Double { conflict ? t.negative : t.positive }
        var stateMass: [String: (m: Double, all: Double)] = [:]
        var overall = (m: 0.0, all: 0.0)
        var excluded: [String: (m: Double, all: Double)] = [:]
        let ordered = totals.sorted { $0.key < $1.key }  // a fixed summation order: deterministic
        for (d, t) in ordered {
            let all = t.positive + t.negative
            overall.m += mass(t)
            overall.all += all
            for s in d.states {
                stateMass[s, default: (0, 0)].m += mass(t)
                stateMass[s, default: (0, 0)].all += all
            }
            if let other = d.states.first(where: { pair.contains($0) }), let c = d.states.first(where: { $0 != other }) {
                excluded[c, default: (0, 0)].m += mass(t)
                excluded[c, default: (0, 0)].all += all
            }
        }
        func clamp(_ v: Double) -> Double { min(0.98, max(0.02, v)) }
        func odds(_ v: Double) -> Double { v / (1 - v) }
        let base = clamp(overall.all > 0 ? overall.m / overall.all : 0.5)
        var rows: [(c: String, s: Double, e: Double, d: Double)] = []
        let own = stateMass[x] ?? (0, 0)
        for (d, t) in ordered where d.contains(x) {
            guard let c = d.states.first(where: { $0 != x }), !pair.contains(c), t.days > 0, t.positive + t.negative > 0 else { continue }
            let cAll = (stateMass[c] ?? (0, 0)), cEx = excluded[c] ?? (0, 0)
            let cRest = (m: cAll.m - cEx.m, all: cAll.all - cEx.all)
            let cShare = clamp(cRest.all > 0 ? cRest.m / cRest.all : base)
            let xRest = (m: own.m - mass(t), all: own.all - t.positive - t.negative)
            let xShare = clamp(xRest.all > 0 ? xRest.m / xRest.all : base)
            let eo = odds(cShare) * odds(xShare) / odds(base)
            rows.append((c, mass(t) / (t.positive + t.negative), eo / (1 + eo), Double(t.days)))
        }
        var out = SideLifts()
        guard !rows.isEmpty else { return out }
        let ratios = rows.map { $0.s / $0.e }
        let totalDays = rows.reduce(0) { $0 + $1.d }
        let mean = zip(ratios, rows).reduce(0) { $0 + $1.0 * $1.1.d } / max(totalDays, 1)
        if let fit = Statistics.ols(y: ratios.map { ($0 - mean) * ($0 - mean) }, x: rows.map { [1, 1 / $0.d] }) {
            let (tau2, within) = (fit.coefficients[0], fit.coefficients[1])
            out.kappa = min(365, max(1, within / max(tau2, 1e-9)))
        }
        for r in rows {
            let shrunk = (r.s * r.d + out.kappa * r.e) / (r.d + out.kappa)
            out.lift[r.c] = shrunk / r.e
            out.expected[r.c] = r.e
        }
        return out
    }

    /// Common adversaries and friends ranked by lift: for each third state C covered at least
    /// `minDays` days with each side, the geometric mean of A's and B's shrunk lifts toward C,
    /// both above 1 (each side more hostile to C — or, for friends, more cooperative — than the
    /// baselines predict). Similarity and triads as in ``analyse(a:b:totals:top:)``.
    ///
    /// - Parameter totals: every pair's totals over the window, keyed by the unordered pair.
    public static func analyseByLift(a: String, b: String, totals: [Dyad: PairTotals], top: Int = 10, minDays: Int = 30) -> Result {
        var result = analyse(a: a, b: b, totals: totals, top: Int.max)
        let pair: Set = [a, b]
        func rank(conflict: Bool) -> (thirds: [Third], kappaA: Double, kappaB: Double, thin: Int) {
            let la = lifts(of: a, excluding: pair, totals: totals, conflict: conflict)
            let lb = lifts(of: b, excluding: pair, totals: totals, conflict: conflict)
            var out: [Third] = [], thin = 0
            let states = Set(totals.keys.flatMap(\.states)).subtracting(pair).sorted()
            for c in states {
                guard let ta = totals[.unordered(a, c)], let tb = totals[.unordered(b, c)] else { continue }
                guard ta.days >= minDays, tb.days >= minDays else {
                    thin += 1
                    continue
                }
                guard let xa = la.lift[c], let xb = lb.lift[c], xa > 1, xb > 1 else { continue }
                var third = Third(state: c, score: (xa * xb).squareRoot(), a: ta, b: tb)
                (third.liftA, third.liftB, third.expectedA, third.expectedB) = (xa, xb, la.expected[c], lb.expected[c])
                (third.daysA, third.daysB) = (ta.days, tb.days)
                out.append(third)
            }
            out.sort { ($0.score, $1.state) > ($1.score, $0.state) }
            return (Array(out.prefix(top)), la.kappa, lb.kappa, thin)
        }
        let hostile = rank(conflict: true), friendly = rank(conflict: false)
        result.adversaries = hostile.thirds
        result.friends = friendly.thirds.filter { $0.a.balance > 0 && $0.b.balance > 0 }
        result.ranking = "lift"
        result.minDays = minDays
        result.shrinkageDaysA = hostile.kappaA
        result.shrinkageDaysB = hostile.kappaB
        result.thinlyCovered = hostile.thin
        return result
    }
}
