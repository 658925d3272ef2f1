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
        /// The classical (i.i.d.) standard error of β, beside the Newey–West one in
        /// ``betaStandardError`` when the dependence was estimated robustly.
        public var classicalStandardError: Double?
        /// The Bartlett bandwidth of the Newey–West standard error (`nil`: classical).
        public var bandwidth: Int?
        /// The driver's observed monthly range over the estimation sample.
        public var driverMin: Double?
        public var driverMax: Double?
    }

    public struct Projection: Sendable, Codable, Equatable {
        public var path: Path
        /// The driver's monthly conflict assumed over the horizon.
        public var driverLevel: Double
        /// Projected monthly cooperation: central, and the 95 % band (parameter and residual uncertainty).
        public var cooperation: Double
        public var low: Double
        public var high: Double
        /// Why the level was chosen (e.g. the pre-escalation mean and its months).
        public var basis: String?
        /// Set when the level lies outside the driver's observed range: an extrapolation.
        public var warning: String?
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

    /// The dependence on covered months, with a Newey–West (HAC) standard error for β: serial
    /// correlation in the residuals widens the band instead of being ignored.
    ///
    /// - Parameter covered: whether each month has data; a row needs y_t and x_{t−L} covered.
    public static func robustDependence(y: [Double], x: [Double], lag: Int, covered: [Bool]) -> Dependence? {
        let n = min(y.count, x.count)
        guard lag >= 0, n - lag > 4 else { return nil }
        let rows = (lag..<n).filter { covered[$0] && covered[$0 - lag] }
        guard rows.count > 4 else { return nil }
        let target = rows.map { log1p(max(y[$0], 0)) }
        let design = rows.map { [1.0, log1p(max(x[$0 - lag], 0))] }
        guard let fit = RobustInference.neweyWest(y: target, x: design) else { return nil }
        let drivers = rows.map { x[$0 - lag] }
        let m = Double(target.count)
        return Dependence(
            lag: lag, alpha: fit.coefficients[0], beta: fit.coefficients[1], betaStandardError: fit.standardErrors[1],
            residualSD: (fit.ssr / (m - 2)).squareRoot(), observations: target.count,
            classicalStandardError: fit.classicalStandardErrors[1],
            bandwidth: fit.bandwidth, driverMin: drivers.min(), driverMax: drivers.max())
    }

    /// The projection for an explicit driver level, with a warning when the level lies outside
    /// the observed range the dependence was estimated on.
    public static func project(_ d: Dependence, path: Path, level: Double, basis: String) -> Projection {
        let lx = log1p(max(level, 0))
        let central = d.alpha + d.beta * lx
        let spread = 1.96 * ((d.betaStandardError * lx) * (d.betaStandardError * lx) + d.residualSD * d.residualSD).squareRoot()
        var projection = Projection(
            path: path, driverLevel: level, cooperation: expm1(central), low: max(0, expm1(central - spread)),
            high: expm1(central + spread),
            basis: basis)
        if let lo = d.driverMin, let hi = d.driverMax, level < lo || level > hi {
            projection.warning = String(
                format: "driver level %.0f is outside the observed range %.0f–%.0f: an extrapolation", level, lo, hi)
        }
        return projection
    }
}
