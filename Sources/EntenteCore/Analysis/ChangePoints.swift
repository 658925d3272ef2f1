import Foundation

/// Change points in the mean of a series, by PELT (Killick, Fearnhead & Eckley 2012) with the L2
/// cost (sum of squared deviations from each segment's mean) — the same algorithm, pruning and
/// tie-breaking as `ruptures.Pelt(model="l2", jump=1)`, which a test checks on real data.
///
/// Minimises Σ cost(segment) + β × (number of segments). The default penalty is BIC-like:
/// β = 2 σ̂² ln n with σ̂² the variance of the whole series — conservative, since mean shifts
/// inflate it: fewer, clearer breaks. (A robust noise scale from first differences collapses on
/// spiky, mostly-zero event series and finds hundreds of breaks.)
public enum ChangePoints {
    /// The indices where a new segment starts (ascending; never 0 or n).
    ///
    /// - Parameters:
    ///   - penalty: β; `nil` for the default above.
    ///   - minSize: the shortest segment.
    /// - Complexity: O(n) to O(n²), depending on pruning.
    public static func pelt(_ y: [Double], penalty: Double? = nil, minSize: Int = 2) -> [Int] {
        let n = y.count
        guard n >= 2 * minSize else { return [] }
        let beta = penalty ?? defaultPenalty(y)
        var s1 = [Double](repeating: 0, count: n + 1), s2 = s1
        for i in 0..<n {
            s1[i + 1] = s1[i] + y[i]
            s2[i + 1] = s2[i] + y[i] * y[i]
        }
        func cost(_ a: Int, _ b: Int) -> Double {
            let len = Double(b - a), sum = s1[b] - s1[a]
            return max(0, (s2[b] - s2[a]) - sum * sum / len)
        }
        var f = [Double](repeating: .infinity, count: n + 1)
        var last = [Int](repeating: 0, count: n + 1)
        f[0] = 0
        var admissible: [Int] = []
        var ends = Array(stride(from: minSize, to: n, by: 1))
        ends.append(n)
        for end in ends {
            admissible.append(end - minSize)
            var best = Double.infinity, bestStart = 0
            var values: [Double] = []
            values.reserveCapacity(admissible.count)
            for t in admissible {
                // Segments may only start where an optimal partition ends (f finite).
                let v = f[t].isFinite ? f[t] + cost(t, end) + beta : .infinity
                values.append(v)
                if v < best { best = v; bestStart = t }
            }
            f[end] = best
            last[end] = bestStart
            admissible = zip(admissible, values).filter { $0.1 <= best + beta }.map(\.0)
        }
        var breaks: [Int] = []
        var t = last[n]
        while t > 0 {
            breaks.append(t)
            t = last[t]
        }
        return breaks.reversed()
    }

    public static func defaultPenalty(_ y: [Double]) -> Double {
        let n = Double(max(y.count, 2))
        let mean = y.reduce(0, +) / n
        let variance = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        return 2 * max(variance, 1e-12) * log(n)
    }

}
