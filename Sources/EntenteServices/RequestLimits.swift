public import EntenteCore

/// The values the services accept in their requests, defined once for every front end (the CLI
/// checks its options against them before anything runs; a server gets the same answer as an
/// ``EntenteError`` `invalid-argument`).
///
/// Each service checks its request first, so that a value outside these ranges is an error that
/// names the field and the range, never a trap deeper in an analysis.
public enum RequestLimits {
    /// An assessment window (assess, index, brief, evaluate): 1 to 240 months.
    public static let window = 1...240
    /// Counterbalancing's months before and after the change: 3 (the fewest a comparison needs)
    /// to 120 (ten years; the event data cover less on either side of any change).
    public static let counterbalancingWindow = 3...120
    /// Adversaries and friends listed: 1 to 1,000 (there are fewer states).
    public static let top = 1...1_000
    /// The longest lag a Granger test or a scenario considers: 1 to 24 months.
    public static let maxLag = 1...24
    /// A scenario's projection: 1 to 120 months.
    public static let horizon = 1...120
    /// PELT's shortest segment: 1 to 10,000 points.
    public static let minSize = 1...10_000
    /// The years Entente handles (those of ``Month``).
    public static let years = 1800...2199

    /// Throws unless `value` lies in `range`.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the field, the range and the value.
    static func check(_ value: Int, in range: ClosedRange<Int>, _ name: String, unit: String = "") throws {
        guard range.contains(value) else {
            throw EntenteError(
                .invalidArgument, "\(name) must be between \(range.lowerBound) and \(range.upperBound)\(unit), not \(value)")
        }
    }

    /// Throws when both months are given and `from` is after `to`.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument`.
    static func checkRange(_ from: Month?, _ to: Month?) throws {
        if let from, let to, from > to { throw EntenteError(.invalidArgument, "from \(from) is after to \(to)") }
    }
}
