import EntenteServices
import Foundation
public import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the server until SIGINT or SIGTERM (graceful shutdown through swift-service-lifecycle),
/// logging requests to standard error.
public enum EntenteServer {
    /// Bootstraps logging to standard error, builds the application and runs it.
    ///
    /// - Throws: ``ServerConfigurationError`` for an unusable configuration; the bind error when
    ///   the address is taken.
    public static func serve(_ configuration: ServerConfiguration) async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let logger = Logger(label: "entente.server")
        // Migrations run now, not inside the first request, with a copy of the previous file kept.
        let workspace = Workspace(home: configuration.home, environment: configuration.environment)
        if let note = try workspace.migrateStoreKeepingBackup() { logger.notice("\(note)") }
        let app = try buildApplication(configuration, logger: logger)
        let writes = configuration.tokenFile == nil ? "writes disabled (no --token-file)" : "writes need the bearer token"
        logger.notice("entente serve: http://\(configuration.host):\(configuration.port) — \(writes); API at /openapi.json")
        try await app.runService()
    }
}
