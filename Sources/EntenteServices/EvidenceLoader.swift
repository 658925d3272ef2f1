public import EntenteCore
import EntenteStore
import Foundation

/// Loads what the index needs for a dyad from the store, the cube and the knowledge base.
///
/// What does not depend on the window (the knowledge base, the pair's series, the cube's cells
/// and diplomatic totals) is read once; ``evidence(at:window:)`` adds each window's balances.
public struct EvidenceLoader: Sendable {
    public let kb: KnowledgeBase
    let store: EventStore?
    /// Where the event cells come from (the cube in step with the store, or the store).
    let cells: CubeCellSource?
    let pair: Dyad
    let base: DyadEvidence

    /// Reads the unwindowed evidence of A–B.
    ///
    /// - Complexity: one series query and three cube binary searches.
    public init(_ workspace: Workspace, _ a: String, _ b: String) throws {
        kb = try workspace.knowledgeBase()
        store = try workspace.existingStore()
        cells = try workspace.cellSource()
        pair = Dyad(a, b)
        var e = DyadEvidence(a: a, b: b, knowledgeBase: kb)
        if let store, try store.hasSeries() {
            e.seriesMonths = try store.seriesMonths(a, b)
        }
        if let cells {
            e.cubeCells = try cells.cells(from: a, to: b) + cells.cells(from: b, to: a)
            var totals: [String: [Month: Int64]] = [:]
            for s in [a, b] {
                for cell in try cells.cells(from: s) {
                    let dip = PartnershipIndex.diplomaticColumns.reduce(Int64(0)) { $0 + cell.values[$1.rawValue] }
                    totals[s, default: [:]][cell.key.month, default: 0] += dip
                }
            }
            e.diplomaticTotals = totals
        }
        base = e
    }

    /// Everything known about A–B, with the balances and activity of the window ending at `at`.
    public func evidence(at: Month, window: Int) throws -> DyadEvidence {
        var e = base
        let layers = try yearLayers(at: at)
        e.judgement = try judgementFeatures(at: at, window: window, layers: layers)
        e.layerEvidence = layerEvidence(layers)
        guard let store, base.seriesMonths != nil else { return e }
        let states = [base.a, base.b]
        e.balances = try store.seriesBalances(of: states, from: at.advanced(by: -(window - 1)), to: at)
        e.activity = try store.seriesActivity(of: states, from: at.advanced(by: -(window - 1)), to: at)
        return e
    }

    /// The assessment of the window ending at `at`.
    public func assess(at: Month, window: Int) throws -> Assessment {
        PartnershipIndex.assess(try evidence(at: at, window: window), at: at, window: window)
    }

    /// The month range of a monthly answer: `to` (default the last month with data) and `from`
    /// (default 23 months before), checked.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` when `from` is after `to`.
    public func range(from: Month?, to: Month?) throws -> (Month, Month) {
        let end = to ?? latestMonth()
        let start = from ?? end.advanced(by: -23)
        guard start <= end else { throw EntenteError(.invalidArgument, "--from \(start) is after --to \(end)") }
        return (start, end)
    }

    /// The assessment of each month from `start` to `end` (each month's window ends there).
    public func monthly(from start: Month, to end: Month, window: Int) throws -> [Assessment] {
        try stride(from: start, through: end, by: 1).map { m in try assess(at: m, window: window) }
    }

    /// The last month with any data on the dyad, or the current month.
    public func latestMonth() -> Month {
        var months: [Month] = []
        if let last = base.seriesMonths?.last { months.append(last.month) }
        if let last = base.cubeCells?.map(\.key.month).max() { months.append(last) }
        if let last = kb.events(between: pair.a, and: pair.b).last { months.append(last.date.earliest.period) }
        return months.max() ?? Day.today().period
    }
}
