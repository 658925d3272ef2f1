/// What the store holds.
public struct StoreStatus: Sendable, Codable, Equatable {
    public struct DatasetCount: Sendable, Codable, Equatable {
        public var dataset: String
        public var files: Int
        public var events: Int
        public var firstDate: Day?
        public var lastDate: Day?

        public init(dataset: String, files: Int, events: Int, firstDate: Day?, lastDate: Day?) {
            self.dataset = dataset
            self.files = files
            self.events = events
            self.firstDate = firstDate
            self.lastDate = lastDate
        }
    }

    public struct DyadCount: Sendable, Codable, Equatable {
        public var a: String
        public var b: String
        public var events: Int

        public init(a: String, b: String, events: Int) {
            self.a = a
            self.b = b
            self.events = events
        }
    }

    public var store: String
    public var events: Int
    public var files: Int
    public var rowsRead: Int
    public var rowsRejected: Int
    public var rowsSkipped: Int
    public var firstDate: Day?
    public var lastDate: Day?
    public var datasets: [DatasetCount]
    /// The undirected pairs of distinct states with the most events.
    public var topDyads: [DyadCount]
    /// The structural layers (ATOP, UN votes, ideal points, SIPRI, MIDs): files, rows, years.
    public var layers: [StructuralLayerStatus]?
    /// The dyad series (`ingest --format dyad-series`), when one is stored.
    public var series: SeriesStatus?
    /// How the cube stands against the store's events, when there are any.
    public var cube: CubeDrift?

    public init(
        store: String, events: Int, files: Int, rowsRead: Int, rowsRejected: Int, rowsSkipped: Int, firstDate: Day?, lastDate: Day?,
        datasets: [DatasetCount], topDyads: [DyadCount]
    ) {
        self.store = store
        self.events = events
        self.files = files
        self.rowsRead = rowsRead
        self.rowsRejected = rowsRejected
        self.rowsSkipped = rowsSkipped
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.datasets = datasets
        self.topDyads = topDyads
    }
}
