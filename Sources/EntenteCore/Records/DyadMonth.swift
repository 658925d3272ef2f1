/// One month of one direction of a dyad.
public struct DyadMonth: Sendable, Codable, Equatable {
    public var month: Month
    public var source: String
    public var target: String
    public var events: Int
    /// Events after the one-a-day filter (date × source actor × target actor × event code).
    public var oneADayEvents: Int
    public var goldsteinSum: Double
    public var goldsteinMean: Double
    /// Share of events in each QuadClass (verbal cooperation, material cooperation, verbal
    /// conflict, material conflict); they add up to 1.
    public var quadClassShares: [Double]
    /// NumArticles summed (GDELT; ICEWS events count as one article each).
    public var articles: Int

    public init(
        month: Month, source: String, target: String, events: Int, oneADayEvents: Int, goldsteinSum: Double, goldsteinMean: Double,
        quadClassShares: [Double], articles: Int
    ) {
        self.month = month
        self.source = source
        self.target = target
        self.events = events
        self.oneADayEvents = oneADayEvents
        self.goldsteinSum = goldsteinSum
        self.goldsteinMean = goldsteinMean
        self.quadClassShares = quadClassShares
        self.articles = articles
    }
}
