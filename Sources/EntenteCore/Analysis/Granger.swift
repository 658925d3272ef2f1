import Foundation

/// Granger causality: does the past of x improve the prediction of y beyond y's own past?
/// The F-test follows `statsmodels.tsa.stattools.grangercausalitytests` (ssr F-test, constant
/// included, n − p observations for lag p); a test checks the numbers against it.
public enum Granger {
    public struct Result: Sendable, Codable, Equatable {
        public var lag: Int
        public var f: Double
        public var p: Double
        public var dfNumerator: Int
        public var dfDenominator: Int
        /// BIC of the unrestricted model on the common sample (n − maxLag), for choosing the lag.
        public var bic: Double?
    }

    /// The F-test at one lag; `nil` when there are too few observations or the fit is singular.
    public static func test(y: [Double], x: [Double], lag p: Int) -> Result? {
        let n = min(y.count, x.count)
        guard p >= 1, n - p > 2 * p + 2 else { return nil }
        var target: [Double] = [], restricted: [[Double]] = [], unrestricted: [[Double]] = []
        for t in p..<n {
            let own: [Double] = (1...p).map { y[t - $0] }
            let other: [Double] = (1...p).map { x[t - $0] }
            target.append(y[t])
            restricted.append(own + [1.0])
            unrestricted.append(own + other + [1.0])
        }
        guard let r = Statistics.ols(y: target, x: restricted), let u = Statistics.ols(y: target, x: unrestricted), u.ssr > 0 else {
            return nil
        }
        let dfDenominator = target.count - (2 * p + 1)
        let f = ((r.ssr - u.ssr) / Double(p)) / (u.ssr / Double(dfDenominator))
        return Result(
            lag: p, f: f, p: Statistics.fSurvival(f, Double(p), Double(dfDenominator)), dfNumerator: p, dfDenominator: dfDenominator,
            bic: nil)
    }

    /// Tests lags 1…maxLag and chooses the one whose unrestricted model has the lowest BIC on the
    /// common sample.
    public static func best(y: [Double], x: [Double], maxLag: Int) -> (chosen: Result, all: [Result])? {
        let n = min(y.count, x.count)
        var all: [Result] = []
        for p in 1...max(1, maxLag) {
            guard var r = test(y: y, x: x, lag: p) else { continue }
            var target: [Double] = [], rows: [[Double]] = []
            for t in maxLag..<n {
                target.append(y[t])
                let own: [Double] = (1...p).map { y[t - $0] }
                let other: [Double] = (1...p).map { x[t - $0] }
                rows.append(own + other + [1.0])
            }
            if let u = Statistics.ols(y: target, x: rows), u.ssr > 0 {
                let m = Double(target.count)
                let fit: Double = m * log(u.ssr / m)
                let complexity: Double = Double(2 * p + 1) * log(m)
                r.bic = fit + complexity
            }
            all.append(r)
        }
        guard let chosen = all.min(by: { ($0.bic ?? .infinity, $0.lag) < ($1.bic ?? .infinity, $1.lag) }) else { return nil }
        return (chosen, all)
    }

    /// Correlation of y_t with x_{t−k}, for k = −maxLag…maxLag (positive k: x leads).
    public static func crossCorrelation(y: [Double], x: [Double], maxLag: Int) -> [(lag: Int, r: Double?)] {
        let n = min(y.count, x.count)
        return (-maxLag...maxLag).map { k in
            var a: [Double] = [], b: [Double] = []
            for t in 0..<n where t - k >= 0 && t - k < n {
                a.append(y[t])
                b.append(x[t - k])
            }
            return (k, Statistics.correlation(a, b))
        }
    }
}
