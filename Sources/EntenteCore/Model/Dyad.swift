/// A pair of states: ordered (A→B, as a user asked for it) or unordered (the undirected pair,
/// stored with `a < b`). The one representation of a pair in Entente: no `"A|B"` strings.
///
/// ```swift
/// let pair = Dyad.unordered("RUS", "PRK")   // PRK–RUS
/// pair.contains("RUS")                      // true
/// ```
public struct Dyad: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The first state (the source, for a directed pair; the smaller code, for an unordered one).
    public let a: String
    /// The second state.
    public let b: String

    /// The pair in the order given (A→B).
    public init(_ a: String, _ b: String) {
        self.a = a
        self.b = b
    }

    /// The undirected pair, its codes in order (`a < b`): the key the dyad series is stored under.
    public static func unordered(_ x: String, _ y: String) -> Dyad {
        x < y ? Dyad(x, y) : Dyad(y, x)
    }

    /// The same pair as an undirected one.
    public var undirected: Dyad { .unordered(a, b) }

    /// Whether `state` is one of the two.
    public func contains(_ state: String) -> Bool { a == state || b == state }

    /// Whether the two pairs are the same states, in either order.
    public func isSamePair(as other: Dyad) -> Bool { undirected == other.undirected }

    /// Both states, in order.
    public var states: [String] { [a, b] }

    public var description: String { "\(a)–\(b)" }

    public static func < (lhs: Dyad, rhs: Dyad) -> Bool { (lhs.a, lhs.b) < (rhs.a, rhs.b) }
}
