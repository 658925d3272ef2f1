public import EntenteCore
import GRDB

extension EventStore {
    /// The migration that adds pair-day counts to the dyad series: cooperative and conflictual
    /// days per pair-month, per state-month and over all pairs, and the observed days per month
    /// (days present anywhere in a series; an absent day is a coverage gap, not a zero).
    static func registerSeriesDayCounts(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-series-day-counts") { db in
            try db.execute(
                sql: """
                    ALTER TABLE series_month ADD COLUMN positive_days INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE series_month ADD COLUMN negative_days INTEGER NOT NULL DEFAULT 0;
                    CREATE TABLE series_state_days (
                        state TEXT NOT NULL, month INTEGER NOT NULL,
                        positive_days INTEGER NOT NULL, negative_days INTEGER NOT NULL,
                        PRIMARY KEY (state, month)
                    ) WITHOUT ROWID;
                    CREATE TABLE series_all_days (
                        month INTEGER PRIMARY KEY, positive_days INTEGER NOT NULL, negative_days INTEGER NOT NULL
                    );
                    CREATE TABLE series_observed_day (day INTEGER PRIMARY KEY);
                    UPDATE series_month SET
                        positive_days = (SELECT COUNT(*) FROM series_day d
                            WHERE d.a = series_month.a AND d.b = series_month.b AND d.day BETWEEN series_month.month * 100 AND series_month.month * 100 + 99 AND d.value > 0),
                        negative_days = (SELECT COUNT(*) FROM series_day d
                            WHERE d.a = series_month.a AND d.b = series_month.b AND d.day BETWEEN series_month.month * 100 AND series_month.month * 100 + 99 AND d.value < 0);
                    INSERT OR IGNORE INTO series_observed_day (day) SELECT DISTINCT day FROM series_day;
                    """)
            try refreshSeriesDayCounts(months: nil, in: db)
        }
    }

    /// Recomputes the state and all-pair day counts of some months (all when `nil`) from the
    /// pair-months (`series_month`), which hold each pair's cooperative and conflictual days.
    ///
    /// - Complexity: O(pair-months in the store).
    static func refreshSeriesDayCounts(months: String?, in db: Database) throws {
        let filter = months.map { "WHERE month IN (\($0))" } ?? ""
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO series_state_days (state, month, positive_days, negative_days)
                SELECT s, m, SUM(p), SUM(n) FROM (
                    SELECT a AS s, month AS m, positive_days AS p, negative_days AS n FROM series_month \(filter)
                    UNION ALL
                    SELECT b AS s, month AS m, positive_days AS p, negative_days AS n FROM series_month \(filter)
                ) GROUP BY s, m;
                INSERT OR REPLACE INTO series_all_days (month, positive_days, negative_days)
                SELECT month, SUM(positive_days), SUM(negative_days) FROM series_month \(filter) GROUP BY month;
                """)
    }

    /// Pair-day counts of A–B, of A and of B with anyone, and of all pairs, over a month range:
    /// the inputs of the judgement's hostility relative to expectation.
    ///
    /// - Complexity: O(months in the range) through the primary keys.
    public func pairDayCounts(_ a: String, _ b: String, from: Month, to: Month) throws -> PairDayCounts {
        let pair = Dyad.unordered(a, b)
        let range: [any DatabaseValueConvertible] = [Int(from.rawValue), Int(to.rawValue)]
        return try read { db in
            var c = PairDayCounts()
            if let row = try Row.fetchOne(
                db,
                sql:
                    "SELECT SUM(positive_days) AS p, SUM(negative_days) AS n FROM series_month WHERE a = ? AND b = ? AND month BETWEEN ? AND ?",
                arguments: StatementArguments([pair.a, pair.b] + range))
            {
                c.pairPositive = row["p"] ?? 0
                c.pairNegative = row["n"] ?? 0
            }
            for (state, set) in [(a, 0), (b, 1)] {
                let row = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT SUM(positive_days) AS p, SUM(negative_days) AS n FROM series_state_days WHERE state = ? AND month BETWEEN ? AND ?",
                    arguments: StatementArguments([state] + range))
                let p: Int = row?["p"] ?? 0, n: Int = row?["n"] ?? 0
                if set == 0 {
                    (c.aPositive, c.aNegative) = (p, n)
                } else {
                    (c.bPositive, c.bNegative) = (p, n)
                }
            }
            if let row = try Row.fetchOne(
                db,
                sql: "SELECT SUM(positive_days) AS p, SUM(negative_days) AS n FROM series_all_days WHERE month BETWEEN ? AND ?",
                arguments: StatementArguments(range))
            {
                c.allPositive = row["p"] ?? 0
                c.allNegative = row["n"] ?? 0
            }
            c.observedDays =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM series_observed_day WHERE day BETWEEN ? AND ?",
                    arguments: [Int(from.firstDay.rawValue), Int(to.lastDay.rawValue)]) ?? 0
            return c
        }
    }

    /// Whether a state appears in any ingested series.
    public func seriesKnows(_ state: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM series_state_days WHERE state = ?)", arguments: [state]) ?? false
        }
    }
}

extension EventStore {
    /// Whether any structural layer (ATOP, UN votes or ideal points, SIPRI, MIDs) was ingested.
    public func hasStructuralLayers() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM structural_file)") ?? false }
    }

    /// The last year SIPRI transfers cover in the store (`nil` when none were ingested).
    public func lastSIPRIYear() throws -> Int? {
        try read { db in try Int.fetchOne(db, sql: "SELECT MAX(year) FROM sipri_tiv") }
    }
}
