public import EntenteCore
public import EntenteFetch
public import Foundation

/// Which GDELT file series a fetch reads.
public enum GDELTSeries: String, Sendable, CaseIterable {
    case gdelt2, gdelt1

    /// GDELT's own list: the master file list (2.0) or the events index page (1.0).
    public var defaultList: String {
        switch self {
        case .gdelt2: "http://data.gdeltproject.org/gdeltv2/masterfilelist.txt"
        case .gdelt1: "http://data.gdeltproject.org/events/index.html"
        }
    }

    /// The newest 2.0 files (one export, its mentions and GKG), updated every 15 minutes.
    public static let lastUpdateList = "http://data.gdeltproject.org/gdeltv2/lastupdate.txt"

    var ingestFormat: IngestFormat { self == .gdelt2 ? .gdelt2 : .gdelt1 }
}

/// What to fetch: a GDELT series, the list to read, the time range, where to cache.
public struct FetchRequest: Sendable {
    public var series: GDELTSeries
    /// The list's URL (or a local path); `nil` for GDELT's own.
    public var list: String?
    /// `YYYY-MM-DD[THH:MM]`, UTC, inclusive.
    public var from: String?
    public var to: String?
    /// The cache folder; `nil` for `$ENTENTE_HOME/cache/SERIES`.
    public var cache: String?
    /// Transfers at once (1–32).
    public var parallel: Int
    /// Also download the mentions files of the range (kept in the cache; not ingested).
    public var withMentions: Bool
    /// Ingest each verified export (the default); `false` only downloads and verifies.
    public var ingest: Bool
    public var download: DownloadConfiguration

    public init(
        series: GDELTSeries, list: String? = nil, from: String? = nil, to: String? = nil, cache: String? = nil, parallel: Int = 4,
        withMentions: Bool = false, ingest: Bool = true, download: DownloadConfiguration = DownloadConfiguration()
    ) {
        self.series = series
        self.list = list
        self.from = from
        self.to = to
        self.cache = cache
        self.parallel = parallel
        self.withMentions = withMentions
        self.ingest = ingest
        self.download = download
    }

    /// The allowed range of ``parallel``.
    public static let parallelRange = 1...32
}

/// What `entente update` reads: the newest list, and where to cache.
public struct UpdateRequest: Sendable {
    /// `lastupdate.txt` by default; a master list (or a mirror's) works too.
    public var list: String?
    public var cache: String?
    public var parallel: Int
    public var ingest: Bool
    public var download: DownloadConfiguration

    public init(
        list: String? = nil, cache: String? = nil, parallel: Int = 4, ingest: Bool = true,
        download: DownloadConfiguration = DownloadConfiguration()
    ) {
        self.list = list
        self.cache = cache
        self.parallel = parallel
        self.ingest = ingest
        self.download = download
    }
}

/// Where a fetch is, for a progress display.
public enum FetchProgress: Sendable {
    /// Reading the list at this URL.
    case list(String)
    /// The plan: files wanted, of which already had (verified before), to download.
    case plan(selected: Int, alreadyHad: Int, toDownload: Int)
    case download(DownloadEvent)
    /// A verified file went into the store: events kept, re-emitted events dropped.
    case ingested(name: String, kept: Int, duplicates: Int)
}

/// The end-of-fetch report; its JSON form is documented in Guides/LiveData.md.
public struct FetchReport: Encodable, Sendable {
    public struct Failure: Encodable, Sendable {
        public var file: String
        public var url: String
        public var reason: String
        public var message: String
        public var quarantined: String?
    }

    public struct FileEntry: Encodable, Sendable {
        public var name: String
        /// `downloaded`, `already-had`, `failed`.
        public var status: String
        public var bytes: Int64
        public var attempts: Int
        public var resumedFrom: Int64?
        /// The ingest's status for the file (`ingested`, `already-ingested`, …), when ingested.
        public var ingest: String?
        public var kept: Int?
        public var duplicates: Int?
    }

    public struct IngestTotals: Encodable, Sendable {
        public var files = 0
        /// Events stored.
        public var events = 0
        /// Re-emitted events dropped: an event id already stored from an earlier file of the dataset.
        public var duplicates = 0
        public var rowsRead = 0
        public var skipped = 0
        public var rejected = 0
    }

    public var series: String
    public var list: String
    public var cache: String
    public var store: String?
    public var from: String?
    public var to: String?
    /// Lines of the list read.
    public var listed = 0
    /// Files of other kinds left out (mentions, gkg, …), by kind.
    public var otherKinds: [String: Int] = [:]
    public var outOfRange = 0
    /// Lines of the list that could not be read (first few in ``notes``).
    public var listProblems = 0
    public var selected = 0
    public var downloaded = 0
    public var alreadyHad = 0
    public var failed = 0
    public var failedByReason: [String: Int] = [:]
    public var failures: [Failure] = []
    public var bytes: Int64 = 0
    public var seconds: Double = 0
    /// Bytes downloaded per second of the run.
    public var bytesPerSecond: Double = 0
    /// Requests retried (429, 5xx, timeouts, drops), over all files.
    public var retries = 0
    /// Downloads continued from a partial copy with a Range request.
    public var resumed = 0
    public var ingest = IngestTotals()
    /// The newest verified export in the cache after the run (what `update` continues from).
    public var newest: String?
    public var files: [FileEntry] = []
    public var notes: [String] = []

    /// Whether any file failed (the CLI's exit status).
    public var anyFailed: Bool { failed > 0 }
}

extension Workspace {
    /// The cache folder of a source: `$ENTENTE_HOME/cache/NAME`.
    public func cacheFolder(_ name: String) -> String {
        ((home as NSString).appendingPathComponent("cache") as NSString).appendingPathComponent(name)
    }

    /// Downloads the GDELT event files of a time range from a list, verifies each (size and MD5),
    /// and ingests each as it verifies, one at a time, so the store is usable while a long
    /// backfill runs.
    ///
    /// Files verified by an earlier run (the cache's manifest) are not downloaded again; a partial
    /// download continues with an HTTP Range request. A file that fails verification is moved to
    /// `quarantine/` and reported, never ingested.
    ///
    /// - Parameter progress: called from the download tasks (any thread) and between ingests.
    /// - Returns: the report; a file that failed is in ``FetchReport/failures``, not thrown.
    /// - Throws: ``FetchError`` when the list cannot be had or the cache written; ``EntenteError``
    ///   for a store failure.
    /// - Complexity: memory stays at the selected entries of the list and one buffer per transfer.
    public func fetch(_ request: FetchRequest, progress: @escaping @Sendable (FetchProgress) -> Void = { _ in }) async throws
        -> FetchReport
    {
        guard FetchRequest.parallelRange.contains(request.parallel) else {
            throw FetchError(.invalidArgument, "--parallel must be between 1 and 32, not \(request.parallel)")
        }
        let window = try FetchWindow(from: request.from, to: request.to)
        if request.series == .gdelt2 && request.from == nil {
            throw FetchError(
                .invalidArgument,
                "give --from (GDELT 2.0 lists every 15 minutes since 2015-02-18: the whole list is over 300,000 files); "
                    + "`entente update` fetches only what is newer than the cache")
        }
        let started = Date()
        let listURL = request.list ?? request.series.defaultList
        let session = try FetchSession(
            workspace: self, series: request.series, cacheRoot: request.cache ?? cacheFolder(request.series.rawValue),
            download: request.download)
        do {
            let report = try await fetch(request, window: window, listURL: listURL, session: session, progress: progress)
            await session.downloader.shutdown()
            var timed = report
            timed.seconds = Date().timeIntervalSince(started)
            timed.finish()
            return timed
        } catch {
            await session.downloader.shutdown()
            throw error
        }
    }

    private func fetch(
        _ request: FetchRequest, window: FetchWindow, listURL: String, session: FetchSession,
        progress: @escaping @Sendable (FetchProgress) -> Void
    ) async throws -> FetchReport {
        var report = FetchReport(series: request.series.rawValue, list: listURL, cache: session.cache.root)
        report.from = window.from.map(UTCTime.iso)
        report.to = window.to.map(UTCTime.iso)
        progress(.list(listURL))
        let listPath = try await session.fetchList(listURL)
        var kinds: Set<GDELTFileKind> = request.series == .gdelt2 ? [.export] : [.export, .backFile]
        if request.withMentions { kinds.insert(.mentions) }
        let base = FetchSession.baseURL(listURL)
        let selection =
            request.series == .gdelt2 || listURL.lowercased().hasSuffix(".txt")
            ? try FileList.select(masterList: listPath, base: base, kinds: kinds, window: window)
            : try FileList.select(index: listPath, base: base, kinds: kinds, window: window)
        try await session.run(selection, parallel: request.parallel, ingest: request.ingest, report: &report, progress: progress)
        return report
    }

    /// Fetches and ingests every GDELT 2.0 export newer than the newest verified one in the cache,
    /// from `lastupdate.txt` (or the list given); when the cache is further behind than that
    /// list reaches, the master list beside it fills the gap. For a cron job.
    ///
    /// - Throws: as ``fetch(_:progress:)``.
    public func update(_ request: UpdateRequest, progress: @escaping @Sendable (FetchProgress) -> Void = { _ in }) async throws
        -> FetchReport
    {
        guard FetchRequest.parallelRange.contains(request.parallel) else {
            throw FetchError(.invalidArgument, "--parallel must be between 1 and 32, not \(request.parallel)")
        }
        let started = Date()
        let session = try FetchSession(
            workspace: self, series: .gdelt2, cacheRoot: request.cache ?? cacheFolder(GDELTSeries.gdelt2.rawValue),
            download: request.download)
        do {
            var report = try await update(request, session: session, progress: progress)
            await session.downloader.shutdown()
            report.seconds = Date().timeIntervalSince(started)
            report.finish()
            return report
        } catch {
            await session.downloader.shutdown()
            throw error
        }
    }

    private func update(_ request: UpdateRequest, session: FetchSession, progress: @escaping @Sendable (FetchProgress) -> Void) async throws
        -> FetchReport
    {
        var listURL = request.list ?? GDELTSeries.lastUpdateList
        var report = FetchReport(series: GDELTSeries.gdelt2.rawValue, list: listURL, cache: session.cache.root)
        let newest = session.newestVerified()
        progress(.list(listURL))
        var listPath = try await session.fetchList(listURL)
        var window = FetchWindow(fromSeconds: newest.map { $0 + 1 })
        var selection = try FileList.select(masterList: listPath, base: FetchSession.baseURL(listURL), kinds: [.export], window: window)
        if let newest {
            // The list starts after the next file due: read the master list beside it for the gap.
            let oldestListed = selection.files.compactMap { FileTimeSpan(fileName: $0.name)?.start }.min()
            if let oldestListed, oldestListed > newest + 15 * 60, FetchSession.isLastUpdateList(listURL),
                let master = FetchSession.sibling(listURL, "masterfilelist.txt")
            {
                report.notes.append(
                    "the cache's newest export is \(UTCTime.iso(newest)); \(listURL) starts at \(UTCTime.iso(oldestListed)): read \(master) for the gap"
                )
                listURL = master
                report.list = master
                progress(.list(master))
                listPath = try await session.fetchList(master)
                selection = try FileList.select(masterList: listPath, base: FetchSession.baseURL(master), kinds: [.export], window: window)
            }
        } else {
            // Nothing verified yet: take the newest export of the list only.
            if let last = selection.files.last, let span = FileTimeSpan(fileName: last.name) {
                window = FetchWindow(fromSeconds: span.start)
                selection.files = [last]
            }
            report.notes.append(
                "no verified GDELT 2.0 export in \(session.cache.root) yet: fetched the newest only; backfill with `entente fetch gdelt2 --from YYYY-MM-DD`"
            )
        }
        report.from = window.from.map(UTCTime.iso)
        try await session.run(selection, parallel: request.parallel, ingest: request.ingest, report: &report, progress: progress)
        return report
    }
}

extension FetchReport {
    init(series: String, list: String, cache: String) {
        self.series = series
        self.list = list
        self.cache = cache
    }

    mutating func finish() {
        seconds = (seconds * 1000).rounded() / 1000
        bytesPerSecond = seconds > 0 ? (Double(bytes) / seconds).rounded() : 0
        failed = failures.count
        failedByReason = Dictionary(failures.map { ($0.reason, 1) }, uniquingKeysWith: +)
    }
}

/// One run's cache, manifest, lock and downloader; runs the downloads and the ingests.
final class FetchSession: Sendable {
    let workspace: Workspace
    let series: GDELTSeries
    let cache: CacheFolder
    let manifest: Manifest
    let lock: CacheLock
    let downloader: Downloader

    /// Ingests run one at a time in a process, whatever front end asked for them.
    static let ingestQueue = DispatchQueue(label: "entente.fetch.ingest")

    init(workspace: Workspace, series: GDELTSeries, cacheRoot: String, download: DownloadConfiguration) throws {
        self.workspace = workspace
        self.series = series
        cache = try CacheFolder(cacheRoot)
        lock = try CacheLock(folder: cacheRoot)
        manifest = try Manifest(folder: cacheRoot)
        downloader = Downloader(configuration: download)
    }

    /// Downloads the list into `lists/` in the cache (or reads a local path) and returns its path.
    func fetchList(_ url: String) async throws -> String {
        if !url.contains("://") || url.hasPrefix("file://") {
            let path = url.hasPrefix("file://") ? String(url.dropFirst(7)) : url
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw FetchError(.listUnavailable, "cannot read the file list", location: path)
            }
            return path
        }
        let folder = (cache.root as NSString).appendingPathComponent("lists")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let destination = (folder as NSString).appendingPathComponent(RemoteFile(url: url).name)
        try await downloader.fetchList(url, to: destination)
        return destination
    }

    static func baseURL(_ list: String) -> URL? {
        list.contains("://") ? URL(string: list) : URL(fileURLWithPath: list)
    }

    static func isLastUpdateList(_ url: String) -> Bool { RemoteFile(url: url).name.lowercased().hasPrefix("lastupdate") }

    static func sibling(_ url: String, _ name: String) -> String? {
        guard let base = URL(string: url) else { return nil }
        return URL(string: name, relativeTo: base)?.absoluteString
    }

    /// The start of the newest verified export in the manifest.
    func newestVerified() -> Int64? {
        manifest.allVerified.filter { GDELTFileKind(name: $0.name) == .export }.compactMap { FileTimeSpan(fileName: $0.name)?.start }.max()
    }

    /// Whether the manifest's record of a file still holds for the list's entry.
    func alreadyHad(_ file: RemoteFile, store: String?) -> (had: Bool, needsIngest: Bool) {
        guard let entry = manifest.verified(file.name) else { return (false, false) }
        if let md5 = file.md5, entry.md5 != md5 { return (false, false) }
        if let size = file.size, entry.size != size { return (false, false) }
        let ingestible = file.kind == .export || file.kind == .backFile
        let ingested = store.map { manifest.wasIngested(file.name, into: $0) } ?? true
        let present = CacheFolder.size(cache.path(file.name)) == entry.size
        if present { return (true, ingestible && !ingested) }
        // Gone from the cache: had only if already in the store.
        return (ingested, false)
    }

    func run(
        _ selection: Selection, parallel: Int, ingest: Bool, report: inout FetchReport,
        progress: @escaping @Sendable (FetchProgress) -> Void
    ) async throws {
        report.listed = selection.listed
        report.otherKinds = selection.otherKinds
        report.outOfRange = selection.outOfRange
        report.listProblems = selection.problems.count
        for problem in selection.problems.prefix(5) {
            report.notes.append("list line \(problem.line) left out: \(problem.reason): \(problem.text)")
        }
        if selection.unnamed > 0 {
            report.notes.append("\(selection.unnamed) file(s) of the list carry no GDELT timestamp and were left out")
        }
        report.selected = selection.files.count
        let store = ingest ? workspace.storePath : nil
        report.store = store
        var toDownload: [RemoteFile] = []
        var toIngest: [RemoteFile] = []
        for file in selection.files {
            let state = alreadyHad(file, store: store)
            if state.had {
                report.alreadyHad += 1
                report.files.append(FetchReport.FileEntry(name: file.name, status: "already-had", bytes: 0, attempts: 0))
                if ingest && state.needsIngest { toIngest.append(file) }
            } else {
                toDownload.append(file)
            }
        }
        progress(.plan(selected: selection.files.count, alreadyHad: report.alreadyHad, toDownload: toDownload.count))
        // Verified before but not yet in this store (a run killed between verifying and ingesting).
        for file in toIngest {
            try await ingestFile(file, sha256: manifest.verified(file.name)?.sha256, report: &report, progress: progress)
        }
        // Downloads finish in any order; ingests follow the list's (time) order, so the first copy of a
        // re-emitted event that the store keeps is the earliest published, as with a direct ingest of the files.
        let order = Dictionary(uniqueKeysWithValues: toDownload.enumerated().map { ($0.element.name, $0.offset) })
        var finished: [Int: DownloadResult] = [:]
        var next = 0
        let stream = downloader.downloadAll(toDownload, cache: cache, parallel: parallel) { progress(.download($0)) }
        for await result in stream {
            report.bytes += result.bytes
            report.retries += max(0, result.attempts - 1)
            if result.resumedFrom > 0 { report.resumed += 1 }
            if case .verified(_, let md5, let sha256) = result.outcome {
                let size = CacheFolder.size(cache.path(result.file.name)) ?? 0
                try manifest.recordVerified(result.file, size: size, md5: md5, sha256: sha256)
            }
            finished[order[result.file.name] ?? 0] = result
            while let ready = finished.removeValue(forKey: next) {
                next += 1
                try await settle(ready, ingest: ingest, report: &report, progress: progress)
            }
        }
        for key in finished.keys.sorted() {
            if let ready = finished[key] { try await settle(ready, ingest: ingest, report: &report, progress: progress) }
        }
        if newestVerified().map(UTCTime.iso) != nil {
            report.newest =
                manifest.allVerified.filter { GDELTFileKind(name: $0.name) == .export }
                .max { (FileTimeSpan(fileName: $0.name)?.start ?? 0) < (FileTimeSpan(fileName: $1.name)?.start ?? 0) }?.name
        }
    }

    /// Reports one finished download and ingests it if it verified.
    func settle(_ result: DownloadResult, ingest: Bool, report: inout FetchReport, progress: @Sendable (FetchProgress) -> Void) async throws
    {
        switch result.outcome {
        case .failed(let failure):
            report.failures.append(
                FetchReport.Failure(
                    file: result.file.name, url: result.file.url, reason: failure.reason, message: failure.message,
                    quarantined: failure.quarantined))
            report.files.append(
                FetchReport.FileEntry(
                    name: result.file.name, status: "failed", bytes: result.bytes, attempts: result.attempts,
                    resumedFrom: result.resumedFrom > 0 ? result.resumedFrom : nil))
        case .verified(_, _, let sha256):
            report.downloaded += 1
            report.files.append(
                FetchReport.FileEntry(
                    name: result.file.name, status: "downloaded", bytes: result.bytes, attempts: result.attempts,
                    resumedFrom: result.resumedFrom > 0 ? result.resumedFrom : nil))
            let kind = result.file.kind
            if ingest && (kind == .export || kind == .backFile) {
                try await ingestFile(result.file, sha256: sha256, report: &report, progress: progress)
            }
        }
    }

    /// Ingests one verified file (on the ingest queue: never two at once in a process).
    func ingestFile(_ file: RemoteFile, sha256: String?, report: inout FetchReport, progress: @Sendable (FetchProgress) -> Void)
        async throws
    {
        let path = cache.path(file.name)
        let workspace = self.workspace
        let format = series.ingestFormat
        let summary: IngestSummary = try await withCheckedThrowingContinuation { continuation in
            FetchSession.ingestQueue.async {
                do {
                    continuation.resume(returning: try workspace.ingest(IngestRequest(paths: [path], format: format)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        let entry = summary.files.first
        let status = entry?.status ?? "failed"
        if let i = report.files.lastIndex(where: { $0.name == file.name }) {
            report.files[i].ingest = status
            report.files[i].kept = entry?.kept
            report.files[i].duplicates = entry?.duplicates
        }
        report.ingest.rowsRead += summary.rowsRead
        report.ingest.skipped += summary.skipped
        report.ingest.rejected += summary.rejected
        if let message = summary.cubeError { report.notes.append(message) }
        guard status == "ingested" || status == "already-ingested" else {
            report.failures.append(
                FetchReport.Failure(
                    file: file.name, url: file.url, reason: "ingest-failed",
                    message: "\(file.name): verified, but the ingest says \(status)\(entry?.message.map { ": " + $0 } ?? "") (\(path))"))
            return
        }
        report.ingest.files += 1
        report.ingest.events += summary.kept
        report.ingest.duplicates += summary.duplicates
        try manifest.recordIngested(
            file.name, store: workspace.storePath, sha256: sha256 ?? entry?.sha256, kept: summary.kept, duplicates: summary.duplicates)
        progress(.ingested(name: file.name, kept: summary.kept, duplicates: summary.duplicates))
    }
}
