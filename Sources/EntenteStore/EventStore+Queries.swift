public import EntenteCore
import GRDB

extension EventFilter {
    /// The SQL condition and its arguments.
    var sql: (String, StatementArguments) {
        var clauses: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        if bothDirections && a != b {
            clauses.append("((source_iso3 = ? AND target_iso3 = ?) OR (source_iso3 = ? AND target_iso3 = ?))")
            args += [a, b, b, a]
        } else {
            clauses.append("source_iso3 = ? AND target_iso3 = ?")
            args += [a, b]
        }
        if let from {
            clauses.append("day >= ?")
            args.append(Int(from.firstDay.rawValue))
        }
        if let to {
            clauses.append("day <= ?")
            args.append(Int(to.lastDay.rawValue))
        }
        if let codePrefix {
            clauses.append("substr(event_code, 1, ?) = ?")
            args += [codePrefix.count, codePrefix]
        }
        if let dataset {
            clauses.append("dataset = ?")
            args.append(dataset.rawValue)
        }
        return (clauses.joined(separator: " AND "), StatementArguments(args))
    }
}

extension EventStore {
    /// Events matching a filter, newest first.
    ///
    /// - Parameter limit: at most this many; `nil` for all.
    /// - Complexity: O(log n + k) through the dyad index.
    public func events(_ filter: EventFilter, limit: Int? = nil) throws -> [StoredEvent] {
        let (condition, args) = filter.sql
        var sql = """
            SELECT e.*, f.name AS file_name FROM event e JOIN ingest_file f ON f.id = e.file_id
            WHERE \(condition) ORDER BY day DESC, dataset, CAST(original_id AS INTEGER) DESC, original_id DESC
            """
        if let limit { sql += " LIMIT \(max(0, limit))" }
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: args).map(Self.storedEvent)
        }
    }

    /// How many events match a filter.
    public func count(_ filter: EventFilter) throws -> Int {
        let (condition, args) = filter.sql
        return try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE \(condition)", arguments: args) ?? 0 }
    }

    /// The monthly directed series of a dyad: for each month with events, A→B then B→A.
    ///
    /// - Complexity: O(log n + k) through the dyad index, k the dyad's events.
    public func dyadSeries(_ filter: EventFilter) throws -> [DyadMonth] {
        let (condition, args) = filter.sql
        let sql = """
            SELECT month, source_iso3, target_iso3, COUNT(*) AS n, COUNT(DISTINCT one_a_day_key) AS n1,
                   SUM(goldstein) AS g,
                   SUM(quad_class = 1) AS q1, SUM(quad_class = 2) AS q2, SUM(quad_class = 3) AS q3, SUM(quad_class = 4) AS q4,
                   SUM(COALESCE(articles, 1)) AS articles
            FROM event WHERE \(condition)
            GROUP BY month, source_iso3, target_iso3
            ORDER BY month, source_iso3 = ? DESC
            """
        var allArgs = args
        allArgs += [filter.a]
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: allArgs).map { row in
                let n: Int = row["n"]
                let g: Double = row["g"]
                let q: [Int] = [row["q1"], row["q2"], row["q3"], row["q4"]]
                return DyadMonth(
                    month: try StoredDate.month(row["month"]), source: row["source_iso3"], target: row["target_iso3"],
                    events: n, oneADayEvents: row["n1"], goldsteinSum: g, goldsteinMean: n > 0 ? g / Double(n) : 0,
                    quadClassShares: q.map { n > 0 ? Double($0) / Double(n) : 0 }, articles: row["articles"])
            }
        }
    }

    /// A summary of the store's contents.
    public func status(topDyads: Int = 10) throws -> StoreStatus {
        try read { db in
            let totals = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(day) AS first, MAX(day) AS last FROM event")!
            let files = try Row.fetchOne(
                db,
                sql:
                    "SELECT COUNT(*) AS n, COALESCE(SUM(rows_read),0) AS r, COALESCE(SUM(rejected),0) AS rej, COALESCE(SUM(skipped),0) AS sk FROM ingest_file"
            )!
            let datasets = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.dataset, COUNT(*) AS n, COUNT(DISTINCT e.file_id) AS files, MIN(day) AS first, MAX(day) AS last
                    FROM event e GROUP BY e.dataset ORDER BY e.dataset
                    """
            ).map { row in
                StoreStatus.DatasetCount(
                    dataset: row["dataset"], files: row["files"], events: row["n"],
                    firstDate: (row["first"] as Int?).flatMap { Day(yyyymmdd: $0) },
                    lastDate: (row["last"] as Int?).flatMap { Day(yyyymmdd: $0) })
            }
            let dyads = try Row.fetchAll(
                db,
                sql: """
                    SELECT MIN(source_iso3, target_iso3) AS a, MAX(source_iso3, target_iso3) AS b, COUNT(*) AS n
                    FROM event WHERE source_iso3 <> target_iso3 GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT ?
                    """, arguments: [topDyads]
            ).map { StoreStatus.DyadCount(a: $0["a"], b: $0["b"], events: $0["n"]) }
            return StoreStatus(
                store: path, events: totals["n"], files: files["n"], rowsRead: files["r"], rowsRejected: files["rej"],
                rowsSkipped: files["sk"],
                firstDate: (totals["first"] as Int?).flatMap { Day(yyyymmdd: $0) },
                lastDate: (totals["last"] as Int?).flatMap { Day(yyyymmdd: $0) },
                datasets: datasets, topDyads: dyads)
        }
    }

    private static func storedEvent(_ row: Row) throws -> StoredEvent {
        let code: String = row["event_code"]
        let quad: Int = row["quad_class"]
        let isRoot: Int? = row["is_root"]
        let event = Event(
            dataset: Dataset(rawValue: row["dataset"]) ?? .gdelt2, originalID: row["original_id"],
            date: try StoredDate.day(row["day"]),
            source: EventActor(country: row["source_iso3"], code: row["source_code"], name: row["source_name"], role: row["source_role"]),
            target: EventActor(country: row["target_iso3"], code: row["target_code"], name: row["target_name"], role: row["target_role"]),
            eventCode: code, isRootEvent: isRoot.map { $0 == 1 }, quadClass: QuadClass(rawValue: quad) ?? .verbalCooperation,
            goldstein: row["goldstein"], numMentions: row["mentions"], numSources: row["sources"], numArticles: row["articles"],
            avgTone: row["tone"], sourceURL: row["source_url"], publisher: row["publisher"])
        return StoredEvent(event: event, file: row["file_name"], line: row["line"])
    }
}
