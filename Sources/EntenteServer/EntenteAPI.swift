import EntenteCore
import EntenteServices
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// The server's state, shared by every request: one ``Workspace`` (its knowledge base read once),
/// the thread pool the services run on, the gates of the expensive endpoints, the writer lock,
/// the token check, the metrics and the version behind `ETag`s.
///
/// Handlers only parse, call one service and render: the rules live in the services layer.
final class EntenteAPI: Sendable {
    let configuration: ServerConfiguration
    let runner: ServiceRunner
    let metrics = ServerMetrics()
    let authorizer: WriteAuthorizer
    let version: StoreVersion
    let logger: Logger
    /// Rendered answers by entity tag (valid while the tag is current).
    let cache: AnswerCache
    /// Where `POST /api/v1/kb` saves entries.
    let writableKnowledgeFolder: String
    private let current: Mutex<Workspace>
    /// Answers being computed, by entity tag: concurrent identical requests share one computation.
    private let inflight = Mutex<[String: Task<String, any Error>]>([:])

    /// One brief, one counterbalancing (permutation tests) and one scenario at a time, each with a
    /// short queue; heavier analyses (index, changes, drivers, adversaries) two at a time.
    let briefGate = ConcurrencyGate("brief", limit: 1, queue: 2)
    let permutationGate = ConcurrencyGate("counterbalancing", limit: 1, queue: 2)
    let scenarioGate = ConcurrencyGate("scenario", limit: 1, queue: 2)
    let analysisGate = ConcurrencyGate("analysis", limit: 2, queue: 8)
    /// One writer at a time (ingest, knowledge-base entries); a second gets 409.
    let writerGate = ConcurrencyGate("write", limit: 1, queue: 0)

    /// - Throws: ``ServerConfigurationError`` for an unreadable token file.
    init(configuration: ServerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        authorizer = try WriteAuthorizer(tokenFile: configuration.tokenFile)
        cache = AnswerCache(capacity: configuration.cacheBytes)
        runner = ServiceRunner(threads: configuration.serviceThreads, timeout: configuration.requestTimeout)
        let probe = Workspace(home: configuration.home, environment: configuration.environment)
        writableKnowledgeFolder =
            configuration.writableKnowledgeFolder ?? (probe.home as NSString).appendingPathComponent("kb")
        version = StoreVersion(watchedFiles: [probe.storePath, probe.storePath + "-wal"], timedFiles: [probe.cubePath])
        current = Mutex(Self.makeWorkspace(configuration, writable: writableKnowledgeFolder, logger: logger))
    }

    /// A workspace over the configured folders; the writable knowledge-base folder is read last,
    /// when it exists.
    static func makeWorkspace(_ configuration: ServerConfiguration, writable: String, logger: Logger) -> Workspace {
        var folders = configuration.knowledgeFolders
        if FileManager.default.fileExists(atPath: writable) { folders.append(writable) }
        return Workspace(
            home: configuration.home, knowledgeFolders: folders, environment: configuration.environment, keepsStoreOpen: true,
            warn: { text in logger.warning("\(text.trimmingCharacters(in: .whitespacesAndNewlines))") })
    }

    /// The workspace requests read now.
    var workspace: Workspace { current.withLock { $0 } }

    /// Replaces the workspace (after a knowledge-base entry is saved) so that the next requests
    /// read the new knowledge base; requests already running finish on the old one.
    func reloadWorkspace() {
        let next = Self.makeWorkspace(configuration, writable: writableKnowledgeFolder, logger: logger)
        current.withLock { $0 = next }
        version.bump()
    }

    // MARK: Rendering

    /// Answers a GET with the JSON of `answer`, exactly as the CLI prints it with `--format json`,
    /// with an `ETag` (304 when `If-None-Match` matches) and `Cache-Control: no-cache`.
    ///
    /// - Parameters:
    ///   - allowed: the endpoint's query parameters.
    ///   - gate: the concurrency limit of an expensive endpoint.
    ///   - parse: checks the parameters and returns the service call.
    func json<T: Encodable & Sendable>(
        _ request: Request, allowed: Set<String>, gate: ConcurrencyGate? = nil,
        _ parse: (QueryParameters) throws(Problem) -> @Sendable (Workspace) throws -> T
    ) async throws -> Response {
        let query = try QueryParameters(request.uri.query, allowed: allowed)
        let call = try parse(query)
        return try await cached(request, gate: gate, contentType: "application/json; charset=utf-8") { workspace in
            try JSONText.encode(try call(workspace)) + "\n"
        }
    }

    /// Answers a GET with text made on the service pool, with `ETag` and `If-None-Match`.
    func cached(
        _ request: Request, gate: ConcurrencyGate? = nil, contentType: String, extraHeaders: HTTPFields = [:],
        _ render: @escaping @Sendable (Workspace) throws -> String
    ) async throws -> Response {
        let etag = version.etag(for: request.uri.path + "?" + (request.uri.query ?? ""))
        var headers = extraHeaders
        headers[.eTag] = etag
        headers[.cacheControl] = "no-cache"
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        if let hit = cache.get(etag), hit.contentType == contentType {
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: hit.text)))
        }
        let resource = request.uri.path + "?" + (request.uri.query ?? "")
        let task = inflight.withLock { running in
            if let task = running[etag] { return task }
            let workspace = self.workspace
            let task = Task { [runner, cache, version] in
                let text = try await runner.run(gate) { try render(workspace) }
                // Keep the answer only if nothing changed while it was computed.
                if version.etag(for: resource) == etag { cache.put(etag, .init(text: text, contentType: contentType)) }
                return text
            }
            running[etag] = task
            return task
        }
        let text: String
        do {
            text = try await task.value
            inflight.withLock { _ = $0.removeValue(forKey: etag) }
        } catch {
            inflight.withLock { _ = $0.removeValue(forKey: etag) }
            throw error
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Whether an `If-None-Match` value names `etag` (or is `*`).
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { tag in
            let t = tag.trimmingCharacters(in: .whitespaces)
            return t == "*" || t == etag || t == "W/" + etag
        }
    }
}
