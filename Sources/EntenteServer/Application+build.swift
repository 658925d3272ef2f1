import Foundation
public import Hummingbird
public import Logging
import ServiceLifecycle

/// The application `entente serve` runs: the router over one ``EntenteAPI``, bound to the
/// configured address, with a service that shuts the service thread pool down gracefully.
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.port = 8080
/// let app = try buildApplication(configuration, logger: Logger(label: "entente.server"))
/// try await app.runService()   // until SIGINT or SIGTERM
/// ```
///
/// - Throws: ``ServerConfigurationError`` for an unreadable token file or a missing OpenAPI document.
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let api = try EntenteAPI(configuration: configuration, logger: logger)
    StoreWatcher.prime(api)
    let router = try buildRouter(api)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: [StoreWatcher(api: api), ThreadPoolService(runner: api.runner)],
        logger: logger)
}

/// The routes: `/health`, `/openapi.json`, `/metrics`, the pages (`/`), and `/api/v1/…`.
func buildRouter(_ api: EntenteAPI) throws -> Router<BasicRequestContext> {
    let document = try OpenAPIDocument.load()
    let router = Router(context: BasicRequestContext.self, options: [.autoGenerateHeadEndpoints])
    router.add(middleware: APIMiddleware(api: api, corsOrigins: Set(api.configuration.corsOrigins)))
    router.get("/health") { _, _ in
        try EntenteAPI.jsonResponse(["status": "ok"])
    }
    router.get("/openapi.json") { _, _ in
        var headers: HTTPFields = [:]
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }
    router.get("/metrics") { _, _ in
        var headers: HTTPFields = [:]
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: api.metrics.text)))
    }
    api.addPageRoutes(to: router)
    let v1 = router.group("api/v1")
    api.addQueryRoutes(to: v1)
    api.addWriteRoutes(to: v1)
    return router
}

/// The OpenAPI 3.1 document, hand-written (see Guides/Server.md for why), shipped as a resource.
enum OpenAPIDocument {
    static func load() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            throw ServerConfigurationError("the OpenAPI document (openapi.json) was not found next to the executable")
        }
        return Array(data)
    }
}

/// Keeps the service thread pool for the application's lifetime and shuts it down on graceful
/// shutdown (SIGINT/SIGTERM), after the server has stopped taking requests.
struct ThreadPoolService: Service {
    let runner: ServiceRunner

    func run() async throws {
        try? await gracefulShutdown()
        await runner.shutdown()
    }
}
