import Foundation

/// How `entente serve` runs: where it listens, which store and knowledge base it reads, and the
/// limits that keep one request from starving the others.
public struct ServerConfiguration: Sendable {
    /// The address to bind: loopback unless the operator names another.
    public var host = "127.0.0.1"
    public var port = 8080
    /// The store folder (`nil`: `$ENTENTE_HOME`, or `.entente`).
    public var home: String?
    /// Extra knowledge-base folders read after the shipped one and `$ENTENTE_KB` (the CLI's `--kb`).
    public var knowledgeFolders: [String] = []
    /// Where `POST /api/v1/kb` saves entries (default: `kb` in the store folder); read last.
    public var writableKnowledgeFolder: String?
    /// A file holding the bearer token for writes; without one, writes are disabled (403).
    public var tokenFile: String?
    /// Origins allowed to call the API from a browser (CORS); none by default.
    public var corsOrigins: [String] = []
    /// The longest a query may take before the client gets 503 (its work finishes in the background).
    public var requestTimeout: Duration = .seconds(60)
    /// Threads that run the (synchronous) services.
    public var serviceThreads = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
    /// The most bytes of rendered answers kept in memory, by entity tag (0 disables the cache).
    public var cacheBytes = 64 << 20
    /// The largest upload `POST /api/v1/ingest` accepts.
    public var maxUploadBytes = 1 << 30
    /// The environment the workspace reads (`ENTENTE_HOME`, `ENTENTE_KB`).
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    public init() {}

    /// Whether ``host`` is a loopback address (binding elsewhere earns a warning).
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
