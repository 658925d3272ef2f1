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
        return migrator
    }
}
