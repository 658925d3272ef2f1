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

    // MARK: - Robust versions

    /// The transforms a driver test can run on (Guides/Drivers.md).
    public enum Transform: String, Sendable, Codable, CaseIterable {
        /// The raw monthly masses (heavy-tailed: single spikes dominate).
        case levels
        /// log(1 + x).
        case log
        /// Δ log(1 + x): month-on-month log change, stationary under level shifts (the default).
        case logDiff = "log-diff"
        /// log(1 + x) with a step dummy at the driver's largest level shift, in both models.
        case logBreakAdjusted = "log-break-adjusted"

        /// Applies the transform to covered values; a differenced point is covered when it and
        /// the point before are.
        public func apply(_ v: [Double], covered: [Bool]) -> (values: [Double], covered: [Bool]) {
            switch self {
            case .levels: return (v, covered)
            case .log, .logBreakAdjusted: return (v.map { Foundation.log1p(max($0, 0)) }, covered)
            case .logDiff:
                let l = v.map { Foundation.log1p(max($0, 0)) }
                let d = l.indices.map { $0 == 0 ? 0 : l[$0] - l[$0 - 1] }
                let c = covered.indices.map { $0 > 0 && covered[$0] && covered[$0 - 1] }
                return (d, c)
            }
        }
    }

    /// The F-test at lag p on the observations whose own and lagged values are all covered, with
    /// extra regressors (e.g. a step dummy) in both the restricted and unrestricted models.
    ///
    /// - Parameters:
    ///   - covered: whether each point has data (`nil`: all).
    ///   - exogenous: per point, regressors added to both models.
    public static func test(y: [Double], x: [Double], lag p: Int, covered: [Bool]?, exogenous: [[Double]] = []) -> Result? {
        let n = min(y.count, x.count)
        guard p >= 1, n > p else { return nil }
        let k = exogenous.first?.count ?? 0
        var target: [Double] = [], restricted: [[Double]] = [], unrestricted: [[Double]] = []
        for t in p..<n where (t - p...t).allSatisfy({ covered?[$0] ?? true }) {
            let own: [Double] = (1...p).map { y[t - $0] }
            let other: [Double] = (1...p).map { x[t - $0] }
            let extra = k > 0 ? exogenous[t] : []
            target.append(y[t])
            restricted.append(own + extra + [1.0])
            unrestricted.append(own + other + extra + [1.0])
        }
        let dfDenominator = target.count - (2 * p + 1 + k)
        guard dfDenominator > 2, let r = Statistics.ols(y: target, x: restricted), let u = Statistics.ols(y: target, x: unrestricted),
            u.ssr > 0
        else { return nil }
        let f = max(0, ((r.ssr - u.ssr) / Double(p)) / (u.ssr / Double(dfDenominator)))
        let m = Double(target.count)
        return Result(
            lag: p, f: f, p: Statistics.fSurvival(f, Double(p), Double(dfDenominator)), dfNumerator: p, dfDenominator: dfDenominator,
            bic: m * Foundation.log(u.ssr / m) + Double(2 * p + 1 + k) * Foundation.log(m))
    }

    /// Lags 1…maxLag on covered observations; the lag with the lowest BIC per observation wins
    /// (the samples differ a little between lags when points are missing).
    public static func best(y: [Double], x: [Double], maxLag: Int, covered: [Bool]?, exogenous: [[Double]] = []) -> (
        chosen: Result, all: [Result]
    )? {
        let all = (1...max(1, maxLag)).compactMap { test(y: y, x: x, lag: $0, covered: covered, exogenous: exogenous) }
        func perObservation(_ r: Result) -> Double { (r.bic ?? .infinity) / Double(r.dfDenominator + 2 * r.lag + 1) }
        guard let chosen = all.min(by: { (perObservation($0), $0.lag) < (perObservation($1), $1.lag) }) else { return nil }
        return (chosen, all)
    }
}
