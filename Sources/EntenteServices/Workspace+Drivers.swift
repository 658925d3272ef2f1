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

/// The `drivers` answer; its JSON form is documented in the README.
public struct DriversAnswer: Encodable, Sendable {
    public var a: String, b: String, driver: [String], from: String, to: String, months: Int
    public var crossCorrelation: [[String: Double?]]
    public var driverToDyad: [Granger.Result]
    public var dyadToDriver: [Granger.Result]
    public var chosenLag: Int?
    public var reading: String
}

extension Workspace {
    /// How strongly A–B cooperation tracks a driver's conflict: cross-correlation and Granger
    /// tests both ways, the lag chosen by BIC, and a plain reading.
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
        let start = request.from ?? firstMonth, end = request.to ?? lastMonth
        let pair: Dyad
        if let driver = request.driver {
            pair = driver
        } else {
            guard let top = DriverChoice.strongest(for: Dyad(a, b), in: try db.seriesAllMonths(from: start, to: end)) else {
                throw EntenteError(.invalidArgument, "no candidate driver involving \(a) or \(b)")
            }
            pair = top.pair
        }
        let months = MonthGrid(from: start, to: end, values: [:]).months
        let y = MonthGrid(from: start, to: end, series: dyad, \.positive).values
        let x = MonthGrid(from: start, to: end, series: try db.seriesMonths(pair.a, pair.b), \.negative).values
        let forward = Granger.best(y: y, x: x, maxLag: request.maxLag)
        let backward = Granger.best(y: x, x: y, maxLag: request.maxLag)
        let cc = Granger.crossCorrelation(y: y, x: x, maxLag: request.maxLag).map { ["lag": Double($0.lag), "r": $0.r] }
        var reading: String
        if let c = forward?.chosen {
            let strength = c.p < 0.01 ? "strongly" : c.p < 0.05 ? "significantly" : "not significantly"
            reading =
                "\(pair.a)–\(pair.b) conflict \(strength) helps predict \(a)–\(b) cooperation (lag \(c.lag) month\(c.lag == 1 ? "" : "s"), "
                + "F = \(String(format: "%.2f", c.f)), p = \(String(format: "%.3g", c.p)))"
            if let r = backward?.chosen {
                reading += "; the reverse is \(r.p < 0.05 ? "also significant" : "not significant") (p = \(String(format: "%.3g", r.p)))"
            }
            reading += ". Granger causality is predictive precedence, not proof of cause."
        } else {
            reading = "Too few months to test (\(months.count)): widen --from/--to or lower --max-lag."
        }
        return DriversAnswer(
            a: a, b: b, driver: pair.states, from: start.description, to: end.description, months: months.count,
            crossCorrelation: cc, driverToDyad: forward?.all ?? [], dyadToDriver: backward?.all ?? [],
            chosenLag: forward?.chosen.lag, reading: reading)
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
