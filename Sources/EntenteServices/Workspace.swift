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

    /// - Parameters:
    ///   - home: the store folder; `nil` for `$ENTENTE_HOME` or `.entente`.
    ///   - knowledgeFolders: extra knowledge-base folders (`--kb`).
    public init(
        home: String? = nil, knowledgeFolders: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        warn: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.home = home ?? EventStore.defaultHome(environment: environment)
        self.knowledgeFolders = knowledgeFolders
        self.environment = environment
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
        return try EventStore(home: home)
    }

    /// The store if one exists; reads that can do without it get `nil` (nothing is created).
    public func existingStore() throws -> EventStore? {
        guard FileManager.default.fileExists(atPath: storePath) else { return nil }
        try checkStoreFile()
        return try EventStore(path: storePath)
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
