import Foundation

/// A pair's totals over a window, from the dyad series: the unit the relational analyses use.
public struct PairTotals: Sendable, Codable, Equatable {
    public var positive: Double
    public var negative: Double
    public var days: Int
    public var strongConflictMonths: Int

    public init(positive: Double, negative: Double, days: Int, strongConflictMonths: Int) {
        self.positive = positive
        self.negative = negative
        self.days = days
        self.strongConflictMonths = strongConflictMonths
    }

    /// Share of the pair's coverage that is conflictual, shrunk toward 0 for thin coverage:
    /// negative / (positive + negative + k).
    public var conflictShare: Double { negative / (positive + negative + DyadSeriesMonth.balancePseudoMass) }
    public var cooperationShare: Double { positive / (positive + negative + DyadSeriesMonth.balancePseudoMass) }
    /// (positive − negative) / (positive + negative + k), in −1…1.
    public var balance: Double { (positive - negative) / (positive + negative + DyadSeriesMonth.balancePseudoMass) }
    /// The mean daily value (days with data).
    public var meanDaily: Double { days > 0 ? (positive - negative) / Double(days) : 0 }

    public static func sum(_ months: [DyadSeriesMonth]) -> PairTotals {
        PairTotals(positive: months.reduce(0) { $0 + $1.positive }, negative: months.reduce(0) { $0 + $1.negative },
                   days: months.reduce(0) { $0 + $1.days }, strongConflictMonths: months.filter { $0.strongConflictDays > 0 }.count)
    }
}

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

    /// - Parameter totals: every pair's totals over the window, keyed by `[X, Y]` sorted.
    public static func analyse(a: String, b: String, totals: [[String]: PairTotals], top: Int = 10) -> Result {
        func pair(_ x: String, _ y: String) -> PairTotals? { totals[[x, y].sorted()] }
        var thirds: [(String, PairTotals, PairTotals)] = []
        let states = Set(totals.keys.flatMap { $0 }).subtracting([a, b]).sorted()
        for c in states {
            if let ta = pair(a, c), let tb = pair(b, c) { thirds.append((c, ta, tb)) }
        }
        let adversaries = thirds.map { Third(state: $0.0, score: min($0.1.conflictShare, $0.2.conflictShare), a: $0.1, b: $0.2) }
            .sorted { ($0.score, $1.state) > ($1.score, $0.state) }.prefix(top)
        let friends = thirds.map { Third(state: $0.0, score: min($0.1.cooperationShare, $0.2.cooperationShare), a: $0.1, b: $0.2) }
            .filter { $0.a.balance > 0 && $0.b.balance > 0 }
            .sorted { ($0.score, $1.state) > ($1.score, $0.state) }.prefix(top)
        func cosine(_ x: [Double], _ y: [Double]) -> Double? {
            let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
            let norm = (x.reduce(0) { $0 + $1 * $1 } * y.reduce(0) { $0 + $1 * $1 }).squareRoot()
            return norm > 0 ? dot / norm : nil
        }
        var triads: [Triad] = []
        if let ab = pair(a, b) {
            for (c, ta, tb) in thirds where ta.balance != 0 && tb.balance != 0 && ab.balance != 0 {
                let signs = [ab.balance > 0 ? 1 : -1, ta.balance > 0 ? 1 : -1, tb.balance > 0 ? 1 : -1]
                triads.append(Triad(third: c, signs: signs, balanced: isBalanced(ab.balance, ta.balance, tb.balance)))
            }
        }
        return Result(
            adversaries: Array(adversaries), friends: Array(friends),
            hostilitySimilarity: cosine(thirds.map(\.1.conflictShare), thirds.map(\.2.conflictShare)),
            cooperationSimilarity: cosine(thirds.map(\.1.cooperationShare), thirds.map(\.2.cooperationShare)),
            triads: triads, balancedShare: triads.isEmpty ? nil : Double(triads.filter(\.balanced).count) / Double(triads.count),
            thirdStates: thirds.count)
    }

    /// Whether a signed triangle is balanced (Heider): the product of its three signs is positive.
    public static func isBalanced(_ ab: Double, _ ac: Double, _ bc: Double) -> Bool { ab * ac * bc > 0 }
}

/// Before/after comparison with an exact-seed permutation test (Guides/Counterbalancing.md).
public enum Counterbalancing {
    public struct Result: Sendable, Codable, Equatable {
        public var before: Double
        public var after: Double
        public var difference: Double
        /// Two-sided permutation p-value (share of relabellings with a difference at least as large).
        public var p: Double
        public var permutations: Int
    }

    /// Compares the means of `before` and `after` (e.g. monthly log cooperation of a third-party
    /// pair), with `permutations` random relabellings from a fixed seed: deterministic.
    public static func compare(before: [Double], after: [Double], permutations: Int = 10_000, seed: UInt64 = 20_231_013) -> Result? {
        guard !before.isEmpty, !after.isEmpty else { return nil }
        let mb = before.reduce(0, +) / Double(before.count), ma = after.reduce(0, +) / Double(after.count)
        let observed = abs(ma - mb)
        var pool = before + after
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var extreme = 0
        for _ in 0..<permutations {
            for i in stride(from: pool.count - 1, to: 0, by: -1) { pool.swapAt(i, Int(next() % UInt64(i + 1))) }
            let pb = pool.prefix(before.count).reduce(0, +) / Double(before.count)
            let pa = pool.suffix(after.count).reduce(0, +) / Double(after.count)
            if abs(pa - pb) >= observed - 1e-12 { extreme += 1 }
        }
        return Result(before: mb, after: ma, difference: ma - mb, p: Double(extreme + 1) / Double(permutations + 1), permutations: permutations)
    }
}

/// Projections of A–B cooperation under a driver scenario (Guides/Scenarios.md): the estimated
/// dependence log(1 + y_t) = α + β log(1 + x_{t−L}) + ε, applied to a driver path.
public enum Scenario {
    public enum Path: String, Sendable, Codable, CaseIterable { case stops, continues, doubles }

    public struct Dependence: Sendable, Codable, Equatable {
        public var lag: Int
        public var alpha: Double
        public var beta: Double
        public var betaStandardError: Double
        public var residualSD: Double
        public var observations: Int
    }

    public struct Projection: Sendable, Codable, Equatable {
        public var path: Path
        /// The driver's monthly conflict assumed over the horizon.
        public var driverLevel: Double
        /// Projected monthly cooperation: central, and the 95 % band (parameter and residual uncertainty).
        public var cooperation: Double
        public var low: Double
        public var high: Double
    }

    public static func dependence(y: [Double], x: [Double], lag: Int) -> Dependence? {
        let n = min(y.count, x.count)
        guard lag >= 0, n - lag > 4 else { return nil }
        let target = (lag..<n).map { log1p(max(y[$0], 0)) }
        let rows = (lag..<n).map { [1.0, log1p(max(x[$0 - lag], 0))] }
        guard let fit = Statistics.ols(y: target, x: rows) else { return nil }
        let m = Double(target.count)
        let sigma2 = fit.ssr / (m - 2)
        let xs = rows.map { $0[1] }, mx = xs.reduce(0, +) / m
        let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        guard sxx > 0 else { return nil }
        return Dependence(lag: lag, alpha: fit.coefficients[0], beta: fit.coefficients[1], betaStandardError: (sigma2 / sxx).squareRoot(), residualSD: sigma2.squareRoot(), observations: target.count)
    }

    /// The projection for a driver level; the band combines the slope's standard error and the residual spread.
    public static func project(_ d: Dependence, path: Path, recentDriver: Double) -> Projection {
        let level: Double
        switch path {
        case .stops: level = 0
        case .continues: level = recentDriver
        case .doubles: level = 2 * recentDriver
        }
        let lx = log1p(level)
        let central = d.alpha + d.beta * lx
        let spread = 1.96 * ((d.betaStandardError * lx) * (d.betaStandardError * lx) + d.residualSD * d.residualSD).squareRoot()
        return Projection(path: path, driverLevel: level, cooperation: expm1(central), low: max(0, expm1(central - spread)), high: expm1(central + spread))
    }
}
