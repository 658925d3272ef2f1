import EntenteCore
import EntenteServices
import Foundation

/// Event answers (dyad series, event listings, store status) as table and CSV rows.
enum EventText {
    static let dyadHeader = [
        "month", "source", "target", "events", "one_a_day_events", "goldstein_sum", "goldstein_mean", "verbal_cooperation",
        "material_cooperation", "verbal_conflict", "material_conflict", "articles",
    ]

    static func dyadRows(_ series: DyadAnswer) -> [[String]] {
        series.months.map { m in
            [
                m.month, m.source, m.target, String(m.events), String(m.oneADayEvents), String(m.goldsteinSum), String(m.goldsteinMean),
                String(m.quadClassShares.verbalCooperation), String(m.quadClassShares.materialCooperation),
                String(m.quadClassShares.verbalConflict), String(m.quadClassShares.materialConflict), String(m.articles),
            ]
        }
    }

    static func dyadTableRows(_ series: DyadAnswer) -> [[String]] {
        series.months.map { m in
            let pct = { (x: Double) in Output.number(x * 100, digits: 0) }
            return [
                m.month, "\(m.source)→\(m.target)", String(m.events), String(m.oneADayEvents), Output.number(m.goldsteinSum, digits: 1),
                Output.number(m.goldsteinMean), pct(m.quadClassShares.verbalCooperation), pct(m.quadClassShares.materialCooperation),
                pct(m.quadClassShares.verbalConflict), pct(m.quadClassShares.materialConflict), Output.count(m.articles),
            ]
        }
    }

    static let eventsHeader = [
        "dataset", "id", "date", "source", "target", "source_actor", "target_actor", "code", "code_name", "quad_class", "goldstein",
        "articles", "tone", "url", "publisher", "file", "line",
    ]

    static func eventRows(_ listing: EventListing) -> [[String]] {
        listing.events.map { e in
            [
                e.dataset, e.id, e.date, e.source.country, e.target.country, e.source.name, e.target.name, e.code, e.codeName,
                String(e.quadClass), String(e.goldstein), e.articles.map(String.init) ?? "", e.tone.map { String($0) } ?? "",
                e.url ?? "", e.publisher ?? "", e.file, String(e.line),
            ]
        }
    }

    static func eventTableRows(_ listing: EventListing) -> [[String]] {
        listing.events.map { e in
            let name = e.codeName.count > 34 ? String(e.codeName.prefix(33)) + "…" : e.codeName
            let actors = "\(e.source.name) → \(e.target.name)"
            return [
                e.date, "\(e.source.country)→\(e.target.country)", e.code, name, Output.number(e.goldstein, digits: 1),
                e.articles.map(String.init) ?? "-", actors.count > 40 ? String(actors.prefix(39)) + "…" : actors,
                e.url ?? e.publisher.map { "\($0) (\(e.dataset) \(e.id))" } ?? "\(e.dataset) \(e.id)",
            ]
        }
    }

    static func status(_ status: StoreStatus) -> String {
        var out = ["Store: \(status.store)"]
        out.append(
            "Events: \(Output.count(status.events)) from \(status.files) file(s)"
                + (status.firstDate.map { ", \($0) to \(status.lastDate.map(\.description) ?? "?")" } ?? ""))
        out.append(
            "Rows read: \(Output.count(status.rowsRead)); skipped \(Output.count(status.rowsSkipped)); "
                + "rejected \(Output.count(status.rowsRejected))")
        if let layers = status.layers, !layers.isEmpty {
            out.append("")
            out.append("Structural layers:")
            let rows = layers.map { l in
                [
                    l.layer.rawValue, String(l.files), Output.count(l.rows), l.firstYear.map(String.init) ?? "-",
                    l.lastYear.map(String.init) ?? "-",
                ]
            }
            out.append(Output.table(["layer", "files", "rows", "first", "last"], rows, rightAligned: [1, 2]))
        }
        if let series = status.series {
            out.append(
                "Dyad series: \(Output.count(series.days)) daily values for \(Output.count(series.pairs)) pairs from \(series.files) file(s)"
                    + (series.firstMonth.map { ", \($0) to \(series.lastMonth.map(\.description) ?? "?")" } ?? ""))
        }
        if let cube = status.cube { out.append("Cube: " + Output.printable(cube.message)) }
        if status.events == 0 {
            out.append(
                status.series != nil
                    ? "No events yet (the analyses use the dyad series); event files add evidence rows: `entente ingest PATH`."
                    : "No events: load event files with `entente ingest PATH`.")
            return out.joined(separator: "\n")
        }
        out.append("")
        let datasets = status.datasets.map {
            [$0.dataset, String($0.files), Output.count($0.events), $0.firstDate?.description ?? "-", $0.lastDate?.description ?? "-"]
        }
        out.append(Output.table(["dataset", "files", "events", "first", "last"], datasets, rightAligned: [1, 2]))
        out.append("")
        out.append("Top dyads (both directions):")
        out.append(Output.table(["a", "b", "events"], status.topDyads.map { [$0.a, $0.b, Output.count($0.events)] }, rightAligned: [2]))
        return out.joined(separator: "\n")
    }
}
