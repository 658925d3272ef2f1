import Foundation

/// Logistic regression by Newton's method, with class-balanced weights and a small L2 penalty:
/// how `entente evaluate --calibrate` derives the behavioural weights. Deterministic.
public enum Logistic {
    /// Fits `p(y) = σ(w₀ + Σ wᵢ xᵢ)`; returns `[w₀, w₁, …]`.
    ///
    /// - Parameters:
    ///   - l2: penalty on the slopes (not the intercept).
    ///   - iterations: Newton steps (converges in a few for well-posed data).
    public static func fit(_ x: [[Double]], _ y: [Bool], l2: Double = 1e-3, iterations: Int = 50) -> [Double] {
        let n = x.count, k = (x.first?.count ?? 0) + 1
        let positives = Double(y.filter { $0 }.count), negatives = Double(n) - positives
        guard positives > 0, negatives > 0 else { return [Double](repeating: 0, count: k) }
        var w = [Double](repeating: 0, count: k)
        for _ in 0..<iterations {
            var g = [Double](repeating: 0, count: k)
            var h = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            for i in 0..<n {
                let row = [1.0] + x[i]
                let z = zip(w, row).reduce(0) { $0 + $1.0 * $1.1 }
                let p = 1 / (1 + (-z).exp())
                let weight = y[i] ? 0.5 / positives : 0.5 / negatives
                for a in 0..<k {
                    g[a] += weight * (p - (y[i] ? 1 : 0)) * row[a]
                    for b in 0..<k { h[a][b] += weight * p * (1 - p) * row[a] * row[b] }
                }
            }
            for a in 1..<k {
                g[a] += l2 * w[a]
                h[a][a] += l2
            }
            guard let step = solve(h, g) else { break }
            for a in 0..<k { w[a] -= step[a] }
            if step.map(abs).max() ?? 0 < 1e-10 { break }
        }
        return w
    }

    /// Solves `a · x = b` by Gaussian elimination with partial pivoting; `nil` when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a
        var v = b
        let n = v.count
        for col in 0..<n {
            guard let pivot = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[pivot][col]) > 1e-15 else { return nil }
            m.swapAt(col, pivot)
            v.swapAt(col, pivot)
            for r in (col + 1)..<n {
                let f = m[r][col] / m[col][col]
                for c in col..<n { m[r][c] -= f * m[col][c] }
                v[r] -= f * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            x[r] = (v[r] - ((r + 1)..<n).reduce(0) { $0 + m[r][$1] * x[$1] }) / m[r][r]
        }
        return x
    }
}

extension Double {
    fileprivate func exp() -> Double { Foundation.exp(self) }
}
