import Foundation

/// Numerical building blocks for the analyses: least squares, the F distribution, correlation.
public enum Statistics {
    /// The cosine similarity of two vectors of the same length, in −1…1; `nil` when either is
    /// all zeros. Missing values are the caller's to drop (pairs present in both only).
    public static func cosine(_ x: [Double], _ y: [Double]) -> Double? {
        let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        let norm = (x.reduce(0) { $0 + $1 * $1 } * y.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return norm > 0 ? dot / norm : nil
    }

    /// Ordinary least squares: the residual sum of squares of `y` on the columns of `x` (each row
    /// one observation), or `nil` when the normal equations are singular.
    public static func ols(y: [Double], x: [[Double]]) -> (coefficients: [Double], ssr: Double)? {
        guard let k = x.first?.count, k > 0, x.count == y.count, y.count > k else { return nil }
        var xtx = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var xty = [Double](repeating: 0, count: k)
        for (row, v) in zip(x, y) {
            for i in 0..<k {
                xty[i] += row[i] * v
                for j in 0..<k { xtx[i][j] += row[i] * row[j] }
            }
        }
        guard let beta = Logistic.solve(xtx, xty) else { return nil }
        let ssr = zip(x, y).reduce(0.0) { acc, pair in
            let fitted = zip(beta, pair.0).reduce(0) { $0 + $1.0 * $1.1 }
            return acc + (pair.1 - fitted) * (pair.1 - fitted)
        }
        return (beta, ssr)
    }

    /// P(F > f) for an F distribution with (d1, d2) degrees of freedom, through the regularized
    /// incomplete beta function; accurate to about 1e-12.
    public static func fSurvival(_ f: Double, _ d1: Double, _ d2: Double) -> Double {
        guard f > 0 else { return 1 }
        return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2)
    }

    /// I_x(a, b), by the continued fraction (Lentz), using symmetry for convergence.
    public static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logGamma: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let front = exp(logGamma + logPowers)
        if x < (a + 1) / (a + b + 2) { return front * betaContinuedFraction(x, a, b) / a }
        return 1 - front * betaContinuedFraction(1 - x, b, a) / b
    }

    static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            var num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + num * d; if abs(d) < tiny { d = tiny }
            c = 1 + num / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + num * d; if abs(d) < tiny { d = tiny }
            c = 1 + num / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }

    /// Pearson correlation of paired values; `nil` when either is constant.
    public static func correlation(_ a: [Double], _ b: [Double]) -> Double? {
        let n = Double(min(a.count, b.count))
        guard n > 2 else { return nil }
        let ma = a.prefix(Int(n)).reduce(0, +) / n, mb = b.prefix(Int(n)).reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) {
            sab += (x - ma) * (y - mb)
            saa += (x - ma) * (x - ma)
            sbb += (y - mb) * (y - mb)
        }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : nil
    }

    /// The median (the mean of the middle two for an even count); 0 for an empty array.
    public static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
