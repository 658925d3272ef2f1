import Foundation

/// Inference that survives serial correlation and many tests: long-run (HAC) variances,
/// Newey–West slopes, Holm and Benjamini–Hochberg adjustments, and the seeded generator every
/// randomised procedure uses (Guides/Counterbalancing.md, Guides/Drivers.md).
public enum RobustInference {
    /// The default seed of every randomised procedure (permutations, placebo draws): results are
    /// deterministic unless a caller passes another, and the seed is recorded in the JSON.
    public static let defaultSeed: UInt64 = 20_231_013

    /// The Bartlett-kernel (Newey–West) long-run variance of a series around its mean:
    /// γ₀ + 2 Σₖ₌₁ᴸ (1 − k/(L + 1)) γₖ, with γₖ the lag-k autocovariance (divisor n).
    /// Missing values are the caller's to drop; returns at least `1e-12`.
    ///
    /// - Parameter bandwidth: L; `nil` for ⌊4 (n/100)^(2/9)⌋ (Newey & West 1994).
    public static func longRunVariance(_ r: [Double], bandwidth: Int? = nil) -> Double {
        max(rawLongRunVariance(r, bandwidth: bandwidth), 1e-12)
    }

    static func rawLongRunVariance(_ r: [Double], bandwidth: Int?) -> Double {
        let n = r.count
        guard n > 1 else { return 0 }
        let mean = r.reduce(0, +) / Double(n)
        let e = r.map { $0 - mean }
        func gamma(_ k: Int) -> Double {
            var s = 0.0
            for t in k..<n { s += e[t] * e[t - k] }
            return s / Double(n)
        }
        let lags = min(bandwidth ?? defaultBandwidth(n), n - 1)
        var v = gamma(0)
        if lags >= 1 {
            for k in 1...lags { v += 2 * (1 - Double(k) / Double(lags + 1)) * gamma(k) }
        }
        return v
    }

    /// ⌊4 (n/100)^(2/9)⌋, at least 1: Newey & West's (1994) rule of thumb for the Bartlett bandwidth.
    public static func defaultBandwidth(_ n: Int) -> Int { max(1, Int(4 * pow(Double(n) / 100, 2.0 / 9))) }

    /// The variance inflation from serial correlation, long-run variance / variance (≥ 1): the
    /// series carries n / factor effectively independent observations. 1 for a (numerically)
    /// constant series.
    public static func autocorrelationFactor(_ r: [Double], bandwidth: Int? = nil) -> Double {
        let n = Double(r.count)
        guard n > 1 else { return 1 }
        let mean = r.reduce(0, +) / n
        let gamma0 = r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        guard gamma0 > 1e-20 * max(1, mean * mean) else { return 1 }
        return max(1, rawLongRunVariance(r, bandwidth: bandwidth) / gamma0)
    }

    /// A least-squares fit with Newey–West (HAC, Bartlett kernel) standard errors.
    public struct Fit: Sendable, Equatable {
        public var coefficients: [Double]
        /// HAC standard errors, in the order of the coefficients.
        public var standardErrors: [Double]
        /// Classical (i.i.d.) standard errors, for comparison.
        public var classicalStandardErrors: [Double]
        public var ssr: Double
        public var bandwidth: Int
    }

    /// OLS of `y` on the columns of `x` with Newey–West standard errors: (X′X)⁻¹ S (X′X)⁻¹ with
    /// S = Σₜ uₜ² xₜxₜ′ + Σₖ wₖ Σₜ uₜuₜ₋ₖ (xₜxₜ₋ₖ′ + xₜ₋ₖxₜ′), wₖ = 1 − k/(L + 1); no small-sample
    /// correction (statsmodels `cov_type="HAC"`, `use_correction=False`).
    public static func neweyWest(y: [Double], x: [[Double]], bandwidth: Int? = nil) -> Fit? {
        guard let k = x.first?.count, let fit = Statistics.ols(y: y, x: x) else { return nil }
        let n = y.count
        var xtx = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for row in x { for i in 0..<k { for j in 0..<k { xtx[i][j] += row[i] * row[j] } } }
        guard let inverse = invert(xtx) else { return nil }
        let u = zip(x, y).map { row, v in v - zip(fit.coefficients, row).reduce(0) { $0 + $1.0 * $1.1 } }
        let lags = min(bandwidth ?? defaultBandwidth(n), n - 1)
        var s = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for lag in 0...lags {
            let w = lag == 0 ? 1 : 1 - Double(lag) / Double(lags + 1)
            for t in lag..<n {
                let c = w * u[t] * u[t - lag]
                for i in 0..<k {
                    for j in 0..<k {
                        s[i][j] += lag == 0 ? c * x[t][i] * x[t][j] : c * (x[t][i] * x[t - lag][j] + x[t - lag][i] * x[t][j])
                    }
                }
            }
        }
        let cov = multiply(multiply(inverse, s), inverse)
        let sigma2 = fit.ssr / Double(max(n - k, 1))
        return Fit(
            coefficients: fit.coefficients, standardErrors: (0..<k).map { max(cov[$0][$0], 0).squareRoot() },
            classicalStandardErrors: (0..<k).map { max(sigma2 * inverse[$0][$0], 0).squareRoot() }, ssr: fit.ssr, bandwidth: lags)
    }

    /// Holm's step-down adjustment (family-wise error): p₍ᵢ₎ × (m − i + 1), made monotone, capped at 1;
    /// returned in the input order.
    public static func holm(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { (p[$0], $0) < (p[$1], $1) }
        var out = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, i) in order.enumerated() {
            running = max(running, min(1, p[i] * Double(m - rank)))
            out[i] = running
        }
        return out
    }

    /// Benjamini–Hochberg's step-up adjustment (false discovery rate): p₍ᵢ₎ × m / i, made
    /// monotone from the largest down, capped at 1; returned in the input order.
    public static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { (p[$0], $0) < (p[$1], $1) }
        var out = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m - 1, through: 0, by: -1) {
            let i = order[rank]
            running = min(running, p[i] * Double(m) / Double(rank + 1))
            out[i] = min(1, running)
        }
        return out
    }

    /// The two-sided normal p-value of a z statistic, 2 (1 − Φ(|z|)).
    public static func normalTwoSided(_ z: Double) -> Double { erfc(abs(z) / 2.0.squareRoot()) }

    static func invert(_ a: [[Double]]) -> [[Double]]? {
        let k = a.count
        var columns: [[Double]] = []
        for j in 0..<k {
            var e = [Double](repeating: 0, count: k)
            e[j] = 1
            guard let c = Logistic.solve(a, e) else { return nil }
            columns.append(c)
        }
        return (0..<k).map { i in (0..<k).map { j in columns[j][i] } }
    }

    static func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        let k = a.count, m = b.first?.count ?? 0
        return (0..<k).map { i in (0..<m).map { j in (0..<b.count).reduce(0) { $0 + a[i][$1] * b[$1][j] } } }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): the seeded generator of Entente's randomised
/// procedures, so that a permutation test or a placebo draw gives the same answer every run.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
