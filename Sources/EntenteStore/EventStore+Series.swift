public import EntenteCore
public import Foundation
import GRDB

extension EventStore {
    /// Ingests a dyad series (`date,a,b,value` with a header; `.gz` accepted): external daily
    /// cooperation/conflict values per pair of states. Undirected pairs are stored with `a < b`.
    /// Same guarantees as event files: one transaction, idempotent by SHA-256, bad rows counted
    /// by reason with their line.
    ///
    /// - Parameter directed: the pairs are directed (A→B); by default undirected.
    public func ingestSeries(
        _ url: URL, directed: Bool = false, onIssue: (RowReport) throws -> Void = { _ in }, progress: (Int) -> Void = { _ in }
    ) throws -> FileIngestResult {
        let started = Date()
        // A series file whose earlier ingest kept nothing is read again; one that kept rows is not
        // (its rows feed the monthly roll-ups).
        var (result, replacing) = try beginIngest(url, force: false)
        guard result.status == .ingested, let sha = result.sha256 else { return result }
        let size = result.size
        do {
            try write { db in
                try Self.remove(replacing, in: db)
                let fileID = try Self.openIngestLog(url, size: size, sha256: sha, in: db)
                let insert = try db.makeStatement(
                    sql: "INSERT OR IGNORE INTO series_day (a, b, day, value, directed, file_id) VALUES (?, ?, ?, ?, ?, ?)")
                var counts = RowCounts()
                var added = 0, duplicates = 0
                var days = Set<Int32>()
                try DyadSeriesReader.read(url) { outcome, line in
                    switch outcome {
                    case .header: break
                    case .row(let a, let b, let day, let value):
                        counts.rowsRead += 1
                        counts.parsed += 1
                        let (x, y) = directed || a < b ? (a, b) : (b, a)
                        try insert.execute(arguments: [x, y, Int(day.rawValue), value, directed, fileID])
                        days.insert(day.rawValue)
                        if db.changesCount > 0 { added += 1 } else { duplicates += 1 }
                        if counts.rowsRead % 100_000 == 0 { progress(counts.rowsRead) }
                    case .issue(let issue, let detail, let raw):
                        counts.rowsRead += 1
                        counts.record(issue, line: line)
                        try onIssue(RowReport(file: url.lastPathComponent, line: line, issue: issue, detail: detail, raw: raw))
                    }
                }
                guard counts.parsed > 0 else { throw EntenteError(.unknownFormat, "no valid date,a,b,value row", file: url.path) }
                // Monthly aggregates, recomputed for the months this file touched.
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO series_month
                            (a, b, month, days, positive, negative, strong_conflict_days, positive_days, negative_days)
                        SELECT a, b, day / 100, COUNT(*), SUM(MAX(value, 0)), SUM(MAX(-value, 0)), SUM(value <= ?), SUM(value > 0), SUM(value < 0)
                        FROM series_day WHERE (a, b, day / 100) IN (SELECT DISTINCT a, b, day / 100 FROM series_day WHERE file_id = ?)
                        GROUP BY a, b, day / 100
                        """, arguments: [DyadSeriesMonth.strongConflict, fileID])
                // Day counts for the judgement, for the months this file touched.
                let observed = try db.makeStatement(sql: "INSERT OR IGNORE INTO series_observed_day (day) VALUES (?)")
                for day in days { try observed.execute(arguments: [Int(day)]) }
                let months = Set(days.map { $0 / 100 }).sorted()
                if !months.isEmpty { try Self.refreshSeriesDayCounts(months: months.map(String.init).joined(separator: ","), in: db) }
                try Self.closeIngestLog(
                    fileID, format: "dyad-series", counts: counts, added: added, duplicates: duplicates, started: started, in: db)
                result.counts = counts
                result.added = added
                result.duplicates = duplicates
            }
        } catch let error as EntenteError where error.code != .storeFailure {
            result.status = .failed
            result.message = error.description
            result.counts = RowCounts()
            result.added = 0
        }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    /// The monthly series of the undirected pair A–B.
    public func seriesMonths(_ a: String, _ b: String, from: Month? = nil, to: Month? = nil) throws -> [DyadSeriesMonth] {
        let (x, y) = a < b ? (a, b) : (b, a)
        return try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM series_month WHERE a = ? AND b = ? AND month >= ? AND month <= ? ORDER BY month",
                arguments: [x, y, Int(from?.rawValue ?? 0), Int(to?.rawValue ?? 999_999)]
            ).map(Self.seriesMonth)
        }
    }

    /// The daily values of the undirected pair A–B.
    public func seriesDays(_ a: String, _ b: String, from: Day? = nil, to: Day? = nil) throws -> [(day: Day, value: Double)] {
        let (x, y) = a < b ? (a, b) : (b, a)
        return try read { db in
            try Row.fetchAll(
                db, sql: "SELECT day, value FROM series_day WHERE a = ? AND b = ? AND day >= ? AND day <= ? ORDER BY day",
                arguments: [x, y, Int(from?.rawValue ?? 0), Int(to?.rawValue ?? 99_999_999)]
            ).map { (try StoredDate.day($0["day"]), $0["value"]) }
        }
    }

    /// Each state's net balance (positive − negative) / (positive + negative) toward every other
    /// state over a month range, from the series: the stance profiles that alignment compares.
    public func seriesBalances(from: Month, to: Month) throws -> [String: [String: Double]] {
        try read { db in
            var out: [String: [String: Double]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT a, b, SUM(positive) AS p, SUM(negative) AS n FROM series_month WHERE month >= ? AND month <= ? GROUP BY a, b",
                arguments: [Int(from.rawValue), Int(to.rawValue)])
            while let row = try rows.next() {
                let p: Double = row["p"], n: Double = row["n"]
                guard p + n > 0 else { continue }
                let balance = DyadSeriesMonth.balance(positive: p, negative: n)
                let a: String = row["a"], b: String = row["b"]
                out[a, default: [:]][b] = balance
                out[b, default: [:]][a] = balance
            }
            return out
        }
    }

    /// The balances of a few states toward every other (the rows that touch them only).
    public func seriesBalances(of states: [String], from: Month, to: Month) throws -> [String: [String: Double]] {
        try read { db in
            var out: [String: [String: Double]] = [:]
            for s in states {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a, b, SUM(positive) AS p, SUM(negative) AS n FROM series_month
                        WHERE (a = ? OR b = ?) AND month >= ? AND month <= ? GROUP BY a, b
                        """, arguments: [s, s, Int(from.rawValue), Int(to.rawValue)])
                for row in rows {
                    let p: Double = row["p"], n: Double = row["n"]
                    guard p + n > 0 else { continue }
                    let a: String = row["a"], b: String = row["b"]
                    out[s, default: [:]][a == s ? b : a] = DyadSeriesMonth.balance(positive: p, negative: n)
                }
            }
            return out
        }
    }

    /// Each state's positive mass toward all others over a month range (a few states only).
    public func seriesActivity(of states: [String], from: Month, to: Month) throws -> [String: Double] {
        try read { db in
            var out: [String: Double] = [:]
            for s in states {
                out[s] =
                    try Double.fetchOne(
                        db, sql: "SELECT COALESCE(SUM(positive), 0) FROM series_month WHERE (a = ? OR b = ?) AND month >= ? AND month <= ?",
                        arguments: [s, s, Int(from.rawValue), Int(to.rawValue)]) ?? 0
            }
            return out
        }
    }

    /// Every pair's monthly series over a month range, keyed by the unordered pair: the bulk
    /// input of `entente evaluate` and the relational analyses.
    ///
    /// - Complexity: O(pair-months in the range).
    public func seriesAllMonths(from: Month, to: Month) throws -> [Dyad: [DyadSeriesMonth]] {
        try read { db in
            var out: [Dyad: [DyadSeriesMonth]] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT * FROM series_month WHERE month >= ? AND month <= ? ORDER BY a, b, month",
                arguments: [Int(from.rawValue), Int(to.rawValue)])
            while let row = try rows.next() {
                let a: String = row["a"], b: String = row["b"]
                out[Dyad(a, b), default: []].append(try Self.seriesMonth(row))
            }
            return out
        }
    }

    /// The first and last months any ingested series covers.
    public func seriesSpan() throws -> (Month, Month)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT MIN(month) AS lo, MAX(month) AS hi FROM series_month"),
                let lo: Int = row["lo"], let hi: Int = row["hi"]
            else { return nil }
            return (try StoredDate.month(lo), try StoredDate.month(hi))
        }
    }

    /// Whether any dyad series has been ingested.
    /// What the stored dyad series covers; `nil` when there is none.
    public func seriesStatus() throws -> SeriesStatus? {
        try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM series_month)") == true else { return nil }
            let files = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT file_id) FROM series_day") ?? 0
            let days = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM series_day") ?? 0
            let pairs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT DISTINCT a, b FROM series_month)") ?? 0
            let row = try Row.fetchOne(db, sql: "SELECT MIN(month) AS lo, MAX(month) AS hi FROM series_month")
            let lo: Int? = row?["lo"], hi: Int? = row?["hi"]
            return SeriesStatus(
                files: files, days: days, pairs: pairs, firstMonth: try lo.map { try StoredDate.month($0) },
                lastMonth: try hi.map { try StoredDate.month($0) })
        }
    }

    public func hasSeries() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM series_month)") ?? false }
    }

    static func seriesMonth(_ row: Row) throws -> DyadSeriesMonth {
        DyadSeriesMonth(
            month: try StoredDate.month(row["month"]), days: row["days"], positive: row["positive"], negative: row["negative"],
            strongConflictDays: row["strong_conflict_days"])
    }
}
