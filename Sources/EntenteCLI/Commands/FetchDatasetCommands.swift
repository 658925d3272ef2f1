import ArgumentParser
import EntenteCore
import EntenteFetch
import EntenteServices
import Foundation
import Synchronization

struct DatasetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A base URL serving the files under their paths (a mirror).", valueName: "url"))
    var url: String?
}

struct FetchATOPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atop", abstract: "ATOP 5.1 alliance obligations (directed dyad-years to 2018): verify and ingest.")
    @OptionGroup var source: DatasetOptions
    @OptionGroup var download: DownloadOptions
    @OptionGroup var store: StoreOptions
    func run() throws { try runDatasetFetch("atop", source, download, store) }
}

struct FetchUNGACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unga",
        abstract: "UN General Assembly roll-call votes and ideal points (Voeten; Bailey-Strezhnev-Voeten): verify and ingest.")
    @OptionGroup var source: DatasetOptions
    @OptionGroup var download: DownloadOptions
    @OptionGroup var store: StoreOptions
    func run() throws { try runDatasetFetch("unga", source, download, store) }
}

struct FetchSIPRICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sipri", abstract: "SIPRI arms-transfer registers (TIV by supplier, 1950-2021): download, verify and ingest.")
    @OptionGroup var source: DatasetOptions
    @OptionGroup var download: DownloadOptions
    @OptionGroup var store: StoreOptions
    func run() throws { try runDatasetFetch("sipri", source, download, store) }
}

struct FetchDyadSeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dyad-series", abstract: "The all-dyads GDELT 2.0 daily series, 2018-2024: verify and ingest.")
    @OptionGroup var source: DatasetOptions
    @OptionGroup var download: DownloadOptions
    @OptionGroup var store: StoreOptions
    func run() throws { try runDatasetFetch("dyad-series", source, download, store) }
}

private func runDatasetFetch(_ name: String, _ source: DatasetOptions, _ download: DownloadOptions, _ store: StoreOptions) throws {
    let request = DatasetFetchRequest(
        source: name, url: source.url, cache: download.cache, ingest: !download.noIngest, download: download.downloadConfiguration)
    let ws = workspace(store)
    let printer = FetchProgressPrinter()
    let report = try fetchReportingErrors { try runBlocking { try await ws.fetchDataset(request, progress: printer.handle) } }
    printer.clear()
    switch download.format {
    case .json: print(try Output.json(report))
    case .table: print(FetchText.summary(report))
    }
    if let steps = report.manualSteps { FileHandle.standardError.write(Data("\(name) needs a manual step:\n\(steps)\n".utf8)) }
    if report.failed > 0 { throw ExitCode(1) }
}

// MARK: Running async services from a synchronous command

/// Runs Entente's and the fetch module's errors into a clear message and exit code 1.
