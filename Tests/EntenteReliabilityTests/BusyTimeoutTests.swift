import EntenteCore
import EntenteStore
import EntenteTestSupport
import Foundation
import Testing

/// A second writer waits for the first (busy timeout) instead of failing with "database is locked".
@Suite(.serialized, .timeLimit(.minutes(2))) struct BusyTimeoutTests {
    @Test func theTimeoutComesFromTheEnvironment() {
        #expect(EventStore.busyTimeout([:]) == 60)
        #expect(EventStore.busyTimeout(["ENTENTE_BUSY_TIMEOUT": "2.5"]) == 2.5)
        #expect(EventStore.busyTimeout(["ENTENTE_BUSY_TIMEOUT": "-1"]) == 60)
        #expect(EventStore.busyTimeout(["ENTENTE_BUSY_TIMEOUT": "soon"]) == 60)
    }

    /// Another process holds the write lock for 2 s: an ingest with the default wait succeeds
    /// once it is released (and so took at least most of those 2 s); one allowed 0.2 s fails with
    /// "database is locked", after waiting.
    @Test func aSecondWriterWaitsForTheFirst() throws {
        let folder = TemporaryFolder()
        let path = folder.url.appendingPathComponent("entente.sqlite").path
        _ = try EventStore(path: path)  // created and migrated
        let file = try folder.write("one.export.CSV", lines: [GDELTRow(id: 1).line, GDELTRow(id: 2).line])

        let holder = try LockHolder(database: path, seconds: 2)
        let started = Date()
        let result = try EventStore(path: path).ingest(file)
        let waited = Date().timeIntervalSince(started)
        holder.wait()
        #expect(result.status == .ingested, "\(result.message ?? "")")
        #expect(result.added == 2)
        #expect(waited > 1.0, "the ingest must have waited for the lock")

        let second = try folder.write("two.export.CSV", lines: [GDELTRow(id: 3).line])
        let impatient = try EventStore(path: path, busyTimeout: 0.2)
        let holder2 = try LockHolder(database: path, seconds: 3)
        let before = Date()
        do {
            _ = try impatient.ingest(second)
            Issue.record("with a 0.2 s timeout the ingest must fail while the lock is held for 3 s")
        } catch let error as EntenteError {
            #expect(error.code == .storeFailure)
            #expect("\(error)".contains("locked"))
            #expect(Date().timeIntervalSince(before) >= 0.15)
        }
        holder2.wait()
    }
}
