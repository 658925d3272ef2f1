import ArgumentParser
import EntenteCore
import EntenteStore
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the store holds: datasets, files, events, date span, top dyads."
    )

    @Option(help: "Output format.") var format: StatusFormat = .table
    @OptionGroup var store: StoreOptions

    enum StatusFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() throws {
        try reportingErrors {
            let status = try store.open().status()
            switch format {
            case .json: print(try Output.json(status))
            case .table:
                print("Store: \(status.store)")
                print("Events: \(Output.count(status.events)) from \(status.files) file(s)"
                    + (status.firstDate.map { ", \($0) to \(status.lastDate!)" } ?? ""))
                print("Rows read: \(Output.count(status.rowsRead)); skipped \(Output.count(status.rowsSkipped)); rejected \(Output.count(status.rowsRejected))")
                if status.events == 0 {
                    print("The store is empty: load event files with `entente ingest PATH`.")
                    return
                }
                print("")
                print(Output.table(
                    ["dataset", "files", "events", "first", "last"],
                    status.datasets.map { [$0.dataset, String($0.files), Output.count($0.events), $0.firstDate?.description ?? "-", $0.lastDate?.description ?? "-"] },
                    rightAligned: [1, 2]))
                print("")
                print("Top dyads (both directions):")
                print(Output.table(
                    ["a", "b", "events"],
                    status.topDyads.map { [$0.a, $0.b, Output.count($0.events)] }, rightAligned: [2]))
            }
        }
    }
}
