public import EntenteCore
import Foundation
import GRDB

extension EventStore {
    static func registerCubeLink(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-store-identity") { db in
            try db.execute(
                sql: """
                    CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                    INSERT INTO store_meta (key, value) VALUES ('store_id', ?), ('generation', '0');
                    """, arguments: [UUID().uuidString.lowercased()])
        }
    }

    /// The store's link for a cube in step with it: its identity, generation and highest event
    /// row id.
    public func link() throws -> StoreLink {
        try read { db in try Self.link(db) }
    }

    static func link(_ db: Database) throws -> StoreLink {
        let id = try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'store_id'") ?? ""
        let generation = Int64(try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'generation'") ?? "0") ?? 0
        let watermark = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM event") ?? 0
        return StoreLink(storeID: id, generation: generation, eventWatermark: watermark)
    }

    /// The SHA-256 of every logged file that kept events.
    public func eventFileHashes() throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT sha256 FROM ingest_file WHERE kept > 0")) }
    }

    /// Stored events with a row id above `id`.
    public func eventCount(after id: Int64) throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE id > ?", arguments: [id]) ?? 0 }
    }

    /// Records that events were deleted: cubes of earlier generations must be rebuilt.
    static func bumpGeneration(_ db: Database) throws {
        try db.execute(sql: "UPDATE store_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'")
    }

    /// Runs `body` holding the store's write lock (an immediate transaction, so other processes
    /// wait for it), with the store's link and a function that adds the stored events after a
    /// watermark to a cube. The cube is written inside `body`, so that no other ingest can change
    /// the store or the cube in between.
    ///
    /// - Throws: what `body` throws; the transaction is rolled back (it writes nothing itself).
    public func withCubeLock<T>(_ body: (StoreLink, _ addEvents: (inout DyadCube, Int64) throws -> CubeExtension) throws -> T) throws -> T {
        try exclusive { db in
            let link = try Self.link(db)
            return try body(link) { cube, after in try Self.addEvents(to: &cube, after: after, link: link, in: db) }
        }
    }

    /// The dyad cube computed from every stored event: the reference the cube engine is tested
    /// against (same cells, same values), and what `cube rebuild` writes.
    ///
    /// - Complexity: O(n) in the stored events, streamed through a cursor.
    public func cube() throws -> DyadCube {
        try read { db in
            var cube = DyadCube()
            _ = try Self.addEvents(to: &cube, after: 0, link: try Self.link(db), in: db)
            return cube
        }
    }

    /// The cells of one source (and target, if given) computed from the stored events: what the
    /// analyses read when there is no cube in step with the store.
    public func cubeCells(from a: String, to b: String? = nil) throws -> DyadCube {
        try read { db in
            var cube = DyadCube()
            let filter = b == nil ? "source_iso3 = ?" : "source_iso3 = ? AND target_iso3 = ?"
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(Self.cubeColumns) FROM event WHERE \(filter) ORDER BY id",
                arguments: StatementArguments([a] + (b.map { [$0] } ?? [])))
            while let row = try rows.next() { cube.add(try Self.cubeEvent(row)) }
            return cube
        }
    }

    static let cubeColumns =
        "id, dataset, original_id, day, source_iso3, source_code, target_iso3, target_code, event_code, goldstein, articles, tone"

    static func cubeEvent(_ row: Row) throws -> Event {
        let code: String = row["event_code"]
        return Event(
            dataset: Dataset(rawValue: row["dataset"]) ?? .gdelt2, originalID: row["original_id"],
            date: try StoredDate.day(row["day"]),
            source: EventActor(country: row["source_iso3"], code: row["source_code"], name: ""),
            target: EventActor(country: row["target_iso3"], code: row["target_code"], name: ""),
            eventCode: code, quadClass: CAMEOEventCode.lookup(code)?.quadClass ?? .verbalCooperation,
            goldstein: row["goldstein"], numArticles: row["articles"], avgTone: row["tone"])
    }

    /// Adds the events after `after` (row id) to the cube, in row-id order (the order they were
    /// ingested: the first copy of an event id is the one stored), records their files, and
    /// links the cube to the store.
    static func addEvents(to cube: inout DyadCube, after: Int64, link: StoreLink, in db: Database) throws -> CubeExtension {
        var result = CubeExtension()
        let rows = try Row.fetchCursor(
            db, sql: "SELECT \(cubeColumns) FROM event WHERE id > ? AND id <= ? ORDER BY id", arguments: [after, link.eventWatermark])
        while let row = try rows.next() {
            result.read += 1
            if cube.add(try cubeEvent(row)) { result.added += 1 }
        }
        let files = try String.fetchAll(
            db,
            sql: """
                SELECT sha256 FROM ingest_file WHERE id IN (SELECT DISTINCT file_id FROM event WHERE id > ? AND id <= ?)
                """, arguments: [after, link.eventWatermark])
        for sha in files { cube.record(file: "sha256:" + sha) }
        result.files = files.count
        cube.link(to: link)
        return result
    }
}

/// What adding the store's events to a cube did.
public struct CubeExtension: Sendable, Encodable {
    /// Stored events read.
    public var read = 0
    /// Events added to the cube (the rest were not between two states, or their id was held).
    public var added = 0
    /// Store files whose events were added.
    public var files = 0
}

/// Dates read back from SQLite, checked: a value that is not a real date is a damaged store,
/// reported as such, never a trap.
enum StoredDate {
    static func day(_ value: Int, _ path: String = "") throws -> Day {
        guard let day = Day(yyyymmdd: value) else { throw damaged("day \(value)", path) }
        return day
    }

    static func month(_ value: Int, _ path: String = "") throws -> Month {
        guard let month = Month(yyyymm: value) else { throw damaged("month \(value)", path) }
        return month
    }

    static func damaged(_ what: String, _ path: String) -> EntenteError {
        EntenteError(.storeFailure, "the store holds an impossible \(what): the database is damaged", file: path.isEmpty ? nil : path)
    }
}
