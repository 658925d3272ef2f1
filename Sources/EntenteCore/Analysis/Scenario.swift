import Foundation

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
        return Dependence(
            lag: lag, alpha: fit.coefficients[0], beta: fit.coefficients[1], betaStandardError: (sigma2 / sxx).squareRoot(),
            residualSD: sigma2.squareRoot(), observations: target.count)
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
        return Projection(
            path: path, driverLevel: level, cooperation: expm1(central), low: max(0, expm1(central - spread)), high: expm1(central + spread)
        )
    }
}
