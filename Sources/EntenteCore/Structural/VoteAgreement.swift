/// How alike two states voted in the UN General Assembly over a set of roll calls in which both
/// voted yes, no or abstain (absences are not votes and are left out before this is computed).
///
/// - ``agreement``: the share of those roll calls in which the two votes were identical.
/// - ``kappa``: Cohen's κ over the three categories, chance-corrected after Häge (2011):
///   κ = (p_o − p_e) / (1 − p_e), with p_o the agreement and p_e = Σ_c p_A(c)·p_B(c), each state's
///   marginal distribution over yes/abstain/no taken over the same jointly-voted roll calls.
///
/// Degenerate cases: no jointly-voted roll call → agreement and κ are `nil` (no data, not zero);
/// p_e = 1 (both states cast the same single category every time, which forces p_o = 1) → κ is
/// `nil`: chance alone explains the agreement, and κ is 0/0.
///
/// ```swift
/// let m = VoteAgreement(votes: [(.yes, .yes), (.yes, .no), (.no, .no), (.abstain, .yes)])
/// // rollCalls 4, agreement 0.5, kappa 0.2
/// ```
public struct VoteAgreement: Hashable, Sendable, Codable {
    /// Roll calls in which both states voted yes, no or abstain.
    public var rollCalls: Int
    public var agreement: Double?
    public var kappa: Double?

    public init(rollCalls: Int, agreement: Double?, kappa: Double?) {
        self.rollCalls = rollCalls
        self.agreement = agreement
        self.kappa = kappa
    }

    /// Computes agreement and κ from pairs of votes (A's, B's), one pair per roll call.
    ///
    /// - Complexity: O(n).
    public init(votes: some Sequence<(UNGAVote, UNGAVote)>) {
        var table = ContingencyTable()
        for (a, b) in votes { table.add(a, b) }
        self = table.measure
    }

    /// The 3×3 table of vote pairs, accumulated one roll call at a time.
    public struct ContingencyTable: Hashable, Sendable {
        /// counts[a][b], indices yes 0, abstain 1, no 2.
        public private(set) var counts = [[Int]](repeating: [0, 0, 0], count: 3)
        public private(set) var total = 0

        public init() {}

        public mutating func add(_ a: UNGAVote, _ b: UNGAVote) {
            counts[a.rawValue - 1][b.rawValue - 1] += 1
            total += 1
        }

        public var measure: VoteAgreement {
            guard total > 0 else { return VoteAgreement(rollCalls: 0, agreement: nil, kappa: nil) }
            let n = Double(total)
            var observed = 0.0, expected = 0.0
            for c in 0..<3 {
                observed += Double(counts[c][c])
                let rowA = Double(counts[c].reduce(0, +))
                let colB = Double(counts[0][c] + counts[1][c] + counts[2][c])
                expected += (rowA / n) * (colB / n)
            }
            let po = observed / n
            // p_e is a sum of products of shares; compare with a tolerance for rounding.
            let kappa: Double? = expected >= 1 - 1e-12 ? nil : (po - expected) / (1 - expected)
            return VoteAgreement(rollCalls: total, agreement: po, kappa: kappa)
        }
    }
}
