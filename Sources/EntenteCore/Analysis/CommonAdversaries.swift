import Foundation

/// Common adversaries, friends and triads of A and B (Guides/CommonAdversaries.md).
public enum CommonAdversaries {
    public struct Third: Sendable, Codable, Equatable {
        public var state: String
        /// min of the two sides' conflict shares toward it: both must be hostile.
        public var score: Double
        public var a: PairTotals
        public var b: PairTotals
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
            thirdStates: thirds.count)
    }

    /// Whether a signed triangle is balanced (Heider): the product of its three signs is positive.
    public static func isBalanced(_ ab: Double, _ ac: Double, _ bc: Double) -> Bool { ab * ac * bc > 0 }
}
