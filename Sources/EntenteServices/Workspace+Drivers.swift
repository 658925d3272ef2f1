public import EntenteCore
import EntenteStore
import Foundation

/// A driver analysis: the pair, the driver pair (default: the most conflictual pair involving A
/// or B), the longest lag and the month range (default: the pair's series).
public struct DriversRequest: Sendable {
    public var a: String
    public var b: String
    public var driver: Dyad?
    public var maxLag: Int
    public var from: Month?
    public var to: Month?

    public init(a: String, b: String, driver: Dyad? = nil, maxLag: Int = 6, from: Month? = nil, to: Month? = nil) {
        self.a = a
        self.b = b
        self.driver = driver
        self.maxLag = maxLag
        self.from = from
        self.to = to
    }

    /// Checks the values a front end passed on.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the field and its range.
    public func validate() throws {
        try RequestLimits.check(maxLag, in: RequestLimits.maxLag, "max lag", unit: " months")
        try RequestLimits.checkRange(from, to)
    }
}

/// The `drivers` answer; its JSON form is documented in the README and Guides/Drivers.md.
public struct DriversAnswer: Encodable, Sendable {
    /// The chosen-lag test on one transform.
    public struct Robustness: Encodable, Sendable {
        public var transform: String
        public var lag: Int?
        public var f: Double?
        public var p: Double?
        public var reverseP: Double?
    }

    /// Where the real driver's p-value sits among placebo drivers' (same test, same transform).
    public struct Placebo: Encodable, Sendable {
        public var drivers: Int
        public var seed: UInt64
        /// How candidates were matched: covered days with either state of the driver's own ±50 %.
        public var matching: String
        /// 0–100: the share of placebo drivers with a larger p-value (ties count half).
        public var percentile: Double
        /// (1 + placebo drivers with p ≤ the real p) / (drivers + 1).
        public var empiricalP: Double
        public var medianP: Double
        public var examples: [String]
    }

    public var a: String, b: String, driver: [String], from: String, to: String, months: Int
    /// The transform behind `driverToDyad`, `dyadToDriver` and `chosenLag` (default `log-diff`).
    public var transform: String
    public var coveredMonths: Int
    public var crossCorrelation: [[String: Double?]]
    public var driverToDyad: [Granger.Result]
    public var dyadToDriver: [Granger.Result]
    public var chosenLag: Int?
    /// The same test on every transform.
    public var robustness: [Robustness]
    /// The driver's largest level shift, used by `log-break-adjusted`.
    public var driverBreak: String?
    public var placebo: Placebo?
    public var placeboPercentile: Double?
    /// Whether the conclusion changes across transforms or does not stand out from the placebos.
    public var fragile: Bool
    public var reading: String
    /// Where the values came from: `dyad-series`.
    public var source: String
}

extension Workspace {
    /// How strongly A–B cooperation tracks a driver's conflict: Granger tests both ways on a
    /// stationary transform (log differences by default), the same test on levels, logs and
    /// break-adjusted logs, and a placebo distribution of random drivers of similar coverage;
    /// cross-correlation, the lag chosen by BIC, and a plain reading that says when it is fragile.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` without a series for the pair.
    public func drivers(_ request: DriversRequest) throws -> DriversAnswer {
        try request.validate()
        let (a, b) = (request.a, request.b)
        let db = try seriesStore()
        let dyad = try db.seriesMonths(a, b)
        guard let firstMonth = dyad.first?.month, let lastMonth = dyad.last?.month else {
            throw EntenteError(.invalidArgument, "no series data for \(a)–\(b)")
        }
        let coverage = try SeriesCoverage.load(db)
        let start = request.from ?? firstMonth, end = request.to ?? lastMonth
        let all = try db.seriesAllMonths(from: start, to: end)
        let pair: Dyad
        if let driver = request.driver {
            pair = driver
        } else {
            guard let top = DriverChoice.strongest(for: Dyad(a, b), in: all) else {
                throw EntenteError(.invalidArgument, "no candidate driver involving \(a) or \(b)")
            }
            pair = top.pair
        }
        let ys = coverage.monthly(dyad, from: start, to: end, \.positive)
        let xs = coverage.monthly(try db.seriesMonths(pair.a, pair.b, from: start, to: end), from: start, to: end, \.negative)
        let months = ys.months
        let covered = ys.covered
        // The driver's largest level shift (PELT on its log series), for the break-adjusted test.
        let driverLog = xs.values.map { log1p($0) }
        let shifts = ChangePoints.detect(driverLog, covered: covered, rules: .monthly).breaks
        let step = shifts.max(by: { abs($0.t) < abs($1.t) })?.index
        func run(_ transform: Granger.Transform, _ x: [Double], maxLag: Int) -> (
            forward: (chosen: Granger.Result, all: [Granger.Result])?, backward: (chosen: Granger.Result, all: [Granger.Result])?
        ) {
            let ty = transform.apply(ys.values, covered: covered), tx = transform.apply(x, covered: covered)
            var exogenous: [[Double]] = []
            if transform == .logBreakAdjusted, let step { exogenous = months.indices.map { [$0 >= step ? 1 : 0] } }
            return (
                Granger.best(y: ty.values, x: tx.values, maxLag: maxLag, covered: ty.covered, exogenous: exogenous),
                Granger.best(y: tx.values, x: ty.values, maxLag: maxLag, covered: ty.covered, exogenous: exogenous)
            )
        }
        let main = Granger.Transform.logDiff
        let primary = run(main, xs.values, maxLag: request.maxLag)
        let robustness = Granger.Transform.allCases.map { t -> DriversAnswer.Robustness in
            let r = t == main ? primary : run(t, xs.values, maxLag: request.maxLag)
            return .init(
                transform: t.rawValue, lag: r.forward?.chosen.lag, f: r.forward?.chosen.f, p: r.forward?.chosen.p,
                reverseP: r.backward?.chosen.p)
        }
        // Placebo drivers: pairs touching neither A nor B nor the driver, whose covered days are within ±50 % of the driver's.
        let seed = RobustInference.defaultSeed
        let driverDays = (all[.unordered(pair.a, pair.b)] ?? []).reduce(0) { $0 + $1.days }
        let excluded: Set = [a, b, pair.a, pair.b]
        let candidates = all.filter { d, m in
            let days = m.reduce(0) { $0 + $1.days }
            return !d.states.contains(where: excluded.contains) && Double(days) >= 0.5 * Double(driverDays)
                && Double(days) <= 1.5 * Double(max(driverDays, 1))
        }.sorted { $0.key < $1.key }
        var rng = SeededGenerator(seed: seed)
        let drawn = Array(candidates.shuffled(using: &rng).prefix(99))
        var placeboPs: [Double] = []
        for (_, m) in drawn {
            let x = coverage.monthly(m, from: start, to: end, \.negative).values
            if let p = run(main, x, maxLag: request.maxLag).forward?.chosen.p { placeboPs.append(p) }
        }
        var placebo: DriversAnswer.Placebo?
        if let real = primary.forward?.chosen.p, !placeboPs.isEmpty {
            let n = Double(placeboPs.count)
            let larger = Double(placeboPs.filter { $0 > real }.count), ties = Double(placeboPs.filter { $0 == real }.count)
            placebo = .init(
                drivers: placeboPs.count, seed: seed,
                matching:
                    "pairs touching none of \(excluded.sorted().joined(separator: ", ")), covered days within ±50 % of the driver's (\(driverDays))",
                percentile: 100 * (larger + ties / 2) / n, empiricalP: (Double(placeboPs.filter { $0 <= real }.count) + 1) / (n + 1),
                medianP: Statistics.median(placeboPs), examples: drawn.prefix(5).map { $0.key.states.joined(separator: "–") })
        }
        let significant = robustness.compactMap(\.p).map { $0 < 0.05 }
        let primarySignificant = (primary.forward?.chosen.p ?? 1) < 0.05
        let fragile = Set(significant).count > 1 || (primarySignificant && (placebo.map { $0.empiricalP >= 0.05 } ?? true))
        var reading: String
        if let c = primary.forward?.chosen {
            let strength = c.p < 0.01 ? "strongly helps" : c.p < 0.05 ? "significantly helps" : "does not significantly help"
            reading =
                "On month-on-month log changes, \(pair.a)–\(pair.b) conflict \(strength) predict \(a)–\(b) cooperation (lag \(c.lag) month\(c.lag == 1 ? "" : "s"), "
                + "F = \(String(format: "%.2f", c.f)), p = \(String(format: "%.3g", c.p)))"
            if let r = primary.backward?.chosen {
                reading += "; the reverse is \(r.p < 0.05 ? "also significant" : "not significant") (p = \(String(format: "%.3g", r.p)))"
            }
            reading +=
                ". Across transforms: "
                + robustness.map { "\($0.transform) p = \($0.p.map { String(format: "%.3g", $0) } ?? "-")" }.joined(separator: ", ")
            if let placebo {
                reading += String(
                    format: ". Placebo drivers: the real one beats %.0f %% of %d (empirical p %.2f)", placebo.percentile, placebo.drivers,
                    placebo.empiricalP)
            }
            reading +=
                !significant.contains(true)
                ? ". No evidence on any transform."
                : fragile
                    ? ". Fragile: the conclusion depends on the transform or does not stand out from random drivers."
                    : ". Robust across transforms and against placebo drivers."
            reading += " Granger causality is predictive precedence, not proof of cause."
        } else {
            reading =
                "Too few covered months to test (\(covered.filter { $0 }.count) of \(months.count)): widen --from/--to or lower --max-lag."
        }
        let cc = Granger.crossCorrelation(
            y: main.apply(ys.values, covered: covered).values, x: main.apply(xs.values, covered: covered).values, maxLag: request.maxLag
        )
        .map { ["lag": Double($0.lag), "r": $0.r] }
        return DriversAnswer(
            a: a, b: b, driver: pair.states, from: start.description, to: end.description, months: months.count, transform: main.rawValue,
            coveredMonths: covered.filter { $0 }.count, crossCorrelation: cc, driverToDyad: primary.forward?.all ?? [],
            dyadToDriver: primary.backward?.all ?? [], chosenLag: primary.forward?.chosen.lag, robustness: robustness,
            driverBreak: step.map { months[$0].description }, placebo: placebo, placeboPercentile: placebo?.percentile, fragile: fragile,
            reading: reading, source: "dyad-series")
    }
}

/// The default driver of a pair: the one rule for choosing it.
public enum DriverChoice {
    /// The pair involving either state of `dyad` (other than the dyad itself) with the largest
    /// conflict (negative mass) over the months given; `nil` when there is none.
    public static func strongest(for dyad: Dyad, in all: [Dyad: [DyadSeriesMonth]]) -> (pair: Dyad, months: [DyadSeriesMonth])? {
        let candidates = all.filter { pair, _ in
            (pair.contains(dyad.a) || pair.contains(dyad.b)) && !pair.isSamePair(as: dyad)
        }
        func conflict(_ months: [DyadSeriesMonth]) -> Double { months.reduce(0) { $0 + $1.negative } }
        guard let top = candidates.max(by: { (conflict($0.value), $1.key) < (conflict($1.value), $0.key) }) else { return nil }
        return (top.key, top.value)
    }
}
