public import EntenteCore
import EntenteStore
public import Foundation

/// What `ingest --format` accepts: an event format, a dyad series, or a structural layer.
public enum IngestFormat: String, Sendable, CaseIterable {
    case gdelt2, gdelt1, icews
    case dyadSeries = "dyad-series"
    case atop
    case ungaVotes = "unga-votes"
    case ungaIdealPoints = "unga-idealpoints"
    case sipriTIV = "sipri-tiv"
    case cowMID = "cow-mid"

    public var eventFormat: EventFormat? { EventFormat(rawValue: rawValue) }
    public var structuralFormat: StructuralFormat? { StructuralFormat(rawValue: rawValue) }

    /// The structural layer a file holds, from its header and name; `nil` for anything else.
    static func structuralLayer(_ url: URL) -> StructuralFormat? {
        guard let line = try? StructuralFormat.firstLine(of: url) else { return nil }
        return StructuralFormat.detect(url: url, firstLine: line)
    }

    /// A gzip file, or a text file whose header starts `date,a,b,`.
    static func looksLikeDyadSeries(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.count >= 2 && head[head.startIndex] == 0x1F && head[head.startIndex + 1] == 0x8B { return true }
        return String(decoding: head, as: UTF8.self).lowercased().hasPrefix("date,a,b,")
    }
}

/// What to ingest: files or folders (read recursively), a forced format, and whether a dyad
/// series is directed.
public struct IngestRequest: Sendable {
    public var paths: [String]
    public var format: IngestFormat?
    public var directed: Bool
    /// Structural layers: a later file's values replace those already stored under the same key.
    public var replace: Bool
    /// Event files: read again even if the same bytes were ingested before (their earlier entry
    /// and events are replaced).
    public var force: Bool

    public init(paths: [String], format: IngestFormat? = nil, directed: Bool = false, replace: Bool = false, force: Bool = false) {
        self.paths = paths
        self.format = format
        self.directed = directed
        self.replace = replace
        self.force = force
    }
}

/// Where an ingest is: files done of the total, rows read so far, the current file's name.
public struct IngestProgress: Sendable {
    public var filesDone: Int
    public var files: Int
    public var rows: Int
    public var file: String
    /// True at the start of each file (a front end redraws at once).
    public var fileStarted: Bool
}

extension Workspace {
    /// Ingests files into the store, each in one transaction, then adds the new event files to
    /// the cube so that it stays in step with the store.
    ///
    /// - Parameters:
    ///   - onIssue: each rejected or skipped row, for a rejects file.
    ///   - progress: called at each file's start and every 10,000 rows.
    /// - Returns: one result per file; a file that cannot be read is a `failed` result.
    /// - Throws: ``EntenteError`` for a missing path or a store failure.
    public func ingest(
        _ request: IngestRequest, onIssue: (RowReport) -> Void = { _ in }, progress: (IngestProgress) -> Void = { _ in }
    ) throws -> IngestSummary {
        // Entries of folders that are not regular files (FIFOs, devices, sockets, broken links) are
        // skipped, with a warning.
        let files = try EventFileReader.expand(request.paths) { path, reason in warn("warning: skipped \(path): \(reason)\n") }
        let store = try openStore()
        var results: [FileIngestResult] = []
        var layers: [StructuralIngestResult] = []
        var failedLayers: [(path: String, layer: StructuralFormat, message: String)] = []
        var rowsSoFar = 0
        let started = Date()
        for (i, file) in files.enumerated() {
            let name = file.lastPathComponent
            progress(IngestProgress(filesDone: i, files: files.count, rows: rowsSoFar, file: name, fileStarted: true))
            let step = { (rows: Int) in
                progress(IngestProgress(filesDone: i, files: files.count, rows: rowsSoFar + rows, file: name, fileStarted: false))
            }
            if let layer = request.format?.structuralFormat ?? (request.format == nil ? IngestFormat.structuralLayer(file) : nil) {
                do {
                    let result = try store.ingestStructural(file, format: layer, replace: request.replace, progress: step)
                    rowsSoFar += result.rowsRead
                    layers.append(result)
                } catch let error as EntenteError where error.code != .storeFailure {
                    failedLayers.append((file.path, layer, error.description))
                }
                continue
            }
            let result: FileIngestResult
            if request.format == .dyadSeries || (request.format == nil && IngestFormat.looksLikeDyadSeries(file)) {
                result = try store.ingestSeries(file, directed: request.directed, onIssue: onIssue, progress: step)
            } else {
                result = try store.ingest(file, format: request.format?.eventFormat, force: request.force, onIssue: onIssue, progress: step)
            }
            rowsSoFar += result.counts.rowsRead
            results.append(result)
        }
        var summary = IngestSummary(results: results, store: store.path, seconds: Date().timeIntervalSince(started))
        summary.add(layers: layers, failed: failedLayers)
        // Keep the cube in step with the store: add every stored event it lacks (this ingest's,
        // and any an earlier failed or concurrent update left out), under the store's write lock.
        if try cubeNeedsSync(store) {
            do {
                summary.cube = try syncCube(store)
            } catch let error as EntenteError {
                summary.cubeError =
                    "the events are stored, but the cube could not be updated (\(error.description)); analyses read the store "
                    + "until `entente cube rebuild` succeeds"
            }
        }
        summary.seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        return summary
    }
}

/// The end-of-ingest summary; its JSON form is documented in the README.
public struct IngestSummary: Encodable, Sendable {
    public struct File: Encodable, Sendable {
        public var path: String
        public var status: String
        public var format: String?
        public var sha256: String?
        public var rowsRead: Int
        public var kept: Int
        public var duplicates: Int
        public var skipped: Int
        public var rejected: Int
        public var reasons: [String: Int]
        public var message: String?
    }

    public struct Reason: Encodable, Sendable {
        public var reason: String
        public var kind: String
        public var rows: Int
        /// Up to three places, as file:line.
        public var examples: [String]
    }

    public var store: String
    public var seconds: Double
    public var files: [File]
    public var rowsRead: Int
    public var kept: Int
    public var duplicates: Int
    public var skipped: Int
    public var rejected: Int
    public var reasons: [Reason]
    public var eventsByDataset: [String: Int]
    /// Structural files (ATOP, UN votes and ideal points, SIPRI, MIDs) in detail: rows kept,
    /// dropped and rejected by reason and value, years covered, the dataset cited.
    public var layers: [StructuralIngestResult] = []
    /// What bringing the cube in step with the store did (absent when it already was).
    public var cube: CubeSyncReport?
    /// Why the cube could not be brought in step (the events are stored all the same).
    public var cubeError: String?

    /// Whether any file was read (ingested now or before): the CLI's exit status.
    public var anyFileRead: Bool { files.contains { $0.status == "ingested" || $0.status == "already-ingested" } }

    init(results: [FileIngestResult], store: String, seconds: Double) {
        self.store = store
        self.seconds = (seconds * 1000).rounded() / 1000
        files = results.map { r in
            File(
                path: r.path, status: r.status.rawValue, format: r.format?.rawValue ?? (r.status == .ingested ? "dyad-series" : nil),
                sha256: r.sha256, rowsRead: r.counts.rowsRead, kept: r.added, duplicates: r.duplicates, skipped: r.counts.skipped,
                rejected: r.counts.rejected, reasons: Dictionary(uniqueKeysWithValues: r.counts.issues.map { ($0.key.rawValue, $0.value) }),
                message: r.message)
        }
        rowsRead = results.reduce(0) { $0 + $1.counts.rowsRead }
        kept = results.reduce(0) { $0 + $1.added }
        duplicates = results.reduce(0) { $0 + $1.duplicates }
        skipped = results.reduce(0) { $0 + $1.counts.skipped }
        rejected = results.reduce(0) { $0 + $1.counts.rejected }
        var byIssue: [RowIssue: (rows: Int, examples: [String])] = [:]
        for r in results {
            let name = URL(fileURLWithPath: r.path).lastPathComponent
            for (issue, n) in r.counts.issues {
                var entry = byIssue[issue] ?? (0, [])
                entry.rows += n
                for line in r.counts.examples[issue] ?? [] where entry.examples.count < 3 { entry.examples.append("\(name):\(line)") }
                byIssue[issue] = entry
            }
        }
        reasons = byIssue.sorted { $0.key < $1.key }.map { issue, entry in
            Reason(reason: issue.rawValue, kind: issue.isRejection ? "rejected" : "skipped", rows: entry.rows, examples: entry.examples)
        }
        var datasets: [String: Int] = [:]
        for r in results where r.status == .ingested { datasets[r.format?.dataset.rawValue ?? "dyad-series", default: 0] += r.added }
        eventsByDataset = datasets
    }
}

extension Workspace {
    /// Whether the cube lacks stored events (or belongs to another store): a cheap check of the
    /// cube's header against the store's link.
    func cubeNeedsSync(_ store: EventStore) throws -> Bool {
        let storeLink = try store.link()
        guard hasCube else { return storeLink.eventWatermark > 0 }
        guard let cubeLink = try? DyadCube.link(of: cubePath).storeLink else { return true }
        return !cubeLink.serves(storeLink)
    }
}

extension IngestSummary {
    /// Adds the structural files to the per-file table and the totals (their rows are not events).
    mutating func add(layers: [StructuralIngestResult], failed: [(path: String, layer: StructuralFormat, message: String)]) {
        self.layers = layers
        for r in layers {
            var reasons: [String: Int] = [:]
            for issue in r.issues { reasons[issue.reason.rawValue, default: 0] += issue.count }
            files.append(
                File(
                    path: r.file, status: r.alreadyIngested ? "already-ingested" : "ingested",
                    format: r.format.rawValue + (r.part.map { ":" + $0.rawValue } ?? ""), sha256: nil, rowsRead: r.rowsRead, kept: r.kept,
                    duplicates: r.duplicates, skipped: r.dropped, rejected: r.rejected, reasons: reasons, message: r.message))
            rowsRead += r.rowsRead
            skipped += r.dropped
            rejected += r.rejected
        }
        for f in failed {
            files.append(
                File(
                    path: f.path, status: "failed", format: f.layer.rawValue, sha256: nil, rowsRead: 0, kept: 0, duplicates: 0, skipped: 0,
                    rejected: 0, reasons: [:], message: f.message))
        }
    }
}
