import EntenteCore
public import Foundation
import GRDB

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

    /// Opens (creating if needed) a store file, or an in-memory store for `":memory:"`.
    public init(path: String) throws {
        self.path = path
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            if path == ":memory:" {
                writer = try DatabaseQueue(configuration: config)
            } else {
                writer = try DatabasePool(path: path, configuration: config)
            }
            try Self.migrator.migrate(writer)
        } catch {
            throw EntenteError(.storeFailure, "cannot open the event store", file: path, underlying: "\(error)")
        }
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
