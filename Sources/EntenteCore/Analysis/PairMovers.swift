/// The pairs whose relations moved most in one month: each pair's cooperation balance that month
/// against its own previous months, in units of its usual month-to-month spread.
///
/// For pair p and month L, with b(m) = ``DyadSeriesMonth/balance(positive:negative:)`` of the
/// month's masses: change = b(L) − mean b(prior), z = change / max(sd b(prior), ``minimumSpread``),
/// over the `lookback` months before L that have data. A pair needs ``minimumPriorMonths`` such
/// months, ``minimumDays`` days with a value in L and a mass of ``minimumMass`` in L: busy,
/// covered pairs only, so a pair seen in one story cannot top the list.
public enum PairMovers {
    public static let lookback = 12
    public static let minimumPriorMonths = 6
    public static let minimumDays = 8
    public static let minimumMass = DyadSeriesMonth.balancePseudoMass
    /// The smallest spread a z-score is divided by (a very steady pair would otherwise get huge z).
    public static let minimumSpread = 0.05

    public struct Move: Sendable, Codable, Equatable {
        public var a: String
        public var b: String
        public var month: Month
        /// The cooperation balance in `month` and its mean over the previous months with data.
        public var balance: Double
        public var priorMean: Double
        public var change: Double
        public var z: Double
        /// Days with a value in `month`, and previous months with data.
        public var days: Int
        public var priorMonths: Int
    }

    /// The `top` pairs by |z| (then by mass), for `month`, from each pair's monthly series.
    ///
    /// - Complexity: O(pair-months).
    public static func rank(_ series: [Dyad: [DyadSeriesMonth]], month: Month, top: Int = 10) -> [Move] {
        let first = month.advanced(by: -lookback)
        var out: [(move: Move, mass: Double)] = []
        for (pair, months) in series where pair.a != pair.b {
            guard let now = months.first(where: { $0.month == month }), now.days >= minimumDays,
                now.positive + now.negative >= minimumMass
            else { continue }
            let prior = months.filter { $0.month >= first && $0.month < month && $0.days > 0 }
                .map { DyadSeriesMonth.balance(positive: $0.positive, negative: $0.negative) }
            guard prior.count >= minimumPriorMonths else { continue }
            let mean = prior.reduce(0, +) / Double(prior.count)
            let variance = prior.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(prior.count - 1)
            let balance = DyadSeriesMonth.balance(positive: now.positive, negative: now.negative)
            let change = balance - mean
            let move = Move(
                a: pair.a, b: pair.b, month: month, balance: balance, priorMean: mean, change: change,
                z: change / max(variance.squareRoot(), minimumSpread), days: now.days, priorMonths: prior.count)
            out.append((move, now.positive + now.negative))
        }
        out.sort { (abs($0.move.z), $0.mass, $1.move.a, $1.move.b) > (abs($1.move.z), $1.mass, $0.move.a, $0.move.b) }
        return out.prefix(max(0, top)).map(\.move)
    }
}
