/// What the partnership index is computed from, for one dyad. Every input is optional: a
/// component without data says so ("no data") instead of counting as zero.
public struct DyadEvidence: Sendable {
    public var a: String
    public var b: String
    /// The undirected external series A–B by month (from `ingest --format dyad-series`).
    public var seriesMonths: [DyadSeriesMonth]?
    /// Every state's balance toward every other over the window (for alignment), from the series.
    public var balances: [String: [String: Double]]?
    /// Each state's positive (cooperative) mass toward all others over the window, from the series:
    /// the denominator of the diplomatic share when there is no cube.
    public var activity: [String: Double]?
    /// Cube cells A→B and B→A.
    public var cubeCells: [(key: DyadCube.Key, values: [Int64])]?
    /// Diplomatic events (042–046, 057) of A and of B toward anyone, by month, from the cube.
    public var diplomaticTotals: [String: [Month: Int64]]?
    public var knowledgeBase: KnowledgeBase?
    /// The judgement's features (judgement v2); without them the v1 rules classify.
    public var judgement: JudgementFeatures?
    /// Evidence from the structural layers (ATOP, UN votes and ideal points, SIPRI), by component,
    /// each citing its dataset and year.
    public var layerEvidence: [IndexComponent.Name: [IndexEvidence]] = [:]

    public init(
        a: String, b: String, seriesMonths: [DyadSeriesMonth]? = nil, balances: [String: [String: Double]]? = nil,
        activity: [String: Double]? = nil, cubeCells: [(key: DyadCube.Key, values: [Int64])]? = nil,
        diplomaticTotals: [String: [Month: Int64]]? = nil, knowledgeBase: KnowledgeBase? = nil
    ) {
        self.a = a
        self.b = b
        self.seriesMonths = seriesMonths
        self.balances = balances
        self.activity = activity
        self.cubeCells = cubeCells
        self.diplomaticTotals = diplomaticTotals
        self.knowledgeBase = knowledgeBase
    }
}
