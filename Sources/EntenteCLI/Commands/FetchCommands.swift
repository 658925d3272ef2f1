import ArgumentParser
import EntenteCore
import EntenteFetch
import EntenteServices
import Foundation
import Synchronization

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract:
            "Download public inputs, verify them and ingest them: GDELT 2.0/1.0 files by time range, ATOP, UN votes, SIPRI, the dyad series.",
        discussion: """
            Every file is verified before it is ingested: GDELT files against the size and MD5 their list gives, \
            the other sources against the SHA-256 and size of the copies Entente was tested with. A file that does \
            not verify is moved to the cache's quarantine/ folder, named in the report, and not ingested; the exit \
            status is then 1. Files are cached under $ENTENTE_HOME/cache/SOURCE (--cache to change), recorded in \
            the cache's manifest.jsonl once verified, and never downloaded again. An interrupted run resumes: \
            partial downloads (NAME.part) continue with HTTP Range requests.

            Examples:
              entente fetch gdelt2 --from 2024-06-01 --to 2024-06-30
              entente fetch gdelt1 --from 2013-04-01 --to 2013-12-31
              entente fetch sipri
              entente fetch atop          # says what to download by hand, then verifies and ingests it
            Keep current with `entente update` (for cron). Guides/LiveData.md has the disk and time a backfill takes.
            """,
        subcommands: [
            FetchGDELT2Command.self, FetchGDELT1Command.self, FetchATOPCommand.self, FetchUNGACommand.self, FetchSIPRICommand.self,
            FetchDyadSeriesCommand.self,
        ]
    )
}

/// Options of every command that downloads.
struct DownloadOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The cache folder (default $ENTENTE_HOME/cache/SOURCE).", valueName: "dir"))
    var cache: String?

    @Option(name: .long, help: ArgumentHelp("Requests per file at most, the first included (1-100).", valueName: "n"))
    var maxAttempts = RetryPolicy.default.maxAttempts

    @Flag(name: .long, help: "Download and verify only; do not ingest.")
    var noIngest = false

    @Option(name: .long, help: "How to print the report.")
    var format: TextFormat = .table

    func validate() throws {
        try validateNumber(maxAttempts, in: 1...100, "--max-attempts")
    }

    var downloadConfiguration: DownloadConfiguration {
        DownloadConfiguration(retry: RetryPolicy(maxAttempts: maxAttempts))
    }
}

/// Options of the GDELT fetches.
struct GDELTFetchOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("First file time, UTC (inclusive).", valueName: "YYYY-MM-DD[THH:MM]"))
    var from: String?

    @Option(
        name: .long, help: ArgumentHelp("Last file time, UTC (inclusive; a date alone means its end).", valueName: "YYYY-MM-DD[THH:MM]"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("The file list's URL or path (a mirror's); default GDELT's own.", valueName: "url"))
    var list: String?

    @Option(name: .long, help: ArgumentHelp("Downloads at once (1-32).", valueName: "n"))
    var parallel = 4

    @Flag(name: .long, help: "Only the event exports (the default).")
    var eventsOnly = false

    @Flag(name: .long, help: "Also download the mentions files of the range (cached, not ingested).")
    var withMentions = false

    func validate() throws {
        try validateNumber(parallel, in: FetchRequest.parallelRange, "--parallel")
        if eventsOnly && withMentions { throw ValidationError("--events-only and --with-mentions exclude each other.") }
        do { _ = try FetchWindow(from: from, to: to) } catch let error as FetchError { throw ValidationError(error.message) }
    }
}

struct FetchGDELT2Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdelt2",
        abstract: "Download the GDELT 2.0 event exports (15-minute files) of a time range, verify them and ingest them.",
        discussion: """
            Reads GDELT's master file list (lines SIZE MD5 URL; --list for a mirror's), keeps the event exports whose \
            time (in the file name) is in --from..--to, downloads them (--parallel at once, retrying 429/5xx/timeouts \
            and dropped connections with backoff and Retry-After), checks each file's size and MD5, and ingests each \
            as soon as it verifies, one at a time: the store is usable while a long backfill runs. Mentions and GKG \
            files are left out unless --with-mentions. Re-emitted events (an event id already stored from an earlier \
            file) are dropped and counted.

            Example:
              entente fetch gdelt2 --from 2024-06-01 --to 2024-06-30T23:45
            """)

    @OptionGroup var gdelt: GDELTFetchOptions
    @OptionGroup var download: DownloadOptions
    @OptionGroup var store: StoreOptions

    func run() throws { try runGDELTFetch(.gdelt2, gdelt, download, store) }
}

struct FetchGDELT1Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdelt1",
        abstract: "Download the GDELT 1.0 daily files (YYYYMMDD.export.CSV.zip) and back-files of a time range, verify and ingest them.",
        discussion: """
            Reads GDELT 1.0's events index page (every file with its MD5; --list for a mirror's page or a SIZE MD5 URL \
            list) and keeps the daily exports and the back-files (YYYYMM.zip, YYYY.zip) that overlap --from..--to.

            Example:
              entente fetch gdelt1 --from 2016-07-01 --to 2016-07-31
            """)

    @OptionGroup var gdelt: GDELTFetchOptions
    @OptionGroup var download: DownloadOptions
    @OptionGroup var store: StoreOptions

    func run() throws { try runGDELTFetch(.gdelt1, gdelt, download, store) }
}

struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Fetch and ingest every GDELT 2.0 export newer than the newest one verified in the cache (for cron).",
        discussion: """
            Reads lastupdate.txt (or --list); when the cache is further behind than it reaches, reads the master list \
            beside it for the gap. With an empty cache it takes the newest export only: backfill first with \
            `entente fetch gdelt2 --from`. A run that finds another one still going on the same cache stops at once \
            (exit 1) instead of waiting.

            Example (crontab, every 15 minutes):
              */15 * * * *  cd /srv/entente && ENTENTE_HOME=/srv/entente/.entente entente update >>update.log 2>&1
            """)

    @Option(name: .long, help: ArgumentHelp("The list's URL or path; default GDELT's lastupdate.txt.", valueName: "url"))
    var list: String?

    @Option(name: .long, help: ArgumentHelp("Downloads at once (1-32).", valueName: "n"))
    var parallel = 4

    @OptionGroup var download: DownloadOptions
    @OptionGroup var store: StoreOptions

    func validate() throws { try validateNumber(parallel, in: FetchRequest.parallelRange, "--parallel") }

    func run() throws {
        let request = UpdateRequest(
            list: list, cache: download.cache, parallel: parallel, ingest: !download.noIngest, download: download.downloadConfiguration)
        let ws = workspace(store)
        let printer = FetchProgressPrinter()
        let report = try fetchReportingErrors { try runBlocking { try await ws.update(request, progress: printer.handle) } }
        printer.clear()
        try printFetchReport(report, format: download.format)
    }
}

private func runGDELTFetch(_ series: GDELTSeries, _ gdelt: GDELTFetchOptions, _ download: DownloadOptions, _ store: StoreOptions) throws {
    let request = FetchRequest(
        series: series, list: gdelt.list, from: gdelt.from, to: gdelt.to, cache: download.cache, parallel: gdelt.parallel,
        withMentions: gdelt.withMentions, ingest: !download.noIngest, download: download.downloadConfiguration)
    let ws = workspace(store)
    let printer = FetchProgressPrinter()
    let report = try fetchReportingErrors { try runBlocking { try await ws.fetch(request, progress: printer.handle) } }
    printer.clear()
    try printFetchReport(report, format: download.format)
}

private func printFetchReport(_ report: FetchReport, format: TextFormat) throws {
    switch format {
    case .json: print(try Output.json(report))
    case .table: print(FetchText.summary(report))
    }
    if report.anyFailed {
        let names = report.failures.map(\.file).joined(separator: ", ")
        FileHandle.standardError.write(Data("error: \(report.failed) file(s) failed: \(names)\n".utf8))
        throw ExitCode(1)
    }
}

// MARK: Other sources

/// Options of `fetch atop|unga|sipri|dyad-series`.
func fetchReportingErrors<T>(_ body: () throws -> T) throws -> T {
    try reportingErrors {
        do {
            return try body()
        } catch let error as FetchError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Waits for an async service on the calling (main) thread; the work runs on the cooperative pool.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let result = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        let value: Result<T, any Error>
        do { value = .success(try await body()) } catch { value = .failure(error) }
        result.withLock { $0 = value }
        done.signal()
    }
    done.wait()
    guard let value = result.withLock({ $0 }) else { throw ExitCode(1) }
    return try value.get()
}

// MARK: Progress

/// Progress on standard error: a one-line bar on a terminal, plain lines otherwise.
