public import EntenteCore
import EntenteStore
import Foundation

/// The monthly series of a pair, both directions: from the cube (default, when there is one)
/// or from the store (always with a dataset).
public struct DyadRequest: Sendable {
    public var a: String
    public var b: String
    public var from: Month?
    public var to: Month?
    public var dataset: Dataset?

    public init(a: String, b: String, from: Month? = nil, to: Month? = nil, dataset: Dataset? = nil) {
        self.a = a
        self.b = b
        self.from = from
        self.to = to
        self.dataset = dataset
    }
}

/// The `dyad` answer; its JSON form is documented in the README.
public struct DyadAnswer: Encodable, Sendable {
    public struct Row: Encodable, Sendable {
        public var month: String
        public var source: String
        public var target: String
        public var events: Int
        public var oneADayEvents: Int
        public var goldsteinSum: Double
        public var goldsteinMean: Double
        public var quadClassShares: Shares
        public var articles: Int
    }

    public struct Shares: Encodable, Sendable {
        public var verbalCooperation: Double
        public var materialCooperation: Double
        public var verbalConflict: Double
        public var materialConflict: Double
    }

    public var a: String
    public var b: String
    public var from: String?
    public var to: String?
    /// Where the figures come from: `cube` (the dyad cube) or `store` (SQLite; with --dataset).
    public var origin: String
    public var months: [Row]

    init(a: String, b: String, from: String?, to: String?, origin: String, months: [DyadMonth]) {
        self.origin = origin
        self.a = a
        self.b = b
        self.from = from
        self.to = to
        func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
        self.months = months.map { m in
            Row(
                month: m.month.description, source: m.source, target: m.target, events: m.events, oneADayEvents: m.oneADayEvents,
                goldsteinSum: round(m.goldsteinSum), goldsteinMean: round(m.goldsteinMean),
                quadClassShares: Shares(
                    verbalCooperation: round(m.quadClassShares[0]), materialCooperation: round(m.quadClassShares[1]),
                    verbalConflict: round(m.quadClassShares[2]), materialConflict: round(m.quadClassShares[3])),
                articles: m.articles)
        }
    }
}

extension Workspace {
    /// The monthly A→B and B→A series.
    ///
    /// - Throws: ``EntenteError`` when the cube or store cannot be read.
    public func dyad(_ request: DyadRequest) throws -> DyadAnswer {
        let months: [DyadMonth]
        let origin: String
        if request.dataset == nil, case .cube(let path) = try cellSource() {
            months = try Self.cubeMonths(request.a, request.b, from: request.from, to: request.to, cubePath: path)
            origin = "cube"
        } else {
            let filter = EventFilter(a: request.a, b: request.b, from: request.from, to: request.to, dataset: request.dataset)
            months = try openStore().dyadSeries(filter)
            origin = "store"
        }
        return DyadAnswer(
            a: request.a, b: request.b, from: request.from?.description, to: request.to?.description, origin: origin, months: months)
    }

    /// The monthly dyad series computed from the cube's cells.
    static func cubeMonths(_ a: String, _ b: String, from: Month?, to: Month?, cubePath: String) throws -> [DyadMonth] {
        var out: [DyadMonth] = []
        for (s, t) in [(a, b), (b, a)] where s != t || (s, t) == (a, b) {
            var byMonth: [Month: [Int64]] = [:]
            var quads: [Month: [Int64]] = [:]
            for cell in try DyadCube.cells(from: s, to: t, in: cubePath) {
                let m = cell.key.month
                if let from, m < from { continue }
                if let to, m > to { continue }
                var acc = byMonth[m] ?? [0, 0, 0, 0]
                acc[0] += cell.values[DyadCube.Column.events.rawValue]
                acc[1] += cell.values[DyadCube.Column.oneADay.rawValue]
                acc[2] += cell.values[DyadCube.Column.goldsteinX10.rawValue]
                acc[3] += cell.values[DyadCube.Column.articles.rawValue]
                byMonth[m] = acc
                var q = quads[m] ?? [0, 0, 0, 0]
                if let quad = QuadClass(root: cell.key.root) { q[quad.rawValue - 1] += cell.values[DyadCube.Column.events.rawValue] }
                quads[m] = q
            }
            for (m, acc) in byMonth {
                let n = Double(acc[0]), g = Double(acc[2]) / 10
                let q = quads[m] ?? [0, 0, 0, 0]
                out.append(
                    DyadMonth(
                        month: m, source: s, target: t, events: Int(acc[0]), oneADayEvents: Int(acc[1]), goldsteinSum: g,
                        goldsteinMean: n > 0 ? g / n : 0, quadClassShares: q.map { n > 0 ? Double($0) / n : 0 }, articles: Int(acc[3])))
            }
        }
        return out.sorted { ($0.month, $0.source == a ? 0 : 1) < ($1.month, $1.source == a ? 0 : 1) }
    }
}
