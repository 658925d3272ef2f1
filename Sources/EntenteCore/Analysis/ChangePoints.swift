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

// MARK: - Coverage-aware detection

extension ChangePoints {
    /// Why a break is not a finding: next to a coverage gap, or near either end of the series.
    public enum Flag: String, Sendable, Codable { case gap, end }

    /// The rules that turn PELT's breaks into findings (Guides/ChangePoints.md).
    public struct Rules: Sendable, Equatable {
        /// The shortest segment, in covered points.
        public var minSize: Int
        /// A break within this many covered points of a gap is flagged `gap`.
        public var gapWindow: Int
        /// A break whose segment to the series' first or last point is shorter than this (covered
        /// points) is flagged `end`.
        public var endSegment: Int
        /// Two breaks at most this many calendar points apart, after which the level returns to
        /// the one before (HAC test |t| < 1.96, or back within a quarter of the excursion), make
        /// an episode, not two changes of level.
        public var episodeLength: Int

        public init(minSize: Int, gapWindow: Int, endSegment: Int, episodeLength: Int) {
            self.minSize = minSize
            self.gapWindow = gapWindow
            self.endSegment = endSegment
            self.episodeLength = episodeLength
        }

        /// Daily series: a level must hold 30 days; gaps within 7 covered days and 60-day end
        /// segments flag a break; an excursion of up to 90 days that comes back is an episode.
        public static let daily = Rules(minSize: 30, gapWindow: 7, endSegment: 60, episodeLength: 90)
        /// Monthly series: 2-month segments; a gap in the adjacent month, a last (or first)
        /// segment under 3 months; an excursion of up to 3 months that comes back.
        public static let monthly = Rules(minSize: 2, gapWindow: 1, endSegment: 3, episodeLength: 3)
    }

    /// A change of level found on the covered points of a series.
    public struct Finding: Sendable, Codable, Equatable {
        /// Position in the calendar (the series' points, covered or not).
        public var index: Int
        /// Position among the covered points (where PELT searched).
        public var coveredIndex: Int
        /// HAC t statistic of the difference between the two segments' means (transformed values).
        public var t: Double
        public var flag: Flag?
    }

    /// A temporary excursion: two breaks at most ``Rules/episodeLength`` apart with the level
    /// after them not different from the level before.
    public struct Episode: Sendable, Codable, Equatable {
        /// Calendar positions of the excursion's first point and of the first point after it.
        public var start: Int
        public var end: Int
        /// HAC t statistic of before-vs-after (small: the level came back).
        public var t: Double
    }

    /// The outcome of ``detect(_:covered:penalty:rules:)``.
    public struct Detection: Sendable, Codable, Equatable {
        public var breaks: [Finding]
        public var episodes: [Episode]
        /// β used (after the autocorrelation factor when it was not given).
        public var penalty: Double
        /// Long-run variance / variance of the residuals around a preliminary segmentation (≥ 1).
        public var autocorrelationFactor: Double
        /// Covered points / the factor.
        public var effectiveSampleSize: Double
        public var coveredPoints: Int
        public var missingPoints: Int
    }

    /// Change points on the covered points of a series, with a penalty robust to serial
    /// correlation, breaks flagged next to gaps or the series' ends, and temporary excursions
    /// set apart as episodes.
    ///
    /// Missing points are left out, never read as zero. A gap is a step between consecutive
    /// covered points of at least twice the median step (a missing day in a daily series).
    /// Default penalty: β = 2 σ̂² ln n × f, with σ̂² the variance of the covered values and f the
    /// long-run / ordinary variance ratio (Bartlett, bandwidth ⌊√n⌋) of the residuals around the
    /// plain-penalty segmentation: the BIC on n / f effectively independent points' worth of noise.
    ///
    /// - Parameters:
    ///   - y: the (transformed) values, one per calendar point.
    ///   - covered: whether each point has data.
    ///   - penalty: β; `nil` for the default above.
    /// - Complexity: two PELT runs, O(n) to O(n²).
    public static func detect(_ y: [Double], covered: [Bool], penalty: Double? = nil, rules: Rules) -> Detection {
        let positions = y.indices.filter { $0 < covered.count && covered[$0] }
        let values = positions.map { y[$0] }
        let n = values.count
        let minSize = max(1, rules.minSize)
        func residuals(_ breaks: [Int]) -> [Double] {
            let bounds = [0] + breaks + [n]
            var r = values
            for i in 0..<(bounds.count - 1) {
                let range = bounds[i]..<bounds[i + 1]
                let m = values[range].reduce(0, +) / Double(max(range.count, 1))
                for j in range { r[j] -= m }
            }
            return r
        }
        let base = defaultPenalty(values)
        let bandwidth = max(1, Int(Double(n).squareRoot()))
        let factor = RobustInference.autocorrelationFactor(residuals(pelt(values, penalty: base, minSize: minSize)), bandwidth: bandwidth)
        let beta = penalty ?? base * factor
        var breaks = pelt(values, penalty: beta, minSize: minSize)
        let resid = residuals(breaks)
        func t(_ a: Range<Int>, _ b: Range<Int>) -> Double {
            guard !a.isEmpty, !b.isEmpty else { return 0 }
            let ma = values[a].reduce(0, +) / Double(a.count), mb = values[b].reduce(0, +) / Double(b.count)
            let va = RobustInference.longRunVariance(Array(resid[a]), bandwidth: max(1, Int(Double(a.count).squareRoot())))
            let vb = RobustInference.longRunVariance(Array(resid[b]), bandwidth: max(1, Int(Double(b.count).squareRoot())))
            return (mb - ma) / (va / Double(a.count) + vb / Double(b.count)).squareRoot()
        }
        // Episodes: an excursion that comes back to the level before it.
        var episodes: [Episode] = []
        var i = 0
        while i + 1 < breaks.count {
            let bounds = [0] + breaks + [n]
            let (k1, k2) = (breaks[i], breaks[i + 1])
            let before = bounds[i]..<k1, after = k2..<bounds[i + 3]
            let back = t(before, after)
            func mean(_ r: Range<Int>) -> Double { values[r].reduce(0, +) / Double(max(r.count, 1)) }
            let away = abs(mean(k1..<k2) - mean(before)), left = abs(mean(after) - mean(before))
            if positions[k2] - positions[k1] <= rules.episodeLength && (abs(back) < 1.96 || left <= 0.25 * away) {
                episodes.append(Episode(start: positions[k1], end: positions[k2], t: back))
                breaks.removeSubrange(i...(i + 1))
            } else {
                i += 1
            }
        }
        let steps = zip(positions.dropFirst(), positions).map { $0 - $1 }
        let typical = Statistics.median(steps.map(Double.init))
        let isGap = steps.map { Double($0) >= 2 * max(typical, 1) }
        let bounds = [0] + breaks + [n]
        let findings = breaks.enumerated().map { (j, k) -> Finding in
            var flag: Flag?
            let near = max(0, k - rules.gapWindow)..<min(steps.count, k + rules.gapWindow)
            if near.contains(where: { isGap[$0] }) { flag = .gap }
            if (bounds[j + 2] == n && n - k < rules.endSegment) || (bounds[j] == 0 && k < rules.endSegment) { flag = .end }
            return Finding(index: positions[k], coveredIndex: k, t: t(bounds[j]..<k, k..<bounds[j + 2]), flag: flag)
        }
        return Detection(
            breaks: findings, episodes: episodes, penalty: beta, autocorrelationFactor: factor,
            effectiveSampleSize: Double(n) / factor, coveredPoints: n, missingPoints: y.count - n)
    }
}
