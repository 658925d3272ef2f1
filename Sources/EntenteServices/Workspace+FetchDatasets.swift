public import EntenteCore
public import EntenteFetch
public import Foundation

/// What `entente fetch atop|unga|sipri|dyad-series` asks for.
public struct DatasetFetchRequest: Sendable {
    /// ``DatasetSource/name``.
    public var source: String
    /// A base URL serving the source's files under their paths (a mirror); `nil` for the public one, if any.
    public var url: String?
    /// The folder; `nil` for `$ENTENTE_HOME/cache/NAME`.
    public var cache: String?
    public var ingest: Bool
    public var download: DownloadConfiguration

    public init(
        source: String, url: String? = nil, cache: String? = nil, ingest: Bool = true,
        download: DownloadConfiguration = DownloadConfiguration()
    ) {
        self.source = source
        self.url = url
        self.cache = cache
        self.ingest = ingest
        self.download = download
    }
}

/// What fetching a dataset did, file by file, and the ingest's summary.
public struct DatasetFetchReport: Encodable, Sendable {
    public struct FileEntry: Encodable, Sendable {
        public var path: String
        /// `downloaded`, `already-had` (verified), `placed` (present but not the reference copy),
        /// `missing` (a manual step is due), `failed`.
        public var status: String
        public var sha256: String?
        public var expectedSHA256: String
        public var message: String?
    }

    public var source: String
    public var title: String
    public var home: String
    public var licence: String
    public var citation: String
    public var folder: String
    public var url: String?
    public var files: [FileEntry] = []
    /// Set when files are missing and no URL serves them: what to do by hand.
    public var manualSteps: String?
    public var ingest: IngestSummary?
    public var failed: Int { files.filter { $0.status == "failed" || $0.status == "missing" }.count }
}

extension Workspace {
    /// Downloads (or finds) the files of a public dataset, verifies each against its SHA-256 and
    /// size, and ingests them.
    ///
    /// A file already in the folder with the expected digest is used as it is. A file placed by
    /// hand whose digest differs (a conversion of one's own) is used too, and reported as
    /// `placed`; the ingest checks its header and rows. A downloaded file that does not verify is
    /// quarantined and not ingested. When files are missing and no URL serves them, the report's
    /// ``DatasetFetchReport/manualSteps`` says what to download and where to put it, and nothing is ingested.
    ///
    /// - Throws: ``FetchError`` for an unknown source or a cache failure; ``EntenteError`` from the ingest.
    public func fetchDataset(_ request: DatasetFetchRequest, progress: @escaping @Sendable (FetchProgress) -> Void = { _ in }) async throws
        -> DatasetFetchReport
    {
        guard let source = DatasetSource.named(request.source) else {
            throw FetchError(
                .invalidArgument, "unknown source '\(request.source)': one of \(DatasetSource.all.map(\.name).joined(separator: ", "))")
        }
        let cache = try CacheFolder(request.cache ?? cacheFolder(source.name))
        let lock = try CacheLock(folder: cache.root)
        defer { withExtendedLifetime(lock) {} }
        let base = request.url ?? source.defaultBase
        var report = DatasetFetchReport(
            source: source.name, title: source.title, home: source.home, licence: source.licence, citation: source.citation,
            folder: cache.root,
            url: base)
        var toDownload: [RemoteFile] = []
        for file in source.files {
            let path = cache.path(file.path)
            if FileManager.default.fileExists(atPath: path) {
                let sha = try? Downloader.digests(of: path).sha256
                if sha == file.sha256 {
                    report.files.append(.init(path: file.path, status: "already-had", sha256: sha, expectedSHA256: file.sha256))
                    continue
                }
                if base == nil {
                    report.files.append(
                        .init(
                            path: file.path, status: "placed", sha256: sha, expectedSHA256: file.sha256,
                            message: "not the reference copy (SHA-256 differs): used as placed; the ingest checks its header and rows"))
                    continue
                }
                // A URL serves the reference copy: set the odd one aside and download it.
                try? FileManager.default.createDirectory(
                    atPath: (cache.quarantinePath(file.path) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? FileManager.default.removeItem(atPath: cache.quarantinePath(file.path))
                try? FileManager.default.moveItem(atPath: path, toPath: cache.quarantinePath(file.path))
            }
            guard let base else {
                report.files.append(
                    .init(path: file.path, status: "missing", expectedSHA256: file.sha256, message: "put it at \(path)"))
                continue
            }
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let url = base.hasSuffix("/") ? base + file.path : base + "/" + file.path
            toDownload.append(RemoteFile(url: url, name: file.path, size: file.size, sha256: file.sha256))
        }
        if report.files.contains(where: { $0.status == "missing" }) {
            report.manualSteps =
                (source.manualSteps ?? "Download the files listed from \(source.home).")
                + "\nPut the files in \(cache.root) (paths as listed), then run `entente fetch \(source.name)` again to verify and ingest "
                + "them, or `entente ingest " + source.ingestPaths.map { cache.path($0) }.joined(separator: " ") + "`."
        }
        if !toDownload.isEmpty {
            let downloader = Downloader(configuration: request.download)
            progress(.plan(selected: source.files.count, alreadyHad: source.files.count - toDownload.count, toDownload: toDownload.count))
            for await result in downloader.downloadAll(toDownload, cache: cache, parallel: 4, progress: { progress(.download($0)) }) {
                switch result.outcome {
                case .verified(_, _, let sha):
                    report.files.append(
                        .init(path: result.file.name, status: "downloaded", sha256: sha, expectedSHA256: result.file.sha256 ?? ""))
                case .failed(let failure):
                    report.files.append(
                        .init(path: result.file.name, status: "failed", expectedSHA256: result.file.sha256 ?? "", message: failure.message))
                }
            }
            await downloader.shutdown()
        }
        report.files.sort { $0.path < $1.path }
        guard request.ingest, report.failed == 0 else { return report }
        let paths = source.ingestPaths.map { $0 == "." ? cache.root : cache.path($0) }
        let format = source.ingestFormat.flatMap(IngestFormat.init(rawValue:))
        let workspace = self
        // A folder may hold the quarantine: ingest the listed files only.
        let files = source.ingestPaths == ["."] ? source.files.map { cache.path($0.path) } : paths
        report.ingest = try await withCheckedThrowingContinuation { continuation in
            FetchSession.ingestQueue.async {
                do {
                    continuation.resume(returning: try workspace.ingest(IngestRequest(paths: files, format: format)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        return report
    }
}
