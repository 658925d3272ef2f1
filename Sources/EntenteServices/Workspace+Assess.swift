public import EntenteCore
import Foundation

/// What to assess: a pair, the window's last month (default: the last month with data) and length.
public struct AssessRequest: Sendable {
    public var a: String
    public var b: String
    public var at: Month?
    public var window: Int

    public init(a: String, b: String, at: Month? = nil, window: Int = 12) {
        self.a = a
        self.b = b
        self.at = at
        self.window = window
    }

    /// Checks the window against ``RequestLimits/window``.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument`.
    public func validate() throws {
        try RequestLimits.check(window, in: RequestLimits.window, "window", unit: " months")
    }
}

/// A monthly run of the index: a pair and a month range (defaults from the data).
public struct IndexRequest: Sendable {
    public var a: String
    public var b: String
    public var from: Month?
    public var to: Month?
    public var window: Int

    public init(a: String, b: String, from: Month? = nil, to: Month? = nil, window: Int = 12) {
        self.a = a
        self.b = b
        self.from = from
        self.to = to
        self.window = window
    }

    /// Checks the window against ``RequestLimits/window`` and that `from` is not after `to`.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument`.
    public func validate() throws {
        try RequestLimits.check(window, in: RequestLimits.window, "window", unit: " months")
        try RequestLimits.checkRange(from, to)
    }
}

/// One month of `entente index --format json`.
public struct IndexRow: Encodable, Sendable {
    public var month: String
    public var index: Double?
    public var behavioural: Double?
    public var intensity: Double?
    public var classification: String
    public var components: [String: Double?]

    public init(_ x: Assessment) {
        month = x.at.description
        index = x.index
        behavioural = x.behavioural
        intensity = x.intensity
        classification = x.classification.rawValue
        components = Dictionary(uniqueKeysWithValues: x.components.map { ($0.name.rawValue, $0.value) })
    }
}

extension Workspace {
    /// The judgement of A–B over one window: components, index, class, confidence, evidence.
    ///
    /// - Throws: ``EntenteError`` when the store or cube cannot be read.
    public func assess(_ request: AssessRequest) throws -> Assessment {
        try request.validate()
        let loader = try EvidenceLoader(self, request.a, request.b)
        return try loader.assess(at: request.at ?? loader.latestMonth(), window: request.window)
    }

    /// The assessment of every month of a range (each month's window ends there).
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` when `from` is after `to`.
    public func index(_ request: IndexRequest) throws -> [Assessment] {
        try request.validate()
        let loader = try EvidenceLoader(self, request.a, request.b)
        let (start, end) = try loader.range(from: request.from, to: request.to)
        var months = try loader.monthly(from: start, to: end, window: request.window)
        // A trajectory switches class only when the new class holds (minimum dwell).
        let held = Judgement.withDwell(months.map(\.classification))
        for i in months.indices where held[i] != months[i].classification {
            months[i].decidedBy.append(
                "held at \(held[i].rawValue): this month alone reads \(months[i].classification.rawValue) "
                    + "(a class must hold \(Judgement.minimumDwell) months)")
            months[i].classification = held[i]
        }
        for i in months.indices.dropFirst() where months[i].classification != months[i - 1].classification {
            months[i].decidedBy.insert("class changed from \(months[i - 1].classification.rawValue)", at: 0)
        }
        return months
    }
}
