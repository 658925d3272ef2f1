public import EntenteCore
public import Foundation
import GRDB

extension EventStore {
    /// Ingests one event file in a single transaction: either every good row of it is stored,
    /// or (on a read failure) nothing is.
    ///
    /// - Parameters:
    ///   - url: a plain or zipped GDELT 1.0, GDELT 2.0 or ICEWS file.
    ///   - format: forces a format; `nil` detects it.
    ///   - force: read the file even if the same bytes were ingested before (their earlier
    ///     entry and events are replaced). A file whose earlier ingest kept nothing is always
    ///     read again.
    ///   - onIssue: called with each rejected or skipped row (for `--rejects`).
    ///   - progress: called every 10,000 rows with the rows read so far in this file.
    /// - Returns: the file's result; failures of the file itself are a `.failed` result, not a
    ///   throw, so that one bad file does not stop a folder's ingest.
    /// - Throws: only store failures (``EntenteError`` `store-failure`).
    /// - Complexity: O(n) in the file's size, one pass to hash and one to parse.
    public func ingest(
        _ url: URL, format: EventFormat? = nil, force: Bool = false,
        onIssue: (RowReport) throws -> Void = { _ in },
        progress: (Int) -> Void = { _ in }
    ) throws -> FileIngestResult {
        let started = Date()
        var (result, replacing) = try beginIngest(url, force: force)
        guard result.status == .ingested, let sha = result.sha256 else { return result }
        let size = result.size
        let detected = format ?? EventFileReader.sniff(url)
        if detected == nil && !ByteChunks.isZip(url) {
            result.status = .notEventFile
            result.message = size == 0 ? "empty file" : "not a GDELT 1.0, GDELT 2.0 or ICEWS event file"
            result.counts = RowCounts()
            return result
        }
        do {
            try write { db in
                try Self.remove(replacing, in: db)
                let fileID = try Self.openIngestLog(url, size: size, sha256: sha, in: db)
                let insert = try db.makeStatement(sql: Self.insertEventSQL)
                var added = 0, duplicates = 0, rows = 0
                let (readFormat, counts) = try EventFileReader.read(
                    url, format: detected,
                    onEvent: { event, line in
                        try insert.execute(arguments: Self.arguments(event, fileID: fileID, line: line))
                        if db.changesCount > 0 { added += 1 } else { duplicates += 1 }
                        rows += 1
                        if rows % 10_000 == 0 { progress(rows) }
                    },
                    onIssue: { report in
                        rows += 1
                        if rows % 10_000 == 0 { progress(rows) }
                        try onIssue(report)
                    })
                try Self.closeIngestLog(
                    fileID, format: readFormat.rawValue, counts: counts, added: added, duplicates: duplicates, started: started, in: db)
                result.format = readFormat
                result.counts = counts
                result.added = added
                result.duplicates = duplicates
            }
        } catch let error as EntenteError where error.code != .storeFailure {
            result.status = error.code == .unknownFormat && result.counts.rowsRead == 0 ? .notEventFile : .failed
            result.message = error.description
            result.counts = RowCounts()
            result.added = 0
            result.duplicates = 0
        }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    /// The first steps of every ingest: size, SHA-256, and whether the same bytes were ingested
    /// before. Returns a result with status `.ingested` (go on), `.alreadyIngested` or `.failed`.
    func beginIngest(_ url: URL) throws -> FileIngestResult {
        try beginIngest(url, force: false).result
    }

    /// An earlier log entry of the same bytes that this ingest replaces: one that kept nothing
    /// (a wrong `--format`, say), or any with `force`.
    struct Replaced {
        var id: Int64
        var kept: Int
        var format: String
    }

    /// ``beginIngest(_:)``, also saying which earlier entry of the same bytes is to be replaced:
    /// a file whose earlier ingest kept nothing is read again (with the format given now), and
    /// with `force` any file is.
    func beginIngest(_ url: URL, force: Bool) throws -> (result: FileIngestResult, replacing: Replaced?) {
        let size = ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber)?.int64Value ?? 0
        var result = FileIngestResult(
            path: url.path, status: .ingested, format: nil, size: size, sha256: nil, counts: RowCounts(), added: 0, duplicates: 0,
            message: nil, seconds: 0)
        do {
            result.sha256 = try EventFileReader.sha256(of: url)
        } catch {
            result.status = .failed
            result.message = "\(error)"
            return (result, nil)
        }
        guard
            let previous = try read({ db in
                try Row.fetchOne(db, sql: "SELECT id, path, kept, format FROM ingest_file WHERE sha256 = ?", arguments: [result.sha256])
            })
        else { return (result, nil) }
        let replaced = Replaced(id: previous["id"], kept: previous["kept"], format: previous["format"])
        if force || replaced.kept == 0 {
            result.message =
                force
                ? "read again (--force): replaces the earlier ingest of the same bytes (\(replaced.kept) events)"
                : "read again: the earlier ingest of the same bytes (format \(replaced.format.isEmpty ? "unknown" : replaced.format)) kept nothing"
            return (result, replaced)
        }
        let path: String = previous["path"]
        result.status = .alreadyIngested
        result.message = "same content as \(path), ingested before: nothing added (use --force to read it again)"
        return (result, nil)
    }

    /// Removes the replaced entry (and its events) inside the new ingest's transaction; removing
    /// events starts a new store generation, so cubes holding them are rebuilt.
    static func remove(_ replaced: Replaced?, in db: Database) throws {
        guard let replaced else { return }
        try db.execute(sql: "DELETE FROM event WHERE file_id = ?", arguments: [replaced.id])
        if db.changesCount > 0 { try bumpGeneration(db) }
        try db.execute(sql: "DELETE FROM ingest_file WHERE id = ?", arguments: [replaced.id])
    }

    /// Opens a file's entry in the ingest log, counts to come (``closeIngestLog``); returns its id.
    static func openIngestLog(_ url: URL, size: Int64, sha256: String, in db: Database) throws -> Int64 {
        try db.execute(
            sql:
                "INSERT INTO ingest_file (path, name, size, sha256, format, rows_read, kept, duplicates, skipped, rejected, ingested_at, seconds) VALUES (?, ?, ?, ?, '', 0, 0, 0, 0, 0, '', 0)",
            arguments: [url.path, url.lastPathComponent, size, sha256])
        return db.lastInsertedRowID
    }

    /// Completes a file's entry in the ingest log: format, counts, time taken, and issues by reason.
    static func closeIngestLog(
        _ fileID: Int64, format: String, counts: RowCounts, added: Int, duplicates: Int, started: Date, in db: Database
    ) throws {
        try db.execute(
            sql:
                "UPDATE ingest_file SET format = ?, rows_read = ?, kept = ?, duplicates = ?, skipped = ?, rejected = ?, ingested_at = ?, seconds = ? WHERE id = ?",
            arguments: [
                format, counts.rowsRead, added, duplicates, counts.skipped, counts.rejected, ISO8601DateFormatter().string(from: started),
                Date().timeIntervalSince(started), fileID,
            ])
        try recordIssues(counts, fileID: fileID, in: db)
    }

    /// Logs a file's issues by reason, with example lines.
    private static func recordIssues(_ counts: RowCounts, fileID: Int64, in db: Database) throws {
        for (issue, count) in counts.issues {
            try db.execute(
                sql: "INSERT INTO ingest_issue (file_id, issue, rejected, count, example_lines) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    fileID, issue.rawValue, issue.isRejection, count,
                    (counts.examples[issue] ?? []).map(String.init).joined(separator: ","),
                ])
        }
    }

    static let insertEventSQL = """
        INSERT OR IGNORE INTO event (dataset, original_id, file_id, line, day, month,
            source_iso3, source_code, source_name, source_role, target_iso3, target_code, target_name, target_role,
            event_code, root_code, quad_class, goldstein, is_root, mentions, sources, articles, tone, source_url, publisher, one_a_day_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func arguments(_ e: Event, fileID: Int64, line: Int) -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            e.dataset.rawValue, e.originalID, fileID, line, Int(e.date.rawValue), Int(e.date.period.rawValue),
            e.source.country, e.source.code, e.source.name, e.source.role,
            e.target.country, e.target.code, e.target.name, e.target.role,
            e.eventCode, e.rootCode, e.quadClass.rawValue, e.goldstein, e.isRootEvent, e.numMentions,
            e.numSources, e.numArticles, e.avgTone, e.sourceURL, e.publisher, e.oneADayKey,
        ]
        return StatementArguments(values)
    }
}
