public import EntenteCore
public import EntenteStore
public import Foundation
import Synchronization

/// Everything a use case reads or writes, resolved once: the home folder with its store and
/// cube, and the knowledge-base folders. Every front end (CLI, server) opens one `Workspace`
/// and calls its services; nothing else resolves paths.
///
/// ```swift
/// let workspace = Workspace(home: nil, knowledgeFolders: [])
/// let assessment = try workspace.assess(AssessRequest(a: "RUS", b: "PRK", at: Month("2024-07")))
/// ```
///
/// The library performs no I/O of its own beyond reading and writing these files: warnings go
/// to ``warn``, which the front end decides how to show.
public final class Workspace: Sendable {
    /// The store folder: `--home`, `$ENTENTE_HOME`, or `.entente` in the working directory.
    public let home: String
    /// The user's knowledge-base folders (after the shipped one and `$ENTENTE_KB`).
    public let knowledgeFolders: [String]
    /// Receives non-fatal problems (knowledge-base entries left out, …).
    public let warn: @Sendable (String) -> Void
    private let environment: [String: String]
    private let cache = Mutex<KnowledgeBase?>(nil)
    private let warned = Mutex<Set<String>>([])
    /// Whether reads share one open store (a long-running server) instead of opening it per call.
    private let keepsStoreOpen: Bool
    /// The shared store and the identity (device, inode) of the file it was opened on.
    private let openStoreCache = Mutex<(store: EventStore, device: UInt64, inode: UInt64)?>(nil)

    /// - Parameters:
    ///   - home: the store folder; `nil` for `$ENTENTE_HOME` or `.entente`.
    ///   - knowledgeFolders: extra knowledge-base folders (`--kb`).
    ///   - keepsStoreOpen: share one open store between calls (a server answering many requests);
    ///     it is opened again when the store file is replaced. A command-line call opens it once anyway.
    public init(
        home: String? = nil, knowledgeFolders: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        keepsStoreOpen: Bool = false,
        warn: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.home = home ?? EventStore.defaultHome(environment: environment)
        self.knowledgeFolders = knowledgeFolders
        self.environment = environment
        self.keepsStoreOpen = keepsStoreOpen
        self.warn = warn
    }

    /// Sends a warning through ``warn`` once per workspace (a server or a panel asks many times).
    func warnOnce(_ text: String) {
        if warned.withLock({ $0.insert(text).inserted }) { warn(text) }
    }

    /// The SQLite store file.
    public var storePath: String { (home as NSString).appendingPathComponent(EventStore.fileName) }

    /// The dyad cube file.
    public var cubePath: String { DyadCube.defaultPath(home: home) }

    /// Whether a cube has been built.
    public var hasCube: Bool { FileManager.default.fileExists(atPath: cubePath) }

    /// The store, created if needed (for writes, and for reads that need one).
    ///
    /// - Throws: ``EntenteError`` `store-failure` when it cannot be opened.
    public func openStore() throws -> EventStore {
        try checkStoreFile()
        if let shared = sharedStore() { return shared }
        let store = try EventStore(home: home)
        keep(store)
        return store
    }

    /// The store if one exists; reads that can do without it get `nil` (nothing is created).
    public func existingStore() throws -> EventStore? {
        guard FileManager.default.fileExists(atPath: storePath) else { return nil }
        try checkStoreFile()
        if let shared = sharedStore() { return shared }
        let store = try EventStore(path: storePath)
        keep(store)
        return store
    }

    /// The shared open store, when ``keepsStoreOpen`` and the file is still the one it was opened on.
    private func sharedStore() -> EventStore? {
        guard keepsStoreOpen, let id = Self.fileIdentity(storePath) else { return nil }
        return openStoreCache.withLock { kept in
            guard let kept, kept.device == id.device, kept.inode == id.inode else { return nil }
            return kept.store
        }
    }

    private func keep(_ store: EventStore) {
        guard keepsStoreOpen, let id = Self.fileIdentity(storePath) else { return }
        openStoreCache.withLock { $0 = (store, id.device, id.inode) }
    }

    private static func fileIdentity(_ path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// A store file of 0 bytes beside a cube was truncated or damaged: SQLite would silently treat
    /// it as a new, empty store. (A store being created by another process is 0 bytes for a moment
    /// too, but then there is no cube yet.)
    ///
    /// - Throws: ``EntenteError`` `store-failure` naming the file.
    private func checkStoreFile() throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: storePath)[.size] as? NSNumber)?.int64Value
        if size == 0, hasCube, !FileManager.default.fileExists(atPath: storePath + "-wal") {
            throw EntenteError(
                .storeFailure,
                "the store file is empty (0 bytes): it was truncated or damaged. Restore it from a backup, or remove it "
                    + "(and \((home as NSString).appendingPathComponent("cube"))) to start a new store",
                file: storePath)
        }
    }

    /// The store, which must hold a dyad series.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` naming the command that adds one.
    public func seriesStore() throws -> EventStore {
        guard let store = try existingStore(), try store.hasSeries() else { throw Self.noSeries }
        return store
    }

    static let noSeries = EntenteError(
        .invalidArgument, "no dyad series in the store: ingest one first (entente ingest --format dyad-series FILE)")

    /// The knowledge base: the shipped folder, `$ENTENTE_KB`, then ``knowledgeFolders``, read once.
    /// Invalid entries are left out and reported through ``warn``.
    public func knowledgeBase() throws -> KnowledgeBase {
        if let kb = cache.withLock({ $0 }) { return kb }
        let result = try KnowledgeBase.load(
            folders: KnowledgeBase.defaultFolders(extra: knowledgeFolders, environment: environment))
        if !result.issues.isEmpty {
            var text =
                "warning: \(result.issues.count) knowledge-base problem(s); those entries are left out (run `entente kb check`):\n"
            for issue in result.issues.prefix(5) { text += "  \(issue)\n" }
            warn(text)
        }
        cache.withLock { $0 = result.knowledgeBase }
        return result.knowledgeBase
    }
}

extension Workspace {
    /// Brings an existing store to the current schema before a long-running front end serves it,
    /// keeping a copy of the previous file first (`entente.sqlite.before-<migration>`).
    ///
    /// - Returns: a sentence saying what was done, or `nil` when the store was current or absent.
    /// - Throws: ``EntenteError`` `store-failure` when the backup or the migration fails (the
    ///   store is then left as it was).
    public func migrateStoreKeepingBackup() throws -> String? {
        let pending = try EventStore.pendingMigrations(path: storePath)
        guard let first = pending.first else { return nil }
        let backup = storePath + ".before-" + first
        try EventStore.backUp(path: storePath, to: backup)
        _ = try existingStore()
        return "migrated the store (\(pending.joined(separator: ", "))); the previous file is kept at \(backup)"
    }
}
