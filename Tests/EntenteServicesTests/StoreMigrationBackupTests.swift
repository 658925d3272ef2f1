import EntenteCore
import EntenteServices
import EntenteStore
import EntenteTestSupport
import Foundation
import Testing

/// A long-running front end migrates an older store at start-up, keeping a copy of the file first.
@Suite struct StoreMigrationBackupTests {
    @Test func anOlderStoreIsCopiedThenMigrated() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home").path
        let workspace = Workspace(home: home, environment: [:])
        #expect(try workspace.migrateStoreKeepingBackup() == nil)  // no store: nothing to do
        _ = try workspace.openStore()
        #expect(try workspace.migrateStoreKeepingBackup() == nil)  // current: nothing to do
        // Make it an older store: undo the last migration (its index and its record), as Python's sqlite3 sees it.
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("DROP INDEX series_month_a_month")
            db.execute("DELETE FROM grdb_migrations WHERE identifier = 'v6-series-month-by-first-state'")
            db.commit()
            """
        let undo = try runProcess("/usr/bin/env", ["python3", "-c", script, workspace.storePath])
        try #require(undo.status == 0, "\(undo.stderr)")
        #expect(try EventStore.pendingMigrations(path: workspace.storePath) == ["v6-series-month-by-first-state"])
        let note = try #require(try Workspace(home: home, environment: [:]).migrateStoreKeepingBackup())
        let backup = workspace.storePath + ".before-v6-series-month-by-first-state"
        #expect(note.contains(backup))
        #expect(FileManager.default.fileExists(atPath: backup))
        // The copy is the store as it was (still without v6); the store itself is current.
        #expect(try EventStore.pendingMigrations(path: backup) == ["v6-series-month-by-first-state"])
        #expect(try EventStore.pendingMigrations(path: workspace.storePath).isEmpty)
    }
}
