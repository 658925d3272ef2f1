/// Which events a query covers: the dyad A–B, a month range, a code prefix, a dataset.
public struct EventFilter: Sendable, Equatable {
    /// ISO3 of side A (the source, for directed queries).
    public var a: String
    /// ISO3 of side B.
    public var b: String
    public var from: Month?
    public var to: Month?
    /// A CAMEO code prefix: "057" matches 057, "04" every consult code.
    public var codePrefix: String?
    /// Include B→A as well as A→B.
    public var bothDirections: Bool
    public var dataset: Dataset?

    public init(
        a: String, b: String, from: Month? = nil, to: Month? = nil, codePrefix: String? = nil, bothDirections: Bool = true,
        dataset: Dataset? = nil
    ) {
        self.a = a
        self.b = b
        self.from = from
        self.to = to
        self.codePrefix = codePrefix
        self.bothDirections = bothDirections
        self.dataset = dataset
    }
}
