public import EntenteCore
public import Foundation
import GRDB

extension EventStore {
    /// Ingests one structural file (ATOP, a UN votes, roll calls or issues file, ideal points, a
    /// SIPRI `TIV-Export-*.csv` table, COW MIDs) in a single transaction. Idempotent: a file whose
    /// bytes (SHA-256) were ingested before is not read again. Bad rows are counted by reason
    /// (and value, for codes and names) with their lines; the good rows are kept.
    ///
    /// A key the store already holds (a dyad-year, a vote, a roll call) is a duplicate: reported,
    /// and replaced only when `replace` is true (the later file wins).
    ///
    /// ```swift
    /// let r = try store.ingestStructural(URL(fileURLWithPath: "atop_alliance.csv"), format: nil, replace: false)
    /// // r.format == .atop, r.rowsRead == 273_296, r.kept == 265_324 (the rest: states with no ISO3
    /// // code, and West Germany's 1990 rows, duplicates of Germany's)
    /// ```
    /// - Parameters:
    ///   - url: one file (a folder is expanded by the caller).
    ///   - format: forces a format; `nil` detects it from the header and name.
    ///   - replace: let this file's values replace those already stored under the same key.
    ///   - onIssue: called with each row or cell not kept (for `--rejects`).
    ///   - progress: called every 100,000 rows with the rows read so far.
    /// - Throws: ``EntenteError`` `unknown-format` (undetectable, or a header that does not match
    ///   the format; naming line 1 and the columns expected), `file-not-found`, `unreadable-file`,
    ///   `store-failure`. When it throws, the store is unchanged.
    /// - Complexity: O(n log s) for n rows into a store of s rows: one pass to hash, one to parse
    ///   and insert through prepared statements.
    public func ingestStructural(
        _ url: URL, format: StructuralFormat? = nil, replace: Bool = false,
        onIssue: (StructuralRowIssue) throws -> Void = { _ in },
        progress: (Int) -> Void = { _ in }
    ) throws -> StructuralIngestResult {
        let started = Date()
        guard FileManager.default.fileExists(atPath: url.path) else { throw EntenteError(.fileNotFound, "no such file", file: url.path) }
        let firstLine = try StructuralFormat.firstLine(of: url)
        guard let format = format ?? StructuralFormat.detect(url: url, firstLine: firstLine) else {
            throw EntenteError(
                .unknownFormat,
                "not a structural file (ATOP, UN votes, roll calls or issues, ideal points, SIPRI TIV-Export-*.csv, COW MIDs)",
                file: url.path, line: 1)
        }
        let part = format == .ungaVotes ? StructuralFormat.ungaPart(firstLine: firstLine) : nil
        var result = StructuralIngestResult(
            file: url.path, format: format, part: part, alreadyIngested: false, rowsRead: 0, kept: 0, replaced: 0, duplicates: 0,
            dropped: 0, rejected: 0, belowHalf: format == .sipriTIV ? 0 : nil, issues: [], seconds: 0)
        let sha: String
        do {
            sha = try EventFileReader.sha256(of: url)
        } catch let error as EntenteError {
            throw error
        } catch {
            throw EntenteError(.unreadableFile, "cannot read file", file: url.path, underlying: "\(error)")
        }
        let previous = try read { db in try String.fetchOne(db, sql: "SELECT path FROM ingest_file WHERE sha256 = ?", arguments: [sha]) }
        if let previous {
            result.alreadyIngested = true
            result.message = "same content as \(previous), ingested before: nothing added"
            result.seconds = Date().timeIntervalSince(started)
            return result
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber)?.int64Value ?? 0
        let maps = try StructuralMappings.shipped()
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO ingest_file
                        (path, name, size, sha256, format, rows_read, kept, duplicates, skipped, rejected, ingested_at, seconds)
                    VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, '', 0)
                    """,
                arguments: [url.path, url.lastPathComponent, size, sha, format.rawValue])
            let fileID = db.lastInsertedRowID
            var writer = StructuralWriter(db: db, fileID: fileID, replace: replace)
            var tally = IssueTally()
            let info = try StructuralReader.read(
                url, format: format, mappings: maps,
                onRecord: { record, line in
                    let outcome = try writer.insert(record)
                    if case .duplicate = outcome {
                    } else if case .tiv(_, _, _, _, true) = record {
                        result.belowHalf = (result.belowHalf ?? 0) + 1
                    }
                    switch outcome {
                    case .added: result.kept += 1
                    case .replaced:
                        result.kept += 1
                        result.replaced += 1
                    case .duplicate(let key):
                        result.duplicates += 1
                        let issue = StructuralRowIssue(
                            file: url.lastPathComponent, line: line, reason: .duplicate, value: key,
                            detail: "\(key) is already stored (replace: false)")
                        tally.add(issue)
                        try onIssue(issue)
                    }
                    if (result.kept + result.duplicates) % 100_000 == 0 { progress(result.kept + result.duplicates) }
                },
                onIssue: { issue in
                    tally.add(issue)
                    try onIssue(issue)
                })
            result.part = info.part
            result.rowsRead = info.rowsRead
            result.firstYear = info.firstYear
            result.lastYear = info.lastYear
            result.source = info.source
            result.issues = tally.issues
            result.dropped = tally.issues.filter { !$0.rejected }.reduce(0) { $0 + $1.count }
            result.rejected = tally.issues.filter { $0.rejected && $0.reason != .duplicate }.reduce(0) { $0 + $1.count }
            result.seconds = Date().timeIntervalSince(started)
            try Self.closeStructuralLog(fileID, result: result, info: info, in: db)
        }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    private static func closeStructuralLog(_ fileID: Int64, result: StructuralIngestResult, info: StructuralFileInfo, in db: Database)
        throws
    {
        try db.execute(
            sql:
                """
                UPDATE ingest_file SET rows_read = ?, kept = ?, duplicates = ?, skipped = ?, rejected = ?, ingested_at = ?, seconds = ?
                WHERE id = ?
                """,
            arguments: [
                result.rowsRead, result.kept, result.duplicates, result.dropped, result.rejected,
                ISO8601DateFormatter().string(from: Date()), result.seconds, fileID,
            ])
        for issue in result.issues {
            let key = issue.reason.rawValue + (issue.value.map { ": \($0)" } ?? "")
            try db.execute(
                sql: "INSERT INTO ingest_issue (file_id, issue, rejected, count, example_lines) VALUES (?, ?, ?, ?, ?)",
                arguments: [fileID, key, issue.rejected, issue.count, issue.lines.map(String.init).joined(separator: ",")])
        }
        let supplier = info.supplierName.flatMap { name in (try? StructuralMappings.shipped())?.sipri(name)?.iso3 }
        try db.execute(
            sql: """
                INSERT INTO structural_file
                    (file_id, format, part, dataset, version, note, supplier, first_year, last_year, kept, below_half)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                fileID, info.format.rawValue, info.part?.rawValue, info.source.dataset, info.source.version, info.source.note, supplier,
                info.firstYear, info.lastYear, result.kept, result.belowHalf ?? 0,
            ])
    }

    // MARK: - Queries

    /// The structural layers of the pair A–B in one year, oriented as asked (A→B is the first
    /// argument, whatever the storage order); `nil` when no layer covers the year.
    ///
    /// - Throws: ``EntenteError`` `unknown-country` for a code that is not a state's ISO3 code,
    ///   `invalid-argument` when A = B; `store-failure`.
    /// - Complexity: a few indexed lookups; O(r) in the roll calls of the year.
    public func structure(a: String, b: String, year: Int) throws -> DyadStructure? {
        try structure(a: a, b: b, from: year, to: year).first
    }

    /// The structural layers of the pair A–B for each year from `from` to `to` that some layer
    /// covers, oriented as asked.
    ///
    /// - Throws: as ``structure(a:b:year:)``, and `invalid-argument` when `from > to`.
    /// - Complexity: one indexed range query per layer; O(r + y) in the roll calls and years.
    public func structure(a: String, b: String, from: Int, to: Int) throws -> [DyadStructure] {
        guard from <= to else { throw EntenteError(.invalidArgument, "the first year \(from) is after the last \(to)") }
        let a = try Self.stateCode(a), b = try Self.stateCode(b)
        guard a != b else { throw EntenteError(.invalidArgument, "a dyad needs two different states (\(a) given twice)") }
        let evidence = try read { db in try Self.loadEvidence(db, a: a, b: b, from: from, to: to) }
        return evidence.structures(from: from, to: to)
    }

    /// The raw structural evidence on the pair over a year range (what ``structure(a:b:from:to:)``
    /// assembles), for analyses that want the votes or series themselves.
    ///
    /// - Complexity: as ``structure(a:b:from:to:)``.
    public func structuralEvidence(a: String, b: String, from: Int, to: Int) throws -> StructuralEvidence {
        let a = try Self.stateCode(a), b = try Self.stateCode(b)
        return try read { db in try Self.loadEvidence(db, a: a, b: b, from: from, to: to) }
    }

    /// Per structural layer: files ingested, rows stored, first and last year covered.
    ///
    /// - Complexity: one count per layer table.
    public func structuralLayers() throws -> [StructuralLayerStatus] {
        try read { db in
            var out: [StructuralLayerStatus] = []
            for format in StructuralFormat.allCases {
                let files = try Row.fetchOne(
                    db, sql: "SELECT COUNT(*) AS n, MIN(first_year) AS lo, MAX(last_year) AS hi FROM structural_file WHERE format = ?",
                    arguments: [format.rawValue])
                var status = StructuralLayerStatus(
                    layer: format, files: files?["n"] ?? 0, rows: 0, firstYear: files?["lo"], lastYear: files?["hi"], parts: nil)
                switch format {
                case .atop: status.rows = try Self.count(db, "atop_obligation")
                case .ungaIdealPoints: status.rows = try Self.count(db, "unga_ideal_point")
                case .sipriTIV: status.rows = try Self.count(db, "sipri_tiv")
                case .cowMID: status.rows = try Self.count(db, "cow_mid")
                case .ungaVotes:
                    status.rows = try Self.count(db, "unga_vote")
                    status.parts = [
                        StructuralFormat.UNGAPart.votes.rawValue: status.rows,
                        StructuralFormat.UNGAPart.rollCalls.rawValue: try Self.count(db, "unga_roll_call"),
                        StructuralFormat.UNGAPart.issues.rawValue: try Self.count(db, "unga_issue"),
                    ]
                }
                out.append(status)
            }
            return out
        }
    }

    private static func count(_ db: Database, _ table: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
    }

    static func stateCode(_ code: String) throws -> String {
        guard let country = Country.iso3(code.trimmingCharacters(in: .whitespaces)), country.isStateLike else {
            throw EntenteError(.unknownCountry, "'\(code)' is not the ISO3 code of a state")
        }
        return country.code
    }

    /// The coverage and citation of a layer (or of one UN votes file kind), from its files.
    /// `nil` when no file of the layer is stored, or (with `requireYears`) none of them covers a year.
    private static func coverage(
        _ db: Database, format: StructuralFormat, part: StructuralFormat.UNGAPart? = nil, suppliers: [String]? = nil,
        requireYears: Bool = true
    ) throws -> StructuralEvidence.Coverage? {
        var sql = """
            SELECT s.dataset, s.version, s.note, MIN(s.first_year) AS lo, MAX(s.last_year) AS hi, COUNT(*) AS n
            FROM structural_file s WHERE s.format = ?
            """
        var args: [(any DatabaseValueConvertible)?] = [format.rawValue]
        if let part {
            sql += " AND s.part = ?"
            args.append(part.rawValue)
        }
        guard let row = try Row.fetchOne(db, sql: sql, arguments: StatementArguments(args)), (row["n"] as Int? ?? 0) > 0 else { return nil }
        var nameSQL = "SELECT f.name FROM structural_file s JOIN ingest_file f ON f.id = s.file_id WHERE s.format = ?"
        var nameArgs: [(any DatabaseValueConvertible)?] = [format.rawValue]
        if let suppliers {
            nameSQL += " AND s.supplier IN (\(suppliers.map { _ in "?" }.joined(separator: ",")))"
            nameArgs += suppliers.map { $0 as (any DatabaseValueConvertible)? }
        }
        let names = try String.fetchAll(db, sql: nameSQL + " ORDER BY f.name", arguments: StatementArguments(nameArgs))
        let source = StructuralSource(
            dataset: row["dataset"], version: row["version"], file: names.joined(separator: ", "), note: row["note"])
        let lo: Int? = row["lo"], hi: Int? = row["hi"]
        if requireYears && (lo == nil || hi == nil) { return nil }
        return StructuralEvidence.Coverage(firstYear: lo ?? Int.min / 2, lastYear: hi ?? Int.max / 2, source: source)
    }

    static func loadEvidence(_ db: Database, a: String, b: String, from: Int, to: Int) throws -> StructuralEvidence {
        var e = StructuralEvidence(a: a, b: b)
        let pairArgs: [any DatabaseValueConvertible] = [a, b, b, a]

        // ATOP: the range, or its last year when the range runs past it (carried forward).
        if let atop = try coverage(db, format: .atop) {
            e.atop = atop
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT a, year, defense, offense, neutral, nonagg, consul FROM atop_obligation
                    WHERE ((a = ? AND b = ?) OR (a = ? AND b = ?)) AND year BETWEEN ? AND ?
                    """,
                arguments: StatementArguments(pairArgs + [min(from, atop.lastYear), min(to, atop.lastYear)]))
            while let row = try rows.next() {
                let flags = ATOPFlags(
                    defense: row["defense"], offense: row["offense"], neutral: row["neutral"], nonaggression: row["nonagg"],
                    consultation: row["consul"])
                if (row["a"] as String) == a { e.atopAToB[row["year"]] = flags } else { e.atopBToA[row["year"]] = flags }
            }
        }

        // UN votes: the roll calls dated in the range, both states' votes, and issue tags.
        if let votes = try coverage(db, format: .ungaVotes, part: .votes, requireYears: false) {
            let all = try coverage(db, format: .ungaVotes, requireYears: false)
            var source = votes.source
            source.file = all?.source.file ?? source.file
            e.votesSource = source
            e.rollCallYears = Set(
                try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM unga_roll_call WHERE year BETWEEN ? AND ?", arguments: [from, to]))
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.year, r.rcid, va.vote AS va, vb.vote AS vb FROM unga_roll_call r
                    JOIN unga_vote va ON va.country = ? AND va.rcid = r.rcid
                    JOIN unga_vote vb ON vb.country = ? AND vb.rcid = r.rcid
                    WHERE r.year BETWEEN ? AND ? ORDER BY r.rcid
                    """,
                arguments: [a, b, from, to])
            while let row = try rows.next() {
                guard let va = UNGAVote(rawValue: row["va"]), let vb = UNGAVote(rawValue: row["vb"]) else { continue }
                e.jointVotes.append(StructuralEvidence.JointVote(year: row["year"], rcid: row["rcid"], a: va, b: vb))
            }
            let tags = try Row.fetchCursor(
                db,
                sql: "SELECT i.rcid, i.tag FROM unga_issue i JOIN unga_roll_call r ON r.rcid = i.rcid WHERE r.year BETWEEN ? AND ?",
                arguments: [from, to])
            while let row = try tags.next() { e.issues[row["rcid"], default: []].append(row["tag"]) }
        }

        // Ideal points.
        if let ideal = try coverage(db, format: .ungaIdealPoints) {
            e.idealPointSource = ideal.source
            let rows = try Row.fetchCursor(
                db, sql: "SELECT country, year, value FROM unga_ideal_point WHERE country IN (?, ?) AND year BETWEEN ? AND ?",
                arguments: [a, b, from, to])
            while let row = try rows.next() {
                if (row["country"] as String) == a {
                    e.idealPointsA[row["year"]] = row["value"]
                } else {
                    e.idealPointsB[row["year"]] = row["value"]
                }
            }
        }

        // SIPRI: the range and the four years before it, for the five-year sums.
        if var arms = try coverage(db, format: .sipriTIV) {
            let files = try coverage(db, format: .sipriTIV, suppliers: [a, b], requireYears: false)?.source.file ?? ""
            arms.source.file = files.isEmpty ? "no supplier table of \(a) or \(b): no deliveries recorded" : files
            e.arms = arms
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT supplier, year, tiv, below_half FROM sipri_tiv
                    WHERE ((supplier = ? AND recipient = ?) OR (supplier = ? AND recipient = ?)) AND year BETWEEN ? AND ?
                    """,
                arguments: StatementArguments(pairArgs + [from - 4, to]))
            while let row = try rows.next() {
                let tiv = StructuralEvidence.TIV(row["tiv"], belowHalf: row["below_half"])
                if (row["supplier"] as String) == a { e.tivAToB[row["year"]] = tiv } else { e.tivBToA[row["year"]] = tiv }
            }
        }

        // MIDs: rows stored A→B as they are; rows stored only B→A turned round.
        if let mids = try coverage(db, format: .cowMID) {
            e.mids = mids
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT a, year, dispnum, hiact_a, hiact_b, hostlev_a, hostlev_b FROM cow_mid
                    WHERE ((a = ? AND b = ?) OR (a = ? AND b = ?)) AND year BETWEEN ? AND ? ORDER BY a = ? DESC
                    """,
                arguments: StatementArguments(pairArgs + [from, to, a]))
            var seen = Set<[Int]>()
            while let row = try rows.next() {
                let year: Int = row["year"], dispnum: Int = row["dispnum"]
                guard seen.insert([year, dispnum]).inserted else { continue }
                let sides = DisputeSides(
                    dispnum: dispnum, hiactA: row["hiact_a"], hiactB: row["hiact_b"], hostlevA: row["hostlev_a"], hostlevB: row["hostlev_b"]
                )
                e.disputes[year, default: []].append((row["a"] as String) == a ? sides : sides.reversed)
            }
        }
        return e
    }
}

/// Counts issues by reason (and value, for codes and names), keeping a few lines and values.
struct IssueTally {
    private var byKey: [String: StructuralIngestResult.Issue] = [:]

    /// Reasons whose values are few and worth counting one by one.
    static func groupsByValue(_ reason: StructuralIssueReason) -> Bool {
        switch reason {
        case .unknownCountryCode, .unknownCountryName, .noISO3, .nonState, .unknownVote, .absent: true
        default: false
        }
    }

    mutating func add(_ issue: StructuralRowIssue) {
        let byValue = Self.groupsByValue(issue.reason)
        let key = issue.reason.rawValue + (byValue ? "\u{1F}" + (issue.value ?? "") : "")
        var entry =
            byKey[key]
            ?? StructuralIngestResult.Issue(
                reason: issue.reason, value: byValue ? issue.value : nil, rejected: issue.reason.isRejection, count: 0, lines: [],
                examples: byValue ? nil : [])
        entry.count += 1
        if entry.lines.count < 3 { entry.lines.append(issue.line) }
        if !byValue, let value = issue.value, (entry.examples?.count ?? 0) < 3 { entry.examples?.append(value) }
        byKey[key] = entry
    }

    /// By reason, then most frequent value first.
    var issues: [StructuralIngestResult.Issue] {
        byKey.values.sorted { ($0.reason, -$0.count, $0.value ?? "") < ($1.reason, -$1.count, $1.value ?? "") }
    }
}

/// Inserts structural records through prepared statements, one per table; a key already stored
/// is left alone (a duplicate) or, with `replace`, overwritten.
struct StructuralWriter {
    enum Outcome {
        case added
        case replaced
        case duplicate(String)
    }

    /// The tables written, each with its insert (ignoring a stored key) and its update by key;
    /// both take the same arguments, in the insert's order.
    enum Table: Int, CaseIterable {
        case atop, vote, rollCall, issue, idealPoint, tiv, dispute

        var sql: (insert: String, update: String) {
            switch self {
            case .atop:
                (
                    """
                    INSERT INTO atop_obligation (a, b, year, defense, offense, neutral, nonagg, consul, file_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """,
                    """
                    UPDATE atop_obligation SET defense = ?4, offense = ?5, neutral = ?6, nonagg = ?7, consul = ?8, file_id = ?9
                    WHERE a = ?1 AND b = ?2 AND year = ?3
                    """
                )
            case .vote:
                (
                    "INSERT INTO unga_vote (country, rcid, vote, file_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    "UPDATE unga_vote SET vote = ?3, file_id = ?4 WHERE country = ?1 AND rcid = ?2"
                )
            case .rollCall:
                (
                    """
                    INSERT INTO unga_roll_call (rcid, year, date, session, important, file_id) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                    "UPDATE unga_roll_call SET year = ?2, date = ?3, session = ?4, important = ?5, file_id = ?6 WHERE rcid = ?1"
                )
            case .issue:
                (
                    "INSERT INTO unga_issue (rcid, tag, file_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    "UPDATE unga_issue SET file_id = ?3 WHERE rcid = ?1 AND tag = ?2"
                )
            case .idealPoint:
                (
                    "INSERT INTO unga_ideal_point (country, year, value, file_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    "UPDATE unga_ideal_point SET value = ?3, file_id = ?4 WHERE country = ?1 AND year = ?2"
                )
            case .tiv:
                (
                    """
                    INSERT INTO sipri_tiv (supplier, recipient, year, tiv, below_half, file_id) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                    "UPDATE sipri_tiv SET tiv = ?4, below_half = ?5, file_id = ?6 WHERE supplier = ?1 AND recipient = ?2 AND year = ?3"
                )
            case .dispute:
                (
                    """
                    INSERT INTO cow_mid (a, b, year, dispnum, hiact_a, hiact_b, hostlev_a, hostlev_b, file_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """,
                    """
                    UPDATE cow_mid SET hiact_a = ?5, hiact_b = ?6, hostlev_a = ?7, hostlev_b = ?8, file_id = ?9
                    WHERE a = ?1 AND b = ?2 AND year = ?3 AND dispnum = ?4
                    """
                )
            }
        }
    }

    let replace: Bool
    let fileID: Int64
    let db: Database
    private var statements: [(insert: Statement, update: Statement)?] = Array(repeating: nil, count: Table.allCases.count)

    init(db: Database, fileID: Int64, replace: Bool) {
        self.db = db
        self.fileID = fileID
        self.replace = replace
    }

    /// Stores one record.
    ///
    /// - Complexity: O(log s) in the table's rows.
    mutating func insert(_ record: StructuralRecord) throws -> Outcome {
        let table: Table
        let args: StatementArguments
        switch record {
        case .alliance(let a, let b, let year, let f):
            table = .atop
            args = [a, b, year, f.defense, f.offense, f.neutral, f.nonaggression, f.consultation, fileID]
        case .vote(let rcid, let country, let vote):
            table = .vote
            args = [country, rcid, vote.rawValue, fileID]
        case .rollCall(let rcid, let date, let session, let important):
            table = .rollCall
            args = [rcid, date / 10_000, date, session, important, fileID]
        case .issue(let rcid, let tag):
            table = .issue
            args = [rcid, tag, fileID]
        case .idealPoint(let country, let year, let value):
            table = .idealPoint
            args = [country, year, value, fileID]
        case .tiv(let supplier, let recipient, let year, let value, let belowHalf):
            table = .tiv
            args = [supplier, recipient, year, value, belowHalf, fileID]
        case .dispute(let a, let b, let year, let s):
            table = .dispute
            args = [a, b, year, s.dispnum, s.hiactA, s.hiactB, s.hostlevA, s.hostlevB, fileID]
        }
        let pair = try statements(table)
        pair.insert.setUncheckedArguments(args)
        try pair.insert.execute()
        if db.changesCount > 0 { return .added }
        guard replace else { return .duplicate(Self.key(record)) }
        pair.update.setUncheckedArguments(args)
        try pair.update.execute()
        return .replaced
    }

    /// The record's key as reported for a duplicate.
    static func key(_ record: StructuralRecord) -> String {
        switch record {
        case .alliance(let a, let b, let year, _): "\(a)→\(b) \(year)"
        case .vote(let rcid, let country, _): "\(country) rcid \(rcid)"
        case .rollCall(let rcid, _, _, _): "rcid \(rcid)"
        case .issue(let rcid, let tag): "rcid \(rcid) \(tag)"
        case .idealPoint(let country, let year, _): "\(country) \(year)"
        case .tiv(let supplier, let recipient, let year, _, _): "\(supplier)→\(recipient) \(year)"
        case .dispute(let a, let b, let year, let s): "\(a)→\(b) \(year) dispute \(s.dispnum)"
        }
    }

    private mutating func statements(_ table: Table) throws -> (insert: Statement, update: Statement) {
        if let pair = statements[table.rawValue] { return pair }
        let sql = table.sql
        let pair = (insert: try db.makeStatement(sql: sql.insert), update: try db.makeStatement(sql: sql.update))
        statements[table.rawValue] = pair
        return pair
    }
}
