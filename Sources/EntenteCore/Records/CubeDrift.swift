/// How the cube stands against the store (`status`, `cube status`).
public struct CubeDrift: Sendable, Codable, Equatable {
    /// Whether the cube holds exactly the store's events (and maybe files added by `cube build`).
    public var inStep: Bool
    /// Stored events the cube does not hold (when it can tell).
    public var eventsMissing: Int
    /// Files the cube holds that the store does not (added by `cube build` from raw files).
    public var filesOnlyInCube: Int
    public var message: String

    public init(inStep: Bool, eventsMissing: Int, filesOnlyInCube: Int, message: String) {
        self.inStep = inStep
        self.eventsMissing = eventsMissing
        self.filesOnlyInCube = filesOnlyInCube
        self.message = message
    }
}

/// What the dyad series in the store covers.
public struct SeriesStatus: Sendable, Codable, Equatable {
    /// Files ingested as dyad series, and the daily values they hold.
    public var files: Int
    public var days: Int
    /// Pairs with at least one month.
    public var pairs: Int
    public var firstMonth: Month?
    public var lastMonth: Month?

    public init(files: Int, days: Int, pairs: Int, firstMonth: Month?, lastMonth: Month?) {
        self.files = files
        self.days = days
        self.pairs = pairs
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
    }
}
