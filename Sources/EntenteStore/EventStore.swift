import EntenteCore
public import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// The embedded event store: one SQLite file (through GRDB) holding normalised events and the
/// log of every file ingested.
///
/// All access goes through this facade, which owns the database writer; it is `Sendable` and
/// can be shared across tasks.
///
/// ```swift
/// let store = try EventStore(home: ".entente")
/// let result = try store.ingest(URL(fileURLWithPath: "20180326044500.export.CSV"))
/// let series = try store.dyadSeries(EventFilter(a: "RUS", b: "PRK"))
/// ```
public final class EventStore: Sendable {
    private let writer: any DatabaseWriter
    /// The database file's path (`:memory:` for an in-memory store).
    public let path: String

    /// The store's file name inside `ENTENTE_HOME`.
    public static let fileName = "entente.sqlite"

    /// Opens (creating if needed) the store in a folder.
    ///
    /// - Throws: ``EntenteError`` `store-failure` when the folder or database cannot be opened.
    public convenience init(home: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        } catch {
            throw EntenteError(.storeFailure, "cannot create the store folder", file: home, underlying: error.localizedDescription)
        }
        try self.init(path: (home as NSString).appendingPathComponent(Self.fileName))
    }

    /// How long a writer waits for another connection's write lock by default: 60 s.
    public static let defaultBusyTimeout: TimeInterval = 60

    /// The wait `environment` asks for: `ENTENTE_BUSY_TIMEOUT` in seconds (0 to 86,400), else
    /// ``defaultBusyTimeout`` (an invalid value too; the CLI reports it as a usage error).
    public static func busyTimeout(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> TimeInterval {
        guard let text = environment["ENTENTE_BUSY_TIMEOUT"], let value = Double(text.trimmingCharacters(in: .whitespaces)),
            value.isFinite, (0...86_400).contains(value)
        else { return defaultBusyTimeout }
        return value
    }

    /// Opens (creating if needed) a store file, or an in-memory store for `":memory:"`.
    ///
    /// While another process (or another `EventStore` on the same file) holds the write lock, a
    /// write waits up to `busyTimeout` seconds for it, then fails with `store-failure` ("database
    /// is locked"), instead of failing at once.
    ///
    /// - Parameter busyTimeout: seconds to wait for a lock (default: ``busyTimeout(_:)``, 60 s).
    public init(path: String, busyTimeout: TimeInterval? = nil) throws {
        self.path = path
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            config.busyMode = .timeout(busyTimeout ?? Self.busyTimeout())
            if path == ":memory:" {
                writer = try DatabaseQueue(configuration: config)
            } else {
                writer = try DatabasePool(path: path, configuration: config)
            }
            try Self.migrate(writer, path: path)
        } catch let error as EntenteError {
            throw error
        } catch {
            throw EntenteError(.storeFailure, "cannot open the event store", file: path, underlying: "\(error)")
        }
    }

    /// Runs the migrations not yet applied. Two processes opening a new store at once would both
    /// see a migration as missing and the second would fail half-way, so the migrations run
    /// holding an exclusive lock on a file beside the store (`entente.sqlite.lock`).
    private static func migrate(_ writer: any DatabaseWriter, path: String) throws {
        if path == ":memory:" { return try migrator.migrate(writer) }
        if try writer.read({ try migrator.hasCompletedMigrations($0) }) { return }
        let lock = open(path + ".lock", O_RDWR | O_CREAT, 0o644)
        guard lock >= 0 else {
            throw EntenteError(
                .storeFailure, "cannot create the store's lock file", file: path + ".lock", underlying: String(cString: strerror(errno)))
        }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(lock, LOCK_UN) }
        try migrator.migrate(writer)
    }

    /// The folder the store lives in: `ENTENTE_HOME`, or `.entente` in the working directory.
    public static func defaultHome(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["ENTENTE_HOME"], !home.isEmpty { return home }
        return ".entente"
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as EntenteError {
            throw error
        } catch {
            throw EntenteError(.storeFailure, "query failed", file: path, underlying: "\(error)")
        }
    }

    /// Runs `body` in an immediate transaction: the store's write lock is taken at once, so
    /// another process's writer waits (busy timeout) until this one commits.
    func exclusive<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as EntenteError {
            throw error
        } catch {
            throw EntenteError(.storeFailure, "write failed", file: path, underlying: "\(error)")
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch let error as EntenteError {
            throw error
        } catch {
            throw EntenteError(.storeFailure, "write failed", file: path, underlying: "\(error)")
        }
    }
}

extension EventStore {
    /// The migrations an existing store file has not had yet (empty for a current or new store),
    /// read without changing the file.
    ///
    /// - Throws: ``EntenteError`` `store-failure` when the file cannot be read as a store.
    public static func pendingMigrations(path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            let applied = try queue.read { try migrator.appliedIdentifiers($0) }
            return migrator.migrations.filter { !applied.contains($0) }
        } catch {
            throw EntenteError(.storeFailure, "cannot read the store's schema version", file: path, underlying: "\(error)")
        }
    }

    /// Copies the store file, consistently (SQLite's online backup), to `destination`.
    ///
    /// - Throws: ``EntenteError`` `store-failure` naming the file that could not be written.
    public static func backUp(path: String, to destination: String) throws {
        do {
            var config = Configuration()
            config.readonly = true
            let source = try DatabaseQueue(path: path, configuration: config)
            defer { try? source.close() }
            let copy = try DatabaseQueue(path: destination)
            defer { try? copy.close() }
            try source.backup(to: copy)
        } catch {
            throw EntenteError(.storeFailure, "cannot back up the store", file: destination, underlying: "\(error)")
        }
    }
}
