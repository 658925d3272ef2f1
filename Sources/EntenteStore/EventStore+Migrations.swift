import GRDB

extension EventStore {
    /// Schema changes, each a named migration. A shipped migration is never edited: add one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events-and-ingest-log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ingest_file (
                        id INTEGER PRIMARY KEY,
                        path TEXT NOT NULL,
                        name TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        sha256 TEXT NOT NULL UNIQUE,
                        format TEXT NOT NULL,
                        rows_read INTEGER NOT NULL,
                        kept INTEGER NOT NULL,
                        duplicates INTEGER NOT NULL,
                        skipped INTEGER NOT NULL,
                        rejected INTEGER NOT NULL,
                        ingested_at TEXT NOT NULL,
                        seconds REAL NOT NULL
                    );
                    CREATE TABLE ingest_issue (
                        file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE,
                        issue TEXT NOT NULL,
                        rejected INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        example_lines TEXT NOT NULL,
                        PRIMARY KEY (file_id, issue)
                    );
                    CREATE TABLE event (
                        id INTEGER PRIMARY KEY,
                        dataset TEXT NOT NULL,
                        original_id TEXT NOT NULL,
                        file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE,
                        line INTEGER NOT NULL,
                        day INTEGER NOT NULL,
                        month INTEGER NOT NULL,
                        source_iso3 TEXT NOT NULL,
                        source_code TEXT NOT NULL,
                        source_name TEXT NOT NULL,
                        source_role TEXT,
                        target_iso3 TEXT NOT NULL,
                        target_code TEXT NOT NULL,
                        target_name TEXT NOT NULL,
                        target_role TEXT,
                        event_code TEXT NOT NULL,
                        root_code TEXT NOT NULL,
                        quad_class INTEGER NOT NULL,
                        goldstein REAL NOT NULL,
                        is_root INTEGER,
                        mentions INTEGER,
                        sources INTEGER,
                        articles INTEGER,
                        tone REAL,
                        source_url TEXT,
                        publisher TEXT,
                        one_a_day_key TEXT NOT NULL,
                        UNIQUE (dataset, original_id)
                    );
                    CREATE INDEX event_dyad_day ON event (source_iso3, target_iso3, day);
                    CREATE INDEX event_day ON event (day);
                    """)
        }
        migrator.registerMigration("v2-dyad-series") { db in
            try db.execute(
                sql: """
                    CREATE TABLE series_day (
                        a TEXT NOT NULL,
                        b TEXT NOT NULL,
                        day INTEGER NOT NULL,
                        value REAL NOT NULL,
                        directed INTEGER NOT NULL,
                        file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE,
                        PRIMARY KEY (a, b, day, directed)
                    ) WITHOUT ROWID;
                    CREATE TABLE series_month (
                        a TEXT NOT NULL,
                        b TEXT NOT NULL,
                        month INTEGER NOT NULL,
                        days INTEGER NOT NULL,
                        positive REAL NOT NULL,
                        negative REAL NOT NULL,
                        strong_conflict_days INTEGER NOT NULL,
                        PRIMARY KEY (a, b, month)
                    ) WITHOUT ROWID;
                    CREATE INDEX series_month_b ON series_month (b, month);
                    """)
        }
        migrator.registerMigration("v3-structural-layers") { db in
            // Structural dyad-year layers (ATOP, UNGA votes and ideal points, SIPRI TIV, COW MIDs).
            // Countries are ISO3 codes; each row names the ingest_file it came from.
            try db.execute(
                sql: """
                    CREATE TABLE structural_file (
                        file_id INTEGER PRIMARY KEY REFERENCES ingest_file(id) ON DELETE CASCADE,
                        format TEXT NOT NULL,
                        part TEXT,
                        dataset TEXT NOT NULL,
                        version TEXT NOT NULL,
                        note TEXT,
                        supplier TEXT,
                        first_year INTEGER,
                        last_year INTEGER,
                        kept INTEGER NOT NULL,
                        below_half INTEGER NOT NULL
                    );
                    CREATE INDEX structural_file_format ON structural_file (format, part);
                    CREATE TABLE atop_obligation (
                        a TEXT NOT NULL,
                        b TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        defense INTEGER NOT NULL,
                        offense INTEGER NOT NULL,
                        neutral INTEGER NOT NULL,
                        nonagg INTEGER NOT NULL,
                        consul INTEGER NOT NULL,
                        file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE,
                        PRIMARY KEY (a, b, year)
                    ) WITHOUT ROWID;
                    CREATE TABLE unga_vote (
                        country TEXT NOT NULL,
                        rcid INTEGER NOT NULL,
                        vote INTEGER NOT NULL,
                        file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE,
                        PRIMARY KEY (country, rcid)
                    ) WITHOUT ROWID;
                    CREATE TABLE unga_roll_call (
                        rcid INTEGER PRIMARY KEY,
                        year INTEGER NOT NULL,
                        date INTEGER NOT NULL,
                        session INTEGER NOT NULL,
                        important INTEGER NOT NULL,
                        file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE
                    );
                    CREATE INDEX unga_roll_call_year ON unga_roll_call (year, rcid);
                    CREATE TABLE unga_issue (
                        rcid INTEGER NOT NULL,
                        tag TEXT NOT NULL,
                        file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE,
                        PRIMARY KEY (rcid, tag)
                    ) WITHOUT ROWID;
                    CREATE TABLE unga_ideal_point (
                        country TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        value REAL NOT NULL,
                        file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE,
                        PRIMARY KEY (country, year)
                    ) WITHOUT ROWID;
                    CREATE TABLE sipri_tiv (
                        supplier TEXT NOT NULL,
                        recipient TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        tiv REAL NOT NULL,
                        below_half INTEGER NOT NULL,
                        file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE,
                        PRIMARY KEY (supplier, recipient, year)
                    ) WITHOUT ROWID;
                    CREATE TABLE cow_mid (
                        a TEXT NOT NULL,
                        b TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        dispnum INTEGER NOT NULL,
                        hiact_a INTEGER NOT NULL,
                        hiact_b INTEGER NOT NULL,
                        hostlev_a INTEGER NOT NULL,
                        hostlev_b INTEGER NOT NULL,
                        file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE,
                        PRIMARY KEY (a, b, year, dispnum)
                    ) WITHOUT ROWID;
                    """)
        }
        registerSeriesDayCounts(&migrator)
        registerCubeLink(&migrator)
        // A state's rows as the first of its pairs, by month: the per-state window sums of every
        // assessment (balances, activity) read a month range instead of every month of the state.
        migrator.registerMigration("v6-series-month-by-first-state") { db in
            try db.execute(sql: "CREATE INDEX series_month_a_month ON series_month(a, month)")
        }
        return migrator
    }
}
