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
                    CREATE TABLE series_pair_days (
                        a TEXT NOT NULL, b TEXT NOT NULL, month INTEGER NOT NULL,
                        positive_days INTEGER NOT NULL, negative_days INTEGER NOT NULL,
                        PRIMARY KEY (a, b, month)
                    ) WITHOUT ROWID;
                    CREATE TABLE series_state_days (
                        state TEXT NOT NULL, month INTEGER NOT NULL,
                        positive_days INTEGER NOT NULL, negative_days INTEGER NOT NULL,
                        PRIMARY KEY (state, month)
                    ) WITHOUT ROWID;
                    CREATE TABLE series_all_days (
                        month INTEGER PRIMARY KEY,
                        positive_days INTEGER NOT NULL, negative_days INTEGER NOT NULL, observed_days INTEGER NOT NULL
                    );
                    """)
            try refreshSeriesDayCounts(months: nil, in: db)
        }
    }

    /// Recomputes the day counts of some months (all when `nil`) from `series_day`.
    ///
    /// - Complexity: O(series days in those months).
    static func refreshSeriesDayCounts(months: String?, in db: Database) throws {
        let filter = months.map { "WHERE day / 100 IN (\($0))" } ?? ""
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO series_pair_days (a, b, month, positive_days, negative_days)
                SELECT a, b, day / 100, SUM(value > 0), SUM(value < 0) FROM series_day \(filter) GROUP BY a, b, day / 100;
                INSERT OR REPLACE INTO series_state_days (state, month, positive_days, negative_days)
                SELECT s, m, SUM(p), SUM(n) FROM (
                    SELECT a AS s, day / 100 AS m, value > 0 AS p, value < 0 AS n FROM series_day \(filter)
                    UNION ALL
                    SELECT b AS s, day / 100 AS m, value > 0 AS p, value < 0 AS n FROM series_day \(filter)
                ) GROUP BY s, m;
                INSERT OR REPLACE INTO series_all_days (month, positive_days, negative_days, observed_days)
                SELECT day / 100, SUM(value > 0), SUM(value < 0), COUNT(DISTINCT day) FROM series_day \(filter) GROUP BY day / 100;
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
                    "SELECT SUM(positive_days) AS p, SUM(negative_days) AS n FROM series_pair_days WHERE a = ? AND b = ? AND month BETWEEN ? AND ?",
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
                sql: """
                    SELECT SUM(positive_days) AS p, SUM(negative_days) AS n, SUM(observed_days) AS o
                    FROM series_all_days WHERE month BETWEEN ? AND ?
                    """, arguments: StatementArguments(range))
            {
                c.allPositive = row["p"] ?? 0
                c.allNegative = row["n"] ?? 0
                c.observedDays = row["o"] ?? 0
            }
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
